/* SPDX-License-Identifier: Apache-2.0 */
/*
 * UBI images (raw NAND/NOR dumps and ubinize output).
 *
 * Every physical erase block (PEB) starts with an erase-counter header
 * ("UBI#", with the offsets of the volume-id header and of the data) and,
 * when in use, a volume-id header ("UBI!": volume, logical block number,
 * sequence number). The layout volume (id 0x7fffefff) holds the volume
 * table: name, type and size of each user volume. A volume's contents are
 * its logical erase blocks (LEBs) in order; when two PEBs claim the same
 * LEB (an interrupted move), the higher sequence number wins.
 *
 * Each volume becomes a payload named after it (the engine then finds the
 * UBIFS or SquashFS inside). Headers use big-endian fields and the CRC-32
 * of the kernel with seed 0xffffffff and no final inversion.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "fs_private.h"

#define UBI_HDR        64u
#define UBI_LAYOUT_VOL 0x7fffefffu
#define UBI_VTBL_REC   172u
#define UBI_MAX_VOLS   128u
#define UBI_MIN_PEB    512u
#define UBI_MAX_PEB    (16u << 20)

/* Newest copy of one LEB. */
struct ubi_leb {
    uint32_t vol;   /* volume id */
    uint32_t lnum;  /* logical block */
    uint64_t sqnum; /* higher wins */
    uint64_t peb;   /* PEB index */
    uint32_t size;  /* static volumes: bytes used; dynamic: 0 */
};

static bool
ubi_ec_ok(const uint8_t *p)
{
    return memcmp(p, "UBI#", 4) == 0 && p[4] == 1 &&
           extract_crc32_raw(0xffffffffu, p, 60) == assay_be32(p + 60);
}

static int
ubi_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint32_t vid, data;

    *len = 0;
    if (avail < UBI_HDR || !ubi_ec_ok(d))
        return 0;
    vid = assay_be32(d + 16);
    data = assay_be32(d + 20);
    if (vid < UBI_HDR || data <= vid || data > UBI_MAX_PEB)
        return 0;
    return 32 + 8 + 32; /* magic, version, header CRC */
}

/* Smallest power-of-two PEB size with another EC header after it. */
static uint64_t
ubi_peb_size(const uint8_t *d, size_t len, uint32_t data_off)
{
    for (uint64_t s = UBI_MIN_PEB; s <= UBI_MAX_PEB; s *= 2) {
        if (s <= data_off)
            continue;
        if (s + UBI_HDR > len)
            break;
        if (ubi_ec_ok(d + s))
            return s;
    }
    /* A single PEB: it runs to the end of the region. */
    return len >= data_off ? len : 0;
}

static bool
ubi_blank(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0xff)
            return false;
    return true;
}

