/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gzip (RFC 1952) members via zlib. The region length is unknown until
 * the member ends, so the engine hands over the rest of the blob and the
 * extractor reports what the member used. One member per region: a
 * following member is carved as its own region.
 */
#include "assay_config.h"

#include <string.h>

#include <zlib.h>

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
    struct stream_out o;
    z_stream zs;
    enum assay_status rc;
    int zr = Z_OK;

    memset(&zs, 0, sizeof(zs));
    rc = stream_out_init(&o, c, in->len);
    if (rc != ASSAY_OK || inflateInit2(&zs, 15 + 16) != Z_OK)
        return stream_finish(&o, 0, ASSAY_E_NOMEM, 0);
    zs.next_in = (Bytef *)(uintptr_t)in->data;
    while (rc == ASSAY_OK) {
        size_t left = in->len - zs.total_in;

        zs.avail_in = left > (1u << 30) ? (1u << 30) : (uInt)left;
        zs.next_out = o.chunk;
        zs.avail_out = STREAM_CHUNK;
        zr = inflate(&zs, Z_NO_FLUSH);
        rc = stream_put(&o, STREAM_CHUNK - zs.avail_out, zs.total_in);
        if (zr == Z_STREAM_END)
            break;
        if (rc != ASSAY_OK)
            break;
        if (zr == Z_BUF_ERROR && zs.total_in >= in->len)
            rc = ASSAY_E_TRUNCATED;
        else if (zr == Z_MEM_ERROR)
            rc = ASSAY_E_NOMEM;
        else if (zr != Z_OK && zr != Z_BUF_ERROR)
            rc = ASSAY_E_CORRUPT;
    }
    {
        uint64_t used = zs.total_in;

        inflateEnd(&zs);
        return stream_finish(&o, zr == Z_STREAM_END ? used : 0, rc, used);
    }
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
