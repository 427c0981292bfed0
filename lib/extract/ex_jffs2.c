/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JFFS2 flash file systems (both byte orders).
 *
 * JFFS2 is a log: every change appends a node (directory entry or inode
 * data) with a version number; nothing is rewritten in place. Reading it
 * means scanning the whole region for nodes, keeping for each (parent,
 * name) the directory entry with the highest version (inode 0 there means
 * "deleted") and, for each inode, replaying its data nodes in version
 * order, so the latest write of every byte range wins.
 *
 * Facts that shaped this file:
 *   - nodes start on 4-byte boundaries with magic 0x1985; erase blocks may
 *     be padded with 0xff, carry cleanmarkers or padding nodes, or be
 *     partly erased; the scan resynchronises on the next aligned magic;
 *   - three CRCs guard a node: header, node and data. They use the plain
 *     CRC-32 polynomial with seed 0 and no final inversion (the kernel's
 *     crc32(0, ...)), which is ~zlib_crc32(0xffffffff, ...);
 *   - data compressions: none, zero, rtime, zlib, lzo and (OpenWrt) LZMA
 *     with lc=0 lp=0 pb=0 and an 8 KiB dictionary; rubin is not supported;
 *   - symlink targets and device numbers are stored as inode data.
 */
#include "assay_config.h"

#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <lzo/lzo1x.h>

#include "fs_private.h"

#define JF_MAGIC      0x1985u
#define JF_DIRENT     0xe001u
#define JF_INODE      0xe002u
#define JF_XATTR      0xe008u
#define JF_XREF       0xe009u
#define JF_XATTR_LEN  32u
#define JF_XREF_LEN   28u
#define JF_MAX_XATTRS 32u /* per inode */
#define JF_DIRENT_LEN 40u
#define JF_INODE_LEN  68u
#define JF_MAX_DATA   (1u << 16) /* a data node holds at most a page or so */
#define JF_MAX_DEPTH  256u
#define JF_ROOT_INO   1u
/* Bytes without a valid node after which the file system has ended. */
#define JF_MAX_GAP (256u << 10)

enum {
    JF_COMPR_NONE = 0,
    JF_COMPR_ZERO = 1,
    JF_COMPR_RTIME = 2,
    JF_COMPR_RUBIN = 3,
    JF_COMPR_COPY = 4,
    JF_COMPR_DYNRUBIN = 5,
    JF_COMPR_ZLIB = 6,
    JF_COMPR_LZO = 7,
    JF_COMPR_LZMA = 8
};

/* A directory entry node, reduced. */
struct jf_dirent {
    uint32_t pino;    /* parent inode */
    uint32_t version; /* higher wins */
    uint32_t ino;     /* 0: deletion */
    uint8_t type;     /* DT_* */
    uint8_t nsize;    /* name bytes */
    size_t name_off;  /* offset of the name in the region */
};

/* An inode (data) node, reduced. */
struct jf_inode {
    uint32_t ino;
    uint32_t version;
    uint32_t mode; /* st_mode */
    uint32_t uid, gid;
    uint32_t isize; /* file size after this write */
    uint32_t mtime;
    uint32_t offset; /* where the data goes */
    uint32_t csize;  /* stored bytes */
    uint32_t dsize;  /* decoded bytes */
    uint8_t compr;   /* JF_COMPR_* */
    size_t data_off; /* offset of the stored data in the region */
};

/* An extended attribute node (newest version per xid wins). */
struct jf_xattr {
    uint32_t xid;     /* attribute id */
    uint32_t version; /* higher wins */
    size_t off;       /* node offset in the region */
};

/* A reference from an inode to an attribute (newest xseqno wins). */
struct jf_xref {
    uint32_t ino;
    uint32_t xid;
    uint32_t seq; /* odd: the reference was deleted */
};

