/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cramfs, the compressed ROM file system, in both byte orders.
 *
 * A 64-byte superblock (magic 0x28cd3d45, size, flags, "Compressed
 * ROMFS", CRC, counts, name) is followed by the root inode; each 12-byte
 * inode packs mode:16 uid:16, size:24 gid:8, namelen:6 offset:26 as
 * bit-fields of 32-bit words (least significant bits first in a
 * little-endian image, most significant first in a big-endian one). A
 * directory's offset points at its children's inodes, a file's at a
 * table of block end pointers followed by zlib streams of 4 KiB blocks.
 * Device numbers sit in the size field; symlink targets are file data.
 * The superblock may sit 512 bytes in (boot-loader padding).
 */
#include "assay_config.h"

#include <string.h>
#include <zlib.h>

#include "fs_private.h"

#define CR_MAGIC         0x28cd3d45u
#define CR_SUPER         76u
#define CR_PAGE          4096u
#define CR_FLAG_EXT_PTRS 0x00000800u
#define CR_PTR_UNCOMP    0x80000000u
#define CR_PTR_DIRECT    0x40000000u
#define CR_MAX_DEPTH     256u

struct cr {
    struct ex_ctx *c;
    const uint8_t *d; /* the file system (superblock at d + 0) */
    size_t len;       /* its length */
    size_t base;      /* where d sits in the region */
    bool be;
    uint32_t flags;
    uint8_t page[CR_PAGE]; /* one decoded block */
    char path[ASSAY_DEFAULT_MAX_PATH + 1];
};

struct cr_inode {
    uint32_t mode, uid, gid, size, namelen, offset;
};

static void
cr_inode(const struct cr *r, const uint8_t *p, struct cr_inode *i)
{
    uint32_t w0 = extract_rd32(r->be, p), w1 = extract_rd32(r->be, p + 4),
             w2 = extract_rd32(r->be, p + 8);

    if (r->be) {
        i->mode = w0 >> 16;
        i->uid = w0 & 0xffffu;
        i->size = w1 >> 8;
        i->gid = w1 & 0xffu;
        i->namelen = (w2 >> 26) * 4;
        i->offset = (w2 & 0x3ffffffu) * 4;
    } else {
        i->mode = w0 & 0xffffu;
        i->uid = w0 >> 16;
        i->size = w1 & 0xffffffu;
        i->gid = w1 >> 24;
        i->namelen = (w2 & 0x3fu) * 4;
        i->offset = (w2 >> 6) * 4;
    }
}

/* Offset of the superblock in d (0 or 512), or -1. */
static int
cr_find(const uint8_t *d, size_t avail, bool *be)
{
    static const size_t at[] = {0, 512};

    for (size_t k = 0; k < 2; k++) {
        if (avail < at[k] + CR_SUPER ||
            memcmp(d + at[k] + 16, "Compressed ROMFS", 16) != 0)
            continue;
        if (assay_le32(d + at[k]) == CR_MAGIC) {
            *be = false;
            return (int)at[k];
        }
        if (assay_be32(d + at[k]) == CR_MAGIC) {
            *be = true;
            return (int)at[k];
        }
    }
    return -1;
}

static int
cr_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    bool be;
    uint32_t size;

    *len = 0;
    /* Carved by its magic: the superblock is at the candidate. */
    if (cr_find(d, avail < CR_SUPER ? avail : CR_SUPER, &be) != 0)
        return 0;
    size = be ? assay_be32(d + 4) : assay_le32(d + 4);
    if (size < CR_SUPER)
        return 0;
    if (size <= avail)
        *len = size;
    return 32 + 128; /* magic and signature */
}

