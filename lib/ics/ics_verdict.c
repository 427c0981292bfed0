/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Verdicts from the statement alone. This is the first layer of the
 * verdict engine: it settles what the ICS can settle (applicability,
 * declared non-support of mandatory provisions, Provision 4-1/5.0-1) and
 * marks everything else INCONCLUSIVE with the TS 103 701 test units that
 * remain. A verdict is never PASS here: a declaration is not evidence.
 */
#include "assay_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ics_private.h"

/* A verdict being built; basis strings live here until it is stored. */
struct verdict_builder {
    struct assay_provision_verdict v;
    char ref[ASSAY_VERDICT_MAX_BASIS][48];
    char text[ASSAY_VERDICT_MAX_BASIS][320];
};

static void vb_add(struct verdict_builder *b, enum assay_basis_kind kind,
    const char *ref, const char *fmt, ...) ASSAY_PRINTF(4, 5);

static void
vb_add(struct verdict_builder *b, enum assay_basis_kind kind, const char *ref,
    const char *fmt, ...)
{
    size_t i = b->v.basis_count;
    va_list ap;

    if (i >= ASSAY_VERDICT_MAX_BASIS)
        return;
    va_start(ap, fmt);
    vsnprintf(b->text[i], sizeof(b->text[i]), fmt, ap);
    va_end(ap);
    snprintf(b->ref[i], sizeof(b->ref[i]), "%s", ref);
    b->v.basis[i].kind = kind;
    b->v.basis[i].ref = b->ref[i];
    b->v.basis[i].text = b->text[i];
    b->v.basis_count++;
}

/* "c,f" -> which test cases of the group remain for the assessor. */
static void
vb_missing_tests(struct verdict_builder *b, const struct assay_provision *p)
{
    char ixit[160] = "";
    char ref[48];
    const char *s = p->ixit;

    while (*s != '\0') {
        char *end;
        unsigned long n = strtoul(s, &end, 10);
        const char *name = assay_ixit_table((unsigned)n);

        if (end == s)
            break;
        s = end;

        if (name != NULL) {
            if (ixit[0] != '\0')
                strncat(ixit, ", ", sizeof(ixit) - strlen(ixit) - 1);
            strncat(ixit, name, sizeof(ixit) - strlen(ixit) - 1);
        }
        if (*s == ',')
            s++;
        else if (*s != '\0')
            break;
    }
    snprintf(ref, sizeof(ref), "%s-1", p->id);
    if (strchr(p->tests, 'c') != NULL)
        vb_add(b, ASSAY_BASIS_MISSING, ref,
            "conceptual test case %s-1: assess the design against IXIT %s",
            p->id, ixit[0] != '\0' ? ixit : "(ICS)");
    if (strcmp(p->tests, "f") == 0) {
        vb_add(b, ASSAY_BASIS_MISSING, ref,
            "functional test case %s-1: exercise the product", p->id);
    } else if (strchr(p->tests, 'f') != NULL && strcmp(p->tests, "c/f") != 0) {
        snprintf(ref, sizeof(ref), "%s-2", p->id);
        vb_add(b, ASSAY_BASIS_MISSING, ref,
            "functional test case %s-2: exercise the product", p->id);
    }
}

/* Provision 4-1 / 5.0-1: every R answered N or N/A is justified. */
static void
verdict_reporting(struct verdict_builder *b, const struct assay_ics *ics)
{
    size_t n = assay_catalogue_count(ics->standard), bad = 0;

    for (size_t i = 0; i < n; i++) {
        const struct assay_provision *p = assay_catalogue_get(ics->standard, i);
        const struct assay_ics_answer *a;

        if (p->req != ASSAY_REQ_R)
            continue;
        a = assay_ics_answer(ics, p->id);
        if (a == NULL || a->support == ASSAY_SUPPORT_Y)
            continue;
        if (a->detail[0] == '\0') {
            bad++;
            vb_add(b, ASSAY_BASIS_ICS, p->id,
                "recommendation %s answered %s without a justification (line %u)",
                p->id, assay_support_name(a->support), a->line);
        }
    }
    if (bad > 0) {
        b->v.verdict = ASSAY_VERDICT_FAIL;
    } else {
        b->v.verdict = ASSAY_VERDICT_PASS;
        vb_add(b, ASSAY_BASIS_RULE, "ics",
            "every recommendation not met or not applicable is justified in the ICS");
    }
}