struct jf {
    struct ex_ctx *c;
    const struct ex_input *in;
    struct assay_arena *arena;
    bool be;                  /* byte order of the image */
    struct assay_buf dirents; /* struct jf_dirent[] */
    struct assay_buf inodes;  /* struct jf_inode[], sorted by ino, ver */
    size_t n_dirents, n_inodes;
    struct assay_buf xattrs; /* struct jf_xattr[], sorted after scan */
    struct assay_buf xrefs;  /* struct jf_xref[], sorted after scan */
    size_t n_xattrs, n_xrefs;
    struct jf_dirent **live; /* winning dirents sorted by pino, name */
    size_t n_live;
    struct extract_links links; /* emitted inodes (hard links) */
    char path[ASSAY_DEFAULT_MAX_PATH + 1];
    uint8_t *scratch;     /* one decoded data node */
    unsigned unsupported; /* nodes with an unknown compressor */
    unsigned bad_crc;     /* nodes dropped for a CRC */
    size_t end;           /* end of the last valid node */
};

static bool
jf_magic_at(const uint8_t *p, bool *be)
{
    if (p[0] == 0x19 && p[1] == 0x85) {
        *be = true;
        return true;
    }
    if (p[0] == 0x85 && p[1] == 0x19) {
        *be = false;
        return true;
    }
    return false;
}

static int
jf_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    bool be;
    uint16_t type;
    uint32_t totlen;

    *len = 0;
    if (avail < 12 || !jf_magic_at(d, &be))
        return 0;
    type = be ? assay_be16(d + 2) : assay_le16(d + 2);
    totlen = be ? assay_be32(d + 4) : assay_le32(d + 4);
    if ((type & 0xff00u) != 0xe000u && (type & 0xff00u) != 0x2000u)
        return 0;
    if (totlen < 12 || extract_crc32_raw(0, d, 8) !=
                           (be ? assay_be32(d + 8) : assay_le32(d + 8)))
        return 0;
    return 16 + 16 + 32; /* magic, node type, header CRC */
}

/* ---- decompression ------------------------------------------------------ */

/* rtime: pairs (byte, run); a run repeats what followed that byte's
 * previous occurrence. */
static bool
jf_rtime(const uint8_t *src, size_t n, uint8_t *dst, size_t want)
{
    size_t pos[256] = {0};
    size_t o = 0, i = 0;

    while (o < want) {
        uint8_t v;
        size_t rep, back;

        if (i + 2 > n)
            return false;
        v = src[i];
        rep = src[i + 1];
        i += 2;
        dst[o++] = v;
        back = pos[v];
        pos[v] = o;
        if (rep > want - o)
            return false;
        for (size_t k = 0; k < rep; k++)
            dst[o++] = dst[back++];
    }
    return true;
}

static bool
jf_decode(
    struct jf *j, const struct jf_inode *n, const uint8_t *src, uint8_t *dst)
{
    switch (n->compr) {
    case JF_COMPR_NONE:
    case JF_COMPR_COPY:
        if (n->csize < n->dsize)
            return false;
        memcpy(dst, src, n->dsize);
        return true;
    case JF_COMPR_ZERO:
        memset(dst, 0, n->dsize);
        return true;
    case JF_COMPR_RTIME:
        return jf_rtime(src, n->csize, dst, n->dsize);
    case JF_COMPR_ZLIB: {
        z_stream z;
        int rc;

        memset(&z, 0, sizeof(z));
        if (inflateInit(&z) != Z_OK)
            return false;
        z.next_in = (Bytef *)(uintptr_t)src;
        z.avail_in = n->csize;
        z.next_out = dst;
        z.avail_out = n->dsize;
        rc = inflate(&z, Z_FINISH);
        inflateEnd(&z);
        return (rc == Z_STREAM_END || rc == Z_OK || rc == Z_BUF_ERROR) &&
               z.avail_out == 0;
    }
    case JF_COMPR_LZO: {
        lzo_uint ol = n->dsize;

        return lzo1x_decompress_safe(src, n->csize, dst, &ol, NULL) ==
                   LZO_E_OK &&
               ol == n->dsize;
    }
    case JF_COMPR_LZMA: {
        lzma_stream z = LZMA_STREAM_INIT;
        lzma_options_lzma opt;
        lzma_filter f[2];
        lzma_ret rc;

        memset(&opt, 0, sizeof(opt));
        opt.dict_size = 0x2000;
        f[0].id = LZMA_FILTER_LZMA1;
        f[0].options = &opt;
        f[1].id = LZMA_VLI_UNKNOWN;
        f[1].options = NULL;
        if (lzma_raw_decoder(&z, f) != LZMA_OK)
            return false;
        z.next_in = src;
        z.avail_in = n->csize;
        z.next_out = dst;
        z.avail_out = n->dsize;
        rc = lzma_code(&z, LZMA_FINISH);
        lzma_end(&z);
        return (rc == LZMA_OK || rc == LZMA_STREAM_END ||
                   rc == LZMA_BUF_ERROR) &&
               z.avail_out == 0;
    }
    default:
        j->unsupported++;
        return false;
    }
}

