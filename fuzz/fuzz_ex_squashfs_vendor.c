/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the squashfs-vendor extractor: bid, then run on the
 * whole input through the recording emit harness (tests/harness), with
 * tight limits so decompression bombs cannot time the run out.
 * Seeds: the dictionary fuzz/fuzz_ex_squashfs_vendor.dict and the images
 * the unit test builds (test_ex_squashfs_vendor --seed-dir, see docs).
 */
#include "assay_config.h"

#include "ex_record.h"

extern const struct assay_extractor ex_squashfs_vendor;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static const struct assay_limits lim = {
        .max_total_bytes = 64u << 20,
        .max_file_bytes = 16u << 20,
        .max_nodes = 10000,
        .max_depth = 16,
    };
    struct assay_session *s = assay_session_new(&lim);
    struct ex_record r;
    uint64_t blen;

    if (s == NULL)
        return 0;
    if (ex_squashfs_vendor.bid(data, len, &blen) > 0 || len > 4) {
        ex_record_run(s, &ex_squashfs_vendor, data, len, &r);
        ex_record_free(&r);
    }
    assay_session_free(s);
    return 0;
}
