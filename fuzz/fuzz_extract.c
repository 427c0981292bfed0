/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the whole unpacking engine: carving, every
 * registered extractor (the bytes may hold any of their magics, nested),
 * the tree and its listings. Tight limits keep decompression bombs and
 * deep nesting inside the fuzzer's time and memory budget.
 *
 * Run with -malloc_limit_mb=4200: libarchive's read-ahead allocates its
 * copy buffer from a header's size field (up to 4 GiB, e.g. a cpio name
 * size) before finding the input truncated. The allocation is transient
 * and untouched, but libFuzzer's malloc hook counts it.
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
        .max_depth = 6,
        .max_total_bytes = 64u << 20,
        .max_file_bytes = 16u << 20,
        .max_ratio = 256,
        .max_nodes = 10000,
        .max_diags = 1000,
    };
    struct assay_session *s = assay_session_new(&lim);
    struct assay_tree *t = NULL;
    enum assay_status rc;

    if (s == NULL)
        return 0;
    rc = assay_extract_mem(s, "fuzz", data, len, &t);
    if ((rc == ASSAY_OK || rc == ASSAY_E_LIMIT) && t != NULL) {
        for (size_t i = 0; i < assay_tree_node_count(t); i++) {
            const struct assay_node *n = assay_tree_node(t, i);

            (void)assay_node_lookup(n, "../etc/passwd", true);
            (void)assay_node_lookup(n, "/bin/sh", true);
        }
        (void)assay_tree_list(t, "json", true, fuzz_discard, NULL);
    }
    assay_session_free(s);
    return 0;
}
