/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Zstandard frames via libzstd. The bid asks libzstd for the frame's
 * compressed size (a walk over block headers, no allocation), so a
 * well-formed frame is a known-length region; a damaged one still runs,
 * to the end of the blob, and keeps what decodes.
 */
#include "assay_config.h"

#include <string.h>
#include <zstd.h>

#include "stream_private.h"

/* Largest window accepted: 2^27 = 128 MiB (libzstd's default cap). */
#define ZSTD_WINDOW_LOG_MAX 27

static const char *const zs_magics[] = {"\x28\xb5\x2f\xfd", NULL};
static const size_t zs_magic_lens[] = {4};

static int
zs_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    size_t n;

    *len = 0;
    if (avail < 9 || memcmp(d, "\x28\xb5\x2f\xfd", 4) != 0)
        return 0;
    if (d[4] & 0x08)
        return 0; /* reserved bit of the frame header descriptor */
    n = ZSTD_findFrameCompressedSize(d, avail);
    if (!ZSTD_isError(n))
        *len = n;
    return 32 + 1 + (*len > 0 ? 16 : 0);
}

static enum assay_status
zs_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct stream_out o;
    ZSTD_DStream *ds;
    ZSTD_inBuffer ib = {in->data, in->len, 0};
    enum assay_status rc;
    size_t zr = 1;

    rc = stream_out_init(&o, c, in->len);
    ds = ZSTD_createDStream();
    if (rc != ASSAY_OK || ds == NULL) {
        ZSTD_freeDStream(ds);
        return stream_finish(&o, 0, ASSAY_E_NOMEM, 0);
    }
    ZSTD_DCtx_setParameter(ds, ZSTD_d_windowLogMax, ZSTD_WINDOW_LOG_MAX);
    while (rc == ASSAY_OK) {
        ZSTD_outBuffer ob = {o.chunk, STREAM_CHUNK, 0};

        zr = ZSTD_decompressStream(ds, &ob, &ib);
        if (ZSTD_isError(zr)) {
            rc = ASSAY_E_CORRUPT;
            break;
        }
        rc = stream_put(&o, ob.pos, ib.pos);
        if (zr == 0 || rc != ASSAY_OK)
            break; /* frame complete */
        if (ib.pos >= ib.size && ob.pos < ob.size)
            rc = ASSAY_E_TRUNCATED;
    }
    ZSTD_freeDStream(ds);
    return stream_finish(&o, zr == 0 ? ib.pos : 0, rc, ib.pos);
}

const struct assay_extractor ex_zstd = {
    .name = "zstd",
    .summary = "Zstandard frames (libzstd)",
    .magics = zs_magics,
    .magic_lens = zs_magic_lens,
    .magic_offset = 0,
    .bid = zs_bid,
    .run = zs_run,
};
