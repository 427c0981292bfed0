/* SPDX-License-Identifier: Apache-2.0 */
/*
 * romfs, the Linux read-only ROM file system: big-endian, uncompressed.
 *
 * "-rom1fs-", the image size and a checksum, the volume name padded to 16
 * bytes, then file headers on 16-byte boundaries: next header offset (low
 * 4 bits: type and an executable flag), type-specific info (first entry
 * of a directory, target of a hard link, device numbers), size, checksum,
 * the name padded to 16 bytes and the data. romfs stores no owner or
 * permission bits: files come out 0644 (0755 when marked executable),
 * folders 0755. Every directory lists "." and ".." as hard links, which
 * are skipped.
 */
#include "assay_config.h"

#include <string.h>

#include "fs_private.h"

#define RF_HDR         16u
#define RF_MAX_DEPTH   256u
#define RF_MAX_ENTRIES 1000000u

/* Header offset -> path, filled by a first walk (for hard links). */
struct rf_name {
    uint64_t off;     /* file header offset */
    const char *path; /* arena copy */
};

struct rf {
    struct ex_ctx *c;
    const uint8_t *d;
    size_t len;
    unsigned visited;       /* headers read, to stop loops */
    bool collect;           /* first walk: only record paths */
    struct assay_buf names; /* struct rf_name[], in walk order */
    char path[ASSAY_DEFAULT_MAX_PATH + 1];
};

/* Path of the entry whose header is at 'off', or NULL. */
static const char *
rf_path_of(const struct rf *r, uint64_t off)
{
    const struct rf_name *n = (const struct rf_name *)(void *)r->names.data;

    for (size_t i = 0; i < r->names.len / sizeof(*n); i++)
        if (n[i].off == off)
            return n[i].path;
    return NULL;
}

static int
rf_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint32_t size;

    *len = 0;
    if (avail < 32 || memcmp(d, "-rom1fs-", 8) != 0)
        return 0;
    size = assay_be32(d + 8);
    if (size < 32)
        return 0;
    if (size <= avail)
        *len = size;
    return 64 + 16; /* magic, size */
}

/* Offset just past the NUL-padded name at 'off', or 0 on damage. */
static uint64_t
rf_name_end(const struct rf *r, uint64_t off, size_t *nlen)
{
    const uint8_t *p = r->d + off;
    size_t max, n;

    if (off >= r->len)
        return 0;
    max = r->len - (size_t)off;
    n = strnlen((const char *)p, max);

    if (n == max)
        return 0;
    *nlen = n;
    return (off + n + 1 + 15) & ~(uint64_t)15;
}

