/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared includes and helpers for the cmocka unit tests. Tests define
 * ASSAY_BUILDING_LIB (set by CMake) for white-box access to lib/.
 */
#ifndef ASSAY_TEST_H
#define ASSAY_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "assay/assay.h"

/* A sink that appends to a heap string (struct t_out). */
struct t_out {
    char *data;
    size_t len;
};

static inline enum assay_status
t_out_sink(void *ctx, const void *data, size_t len)
{
    struct t_out *o = ctx;
    char *n = realloc(o->data, o->len + len + 1);

    if (n == NULL)
        return ASSAY_E_NOMEM;
    memcpy(n + o->len, data, len);
    o->len += len;
    n[o->len] = '\0';
    o->data = n;
    return ASSAY_OK;
}

/* Is there a diagnostic whose message contains 'needle' (and line)? */
static inline int
t_has_diag(struct assay_session *s, const char *needle, uint32_t line)
{
    struct assay_report *r = assay_session_report(s);

    for (size_t i = 0; i < assay_report_diag_count(r); i++) {
        const struct assay_diag *d = assay_report_diag(r, i);

        if (strstr(d->message, needle) != NULL &&
            (line == 0 || d->line == line))
            return 1;
    }
    return 0;
}

#endif /* ASSAY_TEST_H */
