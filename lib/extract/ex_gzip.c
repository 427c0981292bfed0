/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gzip (RFC 1952) members via zlib. The region length is unknown until
 * the member ends, so the engine hands over the rest of the blob and the
 * extractor reports what the member used. One member per region: a
 * following member is carved as its own region.
 */
#include "assay_config.h"

#include <string.h>

#include "stream_private.h"

static const char *const gz_magics[] = {"\x1f\x8b\x08", NULL};
static const size_t gz_magic_lens[] = {3};

static int
gz_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    *len = 0;
    if (avail < 18 || d[0] != 0x1f || d[1] != 0x8b || d[2] != 8)
        return 0;
    if (d[3] & 0xe0) /* reserved flag bits */
        return 0;
    if (d[8] != 0 && d[8] != 2 && d[8] != 4)
        return 0; /* XFL */
    if (d[9] > 13 && d[9] != 255)
        return 0; /* OS */
    return 24 + 3 + 8 + 8;
}

static enum assay_status
gz_run(struct ex_ctx *c, const struct ex_input *in)
{
    return extract_inflate(c, in, 15 + 16, false);
}

const struct assay_extractor ex_gzip = {
    .name = "gzip",
    .summary = "gzip members (zlib)",
    .magics = gz_magics,
    .magic_lens = gz_magic_lens,
    .magic_offset = 0,
    .bid = gz_bid,
    .run = gz_run,
};
