/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared by the check unit tests: one session for a whole group (its
 * arena holds what the parsers return) and a literal-to-bytes helper.
 */
#ifndef ASSAY_CHECK_FIXTURE_H
#define ASSAY_CHECK_FIXTURE_H

#include "test.h"

/* A string literal as (bytes, length) arguments, without the NUL. */
#define BYTES(s) (const uint8_t *)(s), (sizeof(s) - 1)

static struct assay_session *sess;

static int
setup(void **state)
{
    (void)state;
    sess = assay_session_new(NULL);
    return sess == NULL;
}

static int
teardown(void **state)
{
    (void)state;
    assay_session_free(sess);
    return 0;
}

#endif /* ASSAY_CHECK_FIXTURE_H */
