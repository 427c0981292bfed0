/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SquashFS variants no library reads: versions 2.x and 3.x in both byte
 * orders, version 4 in big-endian byte order (AVM), and version 4 images
 * whose LZMA blocks use vendor headers (TP-Link/Broadcom SDKs).
 *
 * Facts that shaped this file:
 *   - 2.x/3.x structures are packed C bit-fields. A little-endian image
 *     stores them least-significant-bit first, a big-endian image most-
 *     significant-bit first, so one bit reader (sqv_bits) with a field
 *     table per structure covers both orders.
 *   - vendor LZMA comes in three shapes: the 13-byte lzma_alone header,
 *     a 5-byte properties+dictionary header with no size field, and a
 *     bare LZMA1 stream with the default lc=3 lp=0 pb=2. Nothing in the
 *     superblock says which (3.x images often carry minor version 'L'),
 *     so every block is given to a short list of decoders in turn.
 *   - a standard little-endian version 4 image is libsquashfs's job; this
 *     extractor bids on one only when its LZMA blocks are not standard.
 *   - metadata (inode and directory tables) is decoded whole, once, with
 *     a map from on-disk block offset to decoded offset; every inode and
 *     directory reference is then checked against that map.
 */
#include "assay_config.h"

#include <lz4.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include <lzo/lzo1x.h>

#include "fs_private.h"

#define SQV_META_SIZE    8192u
#define SQV_META_UNCOMP  0x8000u
#define SQV_BLOCK_UNCOMP (1u << 24)
#define SQV_INVALID_FRAG 0xffffffffu
#define SQV_MAX_DEPTH    256u
#define SQV_V4_SUPER     96u
#define SQV_V3_SUPER     119u
#define SQV_V2_SUPER     63u
/* Decoder memory for one lzma_alone block (dictionary from its header). */
#define SQV_LZMA_MEMLIMIT (64u << 20)

/* Compression of a version 4 image (superblock field). */
enum sqv_comp {
    SQV_AUTO = 0, /* 2.x/3.x: zlib or a vendor LZMA, found per block */
    SQV_GZIP = 1,
    SQV_LZMA = 2,
    SQV_LZO = 3,
    SQV_XZ = 4,
    SQV_LZ4 = 5,
    SQV_ZSTD = 6
};

/* Metadata block map entry: block at 'disk' (relative to the table
 * start) decodes to bytes starting at 'pos' of the table buffer. */
struct sqv_mdmap {
    uint64_t disk; /* block offset from table start, bytes */
    size_t pos;    /* offset in the decoded table, bytes */
};

/* A decoded metadata table (inodes or directories). */
struct sqv_table {
    struct assay_buf data; /* decoded bytes */
    struct assay_buf map;  /* struct sqv_mdmap entries, disk ascending */
};

/* One fragment block. */
struct sqv_frag {
    uint64_t start; /* offset in the image, bytes */
    uint32_t size;  /* on-disk size word (bit 24: stored) */
};

struct sqv {
    struct ex_ctx *c;          /* engine context */
    const struct ex_input *in; /* the region */
    struct assay_arena *arena; /* session arena */
    bool be;                   /* big-endian image */
    unsigned major;            /* 2, 3 or 4 */
    unsigned minor;            /* as stored ('L' = 76 on LZMA 3.x) */
    enum sqv_comp comp;        /* codec, SQV_AUTO for 2.x/3.x */
    bool check;                /* 3.x CHECK flag: marker byte per block */
    bool meta_le;              /* AVM: metadata lengths little-endian in a
                                  big-endian image */
    uint32_t block_size;       /* data block size, 4 KiB .. 1 MiB */
    uint64_t bytes_used;       /* image length, bytes */
    uint64_t inode_start;      /* inode table, image offset */
    uint64_t dir_start;        /* directory table, image offset */
    uint64_t frag_start;       /* fragment index, image offset */
    uint64_t export_start;     /* lookup/export table, or ~0 */
    uint64_t uid_start;        /* 2.x/3.x uid table; 4: id table index */
    uint64_t guid_start;       /* 2.x/3.x gid table */
    uint64_t xattr_start;      /* 4: xattr id table, or ~0 */
    uint32_t n_frags;          /* fragment blocks */
    uint32_t n_uids;           /* 2.x/3.x: uids; 4: ids */
    uint32_t n_guids;          /* 2.x/3.x gids */
    uint64_t root_ref;         /* root inode reference */
    uint32_t *uids;            /* id tables (arena) */
    uint32_t *guids;
    struct sqv_frag *frags;    /* fragment table (arena), n_frags */
    struct sqv_table itab;     /* decoded inode table */
    struct sqv_table dtab;     /* decoded directory table */
    uint8_t *scratch;          /* one decoded block (block_size bytes) */
    struct extract_links seen; /* inode reference -> first path */
    char path[ASSAY_DEFAULT_MAX_PATH + 1]; /* path being walked */
    bool warned_codec;                     /* one codec diagnostic per image */
    enum assay_status stop;                /* non-OK once an emit said stop */
};

/* ---- byte and bit readers ---------------------------------------------- */

/*
 * The 'width'-bit field at bit 'pos' of a packed 2.x/3.x structure at 'p'
 * (caller checked that p holds (pos + width + 7) / 8 bytes). Little-endian
 * images number bits from the least significant bit of byte 0, big-endian
 * ones from the most significant bit.
 */
static uint64_t
sqv_bits(bool be, const uint8_t *p, unsigned pos, unsigned width)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < width; i++) {
        unsigned k = pos + i;
        unsigned bit;

        if (be) {
            bit = (p[k / 8] >> (7 - k % 8)) & 1u;
            v = (v << 1) | bit;
        } else {
            bit = (p[k / 8] >> (k % 8)) & 1u;
            v |= (uint64_t)bit << i;
        }
    }
    return v;
}

static uint32_t
sqv_b32(const struct sqv *s, const uint8_t *p, unsigned pos, unsigned width)
{
    return (uint32_t)sqv_bits(s->be, p, pos, width);
}

/* ---- decompression ------------------------------------------------------ */

static bool
sqv_zlib(const uint8_t *src, size_t n, uint8_t *dst, size_t cap, size_t *out)
{
    z_stream z;
    int rc;

    memset(&z, 0, sizeof(z));
    if (inflateInit(&z) != Z_OK)
        return false;
    z.next_in = (Bytef *)(uintptr_t)src;
    z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
    z.next_out = dst;
    z.avail_out = (uInt)cap;
    rc = inflate(&z, Z_FINISH);
    *out = cap - z.avail_out;
    inflateEnd(&z);
    return rc == Z_STREAM_END;
}

/*
 * Run an initialised liblzma decoder over src. A stream that simply
 * stops (vendor LZMA without an end marker) counts as decoded when it
 * produced bytes; 'want' (0 = unknown) must then be met exactly.
 */
