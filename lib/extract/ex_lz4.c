/* SPDX-License-Identifier: Apache-2.0 */
/*
 * LZ4 via liblz4, in both layouts found in firmware: the frame format
 * (magic 0x184D2204, lz4 >= r118, decoded with LZ4F) and the legacy
 * format (magic 0x184C2102, what Linux's lz4-compressed kernels and
 * initramfs use: 8 MiB blocks, each a 32-bit size and a raw LZ4 block,
 * decoded with LZ4_decompress_safe()).
 */
#include "assay_config.h"

#include <lz4.h>
#include <lz4frame.h>
#include <string.h>

#include "stream_private.h"

#define LZ4_LEGACY_MAGIC 0x184c2102u
#define LZ4_LEGACY_BLOCK (8u << 20)

static const char *const l4_magics[] = {
    "\x04\x22\x4d\x18", "\x02\x21\x4c\x18", NULL};
static const size_t l4_magic_lens[] = {4, 4};

static int
l4_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint32_t bs;

    *len = 0;
    if (avail < 8)
        return 0;
    if (assay_le32(d) == 0x184d2204u) {
        if ((d[4] >> 6) != 1 || (d[4] & 0x02) != 0)
            return 0; /* version 01, reserved bit */
        if ((d[5] & 0x8f) != 0 || ((d[5] >> 4) & 7) < 4)
            return 0; /* block maximum size 4..7 */
        return 32 + 2 + 4 + 3;
    }
    if (assay_le32(d) == LZ4_LEGACY_MAGIC) {
        bs = assay_le32(d + 4);
        if (bs == 0 || bs > (uint32_t)LZ4_compressBound((int)LZ4_LEGACY_BLOCK))
            return 0;
        return 32 + 8;
    }
    return 0;
}

static enum assay_status
l4_frame(struct ex_ctx *c, const struct ex_input *in)
{
    struct stream_out o;
    LZ4F_dctx *dc = NULL;
    enum assay_status rc;
    size_t pos = 0, hint = 1;

    rc = stream_out_init(&o, c, in->len);
    if (rc != ASSAY_OK ||
        LZ4F_isError(LZ4F_createDecompressionContext(&dc, LZ4F_VERSION)))
        return stream_finish(&o, 0, ASSAY_E_NOMEM, 0);
    while (rc == ASSAY_OK) {
        size_t src = in->len - pos, dst = STREAM_CHUNK;

        hint = LZ4F_decompress(dc, o.chunk, &dst, in->data + pos, &src, NULL);
        if (LZ4F_isError(hint)) {
            rc = ASSAY_E_CORRUPT;
            break;
        }
        pos += src;
        rc = stream_put(&o, dst, pos);
        if (hint == 0 || rc != ASSAY_OK)
            break; /* frame complete */
        if (pos >= in->len && dst == 0)
            rc = ASSAY_E_TRUNCATED;
    }
    LZ4F_freeDecompressionContext(dc);
    return stream_finish(&o, hint == 0 ? pos : 0, rc, pos);
}

static enum assay_status
l4_legacy(struct ex_ctx *c, const struct ex_input *in)
{
    struct stream_out o;
    enum assay_status rc;
    uint8_t *block;
    size_t pos = 4;

    rc = stream_out_init(&o, c, in->len);
    block = assay_malloc(LZ4_LEGACY_BLOCK);
    if (rc != ASSAY_OK || block == NULL) {
        assay_free(block);
        return stream_finish(&o, 0, ASSAY_E_NOMEM, 0);
    }
    while (rc == ASSAY_OK && pos + 4 <= in->len) {
        uint32_t bs = assay_le32(in->data + pos);
        int n;

        if (bs == LZ4_LEGACY_MAGIC) {
            pos += 4; /* concatenated stream */
            continue;
        }
        if (bs == 0 || bs > (uint32_t)LZ4_compressBound((int)LZ4_LEGACY_BLOCK))
            break; /* end of stream: what follows is something else */
        if (!assay_range_ok(pos + 4, bs, in->len)) {
            rc = ASSAY_E_TRUNCATED;
            break;
        }
        n = LZ4_decompress_safe((const char *)in->data + pos + 4, (char *)block,
            (int)bs, (int)LZ4_LEGACY_BLOCK);
        if (n < 0) {
            rc = ASSAY_E_CORRUPT;
            break;
        }
        pos += 4 + (size_t)bs;
        for (size_t off = 0; rc == ASSAY_OK && off < (size_t)n;) {
            size_t k =
                (size_t)n - off > STREAM_CHUNK ? STREAM_CHUNK : (size_t)n - off;

            memcpy(o.chunk, block + off, k);
            rc = stream_put(&o, k, pos);
            off += k;
        }
    }
    assay_free(block);
    return stream_finish(&o, rc == ASSAY_OK ? pos : 0, rc, pos);
}

static enum assay_status
l4_run(struct ex_ctx *c, const struct ex_input *in)
{
    if (in->len >= 4 && assay_le32(in->data) == LZ4_LEGACY_MAGIC)
        return l4_legacy(c, in);
    return l4_frame(c, in);
}

const struct assay_extractor ex_lz4 = {
    .name = "lz4",
    .summary = "LZ4 frame and legacy (kernel) formats (liblz4)",
    .magics = l4_magics,
    .magic_lens = l4_magic_lens,
    .magic_offset = 0,
    .bid = l4_bid,
    .run = l4_run,
};
