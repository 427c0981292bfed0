/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PFS/0.9, the flat file system of Arcadyan-built eCos firmware (Linksys
 * WRT120N and kin), usually found LZMA-compressed; it holds the web UI.
 *
 * Little-endian. A 16-byte header: "PFS/", the version ("0.9") and a NUL,
 * 4 bytes of unknown use (zero in the images seen), le16 at 12 = bytes of
 * the name field of an entry, le16 at 14 = entry count. Then `count`
 * entries of the name field (NUL-padded, '\' between path components)
 * followed by le32 of unknown meaning (the same value in every entry of
 * the images seen: neither an inode number nor a plausible time, so it is
 * ignored), le32 offset and le32 size. The file data follows the table and
 * each offset counts from there. Only regular files are stored: folders
 * are implicit in the paths, and there are no modes, owners or times, so
 * files come out 0644. A later entry for the same path replaces an earlier
 * one (the engine's tar rule).
 */
#include "assay_config.h"

#include <string.h>

#include "fs_private.h"

#define PFS_HDR       16u
#define PFS_ENT_TAIL  12u   /* le32 unknown, le32 offset, le32 size */
#define PFS_NAME_MIN  8u    /* smallest name field accepted */
#define PFS_NAME_MAX  1024u /* largest name field accepted */
#define PFS_MAGIC     "PFS/"
#define PFS_MAGIC_LEN 4u

/* Header fields once the shape is checked. */
struct pfs_hdr {
    uint32_t name_len;   /* bytes of an entry's name field */
    uint32_t count;      /* entries in the table, > 0 */
    uint64_t ent_len;    /* name_len + PFS_ENT_TAIL */
    uint64_t data_start; /* end of the table = where offsets count from */
};

/*
 * Check magic, version shape ("d.d" then NUL or a digit), name field size
 * and count, and that the table fits in 'avail' bytes.
 */
static bool
pfs_header(const uint8_t *d, size_t avail, struct pfs_hdr *h)
{
    uint64_t table;

    if (avail < PFS_HDR || memcmp(d, PFS_MAGIC, PFS_MAGIC_LEN) != 0)
        return false;
    if (d[4] < '0' || d[4] > '9' || d[5] != '.' || d[6] < '0' || d[6] > '9' ||
        (d[7] != 0 && (d[7] < '0' || d[7] > '9')))
        return false;
    h->name_len = assay_le16(d + 12);
    h->count = assay_le16(d + 14);
    if (h->name_len < PFS_NAME_MIN || h->name_len > PFS_NAME_MAX ||
        h->count == 0)
        return false;
    h->ent_len = (uint64_t)h->name_len + PFS_ENT_TAIL;
    if (assay_mul_ovf(h->ent_len, h->count, &table) ||
        assay_add_ovf(table, PFS_HDR, &h->data_start))
        return false;
    return assay_range_ok(0, h->data_start, avail);
}

/*
 * The region is the table plus the furthest file end among the entries
 * that lie inside 'avail' (damaged ones are reported by run()).
 */
static int
pfs_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    struct pfs_hdr h;
    uint64_t end = 0;

    *len = 0;
    if (!pfs_header(d, avail, &h))
        return 0;
    for (uint32_t i = 0; i < h.count; i++) {
        const uint8_t *t = d + PFS_HDR + i * h.ent_len + h.name_len;
        uint64_t fend;

        if (assay_add_ovf(h.data_start, assay_le32(t + 4), &fend) ||
            assay_add_ovf(fend, assay_le32(t + 8), &fend) || fend > avail)
            continue;
        if (fend > end)
            end = fend;
    }
    *len = end > h.data_start ? end : h.data_start;
    return 32 + 24 + 16; /* magic, version, name size and count that fit */
}

/*
 * Turn the name field 'f' (n bytes, NUL-padded) into a '/'-separated path
 * in 'out' (cap bytes). '\' and '/' both separate; empty and "."
 * components are dropped. False for an empty result, a ".." component or
 * a control character.
 */
static bool
pfs_path(const uint8_t *f, size_t n, char *out, size_t cap)
{
    size_t len = strnlen((const char *)f, n), plen = 0, i = 0;

    out[0] = '\0';
    while (i < len) {
        size_t j = i;

        while (j < len && f[j] != '\\' && f[j] != '/') {
            if (f[j] < 0x20 || f[j] == 0x7f)
                return false;
            j++;
        }
        if (j > i && !(j - i == 1 && f[i] == '.')) {
            if (!extract_name_ok(f + i, j - i))
                return false; /* ".." */
            plen = extract_path_push(out, cap, plen, f + i, j - i);
            if (plen == 0)
                return false;
        }
        i = j + 1;
    }
    return plen > 0;
}

static enum assay_status
pfs_run(struct ex_ctx *c, const struct ex_input *in)
{
    const uint8_t *d = in->data;
    struct pfs_hdr h;
    char path[PFS_NAME_MAX + 1];

    if (!pfs_header(d, in->len, &h))
        return ASSAY_E_CORRUPT;
    for (uint32_t i = 0; i < h.count; i++) {
        uint64_t eoff = PFS_HDR + i * h.ent_len, start;
        const uint8_t *t = d + eoff + h.name_len;
        uint32_t off = assay_le32(t + 4), size = assay_le32(t + 8);
        struct ex_entry e;
        enum assay_status rc;

        if (!pfs_path(d + eoff, h.name_len, path, sizeof(path))) {
            ex_warn(c, (int64_t)eoff,
                "entry %u has an empty or invalid name: skipped", i);
            continue;
        }
        if (assay_add_ovf(h.data_start, off, &start) ||
            !assay_range_ok(start, size, in->len)) {
            ex_warn(c, (int64_t)eoff,
                "entry %u: '%s' (%u bytes at data offset 0x%x) runs past the "
                "end of the file system: skipped",
                i, path, size, off);
            continue;
        }
        memset(&e, 0, sizeof(e));
        e.path = path;
        e.type = EX_FILE;
        e.mode = 0644;
        e.offset = start;
        rc = ex_emit_file(c, &e, d + start, size);
        if (rc != ASSAY_OK && rc != ASSAY_E_CORRUPT)
            return rc;
    }
    return ASSAY_OK;
}

static const char *const pfs_magics[] = {PFS_MAGIC, NULL};
static const size_t pfs_magic_lens[] = {PFS_MAGIC_LEN, 0};

const struct assay_extractor ex_pfs = {
    .name = "pfs",
    .summary = "PFS/0.9 file system of Arcadyan eCos firmware (files)",
    .magics = pfs_magics,
    .magic_lens = pfs_magic_lens,
    .magic_offset = 0,
    .bid = pfs_bid,
    .run = pfs_run,
};
