/* SPDX-License-Identifier: Apache-2.0 */
/*
 * YAFFS2 NAND images (chunk data followed by its spare area, both byte
 * orders).
 *
 * An image is a run of (page, spare) pairs. The spare holds packed tags:
 * sequence number of the erase block, object id, chunk id (0 = the
 * object's header, n = its n-th data chunk) and byte count. The header
 * chunk gives type, parent, name, mode, ids, times, size, symlink alias,
 * hard-link target and device number. Newer writes of a chunk carry a
 * higher block sequence number (or come later in the same block), so the
 * newest copy of each (object, chunk) wins; objects whose newest header
 * parents them to the "unlinked" or "deleted" pseudo-folders are gone.
 *
 * Nothing in the image states the geometry: common page/spare pairs
 * (512/16, 1024/32, 2048/64, 4096/128, 8192/256), tag offsets 0 and 2 in
 * the spare and both byte orders are tried, and the one whose first chunks
 * read as a consistent object header and data wins.
 */
#include "assay_config.h"

#include <stdlib.h>
#include <string.h>

#include "fs_private.h"

#define YF_ROOT         1u
#define YF_UNLINKED     3u
#define YF_DELETED      4u
#define YF_NAME         256u
#define YF_ALIAS        160u
#define YF_HDR_MIN      512u
#define YF_MAX_DEPTH    256u
#define YF_EXTRA_HEADER 0x80000000u
#define YF_OBJ_MASK     0x0fffffffu

enum {
    YF_FILE = 1,
    YF_SYMLINK = 2,
    YF_DIR = 3,
    YF_HARDLINK = 4,
    YF_SPECIAL = 5
};

/* Geometry of an image. */
struct yf_geo {
    uint32_t page;  /* data bytes per chunk */
    uint32_t spare; /* spare bytes per chunk */
    uint32_t tag;   /* offset of the packed tags in the spare */
    bool be;        /* byte order of tags and headers */
};

/* Newest copy of one chunk. */
struct yf_chunk {
    uint32_t obj;   /* object id */
    uint32_t chunk; /* 0 header, n data */
    uint32_t seq;   /* block sequence number */
    uint32_t bytes; /* data bytes */
    size_t pos;     /* chunk index in the image */
};

struct yf {
    struct ex_ctx *c;
    const struct ex_input *in;
    struct assay_arena *arena;
    struct yf_geo g;
    size_t nchunks;
    struct yf_chunk *ck; /* newest chunks, sorted by obj, chunk */
    size_t n;
    struct extract_links links; /* emitted objects and their paths */
    char path[ASSAY_DEFAULT_MAX_PATH + 1];
};

static const uint32_t yf_pages[] = {2048, 512, 4096, 1024, 8192};

/* Does chunk 'i' under geometry g read as an object header? */
static bool
yf_header_at(const uint8_t *d, size_t len, const struct yf_geo *g, size_t i)
{
    uint64_t at = (uint64_t)i * (g->page + g->spare);
    const uint8_t *p, *t;
    uint32_t type, chunk, obj, parent;

    if (!assay_range_ok(at, (uint64_t)g->page + g->spare, len))
        return false;
    p = d + at;
    t = p + g->page + g->tag;
    chunk = extract_rd32(g->be, t + 8);
    obj = extract_rd32(g->be, t + 4) & YF_OBJ_MASK;
    if ((chunk & ~YF_EXTRA_HEADER) != 0 || obj == 0 || obj > 0x3ffff ||
        extract_rd32(g->be, t) == 0xffffffffu)
        return false;
    type = extract_rd32(g->be, p);
    parent = extract_rd32(g->be, p + 4);
    return type >= YF_FILE && type <= YF_SPECIAL && parent != 0 &&
           parent < 0x40000 && memchr(p + 10, 0, YF_NAME) != NULL && p[10] != 0;
}

