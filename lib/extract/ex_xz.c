/* SPDX-License-Identifier: Apache-2.0 */
/*
 * xz (.xz container, one stream per region) via liblzma. The bid checks
 * the stream header CRC32, which makes false positives in carved data
 * practically impossible.
 */
#include "assay_config.h"

#include <lzma.h>
#include <string.h>

#include "stream_private.h"

/* liblzma's own memory use is capped at this. */
#define XZ_MEMLIMIT (256u << 20)

static const char *const xz_magics[] = {"\xfd"
                                        "7zXZ\x00",
    NULL};
static const size_t xz_magic_lens[] = {6};

static int
xz_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    *len = 0;
    if (avail < 32 || memcmp(d,
                          "\xfd"
                          "7zXZ\x00",
                          6) != 0)
        return 0;
    if (d[6] != 0 || (d[7] & 0xf0) != 0)
        return 0;
    if (lzma_crc32(d + 6, 2, 0) != assay_le32(d + 8))
        return 0;
    return 48 + 16 + 32;
}

enum assay_status
extract_lzma_decode(struct ex_ctx *c, lzma_stream *s, const uint8_t *data,
    size_t len, uint64_t base_used)
{
    struct stream_out o;
    enum assay_status rc;
    lzma_ret lr = LZMA_OK;
    uint64_t used;

    rc = stream_out_init(&o, c, len);
    if (rc != ASSAY_OK) {
        lzma_end(s);
        return stream_finish(&o, 0, rc, 0);
    }
    s->next_in = data;
    s->avail_in = len;
    while (rc == ASSAY_OK) {
        s->next_out = o.chunk;
        s->avail_out = STREAM_CHUNK;
        lr = lzma_code(s, s->avail_in == 0 ? LZMA_FINISH : LZMA_RUN);
        rc = stream_put(
            &o, STREAM_CHUNK - s->avail_out, base_used + s->total_in);
        if (lr == LZMA_STREAM_END || rc != ASSAY_OK)
            break;
        if (lr == LZMA_BUF_ERROR ||
            (lr == LZMA_OK && s->avail_in == 0 && s->avail_out != 0))
            rc = ASSAY_E_TRUNCATED;
        else if (lr == LZMA_MEM_ERROR || lr == LZMA_MEMLIMIT_ERROR)
            rc = ASSAY_E_NOMEM;
        else if (lr != LZMA_OK)
            rc = ASSAY_E_CORRUPT;
    }
    used = base_used + s->total_in;
    lzma_end(s);
    return stream_finish(&o, lr == LZMA_STREAM_END ? used : 0, rc, used);
}

static enum assay_status
xz_run(struct ex_ctx *c, const struct ex_input *in)
{
    lzma_stream s = LZMA_STREAM_INIT;

    if (lzma_stream_decoder(&s, XZ_MEMLIMIT, 0) != LZMA_OK)
        return ASSAY_E_NOMEM;
    return extract_lzma_decode(c, &s, in->data, in->len, 0);
}

const struct assay_extractor ex_xz = {
    .name = "xz",
    .summary = "xz streams (liblzma)",
    .magics = xz_magics,
    .magic_lens = xz_magic_lens,
    .magic_offset = 0,
    .bid = xz_bid,
    .run = xz_run,
};
