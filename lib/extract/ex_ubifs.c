/* SPDX-License-Identifier: Apache-2.0 */
/*
 * UBIFS file systems (a UBI volume's contents, or a bare mkfs.ubifs image).
 *
 * UBIFS keeps an index B-tree, but every inode, directory entry and data
 * block is also a self-describing node with a CRC and a global sequence
 * number. This reader scans all nodes (8-byte aligned, magic 0x06101831)
 * and keeps, per key, the node with the highest sequence number: the
 * newest inode node of each inode, the newest entry of each (parent,
 * name) (inode 0 = deleted) and the newest node of each 4 KiB data block.
 * That is what a clean image (mkfs.ubifs output, a cleanly unmounted
 * device) holds; on a device image with garbage-collected blocks an
 * obsolete node could survive, which the index walk would have skipped.
 *
 * Data compressions: none, lzo, zlib (raw deflate) and zstd. Symlink
 * targets and device numbers are inode node data.
 */
#include "assay_config.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include <lzo/lzo1x.h>

#include "fs_private.h"

#define UF_MAGIC     0x06101831u
#define UF_CH        24u
#define UF_INO_SZ    160u
#define UF_DENT_SZ   56u
#define UF_DATA_SZ   48u
#define UF_BLOCK     4096u
#define UF_ROOT      1u
#define UF_MAX_DEPTH 256u

enum { UF_INO = 0, UF_DATA = 1, UF_DENT = 2, UF_XENT = 3, UF_SB = 6 };

#define UF_MAX_XATTRS 32u /* per inode */

struct uf_node {
    uint8_t type;   /* UF_INO, UF_DATA, UF_DENT */
    uint32_t ino;   /* key inode (parent for entries) */
    uint32_t sub;   /* data: block number; entry: 0 */
    uint64_t sqnum; /* higher wins */
    size_t off;     /* node offset in the region */
    uint32_t len;   /* node length */
};

struct uf {
    struct ex_ctx *c;
    const struct ex_input *in;
    struct assay_arena *arena;
    struct assay_buf nodes; /* struct uf_node[] */
    size_t n;
    size_t end;            /* end of the last valid node */
    struct uf_node **ents; /* newest live entries, by parent, name */
    size_t n_ents;
    struct uf_node **xents; /* newest live xattr entries, by host, name */
    size_t n_xents;
    struct uf_node **inos; /* newest inode node per inode, by ino */
    size_t n_inos;
    struct uf_node **data; /* newest data node per block, by ino, blk */
    size_t n_data;
    struct extract_links links; /* emitted inodes (hard links) */
    uint8_t *scratch;           /* one decoded block */
    char path[ASSAY_DEFAULT_MAX_PATH + 1];
};

static bool
uf_node_ok(const uint8_t *p, size_t avail, uint32_t *len)
{
    uint32_t l;

    if (avail < UF_CH || assay_le32(p) != UF_MAGIC)
        return false;
    l = assay_le32(p + 16);
    if (l < UF_CH || l > avail)
        return false;
    if (extract_crc32_raw(0xffffffffu, p + 8, l - 8) != assay_le32(p + 4))
        return false;
    *len = l;
    return true;
}

static int
uf_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint32_t l;

    *len = 0;
    /* A file system starts with its superblock node. */
    if (!uf_node_ok(d, avail, &l) || d[20] != UF_SB)
        return 0;
    return 32 + 32 + 8; /* magic, CRC, superblock type */
}

/* qsort has no context argument; one per worker thread. */
static _Thread_local const struct uf *uf_sort;

static int
uf_cmp_key(const struct uf_node *x, const struct uf_node *y)
{
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    if (x->type == UF_DENT || x->type == UF_XENT) {
        const uint8_t *a = uf_sort->in->data + x->off;
        const uint8_t *b = uf_sort->in->data + y->off;
        uint16_t la = assay_le16(a + 50), lb = assay_le16(b + 50);
        int c = memcmp(a + UF_DENT_SZ, b + UF_DENT_SZ, la < lb ? la : lb);

        if (c != 0)
            return c;
        return la < lb ? -1 : la > lb;
    }
    if (x->sub != y->sub)
        return x->sub < y->sub ? -1 : 1;
    return 0;
}

static int
uf_cmp(const void *a, const void *b)
{
    const struct uf_node *x = *(const struct uf_node *const *)a;
    const struct uf_node *y = *(const struct uf_node *const *)b;
    int c = uf_cmp_key(x, y);

    if (c != 0)
        return c;
    return x->sqnum < y->sqnum ? -1 : x->sqnum > y->sqnum;
}

