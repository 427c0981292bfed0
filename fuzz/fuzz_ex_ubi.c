/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target for the ubi extractor (see fuzz_ex.h). */
#include "fuzz_ex.h"

extern const struct assay_extractor ex_ubi;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    return fuzz_ex_one(&ex_ubi, data, len);
}