static bool
sqv_lzma_run(lzma_stream *z, const uint8_t *src, size_t n, uint8_t *dst,
    size_t cap, size_t want, size_t *out)
{
    lzma_ret rc;

    z->next_in = src;
    z->avail_in = n;
    z->next_out = dst;
    z->avail_out = cap;
    rc = lzma_code(z, LZMA_FINISH);
    *out = cap - z->avail_out;
    lzma_end(z);
    if (rc == LZMA_STREAM_END)
        return want == 0 || *out == want;
    if (rc != LZMA_OK && rc != LZMA_BUF_ERROR)
        return false;
    return *out > 0 && (want == 0 || *out == want);
}

static bool
sqv_lzma_raw(const uint8_t *src, size_t n, uint8_t props, uint32_t dict,
    uint8_t *dst, size_t cap, size_t want, size_t *out)
{
    lzma_stream z = LZMA_STREAM_INIT;
    lzma_options_lzma opt;
    lzma_filter f[2];

    if (props >= 9 * 5 * 5)
        return false;
    memset(&opt, 0, sizeof(opt));
    opt.lc = props % 9u;
    opt.lp = (props / 9u) % 5u;
    opt.pb = props / 45u;
    if (opt.lc + opt.lp > LZMA_LCLP_MAX)
        return false;
    /* A dictionary larger than the output can never be referenced; a
     * hostile header must not make us allocate gigabytes. */
    if (dict > cap)
        dict = (uint32_t)(cap > UINT32_MAX ? UINT32_MAX : cap);
    opt.dict_size = dict < LZMA_DICT_SIZE_MIN ? LZMA_DICT_SIZE_MIN : dict;
    f[0].id = LZMA_FILTER_LZMA1;
    f[0].options = &opt;
    f[1].id = LZMA_VLI_UNKNOWN;
    f[1].options = NULL;
    if (lzma_raw_decoder(&z, f) != LZMA_OK)
        return false;
    return sqv_lzma_run(&z, src, n, dst, cap, want, out);
}

/*
 * The vendor LZMA list. A bare LZMA1 stream always starts with a 0 byte
 * (the range coder's first output), a header with a properties byte
 * almost never does, so that byte picks the order; every shape is still
 * tried before giving up.
 */
static bool
sqv_lzma_any(const struct sqv *s, const uint8_t *src, size_t n, uint8_t *dst,
    size_t cap, size_t want, size_t *out)
{
    uint32_t dict =
        s->block_size < SQV_META_SIZE ? SQV_META_SIZE : s->block_size;
    bool bare_first = n > 0 && src[0] == 0;

    if (bare_first && sqv_lzma_raw(src, n, 0x5d, dict, dst, cap, want, out))
        return true;
    if (n > 13) {
        uint64_t size = assay_le64(src + 5);
        lzma_stream z = LZMA_STREAM_INIT;

        if (src[0] < 225 && (size == UINT64_MAX || size <= cap) &&
            lzma_alone_decoder(&z, SQV_LZMA_MEMLIMIT) == LZMA_OK &&
            sqv_lzma_run(&z, src, n, dst, cap, want, out))
            return true;
    }
    if (n > 5 && sqv_lzma_raw(src + 5, n - 5, src[0], assay_le32(src + 1), dst,
                     cap, want, out))
        return true;
    if (!bare_first && sqv_lzma_raw(src, n, 0x5d, dict, dst, cap, want, out))
        return true;
    return false;
}

static bool
sqv_xz(const uint8_t *src, size_t n, uint8_t *dst, size_t cap, size_t *out)
{
    uint64_t memlimit = SQV_LZMA_MEMLIMIT;
    size_t in_pos = 0;

    *out = 0;
    return lzma_stream_buffer_decode(
               &memlimit, 0, NULL, src, &in_pos, n, dst, out, cap) == LZMA_OK;
}

/*
 * Decode one block 'src[0..n)' into dst (cap bytes). 'want' is the exact
 * decoded size when known (data blocks), else 0. Returns false when no
 * decoder accepts the block.
 */
static bool
sqv_decode(struct sqv *s, const uint8_t *src, size_t n, uint8_t *dst,
    size_t cap, size_t want, size_t *out)
{
    *out = 0;
    switch (s->comp) {
    case SQV_AUTO:
        if (n >= 2 && (src[0] & 0x0f) == 8 &&
            ((unsigned)src[0] * 256u + src[1]) % 31u == 0 &&
            sqv_zlib(src, n, dst, cap, out))
            return true;
        return sqv_lzma_any(s, src, n, dst, cap, want, out);
    case SQV_GZIP:
        return sqv_zlib(src, n, dst, cap, out);
    case SQV_LZMA:
        return sqv_lzma_any(s, src, n, dst, cap, want, out);
    case SQV_XZ:
        return sqv_xz(src, n, dst, cap, out) ||
               sqv_lzma_any(s, src, n, dst, cap, want, out);
    case SQV_LZO: {
        lzo_uint ol = cap;

        if (lzo1x_decompress_safe(src, n, dst, &ol, NULL) != LZO_E_OK)
            return false;
        *out = ol;
        return true;
    }
    case SQV_LZ4: {
        int r;

        if (n > INT32_MAX || cap > INT32_MAX)
            return false;
        r = LZ4_decompress_safe(
            (const char *)src, (char *)dst, (int)n, (int)cap);
        if (r < 0)
            return false;
        *out = (size_t)r;
        return true;
    }
    case SQV_ZSTD: {
        size_t r = ZSTD_decompress(dst, cap, src, n);

        if (ZSTD_isError(r))
            return false;
        *out = r;
        return true;
    }
    }
    return false;
}

/* ---- metadata ----------------------------------------------------------- */

/*
 * Read the metadata block at image offset 'off' into dst (8 KiB). On
 * success *out is its decoded length and *next the offset after it.
 */
static bool
sqv_meta_block(
    struct sqv *s, uint64_t off, uint8_t *dst, size_t *out, uint64_t *next)
{
    const uint8_t *d = s->in->data;
    uint64_t len = s->in->len;
    uint64_t p = off;
    uint16_t hdr;
    uint32_t n;

    if (!assay_range_ok(p, 2, len))
        return false;
    hdr = s->meta_le ? assay_le16(d + p) : extract_rd16(s->be, d + p);
    p += 2;
    if (s->check)
        p++;
    n = hdr & 0x7fffu;
    if (n == 0 || n > SQV_META_SIZE || !assay_range_ok(p, n, len))
        return false;
    if (hdr & SQV_META_UNCOMP) {
        memcpy(dst, d + p, n);
        *out = n;
    } else if (!sqv_decode(s, d + p, n, dst, SQV_META_SIZE, 0, out)) {
        return false;
    }
    *next = p + n;
    return true;
}

