/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SquashFS 4.0 (little-endian, the on-disk format of Linux >= 2.6.29) via
 * libsquashfs from squashfs-tools-ng, fed from memory through an
 * sqfs_file_t whose read_at() bounds-checks every request against the
 * region. All compressors libsquashfs was built with are used (gzip,
 * lzma, lzo, xz, lz4, zstd). The directory walk is our own (one directory
 * at a time, entries read before recursing) rather than
 * sqfs_dir_reader_get_full_hierarchy(), so that damage in one directory
 * costs that directory, not the whole file system: a half-truncated image
 * still yields everything before the damage. Hard links are the same
 * inode number under two names; the second becomes an EX_HARDLINK.
 * Big-endian and v2/v3 images are another extractor's job (the carver
 * reports them as unsupported until one is registered).
 */
#include "assay_config.h"

#include <stdlib.h>
#include <string.h>

#include <sqfs/compressor.h>
#include <sqfs/data_reader.h>
#include <sqfs/dir.h>
#include <sqfs/dir_reader.h>
#include <sqfs/error.h>
#include <sqfs/id_table.h>
#include <sqfs/inode.h>
#include <sqfs/io.h>
#include <sqfs/super.h>
#include <sqfs/xattr.h>
#include <sqfs/xattr_reader.h>

#include "extract_private.h"

#define SQ_SUPER_LEN 96u
/* Folder nesting we walk; deeper is reported (cycles in corrupt images). */
#define SQ_MAX_DIR_DEPTH 256u
/* Chunk read from the data reader per call. */
#define SQ_CHUNK (128u * 1024u)

struct sq_file {
    sqfs_file_t base;     /* must be first: libsquashfs casts to it */
    const uint8_t *data;  /* region bytes */
    size_t len;
};

/* One inode number seen as a regular file, for hard links. */
struct sq_link {
    uint32_t ino;
    char *path;           /* heap */
};

struct sq_state {
    struct ex_ctx *c;
    sqfs_super_t super;
    sqfs_compressor_t *cmp;
    sqfs_id_table_t *ids;
    sqfs_dir_reader_t *dir;
    sqfs_data_reader_t *data;
    sqfs_xattr_reader_t *xattr;
    struct sq_link *links; /* heap array sorted by insertion */
    size_t link_count;
    size_t link_cap;
    bool stop;             /* an emit said stop */
    enum assay_status rc;  /* status to return when stopping */
};

static const char *const sq_magics[] = {"hsqs", NULL};
static const size_t sq_magic_lens[] = {4};

static int
sq_read_at(sqfs_file_t *f, sqfs_u64 off, void *buf, size_t size)
{
    const struct sq_file *m = (const struct sq_file *)f;

    if (!assay_range_ok(off, size, m->len))
        return SQFS_ERROR_OUT_OF_BOUNDS;
    memcpy(buf, m->data + off, size);
    return 0;
}

static int
sq_write_at(sqfs_file_t *f, sqfs_u64 off, const void *buf, size_t size)
{
    (void)f;
    (void)off;
    (void)buf;
    (void)size;
    return SQFS_ERROR_IO;
}

static sqfs_u64
sq_get_size(const sqfs_file_t *f)
{
    return ((const struct sq_file *)f)->len;
}

static int
sq_truncate(sqfs_file_t *f, sqfs_u64 size)
{
    (void)f;
    (void)size;
    return SQFS_ERROR_IO;
}

static void
sq_destroy(sqfs_object_t *o)
{
    (void)o; /* lives on the caller's stack */
}

static int
sq_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint32_t block, comp;
    uint64_t used;

    *len = 0;
    if (avail < SQ_SUPER_LEN || memcmp(d, "hsqs", 4) != 0)
        return 0;
    if (assay_le16(d + 28) != 4 || assay_le16(d + 30) != 0)
        return 0;
    block = assay_le32(d + 12);
    comp = assay_le16(d + 20);
    if (block < 4096 || block > (1u << 20) || (block & (block - 1)) != 0 ||
        (1u << assay_le16(d + 22)) != block || comp < 1 || comp > 6)
        return 0;
    used = assay_le64(d + 40);
    if (used < SQ_SUPER_LEN)
        return 0;
    *len = used;
    return 32 + 32 + 16; /* magic, version, block size/log, compressor */
}