static bool
yf_geometry(const uint8_t *d, size_t len, struct yf_geo *out)
{
    for (size_t k = 0; k < ASSAY_ARRAY_LEN(yf_pages); k++) {
        for (int be = 0; be < 2; be++) {
            for (uint32_t tag = 0; tag <= 2; tag += 2) {
                struct yf_geo g = {yf_pages[k], yf_pages[k] / 32, tag, be};

                /* The 16 bytes of tags must fit in the spare area. */
                if (g.page < YF_HDR_MIN || g.tag + 16 > g.spare ||
                    !yf_header_at(d, len, &g, 0))
                    continue;
                /* A second chunk must also carry sane tags (or be the
                 * end), so a lucky first chunk is not enough. */
                if (len >= 2 * (size_t)(g.page + g.spare)) {
                    const uint8_t *t = d + g.page + g.spare + g.page + g.tag;
                    uint32_t obj = extract_rd32(g.be, t + 4) & YF_OBJ_MASK;

                    if (extract_rd32(g.be, t) != 0xffffffffu &&
                        (obj == 0 || obj > 0x3ffff))
                        continue;
                }
                *out = g;
                return true;
            }
        }
    }
    return false;
}

static int
yf_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    struct yf_geo g;

    *len = 0;
    if (avail < YF_HDR_MIN + 16 || !yf_geometry(d, avail, &g))
        return 0;
    return 48; /* header type, parent, name, tags: no magic to count */
}

static int
yf_cmp(const void *a, const void *b)
{
    const struct yf_chunk *x = a, *y = b;

    if (x->obj != y->obj)
        return x->obj < y->obj ? -1 : 1;
    if (x->chunk != y->chunk)
        return x->chunk < y->chunk ? -1 : 1;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Collect tagged chunks and keep the newest of each (obj, chunk). */
static enum assay_status
yf_index(struct yf *y)
{
    const uint8_t *d = y->in->data;
    size_t step = (size_t)y->g.page + y->g.spare, n = 0;

    y->nchunks = y->in->len / step;
    y->ck = assay_arena_array(y->arena, y->nchunks + 1, sizeof(*y->ck));
    if (y->ck == NULL)
        return ASSAY_E_NOMEM;
    for (size_t i = 0; i < y->nchunks; i++) {
        const uint8_t *t = d + i * step + y->g.page + y->g.tag;
        struct yf_chunk c;

        c.seq = extract_rd32(y->g.be, t);
        c.obj = extract_rd32(y->g.be, t + 4);
        c.chunk = extract_rd32(y->g.be, t + 8);
        c.bytes = extract_rd32(y->g.be, t + 12);
        c.pos = i;
        if (c.seq == 0xffffffffu || c.seq == 0)
            continue; /* erased or unused */
        if (c.chunk & YF_EXTRA_HEADER)
            c.chunk = 0;
        c.obj &= YF_OBJ_MASK;
        if (c.obj == 0 || (c.chunk != 0 && c.bytes > y->g.page))
            continue;
        y->ck[n++] = c;
    }
    if (n > 1)
        qsort(y->ck, n, sizeof(*y->ck), yf_cmp);
    y->n = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && y->ck[i + 1].obj == y->ck[i].obj &&
            y->ck[i + 1].chunk == y->ck[i].chunk)
            continue; /* a newer copy follows */
        y->ck[y->n++] = y->ck[i];
    }
    return ASSAY_OK;
}

/* Newest header chunk of 'obj', or NULL. */
static const uint8_t *
yf_header(const struct yf *y, uint32_t obj, size_t *first)
{
    size_t lo = 0, hi = y->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (y->ck[mid].obj < obj)
            lo = mid + 1;
        else
            hi = mid;
    }
    *first = lo;
    if (lo == y->n || y->ck[lo].obj != obj || y->ck[lo].chunk != 0)
        return NULL;
    return y->in->data + y->ck[lo].pos * ((size_t)y->g.page + y->g.spare);
}

/*
 * File bytes: data chunks 1.. of obj (after 'first') up to size. A size
 * beyond the last stored byte is cut there (with a warning): a hostile
 * header must not make us write gigabytes of zeros.
 */
static enum assay_status
yf_file(struct yf *y, size_t first, uint32_t obj, uint64_t size,
    struct assay_buf *b)
{
    static const uint8_t zeros[4096];
    size_t step = (size_t)y->g.page + y->g.spare;
    uint64_t have = 0, end = 0;
    enum assay_status rc = ASSAY_OK;

