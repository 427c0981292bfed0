/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The verdict engine (rules in assay/assess.h and docs/verdicts.md).
 *
 * It starts from the statement-only verdicts of assay_ics_verdicts(),
 * which settle applicability, declared non-support and Provision
 * 4-1/5.0-1, and refines every other provision with the findings and
 * coverage already in the report and with the assessor's results. Basis
 * texts are built in the session arena; assay_report_set_verdict() copies
 * them again, which costs a few kilobytes per assessment.
 */
#include "assay_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../report/report_private.h"
#include "verdict_private.h"

/* Unknown provision ids in findings: diagnostics kept before summing up. */
#define ASSESS_MAX_UNKNOWN_DIAGS 20

/* A finding cited for one catalogue row. */
struct assess_hit {
    size_t row;   /* catalogue index */
    size_t order; /* finding index (canonical order) */
    const struct assay_finding *f;
};

struct assess_ctx {
    struct assay_session *s;
    struct assay_report *r;
    struct assay_arena *arena;
    const struct assay_ics *ics;
    const struct assay_assess_opts *opts;
    enum assay_standard std;
    struct assess_hit *hits; /* heap, sorted by row then order */
    size_t hit_count;
    bool *covered; /* heap, per catalogue row */
};

/* The verdict being built for one provision. */
struct assess_verdict {
    struct assay_provision_verdict v;
    size_t omitted; /* basis entries that did not fit */
};

static void av_add(struct assess_ctx *c, struct assess_verdict *av,
    enum assay_basis_kind kind, const char *ref, const char *fmt, ...)
    ASSAY_PRINTF(5, 6);

static void
av_add(struct assess_ctx *c, struct assess_verdict *av,
    enum assay_basis_kind kind, const char *ref, const char *fmt, ...)
{
    struct assay_basis *b;
    char text[512];
    va_list ap;

