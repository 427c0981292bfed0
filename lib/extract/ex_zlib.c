/* SPDX-License-Identifier: Apache-2.0 */
/*
 * zlib streams (RFC 1950) via zlib: the 2-byte header firmware uses for
 * compressed kernels, resources and configuration blobs. The magic is
 * weak (any of four 2-byte values with a header check), so the bid is
 * low and a candidate that does not inflate to at least
 * STREAM_MIN_PARTIAL bytes is dropped as a false positive.
 */
#include "assay_config.h"

#include <string.h>

#include "stream_private.h"

static const char *const zl_magics[] = {
    "\x78\x01", "\x78\x5e", "\x78\x9c", "\x78\xda", NULL};
static const size_t zl_magic_lens[] = {2, 2, 2, 2};

static int
zl_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    *len = 0;
    if (avail < 8 || (d[0] & 0x0f) != 8 || (d[0] >> 4) > 7)
        return 0;
    if (((unsigned)d[0] << 8 | d[1]) % 31 != 0 || (d[1] & 0x20) != 0)
        return 0; /* header check, no preset dictionary */
    /* First deflate block type 3 is reserved. */
    if (((d[2] >> 1) & 3) == 3)
        return 0;
    return 16;
}

static enum assay_status
zl_run(struct ex_ctx *c, const struct ex_input *in)
{
    return extract_inflate(c, in, 15, true);
}

const struct assay_extractor ex_zlib = {
    .name = "zlib",
    .summary = "zlib streams (zlib)",
    .magics = zl_magics,
    .magic_lens = zl_magic_lens,
    .magic_offset = 0,
    .bid = zl_bid,
    .run = zl_run,
};