/*
 * Decode the metadata blocks from 'start' up to 'end' into 't'. Stops at
 * the first undecodable block with a diagnostic; what was decoded stays.
 */
static enum assay_status
sqv_read_table(struct sqv *s, const char *what, uint64_t start, uint64_t end,
    struct sqv_table *t)
{
    uint8_t blk[SQV_META_SIZE];
    uint64_t off = start;
    size_t cap;

    cap = (size_t)(end > start ? end - start : 0);
    if (cap > (SIZE_MAX / 4096))
        cap = SIZE_MAX / 4096;
    /* Each block of at least 3 bytes decodes to at most 8 KiB. */
    assay_buf_init(&t->data, cap / 3 * SQV_META_SIZE + SQV_META_SIZE);
    assay_buf_init(&t->map, (cap / 3 + 1) * sizeof(struct sqv_mdmap));
    while (off < end) {
        struct sqv_mdmap m;
        size_t got = 0;
        uint64_t next = 0;
        enum assay_status rc;

        if (!sqv_meta_block(s, off, blk, &got, &next)) {
            ex_warn(s->c, (int64_t)off,
                "%s metadata block at 0x%llx unreadable", what,
                (unsigned long long)off);
            break;
        }
        m.disk = off - start;
        m.pos = t->data.len;
        rc = assay_buf_append(&t->map, &m, sizeof(m));
        if (rc == ASSAY_OK && got > 0)
            rc = assay_buf_append(&t->data, blk, got);
        if (rc != ASSAY_OK)
            return rc;
        off = next;
    }
    return ASSAY_OK;
}

/* Decoded position of reference (block, offset) in 't', or false. */
static bool
sqv_table_pos(
    const struct sqv_table *t, uint64_t block, uint32_t offset, size_t *pos)
{
    const struct sqv_mdmap *m = (const struct sqv_mdmap *)(void *)t->map.data;
    size_t n = t->map.len / sizeof(*m);
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (m[mid].disk < block)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == n || m[lo].disk != block)
        return false;
    if (m[lo].pos + offset > t->data.len)
        return false;
    *pos = m[lo].pos + offset;
    return true;
}

/*
 * Read a table of 'count' entries of 'esize' bytes stored in metadata
 * blocks whose image offsets sit in an index at 'index' ('isize'-byte
 * pointers). Returns an arena copy or NULL (diagnostic given).
 */
static uint8_t *
sqv_read_indexed(struct sqv *s, const char *what, uint64_t index,
    uint32_t isize, uint32_t count, uint32_t esize)
{
    uint64_t want = (uint64_t)count * esize;
    uint64_t nblk = (want + SQV_META_SIZE - 1) / SQV_META_SIZE;
    uint8_t *out;
    uint64_t have = 0;

    if (count == 0)
        return NULL;
    /* Decoded tables may be at most twice the region: a hostile index
     * could name one block many times. */
    if (want > 2 * (uint64_t)s->in->len + SQV_META_SIZE) {
        ex_warn(s->c, (int64_t)index,
            "%s table of %u entries too large for the image", what, count);
        return NULL;
    }
    if (!assay_range_ok(index, nblk * isize, s->in->len)) {
        ex_warn(s->c, (int64_t)index, "%s index at 0x%llx runs past the image",
            what, (unsigned long long)index);
        return NULL;
    }
    out = assay_arena_alloc(s->arena, (size_t)nblk * SQV_META_SIZE);
    if (out == NULL)
        return NULL;
    for (uint64_t i = 0; i < nblk; i++) {
        const uint8_t *p = s->in->data + index + i * isize;
        uint64_t at =
            isize == 8 ? extract_rd64(s->be, p) : extract_rd32(s->be, p);
        uint64_t next;
        size_t got;

        if (!sqv_meta_block(s, at, out + have, &got, &next)) {
            ex_warn(s->c, (int64_t)at, "%s block at 0x%llx unreadable", what,
                (unsigned long long)at);
            break;
        }
        have += got;
    }
    if (have < want) {
        ex_warn(s->c, (int64_t)index, "%s table short (%llu of %llu bytes)",
            what, (unsigned long long)have, (unsigned long long)want);
        memset(out + have, 0xff, (size_t)(nblk * SQV_META_SIZE - have));
    }
    return out;
}

static enum assay_status
sqv_read_ids(struct sqv *s)
{
    if (s->major == 4) {
        const uint8_t *t =
            sqv_read_indexed(s, "id", s->uid_start, 8, s->n_uids, 4);

        if (t == NULL) {
            s->n_uids = 0;
            return ASSAY_OK;
        }
        s->uids = assay_arena_array(s->arena, s->n_uids, sizeof(uint32_t));
        if (s->uids == NULL)
            return ASSAY_E_NOMEM;
        for (uint32_t i = 0; i < s->n_uids; i++)
            s->uids[i] = extract_rd32(s->be, t + (size_t)i * 4);
        return ASSAY_OK;
    }
    /* 2.x/3.x: plain arrays of 32-bit ids. */
    if (!assay_range_ok(s->uid_start, (uint64_t)s->n_uids * 4, s->in->len)) {
        ex_warn(s->c, (int64_t)s->uid_start, "uid table runs past the image");
        s->n_uids = 0;
    }
    if (!assay_range_ok(s->guid_start, (uint64_t)s->n_guids * 4, s->in->len)) {
        ex_warn(s->c, (int64_t)s->guid_start, "gid table runs past the image");
        s->n_guids = 0;
    }
    s->uids = assay_arena_array(s->arena, s->n_uids + 1u, sizeof(uint32_t));
    s->guids = assay_arena_array(s->arena, s->n_guids + 1u, sizeof(uint32_t));
    if (s->uids == NULL || s->guids == NULL)
        return ASSAY_E_NOMEM;
    for (uint32_t i = 0; i < s->n_uids; i++)
        s->uids[i] =
            extract_rd32(s->be, s->in->data + s->uid_start + (size_t)i * 4);
    for (uint32_t i = 0; i < s->n_guids; i++)
        s->guids[i] =
            extract_rd32(s->be, s->in->data + s->guid_start + (size_t)i * 4);
    return ASSAY_OK;
}

static enum assay_status
sqv_read_frags(struct sqv *s)
{
    uint32_t esize = s->major == 2 ? 8 : 16;
    uint32_t isize = s->major == 2 ? 4 : 8;
    const uint8_t *t;

    if (s->n_frags == 0)
        return ASSAY_OK;
    t = sqv_read_indexed(
        s, "fragment", s->frag_start, isize, s->n_frags, esize);
    if (t == NULL) {
        s->n_frags = 0;
        return ASSAY_OK;
    }
    s->frags = assay_arena_array(s->arena, s->n_frags, sizeof(*s->frags));
    if (s->frags == NULL)
        return ASSAY_E_NOMEM;
    for (uint32_t i = 0; i < s->n_frags; i++) {
        const uint8_t *e = t + (size_t)i * esize;

        if (s->major == 2) {
            s->frags[i].start = extract_rd32(s->be, e);
            s->frags[i].size = extract_rd32(s->be, e + 4);
        } else {
            s->frags[i].start = extract_rd64(s->be, e);
            s->frags[i].size = extract_rd32(s->be, e + 8);
        }
    }
    return ASSAY_OK;
}

