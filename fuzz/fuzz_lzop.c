/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the hand-written lzop header parser, then the lzop
 * extractor behind it (block lengths and checksum flags come from the
 * header the fuzzer controls).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "assay/assay.h"

#include "extract/stream_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static const struct assay_limits lim = {
        .max_depth = 2,
        .max_file_bytes = 16u << 20,
        .max_nodes = 1000,
        .max_diags = 100,
    };
    struct lzop_header h;
    struct assay_session *s;
    struct assay_tree *t = NULL;

    if (extract_lzop_header(data, len, &h) != ASSAY_OK)
        return 0;
    if (h.header_len > len || strlen(h.name) > 255)
        __builtin_trap();
    s = assay_session_new(&lim);
    if (s == NULL)
        return 0;
    (void)assay_extract_mem(s, "fuzz.lzo", data, len, &t);
    assay_session_free(s);
    return 0;
}