/* ---- scan ------------------------------------------------------------------
 */

static enum assay_status
jf_node_dirent(struct jf *j, const uint8_t *p, size_t off, uint32_t totlen)
{
    struct jf_dirent e;

    if (totlen < JF_DIRENT_LEN)
        return ASSAY_OK;
    if (extract_crc32_raw(0, p, 32) != extract_rd32(j->be, p + 32)) {
        j->bad_crc++;
        return ASSAY_OK;
    }
    e.pino = extract_rd32(j->be, p + 12);
    e.version = extract_rd32(j->be, p + 16);
    e.ino = extract_rd32(j->be, p + 20);
    e.nsize = p[28];
    e.type = p[29];
    e.name_off = off + JF_DIRENT_LEN;
    if (JF_DIRENT_LEN + (uint32_t)e.nsize > totlen ||
        extract_crc32_raw(0, p + JF_DIRENT_LEN, e.nsize) !=
            extract_rd32(j->be, p + 36)) {
        j->bad_crc++;
        return ASSAY_OK;
    }
    j->n_dirents++;
    return assay_buf_append(&j->dirents, &e, sizeof(e));
}

static enum assay_status
jf_node_inode(struct jf *j, const uint8_t *p, size_t off, uint32_t totlen)
{
    struct jf_inode n;

    if (totlen < JF_INODE_LEN)
        return ASSAY_OK;
    if (extract_crc32_raw(0, p, 60) != extract_rd32(j->be, p + 64)) {
        j->bad_crc++;
        return ASSAY_OK;
    }
    n.ino = extract_rd32(j->be, p + 12);
    n.version = extract_rd32(j->be, p + 16);
    n.mode = extract_rd32(j->be, p + 20);
    n.uid = extract_rd16(j->be, p + 24);
    n.gid = extract_rd16(j->be, p + 26);
    n.isize = extract_rd32(j->be, p + 28);
    n.mtime = extract_rd32(j->be, p + 36);
    n.offset = extract_rd32(j->be, p + 44);
    n.csize = extract_rd32(j->be, p + 48);
    n.dsize = extract_rd32(j->be, p + 52);
    n.compr = p[56];
    n.data_off = off + JF_INODE_LEN;
    if (n.csize > totlen - JF_INODE_LEN || n.dsize > JF_MAX_DATA ||
        (n.compr != JF_COMPR_ZERO &&
            extract_crc32_raw(0, p + JF_INODE_LEN, n.csize) !=
                extract_rd32(j->be, p + 60))) {
        j->bad_crc++;
        return ASSAY_OK;
    }
    j->n_inodes++;
    return assay_buf_append(&j->inodes, &n, sizeof(n));
}

