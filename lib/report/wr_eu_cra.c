/* SPDX-License-Identifier: Apache-2.0 */
/* The eu-cra regulation view: data in regulations.def, code in regulation.c. */
#include "assay_config.h"

#include "report_private.h"

static enum assay_status
eu_cra_write(const struct assay_report *r, const struct assay_write_opts *opts,
    struct assay_buf *out)
{
    (void)opts;
    return report_regulation_write(r, "eu_cra", out);
}

const struct assay_writer wr_eu_cra = {
    .name = "eu-cra",
    .ext = "md",
    .summary = "EU CRA Annex I crosswalk (unofficial)",
    .write = eu_cra_write,
};