/* Scan, then keep the newest node per key in three sorted lists. */
static enum assay_status
uf_index(struct uf *u)
{
    const uint8_t *d = u->in->data;
    size_t len = u->in->len;
    struct uf_node **v, *all;
    size_t nv = 0;

    for (size_t off = 0; off + UF_CH <= len;) {
        const uint8_t *p = d + off;
        uint32_t l;
        struct uf_node nd;
        enum assay_status rc;

        if (!uf_node_ok(p, len - off, &l)) {
            off += 8;
            continue;
        }
        nd.type = p[20];
        nd.off = off;
        nd.len = l;
        nd.sqnum = assay_le64(p + 8);
        off += ((size_t)l + 7) & ~(size_t)7;
        u->end = off < len ? off : len;
        if (nd.type == UF_INO && l >= UF_INO_SZ) {
            nd.ino = assay_le32(p + 24);
            nd.sub = 0;
        } else if (nd.type == UF_DATA && l >= UF_DATA_SZ) {
            nd.ino = assay_le32(p + 24);
            nd.sub = assay_le32(p + 28) & 0x1fffffffu;
        } else if ((nd.type == UF_DENT || nd.type == UF_XENT) &&
                   l >= UF_DENT_SZ &&
                   (size_t)UF_DENT_SZ + assay_le16(p + 50) <= l) {
            nd.ino = assay_le32(p + 24);
            nd.sub = 0;
        } else {
            continue; /* superblock, master, index, log ... */
        }
        rc = assay_buf_append(&u->nodes, &nd, sizeof(nd));
        if (rc != ASSAY_OK)
            return rc;
        u->n++;
    }
    all = (struct uf_node *)(void *)u->nodes.data;
    v = assay_arena_array(u->arena, u->n + 1, sizeof(*v));
    if (v == NULL)
        return ASSAY_E_NOMEM;
    for (size_t i = 0; i < u->n; i++)
        v[i] = &all[i];
    uf_sort = u;
    if (u->n > 1)
        qsort(v, u->n, sizeof(*v), uf_cmp);
    for (size_t i = 0; i < u->n; i++) {
        if (i + 1 < u->n && uf_cmp_key(v[i], v[i + 1]) == 0)
            continue; /* a newer node of the same key follows */
        if ((v[i]->type == UF_DENT || v[i]->type == UF_XENT) &&
            assay_le64(d + v[i]->off + 40) == 0)
            continue; /* deletion entry */
        v[nv++] = v[i];
    }
    /* v is now sorted by type: inodes, data, entries, xattr entries. */
    u->inos = v;
    for (u->n_inos = 0; u->n_inos < nv && v[u->n_inos]->type == UF_INO;)
        u->n_inos++;
    u->data = v + u->n_inos;
    for (u->n_data = 0;
         u->n_inos + u->n_data < nv && u->data[u->n_data]->type == UF_DATA;)
        u->n_data++;
    u->ents = u->data + u->n_data;
    for (u->n_ents = 0; u->n_inos + u->n_data + u->n_ents < nv &&
                        u->ents[u->n_ents]->type == UF_DENT;)
        u->n_ents++;
    u->xents = u->ents + u->n_ents;
    u->n_xents = nv - u->n_inos - u->n_data - u->n_ents;
    return ASSAY_OK;
}

/* First index in list[0..n) whose ino is >= ino. */
static size_t
uf_lower(struct uf_node *const *list, size_t n, uint32_t ino)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (list[mid]->ino < ino)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool
uf_decode(
    uint16_t compr, const uint8_t *src, size_t n, uint8_t *dst, size_t want)
{
    switch (compr) {
    case 0:
        if (n < want)
            return false;
        memcpy(dst, src, want);
        return true;
    case 1: {
        lzo_uint ol = want;

        return lzo1x_decompress_safe(src, n, dst, &ol, NULL) == LZO_E_OK &&
               ol == want;
    }
    case 2: {
        z_stream z;
        int rc;

        memset(&z, 0, sizeof(z));
        if (inflateInit2(&z, -15) != Z_OK)
            return false;
        z.next_in = (Bytef *)(uintptr_t)src;
        z.avail_in = (uInt)n;
        z.next_out = dst;
        z.avail_out = (uInt)want;
        rc = inflate(&z, Z_FINISH);
        inflateEnd(&z);
        return (rc == Z_STREAM_END || rc == Z_BUF_ERROR || rc == Z_OK) &&
               z.avail_out == 0;
    }
    case 3:
        return ZSTD_decompress(dst, want, src, n) == want;
    default:
        return false;
    }
}