/* ---- superblock ---------------------------------------------------------- */

/* Is this the superblock of a version this file handles? No I/O. */
static bool
sqv_super_shape(const uint8_t *d, size_t n, bool *be, unsigned *major)
{
    if (n < SQV_V4_SUPER)
        return false;
    if (memcmp(d, "hsqs", 4) == 0)
        *be = false;
    else if (memcmp(d, "sqsh", 4) == 0)
        *be = true;
    else
        return false;
    *major = *be ? assay_be16(d + 28) : assay_le16(d + 28);
    return *major >= 2 && *major <= 4;
}

/*
 * Does a standard little-endian version 4 LZMA image start with vendor
 * LZMA blocks? Looks at the first block after the superblock (a data
 * block, or the inode table's first metadata block).
 */
static bool
sqv_v4_vendor_lzma(const uint8_t *d, size_t n)
{
    uint64_t inode_start;
    const uint8_t *b;
    size_t avail;

    if (assay_le16(d + 20) != SQV_LZMA)
        return false;
    inode_start = assay_le64(d + 64);
    b = d + SQV_V4_SUPER;
    if (inode_start == SQV_V4_SUPER) {
        if (n < SQV_V4_SUPER + 2 ||
            (assay_le16(d + SQV_V4_SUPER) & SQV_META_UNCOMP))
            return false;
        b += 2;
    }
    avail = n - (size_t)(b - d);
    if (avail < 13)
        return false;
    /* lzma_alone: props, dictionary, then a 64-bit size that squashfs
     * writers fill with the block's real size (small) or all ones. */
    if (b[0] < 225 &&
        (assay_le64(b + 5) == UINT64_MAX || assay_le64(b + 5) <= (1u << 20)))
        return false;
    return true;
}

static int
sqv_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    bool be;
    unsigned major;
    uint32_t bs;
    unsigned log;

    *len = 0;
    if (!sqv_super_shape(d, avail, &be, &major))
        return 0;
    if (major == 4) {
        bs = be ? assay_be32(d + 12) : assay_le32(d + 12);
        log = be ? assay_be16(d + 22) : assay_le16(d + 22);
        if (log < 12 || log > 20 || bs != (1u << log))
            return 0;
        *len = be ? assay_be64(d + 40) : assay_le64(d + 40);
        if (be)
            return 32 + 32 + 16; /* magic, version, block size/log */
        if (!sqv_v4_vendor_lzma(d, avail)) {
            *len = 0;
            return 0; /* standard: libsquashfs reads it */
        }
        /* Outbid the standard reader (80): the first block's header
         * was checked too. */
        return 32 + 32 + 16 + 8;
    }
    if (major == 3 && avail >= SQV_V3_SUPER) {
        bs = (uint32_t)sqv_bits(be, d, 408, 32);
        *len = sqv_bits(be, d, 504, 64);
    } else {
        bs = (uint32_t)sqv_bits(be, d, 408, 32);
        *len = sqv_bits(be, d, 64, 32);
    }
    log = (unsigned)sqv_bits(be, d, 272, 16);
    if (log < 12 || log > 20 || bs != (1u << log)) {
        *len = 0;
        return 0;
    }
    return 32 + 16 + 16;
}

/*
 * Parse and sanity-check the superblock. Offsets are checked against the
 * region here; everything read through them is checked again on use.
 */
static enum assay_status
sqv_super(struct sqv *s)
{
    const uint8_t *d = s->in->data;
    size_t n = s->in->len;
    unsigned log;

    if (!sqv_super_shape(d, n, &s->be, &s->major))
        return ASSAY_E_CORRUPT;
    s->export_start = UINT64_MAX;
    s->xattr_start = UINT64_MAX;
    if (s->major == 4) {
        uint16_t comp = extract_rd16(s->be, d + 20);

        s->block_size = extract_rd32(s->be, d + 12);
        s->n_frags = extract_rd32(s->be, d + 16);
        log = extract_rd16(s->be, d + 22);
        s->n_uids = extract_rd16(s->be, d + 26);
        s->minor = extract_rd16(s->be, d + 30);
        s->root_ref = extract_rd64(s->be, d + 32);
        s->bytes_used = extract_rd64(s->be, d + 40);
        s->uid_start = extract_rd64(s->be, d + 48);
        s->xattr_start = extract_rd64(s->be, d + 56);
        s->inode_start = extract_rd64(s->be, d + 64);
        s->dir_start = extract_rd64(s->be, d + 72);
        s->frag_start = extract_rd64(s->be, d + 80);
        s->export_start = extract_rd64(s->be, d + 88);
        if (comp < SQV_GZIP || comp > SQV_ZSTD) {
            ex_warn(s->c, 20, "compression id %u unknown", comp);
            return ASSAY_E_CORRUPT;
        }
        s->comp = (enum sqv_comp)comp;
    } else {
        unsigned flags = sqv_b32(s, d, 288, 8);

        if (s->major == 3 && n < SQV_V3_SUPER)
            return ASSAY_E_TRUNCATED;
        s->comp = SQV_AUTO;
        s->minor = sqv_b32(s, d, 240, 16);
        log = sqv_b32(s, d, 272, 16);
        s->check = (flags & 4u) != 0;
        s->n_uids = sqv_b32(s, d, 296, 8);
        s->n_guids = sqv_b32(s, d, 304, 8);
        s->root_ref = sqv_bits(s->be, d, 344, 64);
        s->block_size = sqv_b32(s, d, 408, 32);
        s->n_frags = sqv_b32(s, d, 440, 32);
        if (s->major == 3) {
            s->bytes_used = sqv_bits(s->be, d, 504, 64);
            s->uid_start = sqv_bits(s->be, d, 568, 64);
            s->guid_start = sqv_bits(s->be, d, 632, 64);
            s->inode_start = sqv_bits(s->be, d, 696, 64);
            s->dir_start = sqv_bits(s->be, d, 760, 64);
            s->frag_start = sqv_bits(s->be, d, 824, 64);
            s->export_start = sqv_bits(s->be, d, 888, 64);
        } else {
            s->bytes_used = sqv_b32(s, d, 64, 32);
            s->uid_start = sqv_b32(s, d, 96, 32);
            s->guid_start = sqv_b32(s, d, 128, 32);
            s->inode_start = sqv_b32(s, d, 160, 32);
            s->dir_start = sqv_b32(s, d, 192, 32);
            s->frag_start = sqv_b32(s, d, 472, 32);
            /* 2.x has no 64-bit root reference: block << 16 | offset
             * in 32 bits, but stored in a 64-bit field. */
        }
    }
    if (log < 12 || log > 20 || s->block_size != (1u << log)) {
        ex_warn(s->c, -1, "block size %u out of range", s->block_size);
        return ASSAY_E_CORRUPT;
    }
    if (s->inode_start >= n || s->dir_start >= n ||
        s->dir_start < s->inode_start) {
        ex_warn(s->c, -1,
            "inode table 0x%llx or directory table 0x%llx outside the image",
            (unsigned long long)s->inode_start,
            (unsigned long long)s->dir_start);
        return ASSAY_E_CORRUPT;
    }
    if (s->major == 4 && s->be && s->inode_start + 2 <= n) {
        /* AVM writes big-endian structures but little-endian metadata
         * block lengths; a length over 8 KiB one way decides it. */
        uint16_t be16 = assay_be16(d + s->inode_start) & 0x7fffu;
        uint16_t le16 = assay_le16(d + s->inode_start) & 0x7fffu;

        s->meta_le = (be16 == 0 || be16 > SQV_META_SIZE) && le16 != 0 &&
                     le16 <= SQV_META_SIZE;
    }
    if (s->bytes_used > n)
        ex_warn(s->c, -1, "image claims %llu bytes, region has %zu",
            (unsigned long long)s->bytes_used, n);
    return ASSAY_OK;
}

