/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Static checks over an unpacked image: `assay scan`.
 *
 * assay_scan_tree() runs the registered checks (all, or a selection by
 * id) over a tree from assay_extract_*(), optionally against the
 * manufacturer's statement, and adds their findings to the session
 * report. assay_scan_target() fills the report's target (name, size,
 * SHA-256 of the input) and inventory (counts from the tree). The check
 * table is compiled in and read-only; assay_check_info() lists it and
 * assay_check_doc() writes a check's documentation page
 * (docs/checks/<ID>.md, embedded at build time).
 */
#ifndef ASSAY_SCAN_H
#define ASSAY_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/report.h"
#include "assay/status.h"

#ifdef __cplusplus
extern "C" {
#endif

struct assay_session;
struct assay_tree;
struct assay_ics;

/* Default time budget for password cracking, per image, in seconds. */
#define ASSAY_DEFAULT_CRACK_SECONDS 10

struct assay_scan_opts {
    const char *only;            /* comma-separated check ids to run, or NULL
                                    for all */
    const char *skip;            /* comma-separated check ids not to run */
    const struct assay_ics *ics; /* statement to compare with, or NULL */
    uint32_t crack_seconds;      /* cracking budget per image; 0: default,
                                    UINT32_MAX: none */
    unsigned threads;            /* worker threads, 1..8; 0: 2 */
};

/*
 * Run the selected checks over 't' (read-only) and add their findings
 * to the session report, and one coverage record (assay_report_add_
 * coverage) per provision of every check that ran, found or not; a check
 * that cannot evaluate leaves a diagnostic and the others go on. 'o' may be
 * NULL (all checks, no ICS). Returns ASSAY_OK, ASSAY_E_USAGE (an unknown id in
 * only/skip; the session error names it) or ASSAY_E_NOMEM.
 */
ASSAY_API enum assay_status assay_scan_tree(struct assay_session *s,
    const struct assay_tree *t, const struct assay_scan_opts *o);

/*
 * Set the report target to the input 't' was unpacked from (kind
 * "image", 'name' as given, size and lower-case SHA-256 of its bytes)
 * and the inventory to the tree's counts. Returns ASSAY_OK,
 * ASSAY_E_NOMEM or ASSAY_E_INTERNAL (the hash could not be computed).
 */
ASSAY_API enum assay_status assay_scan_target(
    struct assay_session *s, const struct assay_tree *t, const char *name);

/*
 * The "image" evidence source of `assay assess` (assay/assess.h,
 * assay_evidence_fn): unpack the image at 'target', set the target and
 * inventory, and run every check with the statement 'ics' (may be NULL).
 * Findings, coverage and diagnostics go to the session report. Returns
 * ASSAY_OK, ASSAY_E_LIMIT (unpacking stopped at a limit; what was found
 * was checked), or what assay_extract_file() or assay_scan_tree() return.
 */
ASSAY_API enum assay_status assay_scan_evidence(
    struct assay_session *s, const struct assay_ics *ics, const char *target);

/* What `assay list checks` shows about one registered check. */
struct assay_check_info {
    const char *id;                /* stable, e.g. "FW-CRED-001" */
    const char *title;             /* one line */
    const char *const *provisions; /* NULL-terminated catalogue ids */
    enum assay_severity severity;  /* default severity */
    const char *scope;             /* "file", "fs" or "image" */
};

/* The i-th registered check (table order); false past the end. */
ASSAY_API bool assay_check_info(size_t i, struct assay_check_info *out);

/*
 * Write the documentation page of check 'id' (case-insensitive) to 'fn'
 * as Markdown: front-matter from the registry (id, title, severity,
 * provisions, scope; the test suite keeps docs/checks/<ID>.md in step
 * with it), then the page's text, compiled into the library from
 * docs/checks/<ID>.md. Returns ASSAY_OK, ASSAY_E_NOTFOUND (no such check
 * or no page) or what 'fn' returns.
 */
ASSAY_API enum assay_status assay_check_doc(
    const char *id, assay_sink_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_SCAN_H */
