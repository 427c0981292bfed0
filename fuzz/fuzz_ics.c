/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the ICS/IXIT parser and validator: any bytes must
 * give a status, never a crash, a leak or undefined behaviour.
 */
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static const struct assay_limits lim = {
        .max_doc_bytes = 1u << 20,
        .max_doc_depth = 32,
        .max_doc_nodes = 100000,
        .max_diags = 1000,
    };
    struct assay_session *s = assay_session_new(&lim);
    struct assay_ics *ics = NULL;
    size_t failures = 0;

    if (s == NULL)
        return 0;
    if (assay_ics_load(s, "fuzz", data, len, &ics) == ASSAY_OK) {
        (void)assay_ics_validate(s, ics, &failures);
        (void)assay_ics_verdicts(s, ics);
    }
    assay_session_free(s);
    return 0;
}