/* xattr and xref nodes (mkfs.jffs2 --with-xattr, kernel 2.6.18+). */
static enum assay_status
jf_node_xattr(
    struct jf *j, const uint8_t *p, size_t off, uint32_t totlen, uint16_t type)
{
    if (type == JF_XATTR) {
        struct jf_xattr x;
        uint32_t dlen;

        if (totlen < JF_XATTR_LEN ||
            extract_crc32_raw(0, p, 28) != extract_rd32(j->be, p + 28)) {
            j->bad_crc++;
            return ASSAY_OK;
        }
        dlen = (uint32_t)p[21] + 1u + extract_rd16(j->be, p + 22);
        if (dlen > totlen - JF_XATTR_LEN ||
            extract_crc32_raw(0, p + JF_XATTR_LEN, dlen) !=
                extract_rd32(j->be, p + 24)) {
            j->bad_crc++;
            return ASSAY_OK;
        }
        x.xid = extract_rd32(j->be, p + 12);
        x.version = extract_rd32(j->be, p + 16);
        x.off = off;
        j->n_xattrs++;
        return assay_buf_append(&j->xattrs, &x, sizeof(x));
    } else {
        struct jf_xref r;

        if (totlen < JF_XREF_LEN ||
            extract_crc32_raw(0, p, 24) != extract_rd32(j->be, p + 24)) {
            j->bad_crc++;
            return ASSAY_OK;
        }
        r.ino = extract_rd32(j->be, p + 12);
        r.xid = extract_rd32(j->be, p + 16);
        r.seq = extract_rd32(j->be, p + 20);
        j->n_xrefs++;
        return assay_buf_append(&j->xrefs, &r, sizeof(r));
    }
}

/*
 * Walk the region for nodes of the image's byte order. The region may run
 * to the end of the enclosing blob, so the file system is taken to end
 * with its last valid node once JF_MAX_GAP bytes of data that is neither
 * a node nor erased flash follow it.
 */
static enum assay_status
jf_scan(struct jf *j)
{
    const uint8_t *d = j->in->data;
    size_t len = j->in->len, off = 0, garbage = 0;
    enum assay_status rc = ASSAY_OK;

    while (off + 12 <= len && rc == ASSAY_OK) {
        const uint8_t *p = d + off;
        bool be;
        uint16_t type;
        uint32_t totlen;

        if (!jf_magic_at(p, &be) || be != j->be ||
            extract_crc32_raw(0, p, 8) != extract_rd32(j->be, p + 8)) {
            /* Erased flash (0xff) may fill whole erase blocks. */
            if (assay_le32(p) != 0xffffffffu && (garbage += 4) > JF_MAX_GAP)
                break;
            off += 4;
            continue;
        }
        garbage = 0;
        type = extract_rd16(j->be, p + 2);
        totlen = extract_rd32(j->be, p + 4);
        if (totlen < 12 || !assay_range_ok(off, totlen, len)) {
            ex_warn(j->c, (int64_t)off,
                "node of %u bytes at 0x%zx runs past the region", totlen, off);
            off += 4;
            continue;
        }
        if (type == JF_DIRENT)
            rc = jf_node_dirent(j, p, off, totlen);
        else if (type == JF_INODE)
            rc = jf_node_inode(j, p, off, totlen);
        else if (type == JF_XATTR || type == JF_XREF)
            rc = jf_node_xattr(j, p, off, totlen, type);
        /* Cleanmarkers, padding, summaries: skipped whole. */
        off += ((size_t)totlen + 3) & ~(size_t)3;
        j->end = off < len ? off : len;
    }
    return rc;
}

/* ---- tree -------------------------------------------------------------------
 */

/* qsort has no context argument; one per worker thread. */
static _Thread_local const struct jf *jf_sort_ctx;

static int
jf_cmp_inode(const void *a, const void *b)
{
    const struct jf_inode *x = a, *y = b;

    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    if (x->version != y->version)
        return x->version < y->version ? -1 : 1;
    return 0;
}

static int
jf_cmp_xattr(const void *a, const void *b)
{
    const struct jf_xattr *x = a, *y = b;

    if (x->xid != y->xid)
        return x->xid < y->xid ? -1 : 1;
    return x->version < y->version ? -1 : x->version > y->version;
}

