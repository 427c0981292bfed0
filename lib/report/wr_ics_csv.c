/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The filled ICS pro forma (EN 303 645 Annex B, Table B.1) as CSV
 * (RFC 4180, CRLF line ends, every field quoted), one row per provision
 * in the order of the standard, with its clause, for spreadsheets.
 */
#include "assay_config.h"

#include "report_private.h"

static enum assay_status
ics_csv_write(const struct assay_report *r, const struct assay_write_opts *opts,
    struct assay_buf *out)
{
    enum assay_standard std = report_standard_of(r);
    struct report_out o = {.out = out};

    (void)opts;
    ro_puts(&o, "\"standard\",\"clause\",\"clause_title\",\"reference\","
                "\"status\",\"support\",\"detail\",\"verdict\"\r\n");
    for (size_t i = 0; i < assay_catalogue_count(std); i++) {
        const struct assay_provision *p = assay_catalogue_get(std, i);
        const struct assay_provision_verdict *v =
            assay_report_verdict_find(r, p->id);

        if (p->req == ASSAY_REQ_VOID)
            continue;
        ro_csv(&o, assay_standard_name(std));
        ro_puts(&o, ",");
        ro_csv(&o, p->clause);
        ro_puts(&o, ",");
        ro_csv(&o, p->clause_title);
        ro_puts(&o, ",");
        ro_csv(&o, p->id);
        ro_puts(&o, ",");
        ro_csv(&o, p->status);
        ro_puts(&o, ",");
        ro_csv(&o, v != NULL ? v->support : NULL);
        ro_puts(&o, ",");
        ro_csv(&o, v != NULL ? v->detail : NULL);
        ro_puts(&o, ",");
        ro_csv(&o, v != NULL ? assay_verdict_name(v->verdict) : "");
        ro_puts(&o, "\r\n");
    }
    return o.rc;
}

const struct assay_writer wr_ics_csv = {
    .name = "ics-csv",
    .ext = "csv",
    .summary = "the filled ICS pro forma (Annex B Table B.1) as CSV",
    .write = ics_csv_write,
};