/* End of the directory table: the nearest table start after it. */
static uint64_t
sqv_dir_end(const struct sqv *s)
{
    uint64_t cand[6] = {s->frag_start, s->export_start, s->uid_start,
        s->guid_start, s->xattr_start, s->bytes_used};
    uint64_t end = s->in->len;

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(cand); i++)
        if (cand[i] > s->dir_start && cand[i] < end)
            end = cand[i];
    return end;
}

/* ---- inodes ---------------------------------------------------------------
 */

/* One inode, decoded into version-independent form. */
struct sqv_inode {
    unsigned type; /* squashfs type, basic numbering 1..7 */
    uint32_t mode; /* permission bits */
    uint32_t uid;  /* resolved ids */
    uint32_t gid;
    int64_t mtime;      /* seconds */
    uint32_t nlink;     /* link count (0 where not stored) */
    uint64_t file_size; /* regular: bytes; directory: listing bytes */
    uint64_t start;     /* regular: first block (image offset);
                           directory: listing block (table relative) */
    uint32_t offset;    /* directory: offset in that block */
    uint32_t frag;      /* fragment index or SQV_INVALID_FRAG */
    uint32_t frag_off;  /* offset in the fragment block */
    size_t blocks_pos;  /* decoded inode table position of block list */
    uint32_t rdev_major;
    uint32_t rdev_minor;
    const uint8_t *link; /* symlink target (not NUL-terminated) */
    size_t link_len;
};

static uint32_t
sqv_id(const uint32_t *t, uint32_t n, uint32_t i)
{
    return i < n && t != NULL ? t[i] : i;
}

/* Map 2.x/3.x/4 extended inode types onto the basic ones. */
static unsigned
sqv_basic_type(const struct sqv *s, unsigned t)
{
    if (s->major == 4)
        return t > 7 ? t - 7 : t;
    if (t == 8)
        return 1; /* long directory */
    if (t == 9)
        return 2; /* long regular file (3.x) */
    return t;
}

/* Decode the 4.x inode at decoded table position 'pos'. */
static bool
sqv_inode_v4(struct sqv *s, size_t pos, struct sqv_inode *ino)
{
    const uint8_t *t = (const uint8_t *)s->itab.data.data;
    size_t n = s->itab.data.len;
    const uint8_t *p = t + pos;
    unsigned raw;

    if (!assay_range_ok(pos, 16, n))
        return false;
    raw = extract_rd16(s->be, p);
    ino->type = sqv_basic_type(s, raw);
    ino->mode = extract_rd16(s->be, p + 2) & 07777u;
    ino->uid = sqv_id(s->uids, s->n_uids, extract_rd16(s->be, p + 4));
    ino->gid = sqv_id(s->uids, s->n_uids, extract_rd16(s->be, p + 6));
    ino->mtime = extract_rd32(s->be, p + 8);
    switch (raw) {
    case 1:
        if (!assay_range_ok(pos, 32, n))
            return false;
        ino->start = extract_rd32(s->be, p + 16);
        ino->nlink = extract_rd32(s->be, p + 20);
        ino->file_size = extract_rd16(s->be, p + 24);
        ino->offset = extract_rd16(s->be, p + 26);
        return true;
    case 8:
        if (!assay_range_ok(pos, 40, n))
            return false;
        ino->nlink = extract_rd32(s->be, p + 16);
        ino->file_size = extract_rd32(s->be, p + 20);
        ino->start = extract_rd32(s->be, p + 24);
        ino->offset = extract_rd16(s->be, p + 34);
        return true;
    case 2:
        if (!assay_range_ok(pos, 32, n))
            return false;
        ino->start = extract_rd32(s->be, p + 16);
        ino->frag = extract_rd32(s->be, p + 20);
        ino->frag_off = extract_rd32(s->be, p + 24);
        ino->file_size = extract_rd32(s->be, p + 28);
        ino->blocks_pos = pos + 32;
        ino->nlink = 1;
        return true;
    case 9:
        if (!assay_range_ok(pos, 56, n))
            return false;
        ino->start = extract_rd64(s->be, p + 16);
        ino->file_size = extract_rd64(s->be, p + 24);
        ino->nlink = extract_rd32(s->be, p + 40);
        ino->frag = extract_rd32(s->be, p + 44);
        ino->frag_off = extract_rd32(s->be, p + 48);
        ino->blocks_pos = pos + 56;
        return true;
    case 3:
    case 10:
        if (!assay_range_ok(pos, 24, n))
            return false;
        ino->nlink = extract_rd32(s->be, p + 16);
        ino->link_len = extract_rd32(s->be, p + 20);
        if (!assay_range_ok(pos + 24, ino->link_len, n))
            return false;
        ino->link = p + 24;
        return true;
    case 4:
    case 5:
    case 11:
    case 12: {
        uint32_t rdev;

        if (!assay_range_ok(pos, 24, n))
            return false;
        ino->nlink = extract_rd32(s->be, p + 16);
        rdev = extract_rd32(s->be, p + 20);
        ino->rdev_major = (rdev >> 8) & 0xfffu;
        ino->rdev_minor = (rdev & 0xffu) | ((rdev >> 12) & 0xfff00u);
        return true;
    }
    case 6:
    case 7:
    case 13:
    case 14:
        if (!assay_range_ok(pos, 20, n))
            return false;
        ino->nlink = extract_rd32(s->be, p + 16);
        return true;
    default:
        return false;
    }
}

