/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lzop files: the container is parsed here (liblzo2 provides only the
 * LZO1X codec), the blocks are decoded with lzo1x_decompress_safe().
 *
 * Layout (lzop 1.04, big-endian): 9-byte magic; version, library version,
 * version needed (>= 0x0940); method and level; flags; filter (if
 * F_H_FILTER); mode; mtime low and high; name length and name; header
 * checksum (Adler-32, or CRC-32 with F_H_CRC32). Then blocks: decoded
 * length (0 ends the file), encoded length, decoded checksum and, when
 * the block is compressed, encoded checksum, as the flags say. Every
 * field is bounds-checked; block lengths are capped at 64 MiB (lzop
 * writes 256 KiB). The decoded checksums are verified: a block that
 * fails is kept and reported (the first one by offset, then a count).
 */
#include "assay_config.h"

#include <string.h>
#include <zlib.h>

#include <lzo/lzo1x.h>

#include "stream_private.h"

#define LZOP_MAGIC     "\x89LZO\x00\x0d\x0a\x1a\x0a"
#define LZOP_MAGIC_LEN 9u
#define LZOP_MAX_BLOCK (64u << 20)

#define F_ADLER32_D     0x00000001u
#define F_ADLER32_C     0x00000002u
#define F_H_EXTRA_FIELD 0x00000040u
#define F_CRC32_D       0x00000100u
#define F_CRC32_C       0x00000200u
#define F_H_FILTER      0x00000800u
#define F_H_CRC32       0x00001000u

static const char *const lzop_magics[] = {LZOP_MAGIC, NULL};
static const size_t lzop_magic_lens[] = {LZOP_MAGIC_LEN};

enum assay_status
extract_lzop_header(const uint8_t *d, size_t len, struct lzop_header *h)
{
    size_t p = LZOP_MAGIC_LEN, start;
    uint32_t sum, want;
    uint16_t needed = 0;
    uint8_t nlen;

    memset(h, 0, sizeof(*h));
    if (len < LZOP_MAGIC_LEN || memcmp(d, LZOP_MAGIC, LZOP_MAGIC_LEN) != 0)
        return ASSAY_E_CORRUPT;
    start = p;
    if (!assay_range_ok(p, 6, len))
        return ASSAY_E_TRUNCATED;
    h->version = assay_be16(d + p);
    p += 4; /* version, library version */
    if (h->version < 0x0900)
        return ASSAY_E_CORRUPT;
    if (h->version >= 0x0940) {
        needed = assay_be16(d + p);
        p += 2;
        if (needed > 0x1040 || needed < 0x0900)
            return ASSAY_E_UNSUPPORTED;
    }
    if (!assay_range_ok(p, 2, len))
        return ASSAY_E_TRUNCATED;
    h->method = d[p++];
    if (h->version >= 0x0940)
        p++; /* level */
    if (h->method < 1 || h->method > 3)
        return ASSAY_E_CORRUPT;
    if (!assay_range_ok(p, 4, len))
        return ASSAY_E_TRUNCATED;
    h->flags = assay_be32(d + p);
    p += 4;
    if (h->flags & F_H_FILTER)
        return ASSAY_E_UNSUPPORTED;
    if (!assay_range_ok(p, h->version >= 0x0940 ? 13 : 9, len))
        return ASSAY_E_TRUNCATED;
    h->mode = assay_be32(d + p);
    h->mtime = assay_be32(d + p + 4);
    p += 8;
    if (h->version >= 0x0940) {
        h->mtime = (int64_t)((uint64_t)(uint32_t)h->mtime |
                             ((uint64_t)assay_be32(d + p) << 32));
        p += 4;
    }
    nlen = d[p++];
    if (!assay_range_ok(p, (uint64_t)nlen + 4, len))
        return ASSAY_E_TRUNCATED;
    memcpy(h->name, d + p, nlen);
    h->name[nlen] = '\0';
    p += nlen;
    if (h->flags & F_H_CRC32)
        sum = (uint32_t)crc32(0, d + start, (uInt)(p - start));
    else
        sum = (uint32_t)adler32(1, d + start, (uInt)(p - start));
    want = assay_be32(d + p);
    p += 4;
    if (sum != want)
        return ASSAY_E_CORRUPT;
    if (h->flags & F_H_EXTRA_FIELD) {
        uint32_t xlen;

        if (!assay_range_ok(p, 4, len))
            return ASSAY_E_TRUNCATED;
        xlen = assay_be32(d + p);
        if (!assay_range_ok(p, (uint64_t)xlen + 8, len))
            return ASSAY_E_TRUNCATED;
        p += 8 + (size_t)xlen; /* length, data, checksum */
    }
    h->header_len = p;
    return ASSAY_OK;
}

