/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Recording implementation of the ex_emit_* side of the extractor
 * contract for unit tests (see ex_record.h). Tests link it instead of
 * the engine so that one extractor's output can be compared item by item.
 */
#include "assay_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ex_record.h"

struct ex_ctx {
    struct assay_session *s;
    struct ex_record *r;
    const struct ex_input *in;
};

static char *
rec_strdup(const char *p)
{
    size_t n;
    char *d;

    if (p == NULL)
        return NULL;
    n = strlen(p);
    d = malloc(n + 1);
    if (d != NULL)
        memcpy(d, p, n + 1);
    return d;
}

/* Same refusals the engine promises: no absolute paths, no "..". */
static bool
rec_path_ok(const char *p)
{
    const char *c = p;

    if (p == NULL || p[0] == '/' || p[0] == '\0')
        return false;
    while (*c != '\0') {
        size_t n = strcspn(c, "/");

        if ((n == 2 && c[0] == '.' && c[1] == '.') || n == 0)
            return false;
        c += n;
        if (*c == '/')
            c++;
    }
    return true;
}

static enum assay_status
rec_add(struct ex_ctx *c, const struct ex_entry *e, const char *label,
    const uint8_t *data, size_t len)
{
    struct ex_record *r = c->r;
    struct ex_rec_item *it, *n;

    if (e != NULL && !rec_path_ok(e->path)) {
        ex_warn(c, -1, "record: refused path '%s'", e->path ? e->path : "");
        return ASSAY_E_CORRUPT;
    }
    if (r->n > 1000000)
        return ASSAY_E_LIMIT;
    n = realloc(r->items, (r->n + 1) * sizeof(*n));
    if (n == NULL)
        return ASSAY_E_NOMEM;
    r->items = n;
    it = &r->items[r->n++];
    memset(it, 0, sizeof(*it));
    if (e != NULL) {
        it->e = *e;
        it->e.path = rec_strdup(e->path);
        it->e.link = rec_strdup(e->link);
    } else {
        it->is_payload = true;
        it->label = rec_strdup(label);
    }
    if (len > 0) {
        it->data = malloc(len);
        if (it->data == NULL)
            return ASSAY_E_NOMEM;
        memcpy(it->data, data, len);
        it->len = len;
    }
    return ASSAY_OK;
}

enum assay_status
ex_emit_entry(struct ex_ctx *c, const struct ex_entry *e)
{
    return rec_add(c, e, NULL, NULL, 0);
}

enum assay_status
ex_emit_file(
    struct ex_ctx *c, const struct ex_entry *e, const uint8_t *data, size_t len)
{
    return rec_add(c, e, NULL, data, len);
}

enum assay_status
ex_emit_file_buf(
    struct ex_ctx *c, const struct ex_entry *e, struct assay_buf *b)
{
    enum assay_status rc =
        rec_add(c, e, NULL, (const uint8_t *)b->data, b->len);

    assay_buf_release(b);
    return rc;
}

enum assay_status
ex_emit_xattrs(struct ex_ctx *c, const struct ex_xattr *x, size_t n)
{
    struct ex_rec_item *it;

    if (c->r->n == 0)
        return ASSAY_E_INTERNAL;
    it = &c->r->items[c->r->n - 1];
    it->xattr_names = calloc(n + 1, sizeof(char *));
    it->xattr_values = calloc(n + 1, sizeof(uint8_t *));
    it->xattr_lens = calloc(n + 1, sizeof(size_t));
    if (it->xattr_names == NULL || it->xattr_values == NULL ||
        it->xattr_lens == NULL)
        return ASSAY_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        it->xattr_names[i] = rec_strdup(x[i].name);
        it->xattr_values[i] = malloc(x[i].len + 1);
        if (it->xattr_values[i] == NULL)
            return ASSAY_E_NOMEM;
        memcpy(it->xattr_values[i], x[i].value, x[i].len);
        it->xattr_lens[i] = x[i].len;
        it->n_xattrs = i + 1;
    }
    return ASSAY_OK;
}

enum assay_status
ex_emit_payload(
    struct ex_ctx *c, const char *label, const uint8_t *data, size_t len)
{
    return rec_add(c, NULL, label, data, len);
}

enum assay_status
ex_emit_payload_buf(struct ex_ctx *c, const char *label, struct assay_buf *b)
{
    enum assay_status rc =
        rec_add(c, NULL, label, (const uint8_t *)b->data, b->len);

    assay_buf_release(b);
    return rc;
}

void
ex_warn(struct ex_ctx *c, int64_t offset, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    c->r->warnings++;
    assay_diag(
        c->s, ASSAY_DIAG_WARNING, "test", c->in->name, offset, "%s", msg);
}

void
ex_buf_init(struct ex_ctx *c, struct assay_buf *b, size_t in_len)
{
    const struct assay_limits *l = assay_session_limits(c->s);
    uint64_t cap = l->max_file_bytes;
    uint64_t ratio;

    if (assay_mul_ovf(in_len, l->max_ratio, &ratio) ||
        assay_add_ovf(ratio, 1u << 20, &ratio))
        ratio = UINT64_MAX;
    if (ratio < cap)
        cap = ratio;
    assay_buf_init(b, (size_t)cap);
}