/* Regular file or symlink bytes of inode i into b. */
static enum assay_status
cr_data(struct cr *r, const struct cr_inode *i, struct assay_buf *b)
{
    uint32_t nblocks = (i->size + CR_PAGE - 1) / CR_PAGE;
    uint64_t start = (uint64_t)i->offset + (uint64_t)nblocks * 4;
    enum assay_status rc;

    if (i->size == 0)
        return ASSAY_OK;
    if (!assay_range_ok(i->offset, (uint64_t)nblocks * 4, r->len)) {
        ex_warn(r->c, (int64_t)(r->base + i->offset),
            "block table of '%s' outside the image", r->path);
        return ASSAY_E_CORRUPT;
    }
    for (uint32_t k = 0; k < nblocks; k++) {
        uint32_t ptr = extract_rd32(r->be, r->d + i->offset + k * 4);
        uint32_t want =
            i->size - k * CR_PAGE < CR_PAGE ? i->size - k * CR_PAGE : CR_PAGE;
        bool stored = false;
        uint64_t end;
        z_stream z;
        int zr;

        if (r->flags & CR_FLAG_EXT_PTRS) {
            if (ptr & CR_PTR_DIRECT) {
                ex_warn(r->c, (int64_t)(r->base + i->offset),
                    "direct block pointers in '%s' not supported", r->path);
                return ASSAY_E_CORRUPT;
            }
            stored = (ptr & CR_PTR_UNCOMP) != 0;
            ptr &= ~(CR_PTR_UNCOMP | CR_PTR_DIRECT);
        }
        end = ptr;
        if (end < start || end > r->len) {
            ex_warn(r->c, (int64_t)(r->base + i->offset + k * 4),
                "block %u of '%s' points outside the image", k, r->path);
            return ASSAY_E_CORRUPT;
        }
        memset(r->page, 0, CR_PAGE);
        if (end == start) {
            /* A hole. */
        } else if (stored) {
            memcpy(r->page, r->d + start,
                end - start < want ? (size_t)(end - start) : want);
        } else {
            memset(&z, 0, sizeof(z));
            if (inflateInit(&z) != Z_OK)
                return ASSAY_E_NOMEM;
            z.next_in = (Bytef *)(uintptr_t)(r->d + start);
            z.avail_in = (uInt)(end - start);
            z.next_out = r->page;
            z.avail_out = want;
            zr = inflate(&z, Z_FINISH);
            inflateEnd(&z);
            if (zr != Z_STREAM_END || z.avail_out != 0) {
                ex_warn(r->c, (int64_t)(r->base + start),
                    "block %u of '%s' does not decode", k, r->path);
                return ASSAY_E_CORRUPT;
            }
        }
        rc = assay_buf_append(b, r->page, want);
        if (rc != ASSAY_OK)
            return rc;
        start = end;
    }
    return ASSAY_OK;
}