    for (size_t i = first + 1; i < y->n && y->ck[i].obj == obj; i++) {
        uint64_t e =
            (uint64_t)(y->ck[i].chunk - 1) * y->g.page + y->ck[i].bytes;

        if (e > end)
            end = e;
    }
    if (size > end) {
        ex_warn(y->c, -1, "'%s' claims %llu bytes, its data ends at %llu",
            y->path, (unsigned long long)size, (unsigned long long)end);
        size = end;
    }
    for (size_t i = first + 1; i < y->n && y->ck[i].obj == obj && have < size;
         i++) {
        const struct yf_chunk *c = &y->ck[i];
        uint64_t at = (uint64_t)(c->chunk - 1) * y->g.page;
        uint32_t nb = c->bytes;

        if (at < have || at >= size)
            continue;
        /* A hole before this chunk reads as zeros. */
        while (have < at && rc == ASSAY_OK) {
            size_t z =
                at - have < sizeof(zeros) ? (size_t)(at - have) : sizeof(zeros);

            rc = assay_buf_append(b, zeros, z);
            have += z;
        }
        if (nb > size - at)
            nb = (uint32_t)(size - at);
        if (rc == ASSAY_OK)
            rc = assay_buf_append(b, y->in->data + c->pos * step, nb);
        have += nb;
        if (rc != ASSAY_OK)
            return rc;
    }
    return rc;
}

static enum assay_status yf_walk(
    struct yf *y, uint32_t dir, size_t plen, unsigned depth, bool links);

static enum assay_status
yf_emit(struct yf *y, uint32_t obj, const uint8_t *h, size_t first, size_t plen,
    unsigned depth, bool links)
{
    bool be = y->g.be;
    uint32_t type = extract_rd32(be, h), mode = extract_rd32(be, h + 268);
    struct ex_entry e;
    enum assay_status rc = ASSAY_OK;

    memset(&e, 0, sizeof(e));
    e.path = y->path;
    e.mode = mode & 07777u;
    e.uid = extract_rd32(be, h + 272);
    e.gid = extract_rd32(be, h + 276);
    e.mtime = extract_rd32(be, h + 284);
    e.offset = (uint64_t)y->ck[first].pos * (y->g.page + y->g.spare);
    if (links != (type == YF_HARDLINK)) {
        /* Hard links go in a second walk, once their targets have paths;
         * folders are walked in both. */
        if (type == YF_DIR)
            return yf_walk(y, obj, plen, depth + 1, links);
        return ASSAY_OK;
    }
    switch (type) {
    case YF_FILE: {
        struct assay_buf b;
        uint32_t lo = extract_rd32(be, h + 292), hi = extract_rd32(be, h + 496);
        uint64_t size = lo | (hi != 0xffffffffu ? (uint64_t)hi << 32 : 0);

        e.type = EX_FILE;
        ex_buf_init(y->c, &b, y->in->len);
        rc = yf_file(y, first, obj, size, &b);
        if (rc == ASSAY_E_LIMIT) {
            ex_warn(y->c, (int64_t)e.offset, "'%s' exceeds the size limit",
                y->path);
            rc = ASSAY_OK;
        } else if (rc == ASSAY_OK) {
            rc = ex_emit_file_buf(y->c, &e, &b);
        }
        assay_buf_release(&b);
        if (rc == ASSAY_OK)
            rc = extract_links_add(&y->links, y->arena, obj, y->path);
        break;
    }
    case YF_SYMLINK:
        e.type = EX_SYMLINK;
        e.link = assay_arena_strndup(y->arena, (const char *)h + 300,
            strnlen((const char *)h + 300, YF_ALIAS));
        rc = e.link == NULL ? ASSAY_E_NOMEM : ex_emit_entry(y->c, &e);
        break;
    case YF_DIR:
        e.type = EX_DIR;
        rc = ex_emit_entry(y->c, &e);
        if (rc == ASSAY_OK)
            rc = extract_links_add(&y->links, y->arena, obj, y->path);
        if (rc == ASSAY_OK)
            rc = yf_walk(y, obj, plen, depth + 1, links);
        break;
    case YF_HARDLINK:
        e.type = EX_HARDLINK;
        e.link = extract_links_find(&y->links, extract_rd32(be, h + 296));
        if (e.link == NULL) {
            ex_warn(y->c, (int64_t)e.offset,
                "hard link '%s' names object %u which is not a file", y->path,
                extract_rd32(be, h + 296));
            break;
        }
        rc = ex_emit_entry(y->c, &e);
        break;
    default: {
        uint32_t dev = extract_rd32(be, h + 460);

        switch (mode & 0170000u) {
        case 0020000u:
            e.type = EX_CHARDEV;
            break;
        case 0060000u:
            e.type = EX_BLOCKDEV;
            break;
        case 0140000u:
            e.type = EX_SOCKET;
            break;
        default:
            e.type = EX_FIFO;
            break;
        }
        e.rdev_major = (dev >> 8) & 0xfffu;
        e.rdev_minor = (dev & 0xffu) | ((dev >> 12) & 0xfff00u);
        rc = ex_emit_entry(y->c, &e);
        break;
    }
    }
    return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
}

