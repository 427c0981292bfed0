/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The static-check plug-in contract.
 *
 * How checks work: a check is one const struct assay_check named
 * ck_<id> in ck_<topic>.c, listed once in checks.def. The runner walks the
 * unpacked tree once; for each node it asks every FILE-scope check's
 * applies() (a cheap predicate on name, path, type or first bytes) and
 * runs the ones that say yes, spreading files over worker threads. FS-scope
 * checks run once per file-system root (they look files up with
 * assay_node_lookup(): inittab, rc scripts, passwd + shadow together);
 * IMAGE-scope checks run once with the tree root. Checks report only
 * through check_report(); a finding is not an error. run() returns a
 * non-OK status only when it could not evaluate at all (then a diagnostic
 * says why and the scan goes on).
 *
 * Checks must be thread-safe: they read the tree and the ICS (both
 * read-only) and keep any state on their own stack.
 *
 * Adding a new check:
 *   1. `const struct assay_check ck_<id>` in lib/check/ck_<topic>.c with
 *      a stable id (e.g. "FW-CRED-001", never reused: it is the SARIF
 *      ruleId), title, provisions from the catalogue, default severity;
 *   2. one ASSAY_CHECK(<id>) line in checks.def;
 *   3. the file in lib/check/sources.cmake;
 *   4. docs/checks/<ID>.md with front-matter (the docs test keeps checks
 *      and pages in step), and tests with a positive and a look-alike
 *      negative case.
 */
#ifndef ASSAY_CHECK_PRIVATE_H
#define ASSAY_CHECK_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <stdbool.h>

#include "assay/ics.h"
#include "assay/report.h"
#include "assay/tree.h"
#include "../core/core_private.h"

enum check_scope {
    CHECK_FILE = 0,  /* once per regular file that applies() accepts */
    CHECK_FS = 1,    /* once per file-system root */
    CHECK_IMAGE = 2  /* once per image (the tree root) */
};

struct check_ctx {
    struct assay_session *s;
    const struct assay_tree *tree;
    const struct assay_ics *ics;  /* NULL when no statement was given */
    const struct assay_check *check; /* the check being run */
    double deadline;              /* monotonic seconds; 0: none (budgets
                                     for slow work such as cracking) */
};

struct assay_check {
    const char *id;              /* stable, e.g. "FW-CRED-001" */
    const char *title;           /* one line */
    const char *const *provisions; /* NULL-terminated catalogue ids */
    enum assay_severity severity;  /* default severity */
    enum check_scope scope;
    /* FILE scope: should run() see this node? Cheap, no allocation. */
    bool (*applies)(const struct assay_node *n);
    enum assay_status (*run)(struct check_ctx *c, const struct assay_node *n);
};

/*
 * Record a finding for the running check. Fields left zero/NULL in 'f'
 * are filled in: check id, provisions and severity from the descriptor,
 * path and container from 'n' (may be NULL), offset -1 when unset.
 * Returns what assay_report_add_finding() returns.
 */
enum assay_status check_report(struct check_ctx *c, const struct assay_node *n,
    const struct assay_finding *f);

#endif /* ASSAY_CHECK_PRIVATE_H */
