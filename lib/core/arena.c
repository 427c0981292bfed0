/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The session arena: a chain of blocks handed out by bumping a pointer.
 *
 * Blocks never move (no realloc), so every pointer stays valid until the
 * arena is freed; that is what lets parsed metadata, names, findings and
 * diagnostics be shared freely inside a session without ownership rules.
 * Requests larger than a quarter block get a block of their own so large
 * strings do not waste the tail of the current block. A mutex makes it
 * safe for the worker threads of one session.
 */
#include "assay_config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core_private.h"

#define ARENA_BLOCK (64u * 1024u)
#define ARENA_ALIGN 16u

struct arena_block {
    struct arena_block *next; /* older block */
    size_t size;              /* usable bytes in data */
    size_t used;              /* bytes handed out */
    _Alignas(16) unsigned char data[];
};

struct assay_arena {
    pthread_mutex_t lock;
    struct arena_block *head; /* current block, newest first */
    size_t total;             /* bytes handed out */
};

struct assay_arena *
assay_arena_new(void)
{
    struct assay_arena *a = assay_calloc(1, sizeof(*a));

    if (a == NULL)
        return NULL;
    if (pthread_mutex_init(&a->lock, NULL) != 0) {
        assay_free(a);
        return NULL;
    }
    return a;
}

void
assay_arena_free(struct assay_arena *a)
{
    struct arena_block *b, *next;

    if (a == NULL)
        return;
    for (b = a->head; b != NULL; b = next) {
        next = b->next;
        assay_free(b);
    }
    pthread_mutex_destroy(&a->lock);
    assay_free(a);
}

static struct arena_block *
arena_block_new(size_t size)
{
    struct arena_block *b;

    if (size > SIZE_MAX - sizeof(*b))
        return NULL;
    b = assay_malloc(sizeof(*b) + size);
    if (b == NULL)
        return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void *
assay_arena_alloc(struct assay_arena *a, size_t n)
{
    struct arena_block *b;
    void *p = NULL;
    size_t need;

    if (n > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need == 0)
        need = ARENA_ALIGN;

    pthread_mutex_lock(&a->lock);
    b = a->head;
    if (b != NULL && b->size - b->used >= need) {
        p = b->data + b->used;
        b->used += need;
    } else if (need > ARENA_BLOCK / 4) {
        /* A block of its own, linked behind the current one. */
        b = arena_block_new(need);
        if (b != NULL) {
            b->used = need;
            p = b->data;
            if (a->head != NULL) {
                b->next = a->head->next;
                a->head->next = b;
            } else {
                a->head = b;
            }
        }
    } else {
        b = arena_block_new(ARENA_BLOCK);
        if (b != NULL) {
            b->next = a->head;
            a->head = b;
            b->used = need;
            p = b->data;
        }
    }
    if (p != NULL)
        a->total += need;
    pthread_mutex_unlock(&a->lock);
    return p;
}

void *
assay_arena_zalloc(struct assay_arena *a, size_t n)
{
    void *p = assay_arena_alloc(a, n);

    if (p != NULL)
        memset(p, 0, n);
    return p;
}

void *
assay_arena_array(struct assay_arena *a, size_t n, size_t size)
{
    uint64_t total;

    if (assay_mul_ovf(n, size, &total) || total > SIZE_MAX)
        return NULL;
    return assay_arena_zalloc(a, (size_t)total);
}

char *
assay_arena_strndup(struct assay_arena *a, const char *s, size_t n)
{
    char *p;

    if (s == NULL)
        return NULL;
    n = strnlen(s, n);
    p = assay_arena_alloc(a, n + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
assay_arena_strdup(struct assay_arena *a, const char *s)
{
    if (s == NULL)
        return NULL;
    return assay_arena_strndup(a, s, strlen(s));
}

char *
assay_arena_printf(struct assay_arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    p = assay_arena_alloc(a, (size_t)n + 1);
    if (p == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t
assay_arena_used(const struct assay_arena *a)
{
    return a->total;
}
