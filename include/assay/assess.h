/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The verdict engine: one conformance verdict per provision, joining the
 * manufacturer's statement (ICS/IXIT), the automated evidence in the
 * session report (findings and coverage from static checks, component
 * matching and live probes) and an assessor's results file.
 *
 * Rules, in order (docs/verdicts.md):
 *   1. NOT_APPLICABLE when the ICS conditions or features exclude the
 *      provision, or a recommendation is declared N with a justification;
 *   2. FAIL when a finding mapped to the provision is at or above the
 *      threshold severity, when a finding is of the "undeclared" kind
 *      (check id ending in "-UNDECLARED" or title starting "undeclared":
 *      the TS 103 701 completeness units) whatever its severity, when a
 *      mandatory provision is declared N, or when the assessor records
 *      FAIL for one of its units;
 *   3. PASS only with positive support: the ICS declares Y and either an
 *      automated check covering the provision ran and found nothing at or
 *      above the threshold, or the assessor records PASS for the
 *      provision or every one of its test cases;
 *   4. INCONCLUSIVE otherwise, listing the test cases and IXIT tables
 *      still missing. Nothing is ever PASS only because nothing was found.
 */
#ifndef ASSAY_ASSESS_H
#define ASSAY_ASSESS_H

#include <stdbool.h>
#include <stddef.h>

#include "assay/ics.h"
#include "assay/report.h"
#include "assay/status.h"

#ifdef __cplusplus
extern "C" {
#endif

struct assay_session;
struct assay_assessor;

/*
 * Parse an assessor results file (YAML, docs/assessor.md):
 *
 *   standard: "2.1.1"            # optional; must match the ICS
 *   results:
 *     5.1-1-1a: {verdict: PASS, note: "generator reviewed"}
 *     5.1-1-2: {verdict: FAIL, note: "same password on two units"}
 *     5.4-1: {verdict: PASS}
 *
 * Keys are a provision ("5.1-1"), a test case ("5.1-1-2") or a test unit
 * ("5.1-1-2a"); verdict is PASS, FAIL, INCONCLUSIVE or empty (not yet
 * assessed). Every error is a diagnostic naming file:line:column; the
 * result is ASSAY_E_INVALID when there was one. *out lives in the session.
 */
ASSAY_API enum assay_status assay_assessor_load(struct assay_session *s,
    const char *name, const void *data, size_t len,
    struct assay_assessor **out);

struct assay_assess_opts {
    /* Findings at or above this severity make a provision FAIL. */
    enum assay_severity threshold;
    /* Assessor results, or NULL. */
    const struct assay_assessor *assessor;
};

/* Defaults: threshold medium, no assessor. */
ASSAY_API void assay_assess_opts_init(struct assay_assess_opts *o);

/*
 * Replace every verdict in the session report with one per provision of
 * the statement's standard, following the rules above, and set the
 * report's standard and product from the statement. Findings and coverage
 * must already be in the report. Returns ASSAY_OK, ASSAY_E_NOMEM or
 * ASSAY_E_USAGE (the assessor file names another standard).
 */
ASSAY_API enum assay_status assay_assess(struct assay_session *s,
    const struct assay_ics *ics, const struct assay_assess_opts *opts);

/*
 * Write an assessor file template for the verdicts in the session report
 * (run assay_assess() first): one entry for each test case still open in
 * an INCONCLUSIVE verdict, and nothing else. The template loads with
 * assay_assessor_load() as it is.
 */
ASSAY_API enum assay_status assay_assessor_template(
    struct assay_session *s, assay_sink_fn fn, void *ctx);

/*
 * Evidence sources: how `assay assess --image/--device` reaches the
 * static-check and probe engines without this header knowing them. A
 * source fills the session report with findings, components, coverage
 * and diagnostics for 'target' (an image path or a host), reading the
 * statement when it needs the IXIT (e.g. the declared interfaces). Each
 * engine registers one line in lib/verdict/evidence.def.
 */
typedef enum assay_status (*assay_evidence_fn)(
    struct assay_session *s, const struct assay_ics *ics, const char *target);

/* The source for "image" or "device", NULL when this build has none. */
ASSAY_API assay_evidence_fn assay_evidence_source(const char *kind);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_ASSESS_H */
