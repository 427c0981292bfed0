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

#include <zlib.h>

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
    struct stream_out o;
    z_stream zs;
    enum assay_status rc;
    int zr = Z_OK;
    uint64_t used;

    memset(&zs, 0, sizeof(zs));
    rc = stream_out_init(&o, c, in->len);
    if (rc != ASSAY_OK || inflateInit2(&zs, 15) != Z_OK)
        return stream_finish(&o, 0, ASSAY_E_NOMEM, 0);
    zs.next_in = (Bytef *)(uintptr_t)in->data;
    while (rc == ASSAY_OK) {
        size_t left = in->len - zs.total_in;

        zs.avail_in = left > (1u << 30) ? (1u << 30) : (uInt)left;
        zs.next_out = o.chunk;
        zs.avail_out = STREAM_CHUNK;
        zr = inflate(&zs, Z_NO_FLUSH);
        rc = stream_put(&o, STREAM_CHUNK - zs.avail_out, zs.total_in);
        if (zr == Z_STREAM_END || rc != ASSAY_OK)
            break;
        if (zr == Z_BUF_ERROR && zs.total_in >= in->len)
            rc = ASSAY_E_TRUNCATED;
        else if (zr == Z_MEM_ERROR)
            rc = ASSAY_E_NOMEM;
        else if (zr != Z_OK && zr != Z_BUF_ERROR)
            rc = ASSAY_E_CORRUPT;
    }
    used = zs.total_in;
    inflateEnd(&zs);
    /* A clean but tiny stream in carved data is as likely noise. */
    if (zr == Z_STREAM_END && o.buf.len == 0)
        rc = ASSAY_E_CORRUPT;
    return stream_finish(&o, zr == Z_STREAM_END ? used : 0, rc, used);
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
