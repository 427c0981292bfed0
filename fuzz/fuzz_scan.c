/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the checks as a whole: any bytes are unpacked as
 * an image and every check runs over whatever tree comes out, so the
 * check code that reads trees (U-Boot environments, sshd and UCI
 * settings, CGI taint, boot-path walking, system-root finding ...) sees
 * hostile file systems. One worker thread and a one-second cracking
 * budget keep runs short.
 */
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static const struct assay_limits lim = {
        .max_total_bytes = 64u << 20,
        .max_file_bytes = 16u << 20,
        .max_nodes = 5000,
        .max_depth = 4,
        .max_diags = 1000,
        .max_findings = 2000,
    };
    struct assay_scan_opts o = {.crack_seconds = 1, .threads = 1};
    struct assay_session *s = assay_session_new(&lim);
    struct assay_tree *t = NULL;
    enum assay_status rc;

    if (s == NULL)
        return 0;
    rc = assay_extract_mem(s, "fuzz", data, len, &t);
    if ((rc == ASSAY_OK || rc == ASSAY_E_LIMIT) && t != NULL) {
        (void)assay_scan_target(s, t, "fuzz");
        (void)assay_scan_tree(s, t, &o);
    }
    assay_session_free(s);
    return 0;
}
