/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The live-device evidence source of `assay assess --device HOST`
 * (lib/verdict/evidence.def): a probe with the default, non-intrusive
 * options, compared with the statement's IXIT, so that live findings and
 * coverage land in the same report as the static ones.
 */
#include "assay_config.h"

#include <string.h>

#include "assay/probe.h"

#include "probe_private.h"

enum assay_status
assay_probe_evidence(
    struct assay_session *s, const struct assay_ics *ics, const char *target)
{
    struct assay_report *r = assay_session_report(s);
    const struct assay_target *prev = assay_report_target(r);
    struct assay_target keep = *prev; /* arena strings: stay valid */
    struct assay_probe_opts o = {0};
    enum assay_status rc;

    o.host = target;
    o.ics = ics;
    rc = assay_probe_run(s, &o);
    /* With --image as well, the report stays about the image; the
     * device's findings carry its address in their container. */
    if (keep.kind != NULL && strcmp(keep.kind, "image") == 0) {
        enum assay_status rc2 = assay_report_set_target(r, &keep);

        assay_diag(s, ASSAY_DIAG_NOTE, "probe", target, -1,
            "live findings from device '%s' are merged into this report",
            target);
        if (rc == ASSAY_OK)
            rc = rc2;
    }
    return rc;
}
