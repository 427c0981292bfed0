/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Capped growable buffers (curl's dynbuf). The cap is the point: a buffer
 * fed from hostile input can never grow past what its owner decided at
 * init time, and hitting the cap is a status, not a crash.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "core_private.h"

void
assay_buf_init(struct assay_buf *b, size_t cap)
{
    b->data = NULL;
    b->len = 0;
    b->alloc = 0;
    b->cap = cap;
}

void
assay_buf_release(struct assay_buf *b)
{
    assay_free(b->data);
    b->data = NULL;
    b->len = 0;
    b->alloc = 0;
}

void
assay_buf_reset(struct assay_buf *b)
{
    b->len = 0;
    if (b->data != NULL)
        b->data[0] = '\0';
}

enum assay_status
assay_buf_append(struct assay_buf *b, const void *p, size_t n)
{
    size_t need, grow;
    char *nd;

    if (n > b->cap || b->len > b->cap - n)
        return ASSAY_E_LIMIT;
    need = b->len + n + 1;
    if (need > b->alloc) {
        grow = b->alloc < 256 ? 256 : b->alloc;
        while (grow < need)
            grow = grow > SIZE_MAX / 2 ? need : grow * 2;
        if (grow > b->cap + 1)
            grow = b->cap + 1;
        nd = assay_realloc(b->data, grow);
        if (nd == NULL)
            return ASSAY_E_NOMEM;
        b->data = nd;
        b->alloc = grow;
    }
    if (n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return ASSAY_OK;
}

enum assay_status
assay_buf_reserve(struct assay_buf *b, size_t n)
{
    size_t need;
    char *nd;

    if (n > b->cap || b->len > b->cap - n)
        return ASSAY_E_LIMIT;
    need = b->len + n + 1;
    if (need <= b->alloc)
        return ASSAY_OK;
    nd = assay_realloc(b->data, need);
    if (nd == NULL)
        return ASSAY_E_NOMEM;
    if (b->data == NULL)
        nd[0] = '\0';
    b->data = nd;
    b->alloc = need;
    return ASSAY_OK;
}

enum assay_status
assay_buf_putc(struct assay_buf *b, char c)
{
    return assay_buf_append(b, &c, 1);
}

enum assay_status
assay_buf_puts(struct assay_buf *b, const char *s)
{
    return assay_buf_append(b, s, strlen(s));
}

enum assay_status
assay_buf_printf(struct assay_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;
    enum assay_status rc;
    char *big;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return ASSAY_E_INTERNAL;
    if ((size_t)n < sizeof(small))
        return assay_buf_append(b, small, (size_t)n);
    big = assay_malloc((size_t)n + 1);
    if (big == NULL)
        return ASSAY_E_NOMEM;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    rc = assay_buf_append(b, big, (size_t)n);
    assay_free(big);
    return rc;
}

char *
assay_buf_detach(struct assay_buf *b, size_t *len)
{
    char *p = b->data;

    if (len != NULL)
        *len = b->len;
    b->data = NULL;
    b->len = 0;
    b->alloc = 0;
    return p;
}
