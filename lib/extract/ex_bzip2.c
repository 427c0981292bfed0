/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bzip2 streams via libbz2. The bid checks the "BZh1".."BZh9" header and
 * the first block's 48-bit magic (pi), so carving is reliable.
 */
#include "assay_config.h"

#include <bzlib.h>
#include <string.h>

#include "stream_private.h"

static const char *const bz_magics[] = {"BZh", NULL};
static const size_t bz_magic_lens[] = {3};

static int
bz_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    *len = 0;
    if (avail < 14 || memcmp(d, "BZh", 3) != 0 || d[3] < '1' || d[3] > '9')
        return 0;
    if (memcmp(d + 4, "\x31\x41\x59\x26\x53\x59", 6) != 0 &&
        memcmp(d + 4, "\x17\x72\x45\x38\x50\x90", 6) != 0)
        return 0; /* first block, or end of stream (empty input) */
    return 32 + 48;
}

static enum assay_status
bz_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct stream_out o;
    bz_stream bs;
    enum assay_status rc;
    int br = BZ_OK;
    uint64_t used = 0;

    memset(&bs, 0, sizeof(bs));
    rc = stream_out_init(&o, c, in->len);
    if (rc != ASSAY_OK || BZ2_bzDecompressInit(&bs, 0, 0) != BZ_OK)
        return stream_finish(&o, 0, ASSAY_E_NOMEM, 0);
    bs.next_in = (char *)(uintptr_t)in->data;
    while (rc == ASSAY_OK) {
        size_t left = in->len - (size_t)used;

        bs.avail_in = left > (1u << 30) ? (1u << 30) : (unsigned)left;
        bs.next_out = (char *)o.chunk;
        bs.avail_out = STREAM_CHUNK;
        br = BZ2_bzDecompress(&bs);
        used = ((uint64_t)bs.total_in_hi32 << 32) | bs.total_in_lo32;
        rc = stream_put(&o, STREAM_CHUNK - bs.avail_out, used);
        if (br == BZ_STREAM_END || rc != ASSAY_OK)
            break;
        if (br == BZ_OK && used >= in->len && bs.avail_out != 0)
            rc = ASSAY_E_TRUNCATED;
        else if (br == BZ_MEM_ERROR)
            rc = ASSAY_E_NOMEM;
        else if (br != BZ_OK)
            rc = ASSAY_E_CORRUPT;
    }
    BZ2_bzDecompressEnd(&bs);
    return stream_finish(&o, br == BZ_STREAM_END ? used : 0, rc, used);
}

const struct assay_extractor ex_bzip2 = {
    .name = "bzip2",
    .summary = "bzip2 streams (libbz2)",
    .magics = bz_magics,
    .magic_lens = bz_magic_lens,
    .magic_offset = 0,
    .bid = bz_bid,
    .run = bz_run,
};
