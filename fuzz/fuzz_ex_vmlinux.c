/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target for the vmlinux extractor (see fuzz_ex.h). */
#include "fuzz_ex.h"

extern const struct assay_extractor ex_vmlinux;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    return fuzz_ex_one(&ex_vmlinux, data, len);
}