static enum assay_status
ubi_run(struct ex_ctx *c, const struct ex_input *in)
{
    const uint8_t *d = in->data;
    uint32_t vid_off, data_off;
    uint64_t peb, npeb, leb_size;
    struct assay_buf lebs;
    struct ubi_leb *v;
    size_t nl = 0;
    char names[UBI_MAX_VOLS][129];
    bool have_vtbl = false;
    enum assay_status rc = ASSAY_OK;

    if (in->len < UBI_HDR || !ubi_ec_ok(d))
        return ASSAY_E_CORRUPT;
    vid_off = assay_be32(d + 16);
    data_off = assay_be32(d + 20);
    peb = ubi_peb_size(d, in->len, data_off);
    if (peb == 0 || vid_off + UBI_HDR > data_off || data_off >= peb) {
        ex_warn(c, 16, "header offsets %u/%u do not fit a block", vid_off,
            data_off);
        return ASSAY_E_CORRUPT;
    }
    leb_size = peb - data_off;
    /* The image ends with the last block that has an EC header. */
    for (npeb = 0; (npeb + 1) * peb <= in->len; npeb++) {
        const uint8_t *p = d + npeb * peb;

        if (!ubi_ec_ok(p) && !ubi_blank(p, UBI_HDR))
            break;
    }
    ex_set_consumed(c, npeb * peb);
    memset(names, 0, sizeof(names));
    assay_buf_init(&lebs, (size_t)(npeb + 1) * sizeof(struct ubi_leb));

    for (uint64_t i = 0; i < npeb && rc == ASSAY_OK; i++) {
        const uint8_t *p = d + i * peb;
        const uint8_t *h = p + vid_off;
        struct ubi_leb l;

        if (!ubi_ec_ok(p) || memcmp(h, "UBI!", 4) != 0)
            continue;
        if (extract_crc32_raw(0xffffffffu, h, 60) != assay_be32(h + 60)) {
            ex_warn(c, (int64_t)(i * peb + vid_off),
                "volume header of block %llu has a bad crc",
                (unsigned long long)i);
            continue;
        }
        l.vol = assay_be32(h + 8);
        l.lnum = assay_be32(h + 12);
        l.size = h[5] == 2 ? assay_be32(h + 20) : 0;
        l.sqnum = assay_be64(h + 40);
        l.peb = i;
        if (l.lnum >= npeb || l.size > leb_size)
            continue;
        if (l.vol == UBI_LAYOUT_VOL && l.lnum == 0 && !have_vtbl) {
            const uint8_t *t = p + data_off;

            for (uint32_t k = 0; k < UBI_MAX_VOLS &&
                                 (uint64_t)(k + 1) * UBI_VTBL_REC <= leb_size;
                 k++) {
                const uint8_t *r = t + k * UBI_VTBL_REC;
                uint16_t nlen = assay_be16(r + 14);

                if (assay_be32(r) == 0 || nlen == 0 || nlen > 128 ||
                    extract_crc32_raw(0xffffffffu, r, 168) !=
                        assay_be32(r + 168))
                    continue;
                memcpy(names[k], r + 16, nlen);
                names[k][nlen] = '\0';
            }
            have_vtbl = true;
            continue;
        }
        if (l.vol >= UBI_MAX_VOLS)
            continue;
        rc = assay_buf_append(&lebs, &l, sizeof(l));
        nl++;
    }
    if (!have_vtbl)
        ex_warn(c, -1, "no volume table found; volumes named by id");
    v = (struct ubi_leb *)(void *)lebs.data;
    for (uint32_t vol = 0; vol < UBI_MAX_VOLS && rc == ASSAY_OK; vol++) {
        uint32_t maxl = 0;
        bool any = false;
        struct assay_buf b;
        char label[160];

        for (size_t i = 0; i < nl; i++) {
            if (v[i].vol == vol) {
                any = true;
                if (v[i].lnum > maxl)
                    maxl = v[i].lnum;
            }
        }
        if (!any)
            continue;
        ex_buf_init(c, &b, in->len);
        for (uint32_t lnum = 0; lnum <= maxl && rc == ASSAY_OK; lnum++) {
            const struct ubi_leb *best = NULL;

            for (size_t i = 0; i < nl; i++)
                if (v[i].vol == vol && v[i].lnum == lnum &&
                    (best == NULL || v[i].sqnum > best->sqnum))
                    best = &v[i];
            if (best == NULL) {
                /* An unmapped LEB of a dynamic volume reads as erased. */
                uint8_t erased[4096];

                memset(erased, 0xff, sizeof(erased));
                for (uint64_t k = 0; k < leb_size && rc == ASSAY_OK;) {
                    size_t step = leb_size - k < sizeof(erased)
                                      ? (size_t)(leb_size - k)
                                      : sizeof(erased);

                    rc = assay_buf_append(&b, erased, step);
                    k += step;
                }
                continue;
            }
            rc = assay_buf_append(&b, d + best->peb * peb + data_off,
                best->size ? best->size : (size_t)leb_size);
        }
        if (rc == ASSAY_E_LIMIT) {
            ex_warn(c, -1, "volume %u exceeds the size limit", vol);
            rc = ASSAY_OK;
        }
        if (rc == ASSAY_OK) {
            /* Labels name containers: keep them plain. */
            const char *nm = names[vol][0] ? names[vol] : NULL;
            size_t o = 0;

            if (nm == NULL) {
                snprintf(label, sizeof(label), "vol%u", vol);
            } else {
                for (size_t k = 0; nm[k] != '\0' && o + 1 < sizeof(label); k++)
                    label[o++] = (nm[k] == '/' || nm[k] < 0x20) ? '_' : nm[k];
                label[o] = '\0';
            }
            rc = ex_emit_payload_buf(c, label, &b);
            if (rc == ASSAY_E_CORRUPT)
                rc = ASSAY_OK;
        }
        assay_buf_release(&b);
    }
    assay_buf_release(&lebs);
    return rc;
}

static const char *const ubi_magics[] = {"UBI#\x01", NULL};
static const size_t ubi_magic_lens[] = {5, 0};

const struct assay_extractor ex_ubi = {
    .name = "ubi",
    .summary = "UBI image: erase-counter and volume headers, volume table, "
               "LEB mapping (newest copy wins); each volume a payload",
    .magics = ubi_magics,
    .magic_lens = ubi_magic_lens,
    .magic_offset = 0,
    .bid = ubi_bid,
    .run = ubi_run,
};
