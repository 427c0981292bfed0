/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared body of the fuzz_ex_<id> targets: bid, then run one extractor on
 * the whole input through the recording emit harness (tests/harness), with
 * tight limits so that decompression bombs cannot time a run out. Each
 * target is one call of fuzz_ex_one() with its extractor.
 */
#ifndef ASSAY_FUZZ_EX_H
#define ASSAY_FUZZ_EX_H

#include "assay_config.h"

#include "ex_record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

static inline int
fuzz_ex_one(const struct assay_extractor *ex, const uint8_t *data, size_t len)
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
    /* Run even when the bid refuses: run() must survive anything. */
    (void)ex->bid(data, len, &blen);
    ex_record_run(s, ex, data, len, &r);
    ex_record_free(&r);
    assay_session_free(s);
    return 0;
}

#endif /* ASSAY_FUZZ_EX_H */