void
ex_set_consumed(struct ex_ctx *c, uint64_t len)
{
    c->r->consumed = len;
}

void
ex_release(struct ex_ctx *c, uint64_t off, uint64_t len)
{
    (void)c; /* the harness's input is memory: nothing to give back */
    (void)off;
    (void)len;
}

enum assay_status
ex_ratio_check(struct ex_ctx *c, uint64_t in_used, uint64_t out_len)
{
    const struct assay_limits *l = assay_session_limits(c->s);
    uint64_t max;

    if (assay_mul_ovf(in_used, l->max_ratio, &max) ||
        assay_add_ovf(max, 1u << 20, &max))
        return ASSAY_OK;
    return out_len > max ? ASSAY_E_LIMIT : ASSAY_OK;
}

struct assay_session *
ex_session(struct ex_ctx *c)
{
    return c->s;
}

void
ex_record_run(struct assay_session *s, const struct assay_extractor *ex,
    const uint8_t *data, size_t len, struct ex_record *r)
{
    struct ex_input in = {data, len, 0, "test"};
    struct ex_ctx c = {s, r, &in};

    memset(r, 0, sizeof(*r));
    r->rc = ex->run(&c, &in);
}

const struct ex_rec_item *
ex_record_find(const struct ex_record *r, const char *path)
{
    for (size_t i = 0; i < r->n; i++) {
        const struct ex_rec_item *it = &r->items[i];
        const char *p = it->is_payload ? it->label : it->e.path;

        if (p != NULL && strcmp(p, path) == 0)
            return it;
    }
    return NULL;
}

bool
ex_record_generic_ok(const struct ex_record *r)
{
    static const struct {
        const char *path;
        const char *text;
    } want[] = {
        {"testfile1",
            "test file:\ncontent: MyTestRule 1.2.3\nVersion: Program 0.0.0.0\n"},
        {"testfile2", "This is the second test file"},
        {"generic folder/test file 3_.txt", "The third test file!"}};

    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct ex_rec_item *it = ex_record_find(r, want[i].path);
        size_t n = strlen(want[i].text);

        if (it == NULL || it->e.type != ASSAY_NODE_FILE || it->len != n ||
            memcmp(it->data, want[i].text, n) != 0)
            return false;
    }
    return true;
}

const uint8_t *
ex_record_xattr(const struct ex_rec_item *it, const char *name, size_t *len)
{
    for (size_t i = 0; i < it->n_xattrs; i++) {
        if (strcmp(it->xattr_names[i], name) == 0) {
            *len = it->xattr_lens[i];
            return it->xattr_values[i];
        }
    }
    return NULL;
}

void
ex_record_free(struct ex_record *r)
{
    for (size_t i = 0; i < r->n; i++) {
        struct ex_rec_item *it = &r->items[i];

        free((void *)(uintptr_t)it->e.path);
        free((void *)(uintptr_t)it->e.link);
        free(it->label);
        free(it->data);
        for (size_t k = 0; k < it->n_xattrs; k++) {
            free(it->xattr_names[k]);
            free(it->xattr_values[k]);
        }
        free(it->xattr_names);
        free(it->xattr_values);
        free(it->xattr_lens);
    }
    free(r->items);
    memset(r, 0, sizeof(*r));
}

void
ex_record_mangle(const struct assay_extractor *ex, const uint8_t *orig,
    size_t len, size_t step)
{
    static const uint8_t flips[] = {0xff, 0x80, 0x01, 0x10, 0x5a};
    uint8_t *d = malloc(len + 1);

    if (d == NULL)
        return;
    for (size_t i = 0; i < len; i += step) {
        struct assay_session *s = assay_session_new(NULL);
        struct ex_record r;
        uint64_t blen;

        if (s == NULL)
            break;
        memcpy(d, orig, len);
        d[i] ^= flips[i % sizeof(flips)];
        (void)ex->bid(d, len, &blen);
        ex_record_run(s, ex, d, len, &r);
        ex_record_free(&r);
        ex_record_run(s, ex, orig, i, &r);
        ex_record_free(&r);
        assay_session_free(s);
    }
    free(d);
}

size_t
ex_record_torture(const struct assay_extractor *ex, const uint8_t *data,
    size_t len, size_t max_runs)
{
    struct assay_session *s = assay_session_new(NULL);
    struct ex_record base;
    size_t runs = 0;

    if (s == NULL)
        return 0;
    ex_record_run(s, ex, data, len, &base);
    assay_session_free(s);
    for (uint64_t nth = 1; runs < max_runs; nth++) {
        struct ex_record r;
        bool same;

        s = assay_session_new(NULL);
        if (s == NULL)
            break;
        assay_alloc_fail_at(nth);
        ex_record_run(s, ex, data, len, &r);
        assay_alloc_fail_at(0);
        runs++;
        same = r.rc == base.rc && r.n == base.n;
        if (!same && r.rc != ASSAY_E_NOMEM) {
            /* Neither the normal result nor a clean out-of-memory. */
            ex_record_free(&r);
            assay_session_free(s);
            runs = 0;
            break;
        }
        ex_record_free(&r);
        assay_session_free(s);
        if (same)
            break;
    }
    ex_record_free(&base);
    return runs;
}