static enum assay_status
rf_dir(struct rf *r, uint64_t first, size_t plen, unsigned depth)
{
    uint64_t off = first;

    if (depth > RF_MAX_DEPTH) {
        if (!r->collect)
            ex_warn(
                r->c, (int64_t)first, "nesting deeper than %u", RF_MAX_DEPTH);
        return ASSAY_OK;
    }
    while (off != 0) {
        uint32_t next, info, size, type;
        uint64_t data, hdr = off;
        size_t nlen = 0, nl;
        const char *name;
        struct ex_entry e;
        enum assay_status rc = ASSAY_OK;

        if ((off & 15) != 0 || !assay_range_ok(off, RF_HDR + 1, r->len) ||
            ++r->visited > RF_MAX_ENTRIES) {
            if (!r->collect)
                ex_warn(r->c, (int64_t)off, "bad file header offset 0x%llx",
                    (unsigned long long)off);
            return ASSAY_OK;
        }
        next = assay_be32(r->d + off);
        info = assay_be32(r->d + off + 4);
        size = assay_be32(r->d + off + 8);
        type = next & 7u;
        name = (const char *)r->d + off + RF_HDR;
        data = rf_name_end(r, off + RF_HDR, &nlen);
        if (data == 0) {
            if (!r->collect)
                ex_warn(r->c, (int64_t)off, "name at 0x%llx unterminated",
                    (unsigned long long)off);
            return ASSAY_OK;
        }
        if ((next & ~15u) != 0 && (next & ~15u) <= off) {
            if (!r->collect)
                ex_warn(r->c, (int64_t)off, "entry list loops at 0x%llx",
                    (unsigned long long)off);
            next = 0; /* handle this entry, then stop */
        }
        off = next & ~15u;
        if ((nlen == 1 && name[0] == '.') ||
            (nlen == 2 && name[0] == '.' && name[1] == '.'))
            continue;
        if (!extract_name_ok((const uint8_t *)name, nlen) ||
            (nl = extract_path_push(r->path, sizeof(r->path), plen,
                 (const uint8_t *)name, nlen)) == 0) {
            if (!r->collect)
                ex_warn(r->c, (int64_t)off, "bad entry name");
            continue;
        }
        if (r->collect) {
            struct rf_name rn = {
                hdr, assay_arena_strdup(
                         assay_session_arena(ex_session(r->c)), r->path)};

            rc = rn.path == NULL ? ASSAY_E_NOMEM
                                 : assay_buf_append(&r->names, &rn, sizeof(rn));
            if (rc == ASSAY_OK && type == 1)
                rc = rf_dir(r, info & ~15u, nl, depth + 1);
            r->path[plen] = '\0';
            if (rc != ASSAY_OK)
                return rc;
            continue;
        }
        memset(&e, 0, sizeof(e));
        e.path = r->path;
        e.mode = (next & 8u) ? 0755 : 0644;
        e.offset = data;
        switch (type) {
        case 0: /* hard link: info is the target's header */
            e.type = EX_HARDLINK;
            e.link = rf_path_of(r, info & ~15u);
            if (e.link == NULL) {
                if (!r->collect)
                    ex_warn(
                        r->c, (int64_t)hdr, "hard link '%s' dangles", r->path);
                break;
            }
            rc = ex_emit_entry(r->c, &e);
            break;
        case 1:
            e.type = EX_DIR;
            e.mode = 0755;
            rc = ex_emit_entry(r->c, &e);
            if (rc == ASSAY_OK)
                rc = rf_dir(r, info & ~15u, nl, depth + 1);
            break;
        case 2:
        case 3:
            if (!assay_range_ok(data, size, r->len)) {
                if (!r->collect)
                    ex_warn(r->c, (int64_t)data, "'%s' runs past the image",
                        r->path);
                break;
            }
            if (type == 2) {
                e.type = EX_FILE;
                rc = ex_emit_file(r->c, &e, r->d + data, size);
            } else {
                e.type = EX_SYMLINK;
                e.mode = 0777;
                e.link =
                    assay_arena_strndup(assay_session_arena(ex_session(r->c)),
                        (const char *)r->d + data, size);
                rc = e.link == NULL ? ASSAY_E_NOMEM : ex_emit_entry(r->c, &e);
            }
            break;
        default:
            e.type = type == 4   ? EX_BLOCKDEV
                     : type == 5 ? EX_CHARDEV
                     : type == 6 ? EX_SOCKET
                                 : EX_FIFO;
            e.rdev_major = info >> 16;
            e.rdev_minor = info & 0xffffu;
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
rf_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct rf *r;
    uint32_t size;
    size_t nlen;
    uint64_t first;
    enum assay_status rc;

    if (in->len < 32 || memcmp(in->data, "-rom1fs-", 8) != 0)
        return ASSAY_E_CORRUPT;
    r = assay_arena_zalloc(assay_session_arena(ex_session(c)), sizeof(*r));
    if (r == NULL)
        return ASSAY_E_NOMEM;
    r->c = c;
    r->d = in->data;
    r->len = in->len;
    size = assay_be32(in->data + 8);
    if (size < 32) {
        ex_warn(c, 8, "image size %u below the header", size);
        return ASSAY_E_CORRUPT;
    }
    if (size < r->len)
        r->len = size;
    else if (size > r->len)
        ex_warn(c, 8, "image of %u bytes truncated to %zu", size, r->len);
    first = rf_name_end(r, 16, &nlen);
    if (first == 0)
        return ASSAY_E_CORRUPT;
    /* First walk: where each header's path is; then emit. */
    assay_buf_init(&r->names, (r->len / RF_HDR + 1) * sizeof(struct rf_name));
    r->collect = true;
    rc = rf_dir(r, first, 0, 0);
    r->collect = false;
    r->visited = 0;
    if (rc == ASSAY_OK)
        rc = rf_dir(r, first, 0, 0);
    assay_buf_release(&r->names);
    return rc;
}

static const char *const rf_magics[] = {"-rom1fs-", NULL};
static const size_t rf_magic_lens[] = {8, 0};

const struct assay_extractor ex_romfs = {
    .name = "romfs",
    .summary = "Linux romfs (files, folders, symlinks, devices, hard links)",
    .magics = rf_magics,
    .magic_lens = rf_magic_lens,
    .magic_offset = 0,
    .bid = rf_bid,
    .run = rf_run,
};