/* Decode the 2.x/3.x inode at decoded table position 'pos'. */
static bool
sqv_inode_v23(struct sqv *s, size_t pos, struct sqv_inode *ino)
{
    const uint8_t *t = (const uint8_t *)s->itab.data.data;
    size_t n = s->itab.data.len;
    const uint8_t *p = t + pos;
    bool v3 = s->major == 3;
    unsigned raw, guid, b; /* b: bit offset after the base header */

    if (!assay_range_ok(pos, v3 ? 12 : 4, n))
        return false;
    raw = sqv_b32(s, p, 0, 4);
    ino->type = sqv_basic_type(s, raw);
    ino->mode = sqv_b32(s, p, 4, 12);
    ino->uid = sqv_id(s->uids, s->n_uids, sqv_b32(s, p, 16, 8));
    guid = sqv_b32(s, p, 24, 8);
    /* The last gid slot means "same as the owner". */
    ino->gid = guid == 255u ? ino->uid : sqv_id(s->guids, s->n_guids, guid);
    if (v3) {
        ino->mtime = (int32_t)sqv_b32(s, p, 32, 32);
        b = 96;
    } else {
        b = 32;
    }
#define NEED(bytes)                                                            \
    do {                                                                       \
        if (!assay_range_ok(pos, (bytes), n))                                  \
            return false;                                                      \
    } while (0)
    switch (raw) {
    case 1: /* directory */
        if (v3) {
            NEED(28);
            ino->nlink = sqv_b32(s, p, 96, 32);
            ino->file_size = sqv_b32(s, p, 128, 19);
            ino->offset = sqv_b32(s, p, 147, 13);
            ino->start = sqv_b32(s, p, 160, 32);
        } else {
            NEED(15);
            ino->file_size = sqv_b32(s, p, 32, 19);
            ino->offset = sqv_b32(s, p, 51, 13);
            ino->mtime = (int32_t)sqv_b32(s, p, 64, 32);
            ino->start = sqv_b32(s, p, 96, 24);
        }
        return true;
    case 8: /* long directory */
        if (v3) {
            NEED(31);
            ino->nlink = sqv_b32(s, p, 96, 32);
            ino->file_size = sqv_b32(s, p, 128, 27);
            ino->offset = sqv_b32(s, p, 155, 13);
            ino->start = sqv_b32(s, p, 168, 32);
        } else {
            NEED(18);
            ino->file_size = sqv_b32(s, p, 32, 27);
            ino->offset = sqv_b32(s, p, 59, 13);
            ino->mtime = (int32_t)sqv_b32(s, p, 72, 32);
            ino->start = sqv_b32(s, p, 104, 24);
        }
        return true;
    case 2: /* regular file */
        if (v3) {
            NEED(32);
            ino->start = sqv_bits(s->be, p, 96, 64);
            ino->frag = sqv_b32(s, p, 160, 32);
            ino->frag_off = sqv_b32(s, p, 192, 32);
            ino->file_size = sqv_b32(s, p, 224, 32);
            ino->blocks_pos = pos + 32;
        } else {
            NEED(24);
            ino->mtime = (int32_t)sqv_b32(s, p, 32, 32);
            ino->start = sqv_b32(s, p, 64, 32);
            ino->frag = sqv_b32(s, p, 96, 32);
            ino->frag_off = sqv_b32(s, p, 128, 32);
            ino->file_size = sqv_b32(s, p, 160, 32);
            ino->blocks_pos = pos + 24;
        }
        ino->nlink = 1;
        return true;
    case 9: /* long regular file, 3.x only */
        if (!v3)
            return false;
        NEED(40);
        ino->nlink = sqv_b32(s, p, 96, 32);
        ino->start = sqv_bits(s->be, p, 128, 64);
        ino->frag = sqv_b32(s, p, 192, 32);
        ino->frag_off = sqv_b32(s, p, 224, 32);
        ino->file_size = sqv_bits(s->be, p, 256, 64);
        ino->blocks_pos = pos + 40;
        return true;
    case 3: /* symlink */
        NEED(b / 8 + (v3 ? 6u : 2u));
        if (v3)
            ino->nlink = sqv_b32(s, p, 96, 32);
        ino->link_len = sqv_b32(s, p, v3 ? 128 : 32, 16);
        ino->link = p + (v3 ? 18 : 6);
        NEED((size_t)(ino->link - p) + ino->link_len);
        return true;
    case 4: /* block device */
    case 5: /* character device */ {
        uint32_t rdev;

        NEED(b / 8 + (v3 ? 6u : 2u));
        if (v3)
            ino->nlink = sqv_b32(s, p, 96, 32);
        rdev = sqv_b32(s, p, v3 ? 128 : 32, 16);
        ino->rdev_major = rdev >> 8;
        ino->rdev_minor = rdev & 0xffu;
        return true;
    }
    case 6: /* fifo */
    case 7: /* socket */
        if (v3) {
            NEED(16);
            ino->nlink = sqv_b32(s, p, 96, 32);
        }
        return true;
    default:
        return false;
    }
#undef NEED
}

/* Decode the inode at reference 'ref' (block << 16 | offset). */
static bool
sqv_inode(struct sqv *s, uint64_t ref, struct sqv_inode *ino, size_t *pos)
{
    memset(ino, 0, sizeof(*ino));
    ino->frag = SQV_INVALID_FRAG;
    if (!sqv_table_pos(&s->itab, ref >> 16, (uint32_t)(ref & 0xffffu), pos))
        return false;
    if (s->major == 4)
        return sqv_inode_v4(s, *pos, ino);
    return sqv_inode_v23(s, *pos, ino);
}

/* ---- file contents ---------------------------------------------------------
 */

/*
 * Append 'n' decoded bytes of data block (size word 'word') at image
 * offset 'at' to b. A zero word is a sparse (all-zero) block.
 */
static enum assay_status
sqv_block(
    struct sqv *s, uint64_t at, uint32_t word, size_t want, struct assay_buf *b)
{
    uint32_t n = word & ~SQV_BLOCK_UNCOMP;
    size_t got = 0;

    if (word == 0) {
        memset(s->scratch, 0, want);
        return assay_buf_append(b, s->scratch, want);
    }
    if (n > s->block_size || !assay_range_ok(at, n, s->in->len)) {
        ex_warn(s->c, (int64_t)at,
            "data block at 0x%llx (%u bytes) outside the image",
            (unsigned long long)at, n);
        return ASSAY_E_CORRUPT;
    }
    if (word & SQV_BLOCK_UNCOMP) {
        if (n < want) {
            ex_warn(s->c, (int64_t)at,
                "stored block at 0x%llx shorter than its file",
                (unsigned long long)at);
            return ASSAY_E_CORRUPT;
        }
        return assay_buf_append(b, s->in->data + at, want);
    }
    if (!sqv_decode(
            s, s->in->data + at, n, s->scratch, s->block_size, want, &got) ||
        got < want) {
        if (!s->warned_codec)
            ex_warn(s->c, (int64_t)at,
                "block at 0x%llx does not decode (%u bytes)",
                (unsigned long long)at, n);
        s->warned_codec = true;
        return ASSAY_E_CORRUPT;
    }
    return assay_buf_append(b, s->scratch, want);
}