static int
lzop_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    struct lzop_header h;

    *len = 0;
    if (extract_lzop_header(d, avail, &h) != ASSAY_OK)
        return 0;
    return 72 + 32; /* magic and header checksum */
}

/*
 * Do the decoded block's checksums (at 'sums', as the flags say) match?
 * lzop's Adler-32 starts at 1 and its CRC-32 is zlib's.
 */
static bool
lzop_sums_ok(const struct lzop_header *h, const uint8_t *sums, const uint8_t *d,
    size_t n)
{
    if ((h->flags & F_ADLER32_D) &&
        assay_be32(sums) != (uint32_t)adler32(1, d, (uInt)n))
        return false;
    if (h->flags & F_ADLER32_D)
        sums += 4;
    if ((h->flags & F_CRC32_D) &&
        assay_be32(sums) != (uint32_t)crc32(0, d, (uInt)n))
        return false;
    return true;
}

static enum assay_status
lzop_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct lzop_header h;
    struct stream_out o;
    enum assay_status rc;
    uint8_t *block = NULL;
    size_t p, sum_at = 0, blk_at = 0;
    unsigned bad = 0;

    rc = extract_lzop_header(in->data, in->len, &h);
    if (rc != ASSAY_OK) {
        if (rc == ASSAY_E_UNSUPPORTED)
            ex_warn(c, 0, "lzop filters or version 0x%04x not supported",
                h.version);
        return rc;
    }
    if (lzo_init() != LZO_E_OK)
        return ASSAY_E_INTERNAL;
    p = h.header_len;
    rc = stream_out_init(&o, c, in->len);
    block = assay_malloc(LZOP_MAX_BLOCK);
    if (rc != ASSAY_OK || block == NULL) {
        assay_free(block);
        return stream_finish(&o, 0, ASSAY_E_NOMEM, 0);
    }
    while (rc == ASSAY_OK) {
        uint32_t dlen, clen;
        size_t sums = 0;
        lzo_uint out = LZOP_MAX_BLOCK;

        if (!assay_range_ok(p, 4, in->len)) {
            rc = ASSAY_E_TRUNCATED;
            break;
        }
        dlen = assay_be32(in->data + p);
        if (dlen == 0) {
            p += 4; /* end of file */
            break;
        }
        if (!assay_range_ok(p, 8, in->len)) {
            rc = ASSAY_E_TRUNCATED;
            break;
        }
        clen = assay_be32(in->data + p + 4);
        p += 8;
        if (dlen > LZOP_MAX_BLOCK || clen > dlen || clen == 0) {
            rc = ASSAY_E_CORRUPT;
            break;
        }
        /* decoded Adler-32, decoded CRC-32, then the same two of the
         * encoded bytes when the block is compressed, as flagged */
        sums = 4u * (!!(h.flags & F_ADLER32_D) + !!(h.flags & F_CRC32_D));
        if (clen < dlen)
            sums += 4u * (!!(h.flags & F_ADLER32_C) + !!(h.flags & F_CRC32_C));
        if (!assay_range_ok(p, (uint64_t)sums + clen, in->len)) {
            rc = ASSAY_E_TRUNCATED;
            break;
        }
        sum_at = p;
        blk_at = p - 8;
        p += sums;
        if (clen == dlen) {
            memcpy(block, in->data + p, dlen);
            out = dlen;
        } else if (lzo1x_decompress_safe(
                       in->data + p, clen, block, &out, NULL) != LZO_E_OK ||
                   out != dlen) {
            rc = ASSAY_E_CORRUPT;
            break;
        }
        p += clen;
        if (!lzop_sums_ok(&h, in->data + sum_at, block, out)) {
            if (bad++ == 0)
                ex_warn(c, (int64_t)blk_at,
                    "block at 0x%zx: decoded data fails its %s check; kept",
                    blk_at, (h.flags & F_ADLER32_D) ? "Adler-32" : "CRC-32");
        }
        for (size_t off = 0; rc == ASSAY_OK && off < out;) {
            size_t k = out - off > STREAM_CHUNK ? STREAM_CHUNK : out - off;

            memcpy(o.chunk, block + off, k);
            rc = stream_put(&o, k, p);
            off += k;
        }
    }
    assay_free(block);
    if (bad > 1)
        ex_warn(c, -1, "%u blocks in all fail their checksum", bad);
    return stream_finish(&o, rc == ASSAY_OK ? p : 0, rc, p);
}

const struct assay_extractor ex_lzop = {
    .name = "lzop",
    .summary = "lzop files (own header parser, liblzo2 LZO1X)",
    .magics = lzop_magics,
    .magic_lens = lzop_magic_lens,
    .magic_offset = 0,
    .bid = lzop_bid,
    .run = lzop_run,
};