static void
sq_warn_err(struct sq_state *st, int64_t off, const char *what, int err)
{
    ex_warn(st->c, off, "%s failed (libsquashfs error %d)", what, err);
}

static char *
sq_strndup(const char *s, size_t n)
{
    char *p;

    n = strnlen(s, n);
    p = assay_malloc(n + 1);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static char *
sq_strdup(const char *s)
{
    return sq_strndup(s, strlen(s));
}

static enum assay_status
sq_link_add(struct sq_state *st, uint32_t ino, const char *path)
{
    if (st->link_count == st->link_cap) {
        size_t ncap = st->link_cap ? st->link_cap * 2 : 64;
        struct sq_link *n = assay_realloc(st->links, ncap * sizeof(*n));

        if (n == NULL)
            return ASSAY_E_NOMEM;
        st->links = n;
        st->link_cap = ncap;
    }
    st->links[st->link_count].ino = ino;
    st->links[st->link_count].path = sq_strdup(path);
    if (st->links[st->link_count].path == NULL)
        return ASSAY_E_NOMEM;
    st->link_count++;
    return ASSAY_OK;
}

static const char *
sq_link_find(const struct sq_state *st, uint32_t ino)
{
    for (size_t i = 0; i < st->link_count; i++)
        if (st->links[i].ino == ino)
            return st->links[i].path;
    return NULL;
}

/* Record a non-OK emit status: LIMIT/NOMEM stop the walk. */
static void
sq_emit_rc(struct sq_state *st, enum assay_status rc)
{
    if (rc == ASSAY_E_LIMIT || rc == ASSAY_E_NOMEM) {
        st->stop = true;
        st->rc = rc;
    }
}

static void
sq_xattrs(struct sq_state *st, const sqfs_inode_generic_t *inode)
{
    struct ex_xattr xs[64];
    sqfs_xattr_entry_t *keys[64];
    sqfs_xattr_value_t *vals[64];
    char *names[64];
    sqfs_xattr_id_t desc;
    sqfs_u32 idx;
    size_t n = 0;

    if (st->xattr == NULL ||
        sqfs_inode_get_xattr_index(inode, &idx) != 0 || idx == 0xffffffffu)
        return;
    if (sqfs_xattr_reader_get_desc(st->xattr, idx, &desc) != 0 ||
        sqfs_xattr_reader_seek_kv(st->xattr, &desc) != 0) {
        ex_warn(st->c, -1, "xattr set %u unreadable", idx);
        return;
    }
    for (sqfs_u32 i = 0; i < desc.count && n < 64; i++) {
        const char *prefix;
        size_t plen;

        keys[n] = NULL;
        vals[n] = NULL;
        if (sqfs_xattr_reader_read_key(st->xattr, &keys[n]) != 0)
            break;
        if (sqfs_xattr_reader_read_value(st->xattr, keys[n], &vals[n]) != 0) {
            sqfs_free(keys[n]);
            break;
        }
        prefix = sqfs_get_xattr_prefix(keys[n]->type & SQFS_XATTR_PREFIX_MASK);
        if (prefix == NULL)
            prefix = "";
        plen = strlen(prefix);
        names[n] = assay_malloc(plen + keys[n]->size + 1);
        if (names[n] == NULL) {
            sqfs_free(keys[n]);
            sqfs_free(vals[n]);
            break;
        }
        memcpy(names[n], prefix, plen);
        memcpy(names[n] + plen, keys[n]->key, keys[n]->size);
        names[n][plen + keys[n]->size] = '\0';
        xs[n].name = names[n];
        xs[n].value = vals[n]->value;
        xs[n].len = vals[n]->size;
        n++;
    }
    sq_emit_rc(st, ex_emit_xattrs(st->c, xs, n));
    for (size_t i = 0; i < n; i++) {
        assay_free(names[i]);
        sqfs_free(keys[i]);
        sqfs_free(vals[i]);
    }
}

static void
sq_file(struct sq_state *st, const sqfs_inode_generic_t *inode,
    const struct ex_entry *e)
{
    struct assay_buf b;
    sqfs_u64 size = 0, off = 0;
    uint8_t *chunk;
    enum assay_status rc = ASSAY_OK;

    sqfs_inode_get_file_size(inode, &size);
    ex_buf_init(st->c, &b, st->c != NULL ? (size_t)size : 0);
    if (size > b.cap) {
        ex_warn(st->c, -1, "'%s' is %llu bytes, over the file size limit",
            e->path, (unsigned long long)size);
        size = b.cap;
    }
    chunk = assay_malloc(SQ_CHUNK);
    if (chunk == NULL) {
        sq_emit_rc(st, ASSAY_E_NOMEM);
        return;
    }
    while (off < size) {
        size_t want = size - off > SQ_CHUNK ? SQ_CHUNK : (size_t)(size - off);
        sqfs_s32 got = sqfs_data_reader_read(st->data, inode, off, chunk,
            (sqfs_u32)want);

        if (got <= 0) {
            if (got < 0)
                ex_warn(st->c, -1,
                    "data of '%s' unreadable at byte %llu (libsquashfs "
                    "error %d); kept what was read", e->path,
                    (unsigned long long)off, (int)got);
            break;
        }
        rc = assay_buf_append(&b, chunk, (size_t)got);
        if (rc != ASSAY_OK)
            break;
        off += (sqfs_u64)got;
    }
    assay_free(chunk);
    if (rc == ASSAY_E_NOMEM) {
        assay_buf_release(&b);
        sq_emit_rc(st, rc);
        return;
    }
    rc = ex_emit_file_buf(st->c, e, &b);
    assay_buf_release(&b);
    sq_emit_rc(st, rc);
    if (rc == ASSAY_OK)
        sq_xattrs(st, inode);
}

/* Emit one inode at 'path'. *is_dir tells the caller to recurse. */
static void
sq_inode(struct sq_state *st, const sqfs_inode_generic_t *inode,
    const char *path, bool *is_dir)
{
    struct ex_entry e = {.path = path};
    sqfs_u32 uid = 0, gid = 0;
    char *target = NULL;
    const char *first;
    enum assay_status rc;
    uint32_t devno = 0;

    *is_dir = false;
    if (sqfs_id_table_index_to_id(st->ids, inode->base.uid_idx, &uid) != 0 ||
        sqfs_id_table_index_to_id(st->ids, inode->base.gid_idx, &gid) != 0)
        ex_warn(st->c, -1, "'%s' has an id index outside the id table",
            path);
    e.mode = inode->base.mode & 07777;
    e.uid = uid;
    e.gid = gid;
    e.mtime = inode->base.mod_time;
    switch (inode->base.type) {
    case SQFS_INODE_DIR:
    case SQFS_INODE_EXT_DIR:
        e.type = EX_DIR;
        *is_dir = true;
        break;
    case SQFS_INODE_FILE:
    case SQFS_INODE_EXT_FILE:
        first = sq_link_find(st, inode->base.inode_number);
        if (first != NULL) {
            e.type = EX_HARDLINK;
            e.link = first;
            break;
        }
        if (sq_link_add(st, inode->base.inode_number, path) != ASSAY_OK) {
            sq_emit_rc(st, ASSAY_E_NOMEM);
            return;
        }
        e.type = EX_FILE;
        sq_file(st, inode, &e);
        return;
    case SQFS_INODE_SLINK:
    case SQFS_INODE_EXT_SLINK: {
        sqfs_u32 tlen = inode->base.type == SQFS_INODE_SLINK
                            ? inode->data.slink.target_size
                            : inode->data.slink_ext.target_size;

        if (tlen > inode->payload_bytes_used)
            tlen = inode->payload_bytes_used;
        target = assay_malloc((size_t)tlen + 1);
        if (target == NULL) {
            sq_emit_rc(st, ASSAY_E_NOMEM);
            return;
        }
        memcpy(target, inode->extra, tlen);
        target[tlen] = '\0';
        e.type = EX_SYMLINK;
        e.link = target;
        break;
    }
    case SQFS_INODE_BDEV:
    case SQFS_INODE_CDEV:
        devno = inode->data.dev.devno;
        e.type = inode->base.type == SQFS_INODE_BDEV ? EX_BLOCKDEV
                                                     : EX_CHARDEV;
        break;
    case SQFS_INODE_EXT_BDEV:
    case SQFS_INODE_EXT_CDEV:
        devno = inode->data.dev_ext.devno;
        e.type = inode->base.type == SQFS_INODE_EXT_BDEV ? EX_BLOCKDEV
                                                         : EX_CHARDEV;
        break;
    case SQFS_INODE_FIFO:
    case SQFS_INODE_EXT_FIFO:
        e.type = EX_FIFO;
        break;
    default:
        e.type = EX_SOCKET;
        break;
    }
    /* Linux new_encode_dev() layout. */
    e.rdev_major = (devno & 0xfff00u) >> 8;
    e.rdev_minor = (devno & 0xffu) | ((devno >> 12) & 0xfff00u);
    rc = ex_emit_entry(st->c, &e);
    assay_free(target);
    sq_emit_rc(st, rc);
    if (rc == ASSAY_OK)
        sq_xattrs(st, inode);
    else
        *is_dir = false;
}

struct sq_dirent {
    char *name;                    /* heap */
    sqfs_inode_generic_t *inode;   /* libsquashfs heap */
};

/* Walk folder 'dir' (already emitted) at 'path' ("" for the root). */
static void
sq_walk(struct sq_state *st, const sqfs_inode_generic_t *dir,
    const char *path, unsigned depth)
{
    struct sq_dirent *ents = NULL;
    size_t n = 0, cap = 0;
    sqfs_dir_entry_t *ent;
    int err;

    if (depth > SQ_MAX_DIR_DEPTH) {
        ex_warn(st->c, -1, "folder '%s' nested deeper than %u: not entered",
            path, SQ_MAX_DIR_DEPTH);
        return;
    }
    err = sqfs_dir_reader_open_dir(st->dir, dir, 0);
    if (err != 0) {
        sq_warn_err(st, -1, path[0] ? path : "root folder listing", err);
        return;
    }
    for (;;) {
        sqfs_inode_generic_t *inode = NULL;

        err = sqfs_dir_reader_read(st->dir, &ent);
        if (err > 0)
            break;
        if (err < 0) {
            ex_warn(st->c, -1, "listing of '/%s' broken (libsquashfs error "
                "%d); kept %zu entries", path, err, n);
            break;
        }
        err = sqfs_dir_reader_get_inode(st->dir, &inode);
        if (err != 0) {
            ex_warn(st->c, -1, "inode of '/%s/%.*s' unreadable (libsquashfs "
                "error %d)", path, (int)ent->size + 1, (const char *)ent->name,
                err);
            sqfs_free(ent);
            continue;
        }
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            struct sq_dirent *ne = assay_realloc(ents, ncap * sizeof(*ne));

            if (ne == NULL) {
                sqfs_free(ent);
                sqfs_free(inode);
                st->stop = true;
                st->rc = ASSAY_E_NOMEM;
                break;
            }
            ents = ne;
            cap = ncap;
        }
        ents[n].name = sq_strndup((const char *)ent->name, (size_t)ent->size + 1);
        ents[n].inode = inode;
        sqfs_free(ent);
        if (ents[n].name == NULL) {
            sqfs_free(inode);
            st->stop = true;
            st->rc = ASSAY_E_NOMEM;
            break;
        }
        n++;
    }
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(path), nlen = strlen(ents[i].name);
        char *child = assay_malloc(plen + nlen + 2);
        bool is_dir = false;

        if (child != NULL && !st->stop) {
            memcpy(child, path, plen);
            child[plen] = '/';
            memcpy(child + plen + 1, ents[i].name, nlen + 1);
            if (strchr(ents[i].name, '/') != NULL) {
                ex_warn(st->c, -1, "entry name '%s' contains '/': refused",
                    ents[i].name);
            } else {
                sq_inode(st, ents[i].inode, child, &is_dir);
                if (is_dir && !st->stop)
                    sq_walk(st, ents[i].inode, child, depth + 1);
            }
        } else if (child == NULL) {
            st->stop = true;
            st->rc = ASSAY_E_NOMEM;
        }
        assay_free(child);
        assay_free(ents[i].name);
        sqfs_free(ents[i].inode);
    }
    assay_free(ents);
}

