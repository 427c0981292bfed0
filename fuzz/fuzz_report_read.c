/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the assay-report/1 reader: any bytes must give a
 * status, never a crash, a leak or undefined behaviour. Documents that
 * load are written in every format and compared with themselves, so the
 * writers and diff see hostile strings (markup, control bytes, invalid
 * UTF-8) as well.
 */
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static const struct assay_limits lim = {
        .max_doc_bytes = 1u << 20,
        .max_doc_depth = 32,
        .max_doc_nodes = 100000,
        .max_diags = 1000,
        .max_findings = 1000,
    };
    struct assay_session *s = assay_session_new(&lim);
    struct assay_report *r;
    size_t changes;

    if (s == NULL)
        return 0;
    r = assay_session_report(s);
    if (assay_report_read(s, "fuzz", data, len) == ASSAY_OK) {
        for (size_t i = 0; assay_writer_name(i) != NULL; i++)
            (void)assay_report_write(
                r, assay_writer_name(i), NULL, fuzz_discard, NULL);
        (void)assay_report_diff(r, r, "json", &changes, fuzz_discard, NULL);
    }
    assay_session_free(s);
    return 0;
}