/* Fragment tail of a file: 'want' bytes at ino->frag_off of its block. */
static enum assay_status
sqv_frag_tail(struct sqv *s, const struct sqv_inode *ino, size_t want,
    struct assay_buf *b)
{
    const struct sqv_frag *f;
    uint32_t n;
    size_t got = 0;
    const uint8_t *src;

    if (ino->frag >= s->n_frags) {
        ex_warn(s->c, -1, "fragment %u of %u missing", ino->frag, s->n_frags);
        return ASSAY_E_CORRUPT;
    }
    f = &s->frags[ino->frag];
    n = f->size & ~SQV_BLOCK_UNCOMP;
    if (n > s->block_size || !assay_range_ok(f->start, n, s->in->len)) {
        ex_warn(s->c, (int64_t)f->start,
            "fragment block at 0x%llx outside the image",
            (unsigned long long)f->start);
        return ASSAY_E_CORRUPT;
    }
    if (f->size & SQV_BLOCK_UNCOMP) {
        src = s->in->data + f->start;
        got = n;
    } else {
        if (!sqv_decode(s, s->in->data + f->start, n, s->scratch, s->block_size,
                0, &got)) {
            ex_warn(s->c, (int64_t)f->start,
                "fragment block at 0x%llx does not decode",
                (unsigned long long)f->start);
            return ASSAY_E_CORRUPT;
        }
        src = s->scratch;
    }
    if (!assay_range_ok(ino->frag_off, want, got)) {
        ex_warn(s->c, (int64_t)f->start,
            "file tail runs past fragment block at 0x%llx",
            (unsigned long long)f->start);
        return ASSAY_E_CORRUPT;
    }
    return assay_buf_append(b, src + ino->frag_off, want);
}

/* Read a regular file's bytes into b (from ex_buf_init). */
static enum assay_status
sqv_file_data(struct sqv *s, const struct sqv_inode *ino, struct assay_buf *b)
{
    const uint8_t *t = (const uint8_t *)s->itab.data.data;
    bool has_frag = ino->frag != SQV_INVALID_FRAG;
    uint64_t nblocks = ino->file_size / s->block_size;
    uint64_t tail = ino->file_size % s->block_size;
    uint64_t at = ino->start;
    enum assay_status rc;

    if (!has_frag && tail != 0) {
        nblocks++;
        tail = 0;
    }
    if (!assay_range_ok(ino->blocks_pos, nblocks * 4, s->itab.data.len)) {
        ex_warn(s->c, -1, "block list of %llu entries past the inode table",
            (unsigned long long)nblocks);
        return ASSAY_E_CORRUPT;
    }
    for (uint64_t i = 0; i < nblocks; i++) {
        uint32_t word = extract_rd32(s->be, t + ino->blocks_pos + i * 4);
        uint64_t left = ino->file_size - i * s->block_size;
        size_t want = (size_t)(left < s->block_size ? left : s->block_size);

        rc = sqv_block(s, at, word, want, b);
        if (rc != ASSAY_OK)
            return rc;
        at += word & ~SQV_BLOCK_UNCOMP;
    }
    if (has_frag && tail != 0)
        return sqv_frag_tail(s, ino, (size_t)tail, b);
    return ASSAY_OK;
}

/* ---- directory walk -------------------------------------------------------
 */

static enum assay_status sqv_walk(
    struct sqv *s, const struct sqv_inode *dir, size_t plen, unsigned depth);

static enum assay_node_type
sqv_node_type(unsigned t)
{
    switch (t) {
    case 1:
        return EX_DIR;
    case 3:
        return EX_SYMLINK;
    case 4:
        return EX_BLOCKDEV;
    case 5:
        return EX_CHARDEV;
    case 6:
        return EX_FIFO;
    case 7:
        return EX_SOCKET;
    default:
        return EX_FILE;
    }
}

/*
 * Emit the entry at s->path whose inode is 'ref'. Returns ASSAY_OK to go
 * on with the next entry, or a status the walk must stop with.
 */
static enum assay_status
sqv_emit(struct sqv *s, uint64_t ref, size_t plen, unsigned depth)
{
    struct sqv_inode ino;
    struct ex_entry e;
    const char *prev;
    size_t pos;
    enum assay_status rc = ASSAY_OK;
    char *link = NULL;

    if (!sqv_inode(s, ref, &ino, &pos)) {
        ex_warn(s->c, -1, "inode of '%s' (ref 0x%llx) unreadable", s->path,
            (unsigned long long)ref);
        return ASSAY_OK;
    }
    memset(&e, 0, sizeof(e));
    e.path = s->path;
    e.type = sqv_node_type(ino.type);
    e.mode = ino.mode;
    e.uid = ino.uid;
    e.gid = ino.gid;
    e.mtime = ino.mtime;
    e.rdev_major = ino.rdev_major;
    e.rdev_minor = ino.rdev_minor;
    prev = extract_links_find(&s->seen, ref);
    if (prev != NULL) {
        if (ino.type == 1) {
            ex_warn(s->c, -1, "directory '%s' already listed as '%s'", s->path,
                prev);
            return ASSAY_OK;
        }
        e.type = EX_HARDLINK;
        e.link = prev;
        rc = ex_emit_entry(s->c, &e);
        return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
    }
    if (ino.type == 1 || ino.nlink > 1 || s->major < 4) {
        /* Remember directories (cycles) and linked inodes (hard links).
         * 2.x has no link count, so every inode is remembered. */
        rc = extract_links_add(&s->seen, s->arena, ref, s->path);
        if (rc != ASSAY_OK)
            return rc;
    }
    switch (ino.type) {
    case 1:
        rc = ex_emit_entry(s->c, &e);
        if (rc == ASSAY_OK)
            rc = sqv_walk(s, &ino, plen, depth + 1);
        break;
    case 2: {
        struct assay_buf b;
        enum assay_status drc;

        e.offset = ino.start;
        ex_buf_init(s->c, &b, s->in->len);
        drc = sqv_file_data(s, &ino, &b);
        if (drc == ASSAY_E_LIMIT)
            ex_warn(s->c, (int64_t)ino.start,
                "'%s' (%llu bytes) exceeds the size limit, kept %zu bytes",
                s->path, (unsigned long long)ino.file_size, b.len);
        else if (drc == ASSAY_E_NOMEM)
            rc = drc;
        if (rc == ASSAY_OK)
            rc = ex_emit_file_buf(s->c, &e, &b);
        assay_buf_release(&b);
        break;
    }
    case 3:
        link =
            assay_arena_strndup(s->arena, (const char *)ino.link, ino.link_len);
        if (link == NULL)
            return ASSAY_E_NOMEM;
        e.link = link;
        rc = ex_emit_entry(s->c, &e);
        break;
    default:
        rc = ex_emit_entry(s->c, &e);
        break;
    }
    return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
}

