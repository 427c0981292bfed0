/* SPDX-License-Identifier: Apache-2.0 */
/* The uk-psti regulation view: data in regulations.def, code in regulation.c.
 */
#include "assay_config.h"

#include "report_private.h"

static enum assay_status
uk_psti_write(const struct assay_report *r, const struct assay_write_opts *opts,
    struct assay_buf *out)
{
    (void)opts;
    return report_regulation_write(r, "uk_psti", out);
}

const struct assay_writer wr_uk_psti = {
    .name = "uk-psti",
    .ext = "md",
    .summary =
        "UK PSTI security requirements and the EN provisions deeming compliance",
    .write = uk_psti_write,
};
