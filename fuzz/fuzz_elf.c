/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target for the ELF reader: headers, dynamic table, symbols. */
#include <assay/assay.h>

#include "elf/elf_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static bool
fuzz_elf_name(void *ctx, const char *name)
{
    (void)ctx;
    (void)name;
    return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_elf_hardening h;
    struct elf_file f;

    if (s == NULL)
        return 0;
    (void)assay_elf_hardening(s, "fuzz", data, len, &h);
    if (elf_open(&f, data, len, NULL) == ASSAY_OK) {
        elf_needed(&f, fuzz_elf_name, NULL);
        (void)elf_dynstr(&f, f.soname);
    }
    assay_session_free(s);
    return 0;
}