/* File bytes of inode 'ino' (size from its inode node) into b. */
static enum assay_status
uf_file(struct uf *u, uint32_t ino, uint64_t size, struct assay_buf *b)
{
    const uint8_t *d = u->in->data;
    size_t i = uf_lower(u->data, u->n_data, ino);
    uint64_t blocks, end = 0;
    enum assay_status rc;

    /* A size beyond the last stored block is cut there: a hostile inode
     * must not make us write gigabytes of zeros. */
    for (size_t k = i; k < u->n_data && u->data[k]->ino == ino; k++)
        end = ((uint64_t)u->data[k]->sub + 1) * UF_BLOCK;
    if (size > end) {
        ex_warn(u->c, -1, "'%s' claims %llu bytes, its data ends at %llu",
            u->path, (unsigned long long)size, (unsigned long long)end);
        size = end;
    }
    blocks = (size + UF_BLOCK - 1) / UF_BLOCK;

    for (uint64_t blk = 0; blk < blocks; blk++) {
        size_t want =
            (size_t)(size - blk * UF_BLOCK < UF_BLOCK ? size - blk * UF_BLOCK
                                                      : UF_BLOCK);

        memset(u->scratch, 0, UF_BLOCK); /* holes read as zeros */
        while (i < u->n_data && u->data[i]->ino == ino && u->data[i]->sub < blk)
            i++;
        if (i < u->n_data && u->data[i]->ino == ino && u->data[i]->sub == blk) {
            const struct uf_node *nd = u->data[i];
            const uint8_t *p = d + nd->off;
            uint32_t dsize = assay_le32(p + 40);

            if (dsize > UF_BLOCK ||
                !uf_decode(assay_le16(p + 44), p + UF_DATA_SZ,
                    nd->len - UF_DATA_SZ, u->scratch, dsize))
                ex_warn(u->c, (int64_t)nd->off,
                    "data block %u of inode %u does not decode", nd->sub, ino);
        }
        rc = assay_buf_append(b, u->scratch, want);
        if (rc != ASSAY_OK)
            return rc;
    }
    return ASSAY_OK;
}

static enum assay_status uf_walk(
    struct uf *u, uint32_t dir, size_t plen, unsigned depth);

/*
 * Attach the extended attributes of inode 'ino' to the entry emitted last:
 * each xattr entry names an xattr inode whose data is the value.
 */
static enum assay_status
uf_xattrs(struct uf *u, uint32_t ino)
{
    struct ex_xattr out[UF_MAX_XATTRS];
    size_t n = 0;

    for (size_t i = uf_lower(u->xents, u->n_xents, ino);
         i < u->n_xents && u->xents[i]->ino == ino && n < UF_MAX_XATTRS; i++) {
        const uint8_t *p = u->in->data + u->xents[i]->off;
        uint16_t nlen = assay_le16(p + 50);
        uint64_t target = assay_le64(p + 40);
        size_t k;
        const uint8_t *x;
        uint32_t dlen;

        if (target > UINT32_MAX || nlen == 0)
            continue;
        k = uf_lower(u->inos, u->n_inos, (uint32_t)target);
        if (k == u->n_inos || u->inos[k]->ino != target) {
            ex_warn(u->c, (int64_t)u->xents[i]->off,
                "xattr of inode %u names inode %llu which has no node", ino,
                (unsigned long long)target);
            continue;
        }
        x = u->in->data + u->inos[k]->off;
        dlen = assay_le32(x + 112);
        if (dlen > u->inos[k]->len - UF_INO_SZ)
            continue;
        out[n].name =
            assay_arena_strndup(u->arena, (const char *)p + UF_DENT_SZ, nlen);
        if (out[n].name == NULL)
            return ASSAY_E_NOMEM;
        out[n].value = x + UF_INO_SZ;
        out[n].len = dlen;
        n++;
    }
    return n == 0 ? ASSAY_OK : ex_emit_xattrs(u->c, out, n);
}

