/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The filled ICS pro forma (EN 303 645 Annex B, Table B.1) as Markdown:
 * one table per clause with the columns of the standard (reference,
 * status, support, detail) and Assay's verdict. Support and detail are
 * the manufacturer's answers as kept in the verdicts.
 */
#include "assay_config.h"

#include <string.h>

#include "report_private.h"

static void
ics_md_product(struct report_out *o, const struct assay_report *r)
{
    const struct assay_product *p = assay_report_product(r);

    ro_puts(o, "Product: ");
    ro_md(o, p->manufacturer != NULL ? p->manufacturer
                                     : "(manufacturer not stated)");
    ro_puts(o, " ");
    ro_md(o, p->model != NULL ? p->model : "(model not stated)");
    ro_puts(o, ", hardware ");
    ro_md(o, p->hardware_version != NULL ? p->hardware_version : "-");
    ro_puts(o, ", software ");
    ro_md(o, p->software_version != NULL ? p->software_version : "-");
    ro_puts(o, "\n\n");
}

static enum assay_status
ics_md_write(const struct assay_report *r, const struct assay_write_opts *opts,
    struct assay_buf *out)
{
    enum assay_standard std = report_standard_of(r);
    struct report_out o = {.out = out};
    const char *clause = NULL;

    (void)opts;
    ro_printf(&o,
        "# Implementation conformance statement: ETSI EN 303 645 V%s\n\n",
        assay_standard_name(std));
    ics_md_product(&o, r);
    ro_puts(&o, "Annex B, Table B.1. Support and Detail are the manufacturer's "
                "answers (Y, N, N/A); Verdict is Assay's assessment.\n");
    for (size_t i = 0; i < assay_catalogue_count(std); i++) {
        const struct assay_provision *p = assay_catalogue_get(std, i);
        const struct assay_provision_verdict *v =
            assay_report_verdict_find(r, p->id);

        if (p->req == ASSAY_REQ_VOID)
            continue;
        if (clause == NULL || strcmp(clause, p->clause) != 0) {
            clause = p->clause;
            ro_printf(&o, "\n## %s %s\n\n", p->clause, p->clause_title);
            ro_puts(&o, "| Reference | Status | Support | Detail | Verdict |\n"
                        "| --- | --- | --- | --- | --- |\n");
        }
        ro_printf(&o, "| Provision %s | %s | ", p->id, p->status);
        ro_md(&o, v != NULL ? v->support : NULL);
        ro_puts(&o, " | ");
        ro_md(&o, v != NULL ? v->detail : NULL);
        ro_printf(&o, " | %s |\n",
            v != NULL ? assay_verdict_name(v->verdict) : "not assessed");
    }
    return o.rc;
}

const struct assay_writer wr_ics_md = {
    .name = "ics-md",
    .ext = "md",
    .summary = "the filled ICS pro forma (Annex B Table B.1) as Markdown",
    .write = ics_md_write,
};
