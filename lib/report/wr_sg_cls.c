/* SPDX-License-Identifier: Apache-2.0 */
/* The sg-cls regulation view: data in regulations.def, code in regulation.c. */
#include "assay_config.h"

#include "report_private.h"

static enum assay_status
sg_cls_write(const struct assay_report *r, const struct assay_write_opts *opts,
    struct assay_buf *out)
{
    (void)opts;
    return report_regulation_write(r, "sg_cls", out);
}

const struct assay_writer wr_sg_cls = {
    .name = "sg-cls",
    .ext = "md",
    .summary =
        "Singapore CLS levels supported by the verdicts (gateway methodology)",
    .write = sg_cls_write,
};