    /* The last slot is kept for the "n more" note. */
    if (av->v.basis_count + 1 >= ASSAY_VERDICT_MAX_BASIS) {
        av->omitted++;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    b = &av->v.basis[av->v.basis_count++];
    b->kind = kind;
    b->ref = ref;
    b->text = assay_arena_strdup(c->arena, text);
    if (b->text == NULL)
        b->text = "";
}

static void
av_finish(struct assess_ctx *c, struct assess_verdict *av)
{
    struct assay_basis *b;

    if (av->omitted == 0)
        return;
    b = &av->v.basis[av->v.basis_count++];
    b->kind = ASSAY_BASIS_RULE;
    b->ref = "basis";
    b->text = assay_arena_printf(
        c->arena, "%zu further entries left out of this list", av->omitted);
    if (b->text == NULL)
        b->text = "";
}

/*
 * The catalogue row a cited id stands for in 'std': the same id, or for
 * V3.1.3 the row that came from that V2.1.1 id. -1 when there is none.
 */
static long
assess_row(enum assay_standard std, const char *id)
{
    size_t n = assay_catalogue_count(std);
    long v2_match = -1;

    for (size_t i = 0; i < n; i++) {
        const struct assay_provision *p = assay_catalogue_get(std, i);

        if (strcmp(p->id, id) == 0)
            return (long)i;
        if (v2_match < 0 && p->v2_id != NULL && strcmp(p->v2_id, id) == 0)
            v2_match = (long)i;
    }
    return v2_match;
}

static int
hit_cmp(const void *pa, const void *pb)
{
    const struct assess_hit *a = pa, *b = pb;

    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Index findings and coverage by catalogue row. */
static enum assay_status
assess_index(struct assess_ctx *c)
{
    size_t nf = assay_report_finding_count(c->r);
    size_t rows = assay_catalogue_count(c->std), unknown = 0;
    uint64_t cap;

    if (assay_mul_ovf(nf, ASSAY_FINDING_MAX_PROVISIONS, &cap) ||
        assay_mul_ovf(cap, sizeof(*c->hits), &cap) || cap > SIZE_MAX)
        return ASSAY_E_LIMIT;
    c->hits = assay_malloc(cap > 0 ? (size_t)cap : 1);
    c->covered = assay_calloc(rows, sizeof(*c->covered));
    if (c->hits == NULL || c->covered == NULL)
        return ASSAY_E_NOMEM;
    for (size_t i = 0; i < nf; i++) {
        const struct assay_finding *f = assay_report_finding(c->r, i);

        for (size_t k = 0; k < f->provision_count; k++) {
            long row = f->provisions[k] != NULL
                           ? assess_row(c->std, f->provisions[k])
                           : -1;

            if (row < 0) {
                if (unknown++ < ASSESS_MAX_UNKNOWN_DIAGS)
                    assay_diag(c->s, ASSAY_DIAG_NOTE, "verdict", NULL, -1,
                        "finding %s cites '%s', which V%s does not have",
                        f->check,
                        f->provisions[k] != NULL ? f->provisions[k] : "",
                        assay_standard_name(c->std));
                continue;
            }
            c->hits[c->hit_count].row = (size_t)row;
            c->hits[c->hit_count].order = i;
            c->hits[c->hit_count].f = f;
            c->hit_count++;
        }
    }
    if (unknown > ASSESS_MAX_UNKNOWN_DIAGS)
        assay_diag(c->s, ASSAY_DIAG_NOTE, "verdict", NULL, -1,
            "%zu more citations of provisions V%s does not have",
            unknown - ASSESS_MAX_UNKNOWN_DIAGS, assay_standard_name(c->std));
    if (c->hit_count > 1)
        qsort(c->hits, c->hit_count, sizeof(*c->hits), hit_cmp);
    for (size_t i = 0; i < assay_report_coverage_count(c->r); i++) {
        long row =
            assess_row(c->std, assay_report_coverage(c->r, i)->provision);

        if (row >= 0)
            c->covered[row] = true;
    }
    return ASSAY_OK;
}

/* The TS 103 701 completeness units: an interface, service or mechanism
 * the IXIT does not declare. */
static bool
assess_is_undeclared(const struct assay_finding *f)
{
    return assay_str_ends(f->check, "-UNDECLARED") ||
           strncasecmp(f->title, "undeclared", 10) == 0;
}

/* "in /etc/shadow (fw.bin > squashfs@0x40) line 3" or "" */
static const char *
assess_where(struct assess_ctx *c, const struct assay_finding *f)
{
    const char *s;

    if (f->path == NULL && f->container == NULL)
        return "";
    s = assay_arena_printf(c->arena, " in %s%s%s%s",
        f->path != NULL ? f->path : "", f->container != NULL ? " (" : "",
        f->container != NULL ? f->container : "",
        f->container != NULL ? ")" : "");
    return s != NULL ? s : "";
}

/* Findings of row 'row': FAIL when one counts. */
static bool
assess_findings(struct assess_ctx *c, struct assess_verdict *av, size_t row)
{
    bool fail = false;

    for (size_t i = 0; i < c->hit_count; i++) {
        const struct assay_finding *f = c->hits[i].f;

        if (c->hits[i].row != row)
            continue;
        if (assess_is_undeclared(f)) {
            fail = true;
            av_add(c, av, ASSAY_BASIS_FINDING, f->check,
                "undeclared in the IXIT (TS 103 701 completeness unit): %s%s",
                f->title, assess_where(c, f));
        } else if (f->severity >= c->opts->threshold) {
            fail = true;
            av_add(c, av, ASSAY_BASIS_FINDING, f->check, "%s finding: %s%s",
                assay_severity_name(f->severity), f->title, assess_where(c, f));
        } else {
            av_add(c, av, ASSAY_BASIS_FINDING, f->check,
                "%s finding below the %s threshold, not counted: %s%s",
                assay_severity_name(f->severity),
                assay_severity_name(c->opts->threshold), f->title,
                assess_where(c, f));
        }
    }
    return fail;
}

/* "FW-CRED-001, FW-CRED-002" for the checks covering row 'row'. */
static const char *
assess_checks(struct assess_ctx *c, size_t row)
{
    struct assay_buf b;
    const char *out = "";

    assay_buf_init(&b, 400);
    for (size_t i = 0; i < assay_report_coverage_count(c->r); i++) {
        const struct assay_coverage *cv = assay_report_coverage(c->r, i);

        if (assess_row(c->std, cv->provision) != (long)row)
            continue;
        if (b.len > 0 && assay_buf_puts(&b, ", ") != ASSAY_OK)
            break;
        if (assay_buf_puts(&b, cv->check) != ASSAY_OK)
            break;
    }
    if (b.data != NULL)
        out = assay_arena_strdup(c->arena, b.data);
    assay_buf_release(&b);
    return out != NULL ? out : "";
}

/* ---- assessor ------------------------------------------------------------ */

enum assess_judgement {
    JUDGE_NONE = 0, /* no results for this provision */
    JUDGE_OPEN = 1, /* results, but not enough for a verdict */
    JUDGE_PASS = 2,
    JUDGE_FAIL = 3
};

/* Test cases of a group: "c,f" has two, every other shape one. */
static unsigned
assess_case_count(const struct assay_provision *p)
{
    return strchr(p->tests, ',') != NULL ? 2 : 1;
}

static enum assess_judgement
assess_judge(struct assess_ctx *c, struct assess_verdict *av,
    const struct assay_provision *p, bool passed[3])
{
    const struct assay_assessor *a = c->opts->assessor;
    unsigned ncases = assess_case_count(p);
    bool any = false, fail = false, whole = false;
    bool unit_seen[3] = {false, false, false};
    bool unit_bad[3] = {false, false, false};

    passed[1] = passed[2] = false;
    for (size_t i = 0; a != NULL && i < a->count; i++) {
        const struct assessor_entry *e = &a->entries[i];

        if (strcmp(e->provision, p->id) != 0)
            continue;
        if (e->tcase > ncases) {
            assay_diag_at(c->s, ASSAY_DIAG_WARNING, "assessor", a->name,
                e->line, e->column,
                "%s has no test case %u in TS 103 701 (%u case%s); result ignored",
                p->id, e->tcase, ncases, ncases == 1 ? "" : "s");
            continue;
        }
        any = true;
        av_add(c, av, ASSAY_BASIS_ASSESSOR, e->key, "%s%s%s",
            assay_verdict_name(e->verdict), e->note[0] != '\0' ? ": " : "",
            e->note);
        if (e->verdict == ASSAY_VERDICT_FAIL)
            fail = true;
        if (e->tcase == 0) {
            whole = whole || e->verdict == ASSAY_VERDICT_PASS;
        } else if (e->unit[0] == '\0') {
            if (e->verdict == ASSAY_VERDICT_PASS)
                passed[e->tcase] = true;
            else
                unit_bad[e->tcase] = true;
        } else {
            unit_seen[e->tcase] = true;
            if (e->verdict != ASSAY_VERDICT_PASS)
                unit_bad[e->tcase] = true;
        }
    }
    if (fail)
        return JUDGE_FAIL;
    for (unsigned k = 1; k <= ncases; k++) {
        if (unit_seen[k] && !unit_bad[k])
            passed[k] = true;
        if (unit_bad[k])
            passed[k] = false;
        if (whole)
            passed[k] = true;
    }
    if (passed[1] && (ncases < 2 || passed[2]))
        return JUDGE_PASS;
    return any ? JUDGE_OPEN : JUDGE_NONE;
}

/* Assessor results for provisions the statement's standard lacks. */
static void
assess_check_assessor(struct assess_ctx *c)
{
    const struct assay_assessor *a = c->opts->assessor;

    for (size_t i = 0; a != NULL && i < a->count; i++) {
        const struct assessor_entry *e = &a->entries[i];

        if (assay_catalogue_find(c->std, e->provision) == NULL)
            assay_diag_at(c->s, ASSAY_DIAG_WARNING, "assessor", a->name,
                e->line, e->column,
                "%s is not a provision of EN 303 645 V%s; result ignored",
                e->provision, assay_standard_name(c->std));
    }
}

/* ---- one provision ----------------------------------------------------- */

/*
 * 5.3-13 asks only that a support period is published; UK PSTI and the
 * EU CRA want its end date. Say what the IXIT (2-UserInfo) gives, so the
 * regulation views can show it. Information only: no effect on the
 * verdict.
 */
static void
assess_support_end(struct assess_ctx *c, struct assess_verdict *av)
{
    const struct assay_ixit_user_info *u = assay_ics_user_info(c->ics);

    if (u != NULL && u->support_period_end != NULL)
        av_add(c, av, ASSAY_BASIS_ICS, "2-UserInfo",
            "the IXIT gives the support period end date %s",
            u->support_period_end);
    else
        av_add(c, av, ASSAY_BASIS_ICS, "2-UserInfo",
            "the IXIT gives no support period end date (UK PSTI and the EU CRA need one)");
}

/* Assessor results for a provision the statement settles alone. */
static void
assess_ignored(struct assess_ctx *c, const struct assay_provision *p,
    const struct assay_provision_verdict *v0)
{
    const struct assay_assessor *a = c->opts->assessor;

    if (v0->verdict != ASSAY_VERDICT_NOT_APPLICABLE)
        return;
    for (size_t i = 0; a != NULL && i < a->count; i++) {
        const struct assessor_entry *e = &a->entries[i];

        if (strcmp(e->provision, p->id) == 0)
            assay_diag_at(c->s, ASSAY_DIAG_NOTE, "assessor", a->name, e->line,
                e->column, "%s is not applicable under the ICS; result ignored",
                p->id);
    }
}

/* Is this MISSING ref test case 'k' of 'p' ("5.1-1-2")? */
static bool
assess_ref_is_case(
    const char *ref, const struct assay_provision *p, unsigned *k)
{
    struct assessor_entry e;

    if (!verdict_split_key(ref, &e) || strcmp(e.provision, p->id) != 0 ||
        e.tcase == 0 || e.tcase > 2 || e.unit[0] != '\0')
        return false;
    *k = e.tcase;
    return true;
}

static enum assay_status
assess_one(struct assess_ctx *c, size_t row)
{
    const struct assay_provision *p = assay_catalogue_get(c->std, row);
    const struct assay_provision_verdict *v0;
    const struct assay_ics_answer *ans = assay_ics_answer(c->ics, p->id);
    struct assess_verdict *av;
    enum assess_judgement judge;
    bool passed[3] = {false, false, false};
    bool fail, declared_y = ans != NULL && ans->support == ASSAY_SUPPORT_Y;
    enum assay_status rc;

    v0 = assay_report_verdict_find(c->r, p->id);
    if (v0 == NULL)
        return ASSAY_E_INTERNAL;
    av = assay_calloc(1, sizeof(*av));
    if (av == NULL)
        return ASSAY_E_NOMEM;
    av->v.id = p->id;
    av->v.status = p->status;
    av->v.applicable = true;
    if (ans != NULL) {
        av->v.support = assay_support_name(ans->support);
        av->v.detail = ans->detail[0] != '\0' ? ans->detail : NULL;
    }
    /* Applicability and Provision 4-1/5.0-1 are the statement's to settle. */
    if (v0->verdict == ASSAY_VERDICT_NOT_APPLICABLE ||
        strcmp(p->id, "4-1") == 0 || strcmp(p->id, "5.0-1") == 0) {
        assess_ignored(c, p, v0);
        av->v.applicable = v0->applicable;
        av->v.verdict = v0->verdict;
        memcpy(av->v.basis, v0->basis, v0->basis_count * sizeof(v0->basis[0]));
        av->v.basis_count = v0->basis_count;
        goto out_set;
    }
    for (size_t i = 0; i < v0->basis_count; i++) {
        if (v0->basis[i].kind != ASSAY_BASIS_MISSING)
            av->v.basis[av->v.basis_count++] = v0->basis[i];
    }
    if (strcmp(p->id, "5.3-13") == 0)
        assess_support_end(c, av);
    fail = v0->verdict == ASSAY_VERDICT_FAIL;
    fail = assess_findings(c, av, row) || fail;
    judge = assess_judge(c, av, p, passed);
    if (fail || judge == JUDGE_FAIL) {
        av->v.verdict = ASSAY_VERDICT_FAIL;
    } else if (declared_y && c->covered[row]) {
        av->v.verdict = ASSAY_VERDICT_PASS;
        av_add(c, av, ASSAY_BASIS_RULE, "coverage",
            "automated checks ran and found nothing at or above %s: %s",
            assay_severity_name(c->opts->threshold), assess_checks(c, row));
    } else if (declared_y && judge == JUDGE_PASS) {
        av->v.verdict = ASSAY_VERDICT_PASS;
        av_add(c, av, ASSAY_BASIS_RULE, "assessor",
            "the assessor passed every test case of %s", p->id);
    } else {
        av->v.verdict = ASSAY_VERDICT_INCONCLUSIVE;
        for (size_t i = 0; i < v0->basis_count; i++) {
            const struct assay_basis *b = &v0->basis[i];
            unsigned k;

            if (b->kind != ASSAY_BASIS_MISSING)
                continue;
            if (assess_ref_is_case(b->ref, p, &k) && passed[k])
                continue;
            av_add(c, av, b->kind, b->ref, "%s", b->text);
        }
        if (!declared_y && judge == JUDGE_PASS)
            av_add(c, av, ASSAY_BASIS_MISSING, "ics",
                "the assessor passed %s but the ICS does not declare it supported",
                p->id);
        if (!c->covered[row])
            av_add(c, av, ASSAY_BASIS_MISSING, "checks",
                "no automated check covering %s ran", p->id);
    }
    av_finish(c, av);
out_set:
    rc = assay_report_set_verdict(c->r, &av->v);
    assay_free(av);
    return rc;
}

void
assay_assess_opts_init(struct assay_assess_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->threshold = ASSAY_SEV_MEDIUM;
}

enum assay_status
assay_assess(struct assay_session *s, const struct assay_ics *ics,
    const struct assay_assess_opts *opts)
{
    struct assay_assess_opts defaults;
    struct assess_ctx c = {0};
    enum assay_status rc;

    if (opts == NULL) {
        assay_assess_opts_init(&defaults);
        opts = &defaults;
    }
    c.s = s;
    c.r = assay_session_report(s);
    c.arena = assay_session_arena(s);
    c.ics = ics;
    c.opts = opts;
    c.std = assay_ics_standard(ics);
    if (opts->assessor != NULL && opts->assessor->has_standard &&
        opts->assessor->standard != c.std)
        return assay_err_set(assay_session_err(s), ASSAY_E_USAGE,
            "assessor: %s is for EN 303 645 V%s but the ICS is for V%s",
            opts->assessor->name, assay_standard_name(opts->assessor->standard),
            assay_standard_name(c.std));
    report_clear_verdicts(c.r);
    assay_report_sort(c.r);
    rc = assay_ics_verdicts(s, ics);
    if (rc == ASSAY_OK)
        rc = assess_index(&c);
    if (rc == ASSAY_OK)
        assess_check_assessor(&c);
    for (size_t i = 0; rc == ASSAY_OK && i < assay_catalogue_count(c.std);
         i++) {
        if (assay_catalogue_get(c.std, i)->req != ASSAY_REQ_VOID)
            rc = assess_one(&c, i);
    }
    assay_free(c.hits);
    assay_free(c.covered);
    return rc;
}
