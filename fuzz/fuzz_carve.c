/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for region carving: the Hyperscan candidate scan and
 * the entropy measure, with the invariants the engine relies on checked
 * (candidates sorted, unique, inside the blob; entropy within 0..8).
 */
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

#include "extract/engine_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    struct carve_cand *c = NULL;
    struct assay_err err = {0};
    size_t n = 0;
    bool capped = false;
    double h;

    if (carve_scan(data, len, &c, &n, &capped, &err) != ASSAY_OK)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i].off >= len)
            __builtin_trap();
        if (i > 0 && c[i - 1].off > c[i].off)
            __builtin_trap();
    }
    assay_free(c);
    h = carve_entropy(data, len);
    if (h < 0.0 || h > 8.0 + 1e-9)
        __builtin_trap();
    return 0;
}