static int
jf_cmp_xref(const void *a, const void *b)
{
    const struct jf_xref *x = a, *y = b;

    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    if (x->xid != y->xid)
        return x->xid < y->xid ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Keep the newest xattr per xid and the newest live xref per (ino, xid). */
static void
jf_resolve_xattrs(struct jf *j)
{
    struct jf_xattr *x = (struct jf_xattr *)(void *)j->xattrs.data;
    struct jf_xref *r = (struct jf_xref *)(void *)j->xrefs.data;
    size_t n = 0;

    if (j->n_xattrs > 1)
        qsort(x, j->n_xattrs, sizeof(*x), jf_cmp_xattr);
    for (size_t i = 0; i < j->n_xattrs; i++)
        if (i + 1 == j->n_xattrs || x[i + 1].xid != x[i].xid)
            x[n++] = x[i];
    j->n_xattrs = n;
    if (j->n_xrefs > 1)
        qsort(r, j->n_xrefs, sizeof(*r), jf_cmp_xref);
    n = 0;
    for (size_t i = 0; i < j->n_xrefs; i++) {
        if (i + 1 < j->n_xrefs && r[i + 1].ino == r[i].ino &&
            r[i + 1].xid == r[i].xid)
            continue;
        if ((r[i].seq & 1u) == 0)
            r[n++] = r[i];
    }
    j->n_xrefs = n;
}

/* Attach the extended attributes of 'ino' to the entry emitted last. */
static enum assay_status
jf_xattrs(struct jf *j, uint32_t ino)
{
    static const char *const prefix[] = {"", "user.", "security.", "trusted.",
        "system.posix_acl_access", "system.posix_acl_default"};
    const struct jf_xref *r = (const struct jf_xref *)(void *)j->xrefs.data;
    const struct jf_xattr *x = (const struct jf_xattr *)(void *)j->xattrs.data;
    struct ex_xattr out[JF_MAX_XATTRS];
    size_t n = 0, lo = 0, hi = j->n_xrefs;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (r[mid].ino < ino)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < j->n_xrefs && r[i].ino == ino && n < JF_MAX_XATTRS;
         i++) {
        size_t a = 0, b = j->n_xattrs;
        const uint8_t *p;
        uint8_t pre, nlen;

        while (a < b) {
            size_t mid = a + (b - a) / 2;

            if (x[mid].xid < r[i].xid)
                a = mid + 1;
            else
                b = mid;
        }
        if (a == j->n_xattrs || x[a].xid != r[i].xid)
            continue;
        p = j->in->data + x[a].off;
        pre = p[20];
        nlen = p[21];
        if (pre == 0 || pre >= ASSAY_ARRAY_LEN(prefix))
            continue;
        out[n].name = assay_arena_printf(j->arena, "%s%.*s", prefix[pre],
            (int)nlen, (const char *)p + JF_XATTR_LEN);
        if (out[n].name == NULL)
            return ASSAY_E_NOMEM;
        out[n].value = p + JF_XATTR_LEN + nlen + 1;
        out[n].len = extract_rd16(j->be, p + 22);
        n++;
    }
    if (n == 0)
        return ASSAY_OK;
    return ex_emit_xattrs(j->c, out, n);
}

static int
jf_cmp_name(const struct jf_dirent *x, const struct jf_dirent *y)
{
    const uint8_t *d = jf_sort_ctx->in->data;
    size_t n = x->nsize < y->nsize ? x->nsize : y->nsize;
    int c;

    if (x->pino != y->pino)
        return x->pino < y->pino ? -1 : 1;
    c = memcmp(d + x->name_off, d + y->name_off, n);
    if (c != 0)
        return c;
    return (int)x->nsize - (int)y->nsize;
}

static int
jf_cmp_dirent(const void *a, const void *b)
{
    const struct jf_dirent *x = *(const struct jf_dirent *const *)a;
    const struct jf_dirent *y = *(const struct jf_dirent *const *)b;
    int c = jf_cmp_name(x, y);

    if (c != 0)
        return c;
    if (x->version != y->version)
        return x->version < y->version ? -1 : 1;
    return 0;
}