static enum assay_status
cr_dir(struct cr *r, const struct cr_inode *dir, size_t plen, unsigned depth)
{
    uint64_t pos = dir->offset, end = (uint64_t)dir->offset + dir->size;

    if (depth > CR_MAX_DEPTH || dir->size == 0)
        return ASSAY_OK;
    if (dir->offset < CR_SUPER || end > r->len) {
        ex_warn(r->c, (int64_t)(r->base + dir->offset),
            "listing of '%s' outside the image", plen ? r->path : "/");
        return ASSAY_OK;
    }
    while (pos + 12 <= end) {
        struct cr_inode i;
        struct ex_entry e;
        const uint8_t *name;
        size_t nlen, nl;
        enum assay_status rc = ASSAY_OK;

        cr_inode(r, r->d + pos, &i);
        name = r->d + pos + 12;
        if (i.namelen == 0 || pos + 12 + i.namelen > end) {
            ex_warn(r->c, (int64_t)(r->base + pos),
                "entry at 0x%llx runs past its listing",
                (unsigned long long)pos);
            return ASSAY_OK;
        }
        pos += 12 + i.namelen;
        nlen = strnlen((const char *)name, i.namelen);
        if (!extract_name_ok(name, nlen) ||
            (nl = extract_path_push(
                 r->path, sizeof(r->path), plen, name, nlen)) == 0) {
            ex_warn(r->c, (int64_t)(r->base + pos), "bad entry name");
            continue;
        }
        memset(&e, 0, sizeof(e));
        e.path = r->path;
        e.mode = i.mode & 07777u;
        e.uid = i.uid;
        e.gid = i.gid;
        e.offset = r->base + i.offset;
        switch (i.mode & 0170000u) {
        case 0040000u:
            e.type = EX_DIR;
            rc = ex_emit_entry(r->c, &e);
            if (rc == ASSAY_OK && i.offset > pos - 12 - i.namelen)
                rc = cr_dir(r, &i, nl, depth + 1);
            else if (rc == ASSAY_OK && i.size > 0)
                ex_warn(r->c, (int64_t)(r->base + pos),
                    "directory '%s' points backwards", r->path);
            break;
        case 0120000u:
        case 0100000u: {
            struct assay_buf b;

            ex_buf_init(r->c, &b, r->len);
            rc = cr_data(r, &i, &b);
            if (rc == ASSAY_E_CORRUPT || rc == ASSAY_E_LIMIT)
                rc = ASSAY_OK; /* diagnosed; keep what decoded */
            if (rc == ASSAY_OK && (i.mode & 0170000u) == 0120000u) {
                char *t =
                    assay_arena_strndup(assay_session_arena(ex_session(r->c)),
                        b.data ? b.data : "", b.len);

                e.type = EX_SYMLINK;
                e.link = t;
                rc = t == NULL ? ASSAY_E_NOMEM : ex_emit_entry(r->c, &e);
            } else if (rc == ASSAY_OK) {
                e.type = EX_FILE;
                rc = ex_emit_file_buf(r->c, &e, &b);
            }
            assay_buf_release(&b);
            break;
        }
        default:
            e.type = extract_mode_type(i.mode);
            e.rdev_major = (i.size >> 8) & 0xffu;
            e.rdev_minor = i.size & 0xffu;
            rc = ex_emit_entry(r->c, &e);
            break;
        }
        r->path[plen] = '\0';
        if (rc != ASSAY_OK && rc != ASSAY_E_CORRUPT)
            return rc;
    }
    return ASSAY_OK;
}

static enum assay_status
cr_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct cr *r;
    struct cr_inode root;
    int at;
    bool be;
    uint32_t size;

    at = cr_find(in->data, in->len, &be);
    if (at < 0)
        return ASSAY_E_CORRUPT;
    r = assay_arena_zalloc(assay_session_arena(ex_session(c)), sizeof(*r));
    if (r == NULL)
        return ASSAY_E_NOMEM;
    r->c = c;
    r->be = be;
    r->base = (size_t)at;
    r->d = in->data + at;
    r->len = in->len - (size_t)at;
    size = extract_rd32(r->be, r->d + 4);
    r->flags = extract_rd32(r->be, r->d + 8);
    if (size < r->len)
        r->len = size;
    else if (size > r->len)
        ex_warn(c, 4, "image of %u bytes truncated to %zu", size, r->len);
    if (r->flags & ~0x00000fffu)
        ex_warn(c, 8, "unknown flags 0x%x", r->flags);
    cr_inode(r, r->d + 64, &root);
    if ((root.mode & 0170000u) != 0040000u) {
        ex_warn(c, 64, "root inode is not a directory");
        return ASSAY_E_CORRUPT;
    }
    return cr_dir(r, &root, 0, 0);
}

static const char *const cr_magics[] = {
    "\x45\x3d\xcd\x28", "\x28\xcd\x3d\x45", NULL};
static const size_t cr_magic_lens[] = {4, 4, 0};

const struct assay_extractor ex_cramfs = {
    .name = "cramfs",
    .summary = "cramfs (both byte orders, zlib blocks, holes, stored blocks)",
    .magics = cr_magics,
    .magic_lens = cr_magic_lens,
    .magic_offset = 0,
    .bid = cr_bid,
    .run = cr_run,
};