static void
verdict_one(struct verdict_builder *b, const struct assay_ics *ics,
    const struct assay_provision *p)
{
    const struct assay_ics_answer *a = assay_ics_answer(ics, p->id);
    const char *why = NULL;
    enum assay_answer applies = assay_ics_applies(ics, p, &why);

    b->v.applicable = true;
    b->v.verdict = ASSAY_VERDICT_INCONCLUSIVE;
    if (applies == ASSAY_ANSWER_NO) {
        b->v.applicable = false;
        b->v.verdict = ASSAY_VERDICT_NOT_APPLICABLE;
        vb_add(b, ASSAY_BASIS_RULE, "applicability",
            "%s does not hold as answered in the ICS", why);
        return;
    }
    if (a == NULL) {
        vb_add(
            b, ASSAY_BASIS_MISSING, "ics", "the ICS does not answer %s", p->id);
        return;
    }
    if (strcmp(p->id, "4-1") == 0 || strcmp(p->id, "5.0-1") == 0) {
        verdict_reporting(b, ics);
        return;
    }
    switch (a->support) {
    case ASSAY_SUPPORT_N:
        if (p->req == ASSAY_REQ_M) {
            b->v.verdict = ASSAY_VERDICT_FAIL;
            vb_add(b, ASSAY_BASIS_ICS, "ics",
                "mandatory provision declared not supported (line %u)%s%s",
                a->line, a->detail[0] != '\0' ? ": " : "", a->detail);
        } else if (a->detail[0] != '\0') {
            b->v.verdict = ASSAY_VERDICT_NOT_APPLICABLE;
            vb_add(b, ASSAY_BASIS_ICS, "ics",
                "recommendation not implemented, justified: %s", a->detail);
        } else {
            b->v.verdict = ASSAY_VERDICT_FAIL;
            vb_add(b, ASSAY_BASIS_ICS, "ics",
                "recommendation not implemented and not justified (line %u)",
                a->line);
        }
        return;
    case ASSAY_SUPPORT_NA:
        b->v.verdict = ASSAY_VERDICT_FAIL;
        vb_add(b, ASSAY_BASIS_ICS, "ics",
            "declared N/A although no condition excludes it (line %u)",
            a->line);
        return;
    case ASSAY_SUPPORT_Y:
        vb_add(b, ASSAY_BASIS_ICS, "ics", "declared supported%s%s",
            a->detail[0] != '\0' ? ": " : "", a->detail);
        break;
    case ASSAY_SUPPORT_NONE:
        break;
    }
    if (applies == ASSAY_ANSWER_UNSET)
        vb_add(b, ASSAY_BASIS_MISSING, "ics", "%s is not answered in the ICS",
            why);
    vb_missing_tests(b, p);
}

enum assay_status
assay_ics_verdicts(struct assay_session *s, const struct assay_ics *ics)
{
    struct assay_report *r = assay_session_report(s);
    size_t n = assay_catalogue_count(ics->standard);
    struct verdict_builder *b;
    enum assay_status rc = ASSAY_OK;

    b = assay_malloc(sizeof(*b));
    if (b == NULL)
        return ASSAY_E_NOMEM;
    rc = assay_report_set_standard(r, assay_standard_name(ics->standard));
    if (rc == ASSAY_OK)
        rc = assay_report_set_product(r, &ics->product);
    for (size_t i = 0; i < n && rc == ASSAY_OK; i++) {
        const struct assay_provision *p = assay_catalogue_get(ics->standard, i);

        if (p->req == ASSAY_REQ_VOID)
            continue;
        memset(&b->v, 0, sizeof(b->v));
        b->v.id = p->id;
        b->v.status = p->status;
        verdict_one(b, ics, p);
        rc = assay_report_set_verdict(r, &b->v);
    }
    assay_free(b);
    return rc;
}