static enum assay_status
uf_emit(struct uf *u, uint32_t ino, size_t plen, unsigned depth)
{
    size_t k = uf_lower(u->inos, u->n_inos, ino);
    const uint8_t *p;
    const char *prev = extract_links_find(&u->links, ino);
    struct ex_entry e;
    uint32_t dlen;
    enum assay_status rc;

    if (k == u->n_inos || u->inos[k]->ino != ino) {
        ex_warn(
            u->c, -1, "'%s' names inode %u which has no node", u->path, ino);
        return ASSAY_OK;
    }
    p = u->in->data + u->inos[k]->off;
    memset(&e, 0, sizeof(e));
    e.path = u->path;
    e.type = extract_mode_type(assay_le32(p + 104));
    e.mode = assay_le32(p + 104) & 07777u;
    e.uid = assay_le32(p + 96);
    e.gid = assay_le32(p + 100);
    e.mtime = (int64_t)assay_le64(p + 72);
    e.offset = u->inos[k]->off;
    dlen = assay_le32(p + 112);
    if (dlen > u->inos[k]->len - UF_INO_SZ)
        dlen = 0;
    if (prev != NULL) {
        if (e.type == EX_DIR) {
            ex_warn(u->c, -1, "directory '%s' already listed as '%s'", u->path,
                prev);
            return ASSAY_OK;
        }
        e.type = EX_HARDLINK;
        e.link = prev;
        rc = ex_emit_entry(u->c, &e);
        return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
    }
    rc = extract_links_add(&u->links, u->arena, ino, u->path);
    if (rc != ASSAY_OK)
        return rc;
    if (e.type == EX_DIR) {
        rc = ex_emit_entry(u->c, &e);
        if (rc == ASSAY_OK)
            rc = uf_xattrs(u, ino);
        if (rc == ASSAY_OK)
            rc = uf_walk(u, ino, plen, depth + 1);
    } else if (e.type == EX_FILE) {
        struct assay_buf b;

        ex_buf_init(u->c, &b, u->in->len);
        rc = uf_file(u, ino, assay_le64(p + 48), &b);
        if (rc == ASSAY_E_LIMIT) {
            ex_warn(u->c, (int64_t)e.offset, "'%s' exceeds the size limit",
                u->path);
            rc = ASSAY_OK;
        } else if (rc == ASSAY_OK) {
            rc = ex_emit_file_buf(u->c, &e, &b);
            if (rc == ASSAY_OK)
                rc = uf_xattrs(u, ino);
        }
        assay_buf_release(&b);
    } else {
        const uint8_t *data = p + UF_INO_SZ;

        if (e.type == EX_SYMLINK) {
            char *t = assay_arena_strndup(u->arena, (const char *)data, dlen);

            if (t == NULL)
                return ASSAY_E_NOMEM;
            e.link = t;
        } else if (dlen == 4 || dlen == 8) {
            /* Linux new_encode_dev() in little-endian. */
            uint32_t dev = assay_le32(data);

            e.rdev_major = (dev >> 8) & 0xfffu;
            e.rdev_minor = (dev & 0xffu) | ((dev >> 12) & 0xfff00u);
        }
        rc = ex_emit_entry(u->c, &e);
        if (rc == ASSAY_OK)
            rc = uf_xattrs(u, ino);
    }
    return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
}

static enum assay_status
uf_walk(struct uf *u, uint32_t dir, size_t plen, unsigned depth)
{
    if (depth > UF_MAX_DEPTH) {
        ex_warn(u->c, -1, "'%s' nested deeper than %u", u->path, UF_MAX_DEPTH);
        return ASSAY_OK;
    }
    for (size_t i = uf_lower(u->ents, u->n_ents, dir);
         i < u->n_ents && u->ents[i]->ino == dir; i++) {
        const uint8_t *p = u->in->data + u->ents[i]->off;
        uint16_t nlen = assay_le16(p + 50);
        const uint8_t *name = p + UF_DENT_SZ;
        uint64_t target = assay_le64(p + 40);
        size_t nl;
        enum assay_status rc;

        if (target > UINT32_MAX || !extract_name_ok(name, nlen) ||
            (nl = extract_path_push(
                 u->path, sizeof(u->path), plen, name, nlen)) == 0) {
            ex_warn(u->c, (int64_t)u->ents[i]->off,
                "bad entry name in inode %u", dir);
            continue;
        }
        rc = uf_emit(u, (uint32_t)target, nl, depth);
        u->path[plen] = '\0';
        if (rc != ASSAY_OK)
            return rc;
    }
    return ASSAY_OK;
}

static enum assay_status
uf_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct uf *u;
    enum assay_status rc;
    uint64_t dummy;

    if (uf_bid(in->data, in->len, &dummy) == 0)
        return ASSAY_E_CORRUPT;
    u = assay_arena_zalloc(assay_session_arena(ex_session(c)), sizeof(*u));
    if (u == NULL)
        return ASSAY_E_NOMEM;
    u->c = c;
    u->in = in;
    u->arena = assay_session_arena(ex_session(c));
    assay_buf_init(&u->nodes, (in->len / UF_CH + 1) * sizeof(struct uf_node));
    u->scratch = assay_malloc(UF_BLOCK);
    if (u->scratch == NULL)
        return ASSAY_E_NOMEM;
    rc = uf_index(u);
    if (rc == ASSAY_OK) {
        ex_set_consumed(c, u->end);
        rc = uf_walk(u, UF_ROOT, 0, 0);
    }
    assay_free(u->scratch);
    assay_buf_release(&u->nodes);
    return rc;
}

/* Node magic followed by its CRC: the superblock node is found by bid. */
static const char *const uf_magics[] = {"\x31\x18\x10\x06", NULL};
static const size_t uf_magic_lens[] = {4, 0};

const struct assay_extractor ex_ubifs = {
    .name = "ubifs",
    .summary = "UBIFS (node scan, newest sequence number wins; none/lzo/"
               "zlib/zstd data)",
    .magics = uf_magics,
    .magic_lens = uf_magic_lens,
    .magic_offset = 0,
    .bid = uf_bid,
    .run = uf_run,
};
