/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Broadcom TRX firmware containers: "HDR0", total length, CRC-32 of
 * everything after the CRC field (stored inverted, as Broadcom's CFE
 * computes it), flags and version, then 3 (version 1) or 4 (version 2)
 * partition offsets from the header start. Partitions run from their
 * offset to the next non-zero offset or the end; each becomes a payload
 * ("part0", "part1" ...). A CRC mismatch is reported, not fatal.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "extract_private.h"

#define TRX_V1_HDR 28u
#define TRX_V2_HDR 32u

static int
trx_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint32_t total, ver, hdr, prev = 0;

    *len = 0;
    if (avail < TRX_V2_HDR || memcmp(d, "HDR0", 4) != 0)
        return 0;
    total = assay_le32(d + 4);
    ver = assay_le16(d + 14);
    if (ver != 1 && ver != 2)
        return 0;
    hdr = ver == 1 ? TRX_V1_HDR : TRX_V2_HDR;
    if (total < hdr)
        return 0;
    for (uint32_t i = 0; i < (ver == 1 ? 3u : 4u); i++) {
        uint32_t off = assay_le32(d + 16 + i * 4);

        if (off == 0)
            continue;
        if (off < hdr || off >= total || off <= prev)
            return 0;
        prev = off;
    }
    if (prev == 0)
        return 0; /* no partition at all */
    if (total <= avail)
        *len = total;
    return 32 + 16 + 8; /* magic, version and length, offsets */
}

static enum assay_status
trx_run(struct ex_ctx *c, const struct ex_input *in)
{
    const uint8_t *d = in->data;
    uint32_t total, ver, n, offs[4] = {0};
    uint64_t end;

    if (in->len < TRX_V2_HDR || memcmp(d, "HDR0", 4) != 0)
        return ASSAY_E_CORRUPT;
    total = assay_le32(d + 4);
    ver = assay_le16(d + 14);
    if (ver != 1 && ver != 2)
        return ASSAY_E_CORRUPT;
    n = ver == 1 ? 3u : 4u;
    if (total < (ver == 1 ? TRX_V1_HDR : TRX_V2_HDR)) {
        ex_warn(c, 4, "length %u shorter than the header", total);
        return ASSAY_E_CORRUPT;
    }
    end = total;
    if (end > in->len) {
        ex_warn(
            c, 4, "length %u past the end of the region (%zu)", total, in->len);
        end = in->len;
    } else if (~(uint32_t)crc32(0, d + 12, total - 12) != assay_le32(d + 8)) {
        ex_warn(c, 8, "crc mismatch");
    }
    for (uint32_t i = 0; i < n; i++)
        offs[i] = assay_le32(d + 16 + i * 4);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t stop = end;
        char label[16];
        enum assay_status rc;

        if (offs[i] == 0)
            continue;
        for (uint32_t k = i + 1; k < n; k++) {
            if (offs[k] != 0) {
                stop = offs[k];
                break;
            }
        }
        if (offs[i] >= stop || stop > end) {
            ex_warn(
                c, 16 + i * 4, "partition %u at 0x%x out of order", i, offs[i]);
            continue;
        }
        snprintf(label, sizeof(label), "part%u", i);
        rc = ex_emit_payload(c, label, d + offs[i], (size_t)(stop - offs[i]));
        if (rc != ASSAY_OK && rc != ASSAY_E_CORRUPT)
            return rc;
    }
    return ASSAY_OK;
}

static const char *const trx_magics[] = {"HDR0", NULL};
static const size_t trx_magic_lens[] = {4, 0};

const struct assay_extractor ex_trx = {
    .name = "trx",
    .summary = "Broadcom TRX container (versions 1 and 2), CRC checked",
    .magics = trx_magics,
    .magic_lens = trx_magic_lens,
    .magic_offset = 0,
    .bid = trx_bid,
    .run = trx_run,
};