/* Directory header and entry layouts per version (sizes in bytes). */
static size_t
sqv_dhdr_size(const struct sqv *s)
{
    return s->major == 4 ? 12 : s->major == 3 ? 9 : 4;
}

static size_t
sqv_dent_size(const struct sqv *s)
{
    return s->major == 4 ? 8 : s->major == 3 ? 5 : 3;
}

/*
 * List directory 'dir' (its listing in the directory table) and emit its
 * entries under s->path[0..plen).
 */
static enum assay_status
sqv_walk(
    struct sqv *s, const struct sqv_inode *dir, size_t plen, unsigned depth)
{
    const uint8_t *t = (const uint8_t *)s->dtab.data.data;
    size_t pos, end;
    uint64_t size = dir->file_size;

    if (depth > SQV_MAX_DEPTH) {
        ex_warn(s->c, -1, "'%s' nested deeper than %u", s->path, SQV_MAX_DEPTH);
        return ASSAY_OK;
    }
    /* 3.x and 4 listings count 3 bytes for "." and ".." that are not
     * stored; 2.x counts only what is stored. */
    if (s->major >= 3) {
        if (size <= 3)
            return ASSAY_OK;
        size -= 3;
    }
    if (!sqv_table_pos(&s->dtab, dir->start, dir->offset, &pos)) {
        ex_warn(s->c, -1,
            "listing of '%s' (block 0x%llx offset %u) not in the directory table",
            plen ? s->path : "/", (unsigned long long)dir->start, dir->offset);
        return ASSAY_OK;
    }
    end = pos + (size_t)size;
    if (end > s->dtab.data.len || end < pos) {
        ex_warn(s->c, -1, "listing of '%s' runs past the table",
            plen ? s->path : "/");
        end = s->dtab.data.len;
    }
    while (pos + sqv_dhdr_size(s) <= end) {
        const uint8_t *h = t + pos;
        uint32_t count, iblock;

        if (s->major == 4) {
            count = extract_rd32(s->be, h) + 1;
            iblock = extract_rd32(s->be, h + 4);
        } else {
            count = sqv_b32(s, h, 0, 8) + 1;
            iblock = sqv_b32(s, h, 8, s->major == 3 ? 32 : 24);
        }
        pos += sqv_dhdr_size(s);
        if (count > 256) {
            ex_warn(s->c, -1, "listing of '%s' has a run of %u entries",
                plen ? s->path : "/", count);
            return ASSAY_OK;
        }
        for (uint32_t i = 0; i < count; i++) {
            const uint8_t *d = t + pos;
            uint32_t ioff, nsize;
            const uint8_t *name;
            size_t nl;
            enum assay_status rc;

            if (pos + sqv_dent_size(s) > end)
                return ASSAY_OK;
            if (s->major == 4) {
                ioff = extract_rd16(s->be, d);
                nsize = extract_rd16(s->be, d + 6) + 1u;
            } else {
                ioff = sqv_b32(s, d, 0, 13);
                nsize = sqv_b32(s, d, 16, 8) + 1u;
            }
            name = d + sqv_dent_size(s);
            pos += sqv_dent_size(s) + nsize;
            if (pos > end) {
                ex_warn(s->c, -1, "entry name in '%s' runs past its listing",
                    plen ? s->path : "/");
                return ASSAY_OK;
            }
            if (!extract_name_ok(name, nsize)) {
                ex_warn(
                    s->c, -1, "bad entry name in '%s'", plen ? s->path : "/");
                continue;
            }
            nl = extract_path_push(s->path, sizeof(s->path), plen, name, nsize);
            if (nl == 0) {
                ex_warn(s->c, -1, "path under '%s' too long", s->path);
                continue;
            }
            rc = sqv_emit(s, ((uint64_t)iblock << 16) | ioff, nl, depth);
            s->path[plen] = '\0';
            if (rc != ASSAY_OK)
                return rc;
        }
    }
    return ASSAY_OK;
}

/* ---- entry point ------------------------------------------------------------
 */

static enum assay_status
sqv_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct sqv *s;
    struct sqv_inode root;
    size_t pos;
    enum assay_status rc;

    s = assay_arena_zalloc(assay_session_arena(ex_session(c)), sizeof(*s));
    if (s == NULL)
        return ASSAY_E_NOMEM;
    s->c = c;
    s->in = in;
    s->arena = assay_session_arena(ex_session(c));
    rc = sqv_super(s);
    if (rc != ASSAY_OK)
        return rc;
    s->scratch = assay_malloc(s->block_size);
    if (s->scratch == NULL)
        return ASSAY_E_NOMEM;
    rc = sqv_read_ids(s);
    if (rc == ASSAY_OK)
        rc = sqv_read_frags(s);
    if (rc == ASSAY_OK)
        rc = sqv_read_table(s, "inode", s->inode_start, s->dir_start, &s->itab);
    if (rc == ASSAY_OK)
        rc = sqv_read_table(
            s, "directory", s->dir_start, sqv_dir_end(s), &s->dtab);
    if (rc != ASSAY_OK)
        goto out;
    if (!sqv_inode(s, s->root_ref, &root, &pos) || root.type != 1) {
        ex_warn(c, -1, "root inode (ref 0x%llx) unreadable",
            (unsigned long long)s->root_ref);
        rc = ASSAY_E_CORRUPT;
        goto out;
    }
    s->path[0] = '\0';
    rc = sqv_walk(s, &root, 0, 0);
out:
    assay_free(s->scratch);
    assay_buf_release(&s->itab.data);
    assay_buf_release(&s->itab.map);
    assay_buf_release(&s->dtab.data);
    assay_buf_release(&s->dtab.map);
    return rc;
}

static const char *const sqv_magics[] = {"hsqs", "sqsh", NULL};
static const size_t sqv_magic_lens[] = {4, 4, 0};

const struct assay_extractor ex_squashfs_vendor = {
    .name = "squashfs-vendor",
    .summary = "SquashFS 2.x/3.x (both byte orders, zlib or vendor LZMA), "
               "big-endian 4.x (AVM) and 4.x with vendor LZMA headers",
    .magics = sqv_magics,
    .magic_lens = sqv_magic_lens,
    .magic_offset = 0,
    .bid = sqv_bid,
    .run = sqv_run,
};
