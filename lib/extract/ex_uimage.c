/* SPDX-License-Identifier: Apache-2.0 */
/*
 * U-Boot legacy images (uImage): a 64-byte big-endian header (magic
 * 0x27051956, header CRC-32, data size and CRC-32, OS, CPU, image type,
 * compression, 32-byte name) and the data. A "multi" image starts its data
 * with a zero-terminated list of 32-bit sizes; each part follows, padded
 * to 4 bytes.
 *
 * The magic is a constant inside every U-Boot binary, so the bid requires
 * the header CRC to match. Each image or part becomes a payload labelled
 * by its type (kernel, ramdisk, ...); the engine identifies the compressed
 * stream in it. A bad data CRC is reported and the data is still given
 * out: a checker wants to see a tampered image more than a clean one.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "extract_private.h"

#define UI_MAGIC      0x27051956u
#define UI_HDR        64u
#define UI_TYPE_MULTI 4u
#define UI_MAX_PARTS  64u /* U-Boot itself has no limit; real ones use 2-3 */

static const char *const ui_types[] = {"invalid", "standalone", "kernel",
    "ramdisk", "multi", "firmware", "script", "filesystem", "fdt"};
static const char *const ui_comps[] = {
    "none", "gzip", "bzip2", "lzma", "lzo", "lz4", "zstd"};

/* Does the header at d (64 bytes) carry its own CRC? */
static bool
ui_header_ok(const uint8_t *d)
{
    uint8_t h[UI_HDR];

    memcpy(h, d, UI_HDR);
    memset(h + 4, 0, 4);
    return (uint32_t)crc32(0, h, UI_HDR) == assay_be32(d + 4);
}

static int
ui_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint64_t total = UI_HDR + (uint64_t)0;

    *len = 0;
    if (avail < UI_HDR || assay_be32(d) != UI_MAGIC || !ui_header_ok(d))
        return 0;
    total += assay_be32(d + 12);
    if (total <= avail)
        *len = total;
    return 32 + 32; /* magic, header CRC */
}

static const char *
ui_type_name(unsigned t)
{
    return t < ASSAY_ARRAY_LEN(ui_types) ? ui_types[t] : "image";
}

static enum assay_status
ui_run(struct ex_ctx *c, const struct ex_input *in)
{
    const uint8_t *d = in->data;
    uint32_t size, type, comp;
    uint64_t avail;
    char name[33];

    if (in->len < UI_HDR || assay_be32(d) != UI_MAGIC)
        return ASSAY_E_CORRUPT;
    if (!ui_header_ok(d)) {
        ex_warn(c, 4, "header crc mismatch");
        return ASSAY_E_CORRUPT;
    }
    size = assay_be32(d + 12);
    type = d[30];
    comp = d[31];
    memcpy(name, d + 32, 32);
    name[32] = '\0';
    avail = in->len - UI_HDR;
    if (size > avail) {
        ex_warn(c, 12, "'%s' data of %u bytes truncated to %llu", name, size,
            (unsigned long long)avail);
        size = (uint32_t)avail;
    } else if ((uint32_t)crc32(0, d + UI_HDR, size) != assay_be32(d + 24)) {
        ex_warn(c, 24, "'%s' data crc mismatch", name);
    }
    if (comp >= ASSAY_ARRAY_LEN(ui_comps))
        ex_warn(c, 31, "'%s' compression %u unknown", name, comp);
    else
        assay_diag(ex_session(c), ASSAY_DIAG_NOTE, "uimage", in->name, -1,
            "uimage: '%s' %s, %s compressed, %u bytes", name,
            ui_type_name(type), ui_comps[comp], size);
    if (type != UI_TYPE_MULTI)
        return ex_emit_payload(c, ui_type_name(type), d + UI_HDR, size);

    /* Multi-file image: sizes, a zero word, then the parts. */
    {
        uint64_t list = UI_HDR, pos;
        uint32_t n = 0;

        while (assay_range_ok(list, 4, UI_HDR + (uint64_t)size) &&
               assay_be32(d + list) != 0 && n < UI_MAX_PARTS) {
            list += 4;
            n++;
        }
        pos = list + 4;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t psz = assay_be32(d + UI_HDR + (uint64_t)i * 4);
            char label[32];
            enum assay_status rc;

            if (!assay_range_ok(pos, psz, UI_HDR + (uint64_t)size)) {
                ex_warn(c, (int64_t)pos,
                    "part %u (%u bytes) runs past the image", i, psz);
                return ASSAY_OK;
            }
            snprintf(label, sizeof(label), "part%u", i);
            rc = ex_emit_payload(c, label, d + pos, psz);
            if (rc != ASSAY_OK && rc != ASSAY_E_CORRUPT)
                return rc;
            pos += ((uint64_t)psz + 3) & ~(uint64_t)3;
        }
    }
    return ASSAY_OK;
}

static const char *const ui_magics[] = {"\x27\x05\x19\x56", NULL};
static const size_t ui_magic_lens[] = {4, 0};

const struct assay_extractor ex_uimage = {
    .name = "uimage",
    .summary =
        "U-Boot legacy image (single and multi-file), header and data CRC",
    .magics = ui_magics,
    .magic_lens = ui_magic_lens,
    .magic_offset = 0,
    .bid = ui_bid,
    .run = ui_run,
};
