/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A short Markdown summary for a pull request or CI job page: the verdict
 * tally, every FAIL with the first reason, the worst findings and the
 * list of open provisions. Everything from the report is escaped (GitHub
 * renders raw HTML in Markdown, so none is let through).
 */
#include "assay_config.h"

#include <string.h>

#include "report_private.h"

/* Findings listed; the rest are counted. */
#define MD_MAX_FINDINGS 20

/* The first basis entry that explains a FAIL: a counted finding, an
 * assessor's FAIL or a statement problem. */
static const struct assay_basis *
md_reason(const struct assay_provision_verdict *v)
{
    for (size_t i = 0; i < v->basis_count; i++) {
        const struct assay_basis *b = &v->basis[i];

        if (b->text == NULL)
            continue;
        if ((b->kind == ASSAY_BASIS_FINDING &&
                strstr(b->text, "not counted") == NULL) ||
            (b->kind == ASSAY_BASIS_ASSESSOR &&
                strncmp(b->text, "FAIL", 4) == 0) ||
            (b->kind == ASSAY_BASIS_ICS &&
                strncmp(b->text, "declared supported", 18) != 0))
            return b;
    }
    return v->basis_count > 0 ? &v->basis[0] : NULL;
}

static void
md_heading(struct report_out *o, const struct assay_report *r)
{
    const struct assay_product *p = assay_report_product(r);
    const struct assay_target *t = assay_report_target(r);

    ro_printf(o, "## Assay: ETSI EN 303 645 V%s",
        assay_standard_name(report_standard_of(r)));
    if (p->model != NULL) {
        ro_puts(o, " - ");
        ro_md(o, p->manufacturer);
        ro_puts(o, " ");
        ro_md(o, p->model);
        if (p->software_version != NULL) {
            ro_puts(o, " ");
            ro_md(o, p->software_version);
        }
    }
    ro_puts(o, "\n\n");
    if (t->name != NULL) {
        ro_puts(o, "Target: ");
        ro_md(o, t->name);
        ro_puts(o, "\n\n");
    }
}

static void
md_tally(struct report_out *o, const struct assay_report *r)
{
    size_t by_sev[5] = {0};

    for (size_t i = 0; i < assay_report_finding_count(r); i++)
        by_sev[assay_report_finding(r, i)->severity]++;
    ro_printf(o,
        "**%zu FAIL** | %zu PASS | %zu INCONCLUSIVE | %zu NOT_APPLICABLE\n\n",
        assay_report_verdict_tally(r, ASSAY_VERDICT_FAIL),
        assay_report_verdict_tally(r, ASSAY_VERDICT_PASS),
        assay_report_verdict_tally(r, ASSAY_VERDICT_INCONCLUSIVE),
        assay_report_verdict_tally(r, ASSAY_VERDICT_NOT_APPLICABLE));
    ro_printf(o,
        "Findings: %zu (critical %zu, high %zu, medium %zu, low %zu, info %zu)\n",
        assay_report_finding_count(r), by_sev[ASSAY_SEV_CRITICAL],
        by_sev[ASSAY_SEV_HIGH], by_sev[ASSAY_SEV_MEDIUM], by_sev[ASSAY_SEV_LOW],
        by_sev[ASSAY_SEV_INFO]);
}

static void
md_failures(struct report_out *o, const struct assay_report *r)
{
    if (assay_report_verdict_tally(r, ASSAY_VERDICT_FAIL) == 0)
        return;
    ro_puts(o,
        "\n### Failing provisions\n\n| Provision | Status | Reason |\n| --- | --- | --- |\n");
    for (size_t i = 0; i < assay_report_verdict_count(r); i++) {
        const struct assay_provision_verdict *v = assay_report_verdict(r, i);
        const struct assay_basis *b;

        if (v->verdict != ASSAY_VERDICT_FAIL)
            continue;
        b = md_reason(v);
        ro_puts(o, "| ");
        ro_md(o, v->id);
        ro_puts(o, " | ");
        ro_md(o, v->status);
        ro_puts(o, " | ");
        if (b != NULL) {
            if (b->kind == ASSAY_BASIS_FINDING ||
                b->kind == ASSAY_BASIS_ASSESSOR) {
                ro_puts(o, "`");
                ro_md(o, b->ref);
                ro_puts(o, "` ");
            }
            ro_md(o, b->text);
        }
        ro_puts(o, " |\n");
    }
}

static void
md_findings(struct report_out *o, const struct assay_report *r)
{
    size_t n = assay_report_finding_count(r);

    if (n == 0)
        return;
    ro_puts(o,
        "\n### Findings\n\n| Severity | Check | Provisions | Finding | Where |\n| --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < n && i < MD_MAX_FINDINGS; i++) {
        const struct assay_finding *f = assay_report_finding(r, i);

        ro_printf(o, "| %s | ", assay_severity_name(f->severity));
        ro_md(o, f->check);
        ro_puts(o, " | ");
        for (size_t k = 0; k < f->provision_count; k++) {
            ro_puts(o, k > 0 ? ", " : "");
            ro_md(o, f->provisions[k]);
        }
        ro_puts(o, " | ");
        ro_md(o, f->title);
        ro_puts(o, " | ");
        ro_md(o, f->path != NULL ? f->path : f->container);
        if (f->line > 0)
            ro_printf(o, ":%u", f->line);
        ro_puts(o, " |\n");
    }
    if (n > MD_MAX_FINDINGS)
        ro_printf(o, "\n%zu more findings are in the full report.\n",
            n - MD_MAX_FINDINGS);
}

static void
md_open(struct report_out *o, const struct assay_report *r)
{
    size_t k = 0, n = assay_report_verdict_tally(r, ASSAY_VERDICT_INCONCLUSIVE);

    if (n == 0)
        return;
    ro_printf(o,
        "\n<details><summary>%zu provisions need evidence or an assessor (INCONCLUSIVE)</summary>\n\n",
        n);
    for (size_t i = 0; i < assay_report_verdict_count(r); i++) {
        const struct assay_provision_verdict *v = assay_report_verdict(r, i);

        if (v->verdict != ASSAY_VERDICT_INCONCLUSIVE)
            continue;
        ro_puts(o, k++ > 0 ? ", " : "");
        ro_md(o, v->id);
    }
    ro_puts(o, "\n\n</details>\n");
}

static enum assay_status
md_write(const struct assay_report *r, const struct assay_write_opts *opts,
    struct assay_buf *out)
{
    struct report_out o = {.out = out};

    (void)opts;
    md_heading(&o, r);
    md_tally(&o, r);
    md_failures(&o, r);
    md_findings(&o, r);
    md_open(&o, r);
    return o.rc;
}

const struct assay_writer wr_markdown = {
    .name = "markdown",
    .ext = "md",
    .summary = "a short Markdown summary for pull requests",
    .write = md_write,
};