static enum assay_status
sq_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct sq_file file = {
        .base = {
            .base = {.destroy = sq_destroy, .copy = NULL},
            .read_at = sq_read_at,
            .write_at = sq_write_at,
            .get_size = sq_get_size,
            .truncate = sq_truncate,
        },
        .data = in->data,
        .len = in->len,
    };
    struct sq_state st = {.c = c, .rc = ASSAY_OK};
    sqfs_compressor_config_t cfg;
    sqfs_inode_generic_t *root = NULL;
    enum assay_status rc = ASSAY_E_CORRUPT;
    int err;

    err = sqfs_super_read(&st.super, &file.base);
    if (err != 0) {
        ex_warn(c, 0, "superblock rejected (libsquashfs error %d)", err);
        return ASSAY_E_CORRUPT;
    }
    if (sqfs_compressor_config_init(&cfg, (SQFS_COMPRESSOR)st.super.compression_id,
            st.super.block_size, SQFS_COMP_FLAG_UNCOMPRESS) != 0 ||
        sqfs_compressor_create(&cfg, &st.cmp) != 0) {
        ex_warn(c, 20, "compressor %u not available",
            (unsigned)st.super.compression_id);
        return ASSAY_E_UNSUPPORTED;
    }
    st.ids = sqfs_id_table_create(0);
    if (st.ids == NULL) {
        rc = ASSAY_E_NOMEM;
        goto out_cmp;
    }
    err = sqfs_id_table_read(st.ids, &file.base, &st.super, st.cmp);
    if (err != 0) {
        ex_warn(c, (int64_t)st.super.id_table_start,
            "id table unreadable (libsquashfs error %d)", err);
        goto out_ids;
    }
    st.dir = sqfs_dir_reader_create(&st.super, st.cmp, &file.base, 0);
    st.data = sqfs_data_reader_create(&file.base, st.super.block_size,
        st.cmp, 0);
    if (st.dir == NULL || st.data == NULL) {
        rc = ASSAY_E_NOMEM;
        goto out_readers;
    }
    err = sqfs_data_reader_load_fragment_table(st.data, &st.super);
    if (err != 0)
        ex_warn(c, (int64_t)st.super.fragment_table_start,
            "fragment table unreadable (libsquashfs error %d); files ending "
            "in fragments will be short", err);
    if (!(st.super.flags & SQFS_FLAG_NO_XATTRS) &&
        st.super.xattr_id_table_start != 0xffffffffffffffffull) {
        st.xattr = sqfs_xattr_reader_create(0);
        if (st.xattr != NULL &&
            sqfs_xattr_reader_load(st.xattr, &st.super, &file.base,
                st.cmp) != 0) {
            ex_warn(c, (int64_t)st.super.xattr_id_table_start,
                "xattr table unreadable; extended attributes dropped");
            sqfs_destroy(st.xattr);
            st.xattr = NULL;
        }
    }
    err = sqfs_dir_reader_get_root_inode(st.dir, &root);
    if (err != 0) {
        ex_warn(c, -1, "root inode unreadable (libsquashfs error %d)", err);
        goto out_readers;
    }
    {
        bool is_dir = false;

        sq_inode(&st, root, "", &is_dir);
        if (!st.stop)
            sq_walk(&st, root, "", 0);
    }
    sqfs_free(root);
    rc = st.stop ? st.rc : ASSAY_OK;
out_readers:
    sqfs_destroy(st.xattr);
    sqfs_destroy(st.data);
    sqfs_destroy(st.dir);
out_ids:
    sqfs_destroy(st.ids);
out_cmp:
    sqfs_destroy(st.cmp);
    for (size_t i = 0; i < st.link_count; i++)
        assay_free(st.links[i].path);
    assay_free(st.links);
    return rc;
}

const struct assay_extractor ex_squashfs = {
    .name = "squashfs",
    .summary = "SquashFS 4.0 little-endian, every compressor (libsquashfs)",
    .magics = sq_magics,
    .magic_lens = sq_magic_lens,
    .magic_offset = 0,
    .bid = sq_bid,
    .run = sq_run,
};
