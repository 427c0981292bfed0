/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A session: everything derived from one assessment.
 *
 * The session owns an arena (all parsed metadata, names, findings and
 * diagnostics live there and die with the session), a copy of the limits,
 * the last error record and the report being filled. Nothing in libassay
 * keeps global mutable state, so two sessions may run in two threads.
 */
#ifndef ASSAY_SESSION_H
#define ASSAY_SESSION_H

#include <stdint.h>

#include "assay/limits.h"
#include "assay/status.h"

#ifdef __cplusplus
extern "C" {
#endif

struct assay_session;
struct assay_report;

/*
 * Create a session. 'lim' may be NULL for the defaults; zero fields in it
 * also take the defaults of limits.h. Returns NULL only when memory is
 * exhausted. The caller frees it with assay_session_free().
 */
ASSAY_API struct assay_session *assay_session_new(
    const struct assay_limits *lim);

/* Release the session, its arena and its report. NULL is accepted. */
ASSAY_API void assay_session_free(struct assay_session *s);

/* The limits in force (defaults filled in). Valid for the session. */
ASSAY_API const struct assay_limits *assay_session_limits(
    const struct assay_session *s);

/* Code and message of the last error set on this session ("" if none). */
ASSAY_API enum assay_status assay_session_errcode(
    const struct assay_session *s);
ASSAY_API const char *assay_session_errmsg(const struct assay_session *s);

/* The report this session fills. Owned by the session. */
ASSAY_API struct assay_report *assay_session_report(struct assay_session *s);

/* Library version, e.g. "0.1.0". Static storage. */
ASSAY_API const char *assay_version(void);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_SESSION_H */