/* Keep the newest entry of each (parent, name); drop deletions. */
static enum assay_status
jf_resolve(struct jf *j)
{
    struct jf_dirent *all = (struct jf_dirent *)(void *)j->dirents.data;
    struct jf_dirent **v;
    size_t n = 0;

    v = assay_arena_array(j->arena, j->n_dirents + 1, sizeof(*v));
    if (v == NULL)
        return ASSAY_E_NOMEM;
    for (size_t i = 0; i < j->n_dirents; i++)
        v[i] = &all[i];
    jf_sort_ctx = j;
    if (j->n_dirents > 1)
        qsort(v, j->n_dirents, sizeof(*v), jf_cmp_dirent);
    if (j->n_inodes > 1)
        qsort(
            j->inodes.data, j->n_inodes, sizeof(struct jf_inode), jf_cmp_inode);
    for (size_t i = 0; i < j->n_dirents; i++) {
        if (i + 1 < j->n_dirents && jf_cmp_name(v[i], v[i + 1]) == 0)
            continue; /* a newer version follows */
        if (v[i]->ino != 0)
            v[n++] = v[i];
    }
    j->live = v;
    j->n_live = n;
    return ASSAY_OK;
}

/* First data node of 'ino' (nodes sorted by ino, version), or n_inodes. */
static size_t
jf_first_node(const struct jf *j, uint32_t ino)
{
    const struct jf_inode *a = (const struct jf_inode *)(void *)j->inodes.data;
    size_t lo = 0, hi = j->n_inodes;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (a[mid].ino < ino)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Replay the data nodes of 'ino' from index 'first' into b. */
static enum assay_status
jf_file_data(struct jf *j, uint32_t ino, size_t first, uint32_t isize,
    struct assay_buf *b)
{
    const struct jf_inode *a = (const struct jf_inode *)(void *)j->inodes.data;
    enum assay_status rc;
    size_t have;
    uint64_t end = 0;

    /* A size beyond the last written byte is cut there: a hostile node
     * must not make us write gigabytes of zeros. */
    for (size_t i = first; i < j->n_inodes && a[i].ino == ino; i++)
        if ((uint64_t)a[i].offset + a[i].dsize > end)
            end = (uint64_t)a[i].offset + a[i].dsize;
    if (isize > end) {
        ex_warn(j->c, -1, "'%s' claims %u bytes, its data ends at %llu",
            j->path, isize, (unsigned long long)end);
        isize = (uint32_t)end;
    }
    /* Grow to the final size with zeros (holes read as zeros). */
    memset(j->scratch, 0, JF_MAX_DATA);
    for (have = 0; have < isize;) {
        size_t step = isize - have < JF_MAX_DATA ? isize - have : JF_MAX_DATA;

        rc = assay_buf_append(b, j->scratch, step);
        if (rc != ASSAY_OK)
            return rc;
        have += step;
    }
    for (size_t i = first; i < j->n_inodes && a[i].ino == ino; i++) {
        const struct jf_inode *n = &a[i];
        size_t put;

        if (n->dsize == 0 || n->offset >= isize)
            continue;
        if (!jf_decode(j, n, j->in->data + n->data_off, j->scratch)) {
            if (n->compr != JF_COMPR_RUBIN && n->compr != JF_COMPR_DYNRUBIN)
                ex_warn(j->c, (int64_t)n->data_off,
                    "data node of inode %u (version %u) does not decode", ino,
                    n->version);
            continue;
        }
        put = isize - n->offset < n->dsize ? isize - n->offset : n->dsize;
        memcpy(b->data + n->offset, j->scratch, put);
    }
    return ASSAY_OK;
}

static enum assay_status jf_walk(
    struct jf *j, uint32_t dir, size_t plen, unsigned depth);

/* Emit the entry at j->path for inode 'ino'. */
static enum assay_status
jf_emit(struct jf *j, uint32_t ino, size_t plen, unsigned depth)
{
    const struct jf_inode *a = (const struct jf_inode *)(void *)j->inodes.data;
    size_t first = jf_first_node(j, ino), last;
    const struct jf_inode *meta;
    const char *prev = extract_links_find(&j->links, ino);
    struct ex_entry e;
    struct assay_buf b;
    enum assay_status rc;

    if (first == j->n_inodes || a[first].ino != ino) {
        ex_warn(
            j->c, -1, "'%s' names inode %u which has no node", j->path, ino);
        return ASSAY_OK;
    }
    for (last = first; last + 1 < j->n_inodes && a[last + 1].ino == ino;)
        last++;
    meta = &a[last]; /* newest node carries the current metadata */
    memset(&e, 0, sizeof(e));
    e.path = j->path;
    e.type = extract_mode_type(meta->mode);
    e.mode = meta->mode & 07777u;
    e.uid = meta->uid;
    e.gid = meta->gid;
    e.mtime = meta->mtime;
    e.offset = a[first].data_off;
    if (prev != NULL) {
        if (e.type == EX_DIR) {
            ex_warn(j->c, -1, "directory '%s' already listed as '%s'", j->path,
                prev);
            return ASSAY_OK;
        }
        e.type = EX_HARDLINK;
        e.link = prev;
        rc = ex_emit_entry(j->c, &e);
        return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
    }
    rc = extract_links_add(&j->links, j->arena, ino, j->path);
    if (rc != ASSAY_OK)
        return rc;
    if (e.type == EX_DIR) {
        rc = ex_emit_entry(j->c, &e);
        if (rc == ASSAY_OK)
            rc = jf_xattrs(j, ino);
        if (rc == ASSAY_OK)
            rc = jf_walk(j, ino, plen, depth + 1);
        return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
    }
    if (e.type == EX_CHARDEV || e.type == EX_BLOCKDEV) {
        /* The device number is the newest node's data: an old 16-bit or
         * a new 32-bit Linux dev_t, in the image's byte order. */
        uint8_t dev[8];
        struct jf_inode dn = *meta;

        if (dn.dsize == 2 || dn.dsize == 4) {
            if (jf_decode(j, &dn, j->in->data + dn.data_off, dev)) {
                uint32_t v = dn.dsize == 2 ? extract_rd16(j->be, dev)
                                           : extract_rd32(j->be, dev);

                e.rdev_major = dn.dsize == 2 ? v >> 8 : (v >> 8) & 0xfffu;
                e.rdev_minor = dn.dsize == 2
                                   ? v & 0xffu
                                   : (v & 0xffu) | ((v >> 12) & 0xfff00u);
            }
        }
        rc = ex_emit_entry(j->c, &e);
        if (rc == ASSAY_OK)
            rc = jf_xattrs(j, ino);
        return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
    }
    ex_buf_init(j->c, &b, j->in->len);
    rc = jf_file_data(j, ino, first, meta->isize, &b);
    if (rc == ASSAY_E_LIMIT) {
        ex_warn(j->c, (int64_t)e.offset,
            "'%s' (%u bytes) exceeds the size limit", j->path, meta->isize);
        assay_buf_release(&b);
        return ASSAY_OK;
    }
    if (rc != ASSAY_OK) {
        assay_buf_release(&b);
        return rc;
    }
    if (e.type == EX_SYMLINK) {
        char *t = assay_arena_strndup(j->arena, b.data ? b.data : "", b.len);

        assay_buf_release(&b);
        if (t == NULL)
            return ASSAY_E_NOMEM;
        e.link = t;
        rc = ex_emit_entry(j->c, &e);
    } else if (e.type == EX_FILE) {
        rc = ex_emit_file_buf(j->c, &e, &b);
        assay_buf_release(&b);
    } else {
        assay_buf_release(&b);
        rc = ex_emit_entry(j->c, &e);
    }
    if (rc == ASSAY_OK)
        rc = jf_xattrs(j, ino);
    return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
}

/* Entries of directory inode 'dir' (live dirents sorted by parent). */
static enum assay_status
jf_walk(struct jf *j, uint32_t dir, size_t plen, unsigned depth)
{
    size_t lo = 0, hi = j->n_live;

    if (depth > JF_MAX_DEPTH) {
        ex_warn(j->c, -1, "'%s' nested deeper than %u", j->path, JF_MAX_DEPTH);
        return ASSAY_OK;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (j->live[mid]->pino < dir)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < j->n_live && j->live[i]->pino == dir; i++) {
        const struct jf_dirent *e = j->live[i];
        const uint8_t *name = j->in->data + e->name_off;
        size_t nl;
        enum assay_status rc;

        if (!extract_name_ok(name, e->nsize) ||
            (nl = extract_path_push(
                 j->path, sizeof(j->path), plen, name, e->nsize)) == 0) {
            ex_warn(j->c, (int64_t)e->name_off, "bad or too long entry name");
            continue;
        }
        rc = jf_emit(j, e->ino, nl, depth);
        j->path[plen] = '\0';
        if (rc != ASSAY_OK)
            return rc;
    }
    return ASSAY_OK;
}

static enum assay_status
jf_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct jf *j;
    enum assay_status rc;
    size_t cap;

    if (in->len < 12 || jf_bid(in->data, in->len, &(uint64_t){0}) == 0)
        return ASSAY_E_CORRUPT;
    j = assay_arena_zalloc(assay_session_arena(ex_session(c)), sizeof(*j));
    if (j == NULL)
        return ASSAY_E_NOMEM;
    j->c = c;
    j->in = in;
    j->arena = assay_session_arena(ex_session(c));
    j->be = in->data[0] == 0x19;
    /* At most one node per 12 bytes of region. */
    cap = in->len / 12 + 1;
    assay_buf_init(&j->dirents, cap * sizeof(struct jf_dirent));
    assay_buf_init(&j->inodes, cap * sizeof(struct jf_inode));
    assay_buf_init(&j->xattrs, cap * sizeof(struct jf_xattr));
    assay_buf_init(&j->xrefs, cap * sizeof(struct jf_xref));
    j->scratch = assay_malloc(JF_MAX_DATA);
    if (j->scratch == NULL)
        return ASSAY_E_NOMEM;
    rc = jf_scan(j);
    if (rc == ASSAY_OK) {
        ex_set_consumed(c, j->end);
        jf_resolve_xattrs(j);
        rc = jf_resolve(j);
    }
    if (rc == ASSAY_OK)
        rc = jf_walk(j, JF_ROOT_INO, 0, 0);
    if (j->bad_crc > 0)
        ex_warn(c, -1, "%u nodes dropped for a crc mismatch", j->bad_crc);
    if (j->unsupported > 0)
        ex_warn(c, -1, "%u data nodes use an unsupported compressor",
            j->unsupported);
    assay_free(j->scratch);
    assay_buf_release(&j->dirents);
    assay_buf_release(&j->inodes);
    assay_buf_release(&j->xattrs);
    assay_buf_release(&j->xrefs);
    return rc;
}

/* Node magic and type: cleanmarker, padding, dirent, inode, both orders. */
static const char *const jf_magics[] = {"\x85\x19\x03\x20", "\x85\x19\x04\x20",
    "\x85\x19\x01\xe0", "\x85\x19\x02\xe0", "\x19\x85\x20\x03",
    "\x19\x85\x20\x04", "\x19\x85\xe0\x01", "\x19\x85\xe0\x02", NULL};
static const size_t jf_magic_lens[] = {4, 4, 4, 4, 4, 4, 4, 4, 0};

const struct assay_extractor ex_jffs2 = {
    .name = "jffs2",
    .summary = "JFFS2 (both byte orders; none/zero/rtime/zlib/lzo/lzma "
               "nodes, latest version wins, deletions)",
    .magics = jf_magics,
    .magic_lens = jf_magic_lens,
    .magic_offset = 0,
    .bid = jf_bid,
    .run = jf_run,
};
