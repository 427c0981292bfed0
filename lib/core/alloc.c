/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The allocator every part of libassay uses. A thin wrapper over malloc
 * with one extra: tests can make the Nth allocation fail, to prove that
 * every out-of-memory path ends in a clean ASSAY_E_NOMEM (SQLite's and
 * curl's OOM torture).
 */
#include "assay_config.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "core_private.h"

static _Atomic uint64_t alloc_fail_nth; /* 0: never fail */
static _Atomic uint64_t alloc_count;

static bool
alloc_should_fail(void)
{
    uint64_t nth = atomic_load(&alloc_fail_nth);

    if (nth == 0)
        return false;
    return atomic_fetch_add(&alloc_count, 1) + 1 >= nth;
}

void
assay_alloc_fail_at(uint64_t nth)
{
    atomic_store(&alloc_count, 0);
    atomic_store(&alloc_fail_nth, nth);
}

void *
assay_malloc(size_t n)
{
    if (alloc_should_fail())
        return NULL;
    return malloc(n == 0 ? 1 : n);
}

void *
assay_calloc(size_t count, size_t size)
{
    if (alloc_should_fail())
        return NULL;
    return calloc(count == 0 ? 1 : count, size == 0 ? 1 : size);
}

void *
assay_realloc(void *p, size_t n)
{
    if (alloc_should_fail())
        return NULL;
    return realloc(p, n == 0 ? 1 : n);
}

void
assay_free(void *p)
{
    free(p);
}