/* Emit the children of folder 'dir' (objects whose header names it). */
static enum assay_status
yf_walk(struct yf *y, uint32_t dir, size_t plen, unsigned depth, bool links)
{
    if (depth > YF_MAX_DEPTH) {
        ex_warn(y->c, -1, "'%s' nested deeper than %u", y->path, YF_MAX_DEPTH);
        return ASSAY_OK;
    }
    for (size_t i = 0; i < y->n; i++) {
        const struct yf_chunk *c = &y->ck[i];
        const uint8_t *h;
        size_t first, nlen, nl;
        enum assay_status rc;

        if (c->chunk != 0 || c->obj == dir || c->obj <= YF_DELETED)
            continue;
        h = y->in->data + c->pos * ((size_t)y->g.page + y->g.spare);
        if (extract_rd32(y->g.be, h + 4) != dir)
            continue;
        (void)yf_header(y, c->obj, &first);
        nlen = strnlen((const char *)h + 10, YF_NAME);
        if (nlen == YF_NAME || !extract_name_ok(h + 10, nlen) ||
            (nl = extract_path_push(
                 y->path, sizeof(y->path), plen, h + 10, nlen)) == 0) {
            if (!links)
                ex_warn(y->c, (int64_t)(c->pos * (y->g.page + y->g.spare)),
                    "bad name of object %u", c->obj);
            continue;
        }
        rc = yf_emit(y, c->obj, h, first, nl, depth, links);
        y->path[plen] = '\0';
        if (rc != ASSAY_OK)
            return rc;
    }
    return ASSAY_OK;
}

static enum assay_status
yf_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct yf *y;
    enum assay_status rc;

    y = assay_arena_zalloc(assay_session_arena(ex_session(c)), sizeof(*y));
    if (y == NULL)
        return ASSAY_E_NOMEM;
    y->c = c;
    y->in = in;
    y->arena = assay_session_arena(ex_session(c));
    if (in->len < YF_HDR_MIN + 16 || !yf_geometry(in->data, in->len, &y->g))
        return ASSAY_E_CORRUPT;
    rc = yf_index(y);
    if (rc == ASSAY_OK) {
        ex_set_consumed(c, y->nchunks * ((size_t)y->g.page + y->g.spare));
        rc = yf_walk(y, YF_ROOT, 0, 0, false);
    }
    if (rc == ASSAY_OK)
        rc = yf_walk(y, YF_ROOT, 0, 0, true);
    return rc;
}

/*
 * YAFFS2 has no magic. The carver looks for the start of a file or folder
 * header in the root folder (type, parent 1, the unused checksum 0xffff),
 * both byte orders; bid() then checks the geometry.
 */
static const char *const yf_magics[] = {
    "\x01\x00\x00\x00\x01\x00\x00\x00\xff\xff",
    "\x03\x00\x00\x00\x01\x00\x00\x00\xff\xff",
    "\x00\x00\x00\x01\x00\x00\x00\x01\xff\xff",
    "\x00\x00\x00\x03\x00\x00\x00\x01\xff\xff", NULL};
static const size_t yf_magic_lens[] = {10, 10, 10, 10, 0};

const struct assay_extractor ex_yaffs2 = {
    .name = "yaffs2",
    .summary = "YAFFS2 NAND image (both byte orders, page/spare geometry "
               "detected, newest chunk wins)",
    .magics = yf_magics,
    .magic_lens = yf_magic_lens,
    .magic_offset = 0,
    .bid = yf_bid,
    .run = yf_run,
};
