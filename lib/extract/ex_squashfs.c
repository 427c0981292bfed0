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
 * File contents are decoded block by block on both cores: the walk
 * queues regular files; a batch of them is planned into one task per
 * data block (decoded in place into the file's buffer) and one per
 * fragment block it needs, this thread and one helper, each with its own
 * compressor (libsquashfs objects are not thread-safe), take tasks from
 * one shared counter, and this thread then copies the fragment tails and
 * emits the files in walk order. So one large file keeps both cores busy
 * as well as many small ones. A batch is at most SQ_BATCH_FILES files or
 * SQ_BATCH_BYTES bytes (fragment blocks included), which bounds memory
 * and how far decoding runs ahead of the limit checks done at emission;
 * the fragment block the last file of a batch ended in is kept for the
 * next one.
 * Big-endian and v2/v3 images are another extractor's job (the carver
 * reports them as unsupported until one is registered).
 *
 * When the tables at the end of the image are gone (a truncated image:
 * mksquashfs writes every table after the data), names cannot be
 * recovered, but gzip, xz, lzma and zstd data blocks are self-delimiting:
 * they are decoded one after the other from the start of the data area
 * and kept as the payload "recovered-data", so a truncated rootfs still
 * yields its bytes to the checks (sq_salvage).
 *
 * Debian's libsquashfs is built without LZO, so LZO images get a small
 * decompress-only sqfs_compressor_t over liblzo2 (sq_lzo_*): every LZO1X
 * variant mksquashfs writes decodes with lzo1x_decompress_safe(), and the
 * compressor options block only names the variant, so it is not needed.
 * xz and lzma images get one too (sq_xz_*), faster than libsquashfs's for
 * reading (see there); the other compressors are libsquashfs's own.
 */
#include "assay_config.h"

#include <lzma.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include <lzo/lzo1x.h>
#include <sqfs/block.h>
#include <sqfs/compressor.h>
#include <sqfs/dir.h>
#include <sqfs/dir_reader.h>
#include <sqfs/error.h>
#include <sqfs/frag_table.h>
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
/* A decode batch: this many files or bytes, whichever comes first. */
#define SQ_BATCH_FILES 256u
#define SQ_BATCH_BYTES (8ull << 20)

struct sq_file {
    sqfs_file_t base;    /* must be first: libsquashfs casts to it */
    const uint8_t *data; /* region bytes */
    size_t len;
};

/* One inode number seen as a regular file, for hard links. */
struct sq_link {
    uint32_t ino;
    char *path; /* heap */
};

/* A regular file waiting for its contents to be decoded. */
struct sq_job {
    struct ex_entry e;           /* e.path is 'path' */
    char *path;                  /* heap */
    sqfs_inode_generic_t *inode; /* libsquashfs heap, owned */
    struct assay_buf buf;        /* decoded contents */
    size_t frag;                 /* slot of its tail's fragment, or none */
    uint32_t frag_off;           /* tail's offset in the fragment block */
    uint64_t tail_at;            /* file offset of the tail */
    size_t tail_len;             /* bytes of the tail */
    uint64_t bad_at;             /* first unreadable byte, or UINT64_MAX */
    uint64_t bad_src;            /* region offset of that block */
    int bad_err;                 /* libsquashfs error for it */
};

/*
 * One block to decode: a data block of job 'job' (decoded in place into
 * its buffer), or with job SIZE_MAX the fragment block of slot 'frag'.
 */
struct sq_task {
    uint64_t src;  /* region offset */
    uint32_t word; /* on-disk size word (bit 24: stored) */
    uint32_t want; /* bytes it must decode to */
    uint8_t *dst;
    size_t job;
    size_t frag;
    uint64_t at; /* file offset of dst */
    int32_t got; /* bytes decoded, or a libsquashfs error */
    bool cut;    /* the file ends inside this block by a limit */
};

/* A fragment block decoded for the current batch. */
struct sq_frag {
    uint32_t index;
    uint64_t src;  /* region offset */
    uint8_t *data; /* block_size bytes */
    int32_t len;   /* bytes decoded, or a libsquashfs error */
};

struct sq_state {
    struct ex_ctx *c;
    const uint8_t *data; /* region bytes */
    size_t len;
    sqfs_super_t super;
    sqfs_compressor_t *cmp;
    sqfs_id_table_t *ids;
    sqfs_dir_reader_t *dir;
    sqfs_frag_table_t *frag_table; /* NULL when unreadable */
    sqfs_compressor_t *cmp2;       /* the helper thread's, or NULL */
    uint8_t *scratch[2];           /* a block each for the two threads */
    sqfs_xattr_reader_t *xattr;
    struct sq_job *jobs; /* heap, the current batch */
    size_t job_count;
    size_t job_cap;
    uint64_t job_bytes;    /* file and fragment bytes queued in the batch */
    uint32_t queued_frag;  /* fragment of the file queued last */
    struct sq_task *tasks; /* heap, the blocks of the batch */
    size_t task_count;
    size_t task_cap;
    _Atomic size_t next;   /* next task to decode */
    struct sq_frag *frags; /* heap, fragment blocks of the batch */
    size_t frag_count;
    size_t frag_cap;
    uint32_t last_frag; /* fragment of the last file emitted */
    bool last_frag_set;
    struct sq_link *links; /* heap array sorted by insertion */
    size_t link_count;
    size_t link_cap;
    bool stop;            /* an emit said stop */
    enum assay_status rc; /* status to return when stopping */
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

/* Decompress-only LZO compressor for libsquashfs (see the file head). */
struct sq_lzo {
    sqfs_compressor_t base; /* must be first */
    sqfs_u32 block_size;
};

static void
sq_lzo_config(const sqfs_compressor_t *cmp, sqfs_compressor_config_t *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->id = SQFS_COMP_LZO;
    cfg->flags = SQFS_COMP_FLAG_UNCOMPRESS;
    cfg->block_size = ((const struct sq_lzo *)cmp)->block_size;
}

static int
sq_own_write_options(sqfs_compressor_t *cmp, sqfs_file_t *file)
{
    (void)cmp;
    (void)file;
    return SQFS_ERROR_UNSUPPORTED;
}

static int
sq_own_read_options(sqfs_compressor_t *cmp, sqfs_file_t *file)
{
    (void)cmp;
    (void)file;
    return 0;
}

static sqfs_s32
sq_lzo_block(sqfs_compressor_t *cmp, const sqfs_u8 *in, sqfs_u32 size,
    sqfs_u8 *out, sqfs_u32 outsize)
{
    lzo_uint n = outsize;

    (void)cmp;
    if (lzo1x_decompress_safe(in, size, out, &n, NULL) != LZO_E_OK ||
        n > outsize)
        return SQFS_ERROR_COMPRESSOR;
    return (sqfs_s32)n;
}

static void
sq_lzo_destroy(sqfs_object_t *o)
{
    assay_free(o);
}

/* Fill in one of our decompress-only compressors (no options). */
static void
sq_cmp_init(sqfs_compressor_t *cmp, void (*destroy)(sqfs_object_t *),
    void (*config)(const sqfs_compressor_t *, sqfs_compressor_config_t *),
    sqfs_s32 (*block)(
        sqfs_compressor_t *, const sqfs_u8 *, sqfs_u32, sqfs_u8 *, sqfs_u32))
{
    cmp->base.destroy = destroy;
    cmp->get_configuration = config;
    cmp->write_options = sq_own_write_options;
    cmp->read_options = sq_own_read_options;
    cmp->do_block = block;
}

static sqfs_compressor_t *
sq_lzo_new(sqfs_u32 block_size)
{
    struct sq_lzo *z;

    if (lzo_init() != LZO_E_OK)
        return NULL;
    z = assay_calloc(1, sizeof(*z));
    if (z == NULL)
        return NULL;
    sq_cmp_init(&z->base, sq_lzo_destroy, sq_lzo_config, sq_lzo_block);
    z->block_size = block_size;
    return &z->base;
}

/*
 * Decompress-only xz compressor: the same streams libsquashfs decodes,
 * with one lzma_stream kept per compressor so that its dictionary is
 * allocated once, not per block, and with the per-block CRC left
 * unchecked (LZMA_IGNORE_CHECK: a damaged block still fails to decode or
 * to give the block's size, and speed matters more here). The memory
 * limit refuses the giant dictionaries a hostile header can ask for.
 */
#define SQ_XZ_MEMLIMIT (64ull << 20)

struct sq_xz {
    sqfs_compressor_t base; /* must be first */
    sqfs_u32 block_size;
    lzma_stream strm;
    bool inited;
    bool lzma1; /* legacy LZMA (lzma_alone headers), not xz */
};

static void
sq_xz_config(const sqfs_compressor_t *cmp, sqfs_compressor_config_t *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->id =
        ((const struct sq_xz *)cmp)->lzma1 ? SQFS_COMP_LZMA : SQFS_COMP_XZ;
    cfg->flags = SQFS_COMP_FLAG_UNCOMPRESS;
    cfg->block_size = ((const struct sq_xz *)cmp)->block_size;
}

static sqfs_s32
sq_xz_block(sqfs_compressor_t *cmp, const sqfs_u8 *in, sqfs_u32 size,
    sqfs_u8 *out, sqfs_u32 outsize)
{
    struct sq_xz *z = (struct sq_xz *)cmp;
    lzma_ret r;

    if ((z->lzma1 ? lzma_alone_decoder(&z->strm, SQ_XZ_MEMLIMIT)
                  : lzma_stream_decoder(&z->strm, SQ_XZ_MEMLIMIT,
                        LZMA_IGNORE_CHECK)) != LZMA_OK)
        return SQFS_ERROR_COMPRESSOR;
    z->inited = true;
    z->strm.next_in = in;
    z->strm.avail_in = size;
    z->strm.next_out = out;
    z->strm.avail_out = outsize;
    r = lzma_code(&z->strm, LZMA_FINISH);
    if (r != LZMA_STREAM_END)
        return r == LZMA_BUF_ERROR && z->strm.avail_out == 0
                   ? SQFS_ERROR_OVERFLOW
                   : SQFS_ERROR_COMPRESSOR;
    return (sqfs_s32)(outsize - z->strm.avail_out);
}

static void
sq_xz_destroy(sqfs_object_t *o)
{
    struct sq_xz *z = (struct sq_xz *)o;

    if (z->inited)
        lzma_end(&z->strm);
    assay_free(z);
}

/* Our own decompressor for 'id', or NULL when we have none for it. */
static sqfs_compressor_t *
sq_own_new(unsigned id, sqfs_u32 block_size)
{
    struct sq_xz *z;

    if (id == SQFS_COMP_LZO)
        return sq_lzo_new(block_size);
    if (id != SQFS_COMP_XZ && id != SQFS_COMP_LZMA)
        return NULL;
    z = assay_calloc(1, sizeof(*z));
    if (z == NULL)
        return NULL;
    sq_cmp_init(&z->base, sq_xz_destroy, sq_xz_config, sq_xz_block);
    z->block_size = block_size;
    z->lzma1 = id == SQFS_COMP_LZMA;
    z->strm = (lzma_stream)LZMA_STREAM_INIT;
    return &z->base;
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

    if (st->xattr == NULL || sqfs_inode_get_xattr_index(inode, &idx) != 0 ||
        idx == 0xffffffffu)
        return;
    if (sqfs_xattr_reader_get_desc(st->xattr, idx, &desc) != 0 ||
        sqfs_xattr_reader_seek_kv(st->xattr, &desc) != 0) {
        ex_warn(st->c, -1, "xattr set %u unreadable", idx);
        return;
    }
    for (sqfs_u32 i = 0; i < desc.count && n < 64; i++) {
        const char *prefix;
        size_t plen, klen;

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
        /* libsquashfs hands back the key with its prefix already on. */
        klen = strnlen((const char *)keys[n]->key, plen + keys[n]->size);
        if (klen >= plen && memcmp(keys[n]->key, prefix, plen) == 0)
            plen = 0;
        names[n] = assay_malloc(plen + klen + 1);
        if (names[n] == NULL) {
            sqfs_free(keys[n]);
            sqfs_free(vals[n]);
            break;
        }
        memcpy(names[n], prefix, plen);
        memcpy(names[n] + plen, keys[n]->key, klen);
        names[n][plen + klen] = '\0';
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

/* ---- file contents: every block of a batch on both cores -------------- */

/* Decode one on-disk block 'word' at region offset 'src' into dst[0..cap). */
static int32_t
sq_block(const struct sq_state *st, sqfs_compressor_t *cmp, uint64_t src,
    uint32_t word, uint8_t *dst, uint32_t cap)
{
    uint32_t n = SQFS_ON_DISK_BLOCK_SIZE(word);

    if (n == 0) {
        memset(dst, 0, cap); /* a sparse block */
        return (int32_t)cap;
    }
    if (n > st->super.block_size || !assay_range_ok(src, n, st->len))
        return SQFS_ERROR_OUT_OF_BOUNDS;
    if (!SQFS_IS_BLOCK_COMPRESSED(word)) {
        if (n > cap)
            return SQFS_ERROR_OVERFLOW;
        memcpy(dst, st->data + src, n);
        return (int32_t)n;
    }
    return cmp->do_block(cmp, st->data + src, n, dst, cap);
}

static void
sq_task_run(struct sq_state *st, sqfs_compressor_t *cmp, uint8_t *scratch,
    struct sq_task *t)
{
    uint32_t bs = st->super.block_size;

    if (t->job == SIZE_MAX) {
        struct sq_frag *f = &st->frags[t->frag];

        f->len = sq_block(st, cmp, t->src, t->word, f->data, bs);
    } else if (t->cut) {
        /* The file was cut short by a limit inside this block. */
        t->got = sq_block(st, cmp, t->src, t->word, scratch, bs);
        if (t->got >= (int32_t)t->want) {
            memcpy(t->dst, scratch, t->want);
            t->got = (int32_t)t->want;
        }
    } else {
        t->got = sq_block(st, cmp, t->src, t->word, t->dst, t->want);
    }
}

struct sq_worker {
    struct sq_state *st;
    sqfs_compressor_t *cmp;
    uint8_t *scratch; /* one block, for blocks cut by a limit */
};

static void *
sq_work(void *arg)
{
    struct sq_worker *w = arg;
    struct sq_state *st = w->st;

    for (;;) {
        size_t i = atomic_fetch_add(&st->next, 1);

        if (i >= st->task_count)
            break;
        sq_task_run(st, w->cmp, w->scratch, &st->tasks[i]);
    }
    return NULL;
}

static bool
sq_task_add(struct sq_state *st, const struct sq_task *t)
{
    if (st->task_count == st->task_cap) {
        size_t ncap = st->task_cap ? st->task_cap * 2 : 256;
        struct sq_task *n = assay_realloc(st->tasks, ncap * sizeof(*n));

        if (n == NULL)
            return false;
        st->tasks = n;
        st->task_cap = ncap;
    }
    st->tasks[st->task_count++] = *t;
    return true;
}

/*
 * The slot of fragment block 'index' for this batch: one kept from the
 * previous batch or a new one with a task to decode it. SIZE_MAX when
 * the fragment table has no such entry (the caller warns) or on NOMEM.
 */
static size_t
sq_frag_slot(struct sq_state *st, uint32_t index, bool *nomem)
{
    sqfs_fragment_t fr;
    struct sq_task t = {.job = SIZE_MAX};
    struct sq_frag *f;

    for (size_t i = 0; i < st->frag_count; i++) {
        if (st->frags[i].index == index) {
            return i;
        }
    }
    if (st->frag_table == NULL ||
        sqfs_frag_table_lookup(st->frag_table, index, &fr) != 0)
        return SIZE_MAX;
    if (st->frag_count == st->frag_cap) {
        size_t ncap = st->frag_cap ? st->frag_cap * 2 : 16;
        struct sq_frag *n = assay_realloc(st->frags, ncap * sizeof(*n));

        if (n == NULL) {
            *nomem = true;
            return SIZE_MAX;
        }
        st->frags = n;
        st->frag_cap = ncap;
    }
    f = &st->frags[st->frag_count];
    memset(f, 0, sizeof(*f));
    f->index = index;
    f->len = SQFS_ERROR_IO;
    f->data = assay_malloc(st->super.block_size);
    if (f->data == NULL) {
        *nomem = true;
        return SIZE_MAX;
    }
    f->src = fr.start_offset;
    t.src = fr.start_offset;
    t.word = fr.size;
    t.frag = st->frag_count;
    if (!sq_task_add(st, &t)) {
        assay_free(f->data);
        *nomem = true;
        return SIZE_MAX;
    }
    return st->frag_count++;
}

/* Note the first unreadable byte of job 'j'. */
static void
sq_job_bad(struct sq_job *j, uint64_t at, uint64_t src, int err)
{
    if (at < j->bad_at) {
        j->bad_at = at;
        j->bad_src = src;
        j->bad_err = err;
    }
}

/*
 * Plan job 'ji': its buffer, one task per data block and the fragment
 * slot of its tail. false on NOMEM.
 */
static bool
sq_plan(struct sq_state *st, size_t ji)
{
    struct sq_job *j = &st->jobs[ji];
    const sqfs_inode_generic_t *inode = j->inode;
    uint32_t bs = st->super.block_size, fidx = 0xffffffffu, foff = 0;
    sqfs_u64 full = 0, start = 0, size, src;
    size_t nb_need, nb_have;
    bool frag, nomem = false;

    sqfs_inode_get_file_size(inode, &full);
    sqfs_inode_get_file_block_start(inode, &start);
    sqfs_inode_get_frag_location(inode, &fidx, &foff);
    j->bad_at = UINT64_MAX;
    j->frag = SIZE_MAX;
    size = full;
    ex_buf_init(st->c, &j->buf, (size_t)size);
    if (size > j->buf.cap) {
        ex_warn(st->c, -1, "'%s' is %llu bytes, over the file size limit",
            j->path, (unsigned long long)size);
        size = j->buf.cap;
    }
    if (assay_buf_reserve(&j->buf, (size_t)size) != ASSAY_OK)
        return false;
    j->buf.len = (size_t)size;
    j->buf.data[size] = '\0';
    frag = fidx != 0xffffffffu && full % bs != 0;
    nb_need = (size_t)(frag ? full / bs : (full + bs - 1) / bs);
    nb_have = sqfs_inode_get_file_block_count(inode);
    if (nb_have < nb_need) {
        sq_job_bad(j, (uint64_t)nb_have * bs, start, SQFS_ERROR_CORRUPTED);
        nb_need = nb_have;
    }
    src = start;
    for (size_t k = 0; k < nb_need; k++) {
        uint64_t at = (uint64_t)k * bs;
        struct sq_task t = {.job = ji, .src = src, .word = inode->extra[k]};

        if (at >= size)
            break;
        t.want = size - at < bs ? (uint32_t)(size - at) : bs;
        t.cut = full - at > t.want;
        t.at = at;
        t.dst = (uint8_t *)j->buf.data + at;
        if (!sq_task_add(st, &t))
            return false;
        src += SQFS_ON_DISK_BLOCK_SIZE(inode->extra[k]);
    }
    if (frag && (uint64_t)nb_need * bs < size) {
        j->frag = sq_frag_slot(st, fidx, &nomem);
        if (nomem)
            return false;
        j->frag_off = foff;
        j->tail_at = (uint64_t)nb_need * bs;
        j->tail_len = (size_t)(size - j->tail_at);
        if (j->frag == SIZE_MAX)
            sq_job_bad(j, j->tail_at, st->super.fragment_table_start,
                SQFS_ERROR_OUT_OF_BOUNDS);
    }
    return true;
}

/* After decoding: check every block of job 'ji' and copy its tail. */
static void
sq_finish(struct sq_state *st, size_t ji, size_t *ti)
{
    struct sq_job *j = &st->jobs[ji];

    for (; *ti < st->task_count; (*ti)++) {
        const struct sq_task *t = &st->tasks[*ti];

        if (t->job == SIZE_MAX)
            continue; /* a fragment block */
        if (t->job > ji)
            break;
        if (t->got != (int32_t)t->want)
            sq_job_bad(
                j, t->at, t->src, t->got < 0 ? t->got : SQFS_ERROR_CORRUPTED);
    }
    if (j->frag != SIZE_MAX) {
        const struct sq_frag *f = &st->frags[j->frag];

        st->last_frag = f->index;
        st->last_frag_set = true;
        if (f->len >= 0 &&
            assay_range_ok(j->frag_off, j->tail_len, (size_t)f->len))
            memcpy(
                j->buf.data + j->tail_at, f->data + j->frag_off, j->tail_len);
        else
            sq_job_bad(j, j->tail_at, f->src,
                f->len < 0 ? f->len : SQFS_ERROR_CORRUPTED);
    }
    if (j->bad_at != UINT64_MAX) {
        ex_warn(st->c, (int64_t)j->bad_src,
            "data of '%s' unreadable at byte %llu (libsquashfs error %d); "
            "kept what was read",
            j->path, (unsigned long long)j->bad_at, j->bad_err);
        if (j->bad_at < j->buf.len) {
            j->buf.len = (size_t)j->bad_at;
            j->buf.data[j->buf.len] = '\0';
        }
    }
}

/*
 * The batch's data blocks are decoded: give back the input pages they
 * span (mksquashfs writes data in walk order, so batches move forward
 * through the image and a large image is never resident as a whole).
 */
static void
sq_release(struct sq_state *st)
{
    uint64_t lo = UINT64_MAX, hi = 0;

    for (size_t i = 0; i < st->task_count; i++) {
        const struct sq_task *t = &st->tasks[i];
        uint64_t end = t->src + SQFS_ON_DISK_BLOCK_SIZE(t->word);

        if (t->job == SIZE_MAX || end > st->len)
            continue;
        if (t->src < lo)
            lo = t->src;
        if (end > hi)
            hi = end;
    }
    if (hi > lo)
        ex_release(st->c, lo, hi - lo);
}

/* Keep only the fragment block the previous batch ended in. */
static void
sq_frags_keep_last(struct sq_state *st)
{
    size_t keep = SIZE_MAX;

    for (size_t i = 0; i < st->frag_count; i++) {
        if (keep == SIZE_MAX && st->last_frag_set &&
            st->frags[i].index == st->last_frag && st->frags[i].len >= 0)
            keep = i;
        else
            assay_free(st->frags[i].data);
    }
    st->frag_count = 0;
    if (keep != SIZE_MAX)
        st->frags[st->frag_count++] = st->frags[keep];
}

/* Decode the queued files on both threads, then emit them in order. */
static void
sq_flush(struct sq_state *st)
{
    struct sq_worker main_w = {st, st->cmp, st->scratch[0]},
                     help_w = {st, st->cmp2, st->scratch[1]};
    size_t planned = 0, ti = 0;
    pthread_t helper;
    bool helped = false;

    if (st->job_count == 0)
        return;
    sq_frags_keep_last(st);
    st->task_count = 0;
    for (; !st->stop && planned < st->job_count; planned++) {
        if (!sq_plan(st, planned)) {
            sq_emit_rc(st, ASSAY_E_NOMEM);
            break;
        }
    }
    atomic_store(&st->next, 0);
    if (!st->stop) {
        if (st->cmp2 != NULL && st->task_count > 1)
            helped = pthread_create(&helper, NULL, sq_work, &help_w) == 0;
        sq_work(&main_w);
        if (helped)
            pthread_join(helper, NULL);
        sq_release(st);
    }
    for (size_t i = 0; i < st->job_count; i++) {
        struct sq_job *j = &st->jobs[i];

        if (!st->stop && i < planned) {
            enum assay_status rc;

            sq_finish(st, i, &ti);
            rc = ex_emit_file_buf(st->c, &j->e, &j->buf);
            sq_emit_rc(st, rc);
            if (rc == ASSAY_OK)
                sq_xattrs(st, j->inode);
        }
        assay_buf_release(&j->buf);
        assay_free(j->path);
        sqfs_free(j->inode);
    }
    st->job_count = 0;
    st->job_bytes = 0;
}

/* Queue regular file 'inode' (taken from *own) at 'path'. */
static void
sq_queue_file(
    struct sq_state *st, sqfs_inode_generic_t **own, const struct ex_entry *e)
{
    struct sq_job *j;
    sqfs_u64 size = 0;

    if (st->job_count == st->job_cap) {
        size_t ncap = st->job_cap ? st->job_cap * 2 : 64;
        struct sq_job *n = assay_realloc(st->jobs, ncap * sizeof(*n));

        if (n == NULL) {
            sq_emit_rc(st, ASSAY_E_NOMEM);
            return;
        }
        st->jobs = n;
        st->job_cap = ncap;
    }
    j = &st->jobs[st->job_count];
    memset(j, 0, sizeof(*j));
    j->path = sq_strdup(e->path);
    if (j->path == NULL) {
        sq_emit_rc(st, ASSAY_E_NOMEM);
        return;
    }
    j->e = *e;
    j->e.path = j->path;
    j->inode = *own;
    *own = NULL;
    st->job_count++;
    sqfs_inode_get_file_size(j->inode, &size);
    st->job_bytes += size;
    {
        sqfs_u32 fidx = 0xffffffffu, foff = 0;

        sqfs_inode_get_frag_location(j->inode, &fidx, &foff);
        if (fidx != 0xffffffffu && fidx != st->queued_frag) {
            st->job_bytes += st->super.block_size; /* its fragment block */
            st->queued_frag = fidx;
        }
    }
    if (st->job_count >= SQ_BATCH_FILES || st->job_bytes >= SQ_BATCH_BYTES)
        sq_flush(st);
}

/*
 * Emit one inode at 'path' (*own; a regular file is queued and takes it,
 * leaving NULL). *is_dir tells the caller to recurse.
 */
static void
sq_inode(struct sq_state *st, sqfs_inode_generic_t **own, const char *path,
    bool *is_dir)
{
    const sqfs_inode_generic_t *inode = *own;
    struct ex_entry e = {.path = path};
    sqfs_u32 uid = 0, gid = 0;
    char *target = NULL;
    const char *first;
    enum assay_status rc;
    uint32_t devno = 0;

    *is_dir = false;
    if (sqfs_id_table_index_to_id(st->ids, inode->base.uid_idx, &uid) != 0 ||
        sqfs_id_table_index_to_id(st->ids, inode->base.gid_idx, &gid) != 0)
        ex_warn(st->c, -1, "'%s' has an id index outside the id table", path);
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
        sq_queue_file(st, own, &e);
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
        e.type = inode->base.type == SQFS_INODE_BDEV ? EX_BLOCKDEV : EX_CHARDEV;
        break;
    case SQFS_INODE_EXT_BDEV:
    case SQFS_INODE_EXT_CDEV:
        devno = inode->data.dev_ext.devno;
        e.type =
            inode->base.type == SQFS_INODE_EXT_BDEV ? EX_BLOCKDEV : EX_CHARDEV;
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
    char *name;                  /* heap */
    sqfs_inode_generic_t *inode; /* libsquashfs heap */
};

/* Walk folder 'dir' (already emitted) at 'path' ("" for the root). */
static void
sq_walk(struct sq_state *st, const sqfs_inode_generic_t *dir, const char *path,
    unsigned depth)
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
            ex_warn(st->c, -1,
                "listing of '/%s' broken (libsquashfs error "
                "%d); kept %zu entries",
                path, err, n);
            break;
        }
        err = sqfs_dir_reader_get_inode(st->dir, &inode);
        if (err != 0) {
            ex_warn(st->c, -1,
                "inode of '/%s/%.*s' unreadable (libsquashfs "
                "error %d)",
                path, (int)ent->size + 1, (const char *)ent->name, err);
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
        ents[n].name =
            sq_strndup((const char *)ent->name, (size_t)ent->size + 1);
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
                sq_inode(st, &ents[i].inode, child, &is_dir);
                if (is_dir && !st->stop && ents[i].inode != NULL)
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

/*
 * Can a table of 'count' entries of 'esize' bytes, whose index of
 * metadata-block pointers starts at 'start', be in this region? Checked
 * before libsquashfs allocates count * esize bytes for it (a hostile
 * count asks for gigabytes): the index (one 8-byte pointer per 8 KiB
 * metadata block) must fit, and the table may not exceed SQ_TABLE_MAX.
 */
#define SQ_TABLE_MAX (64ull << 20)

static int
sq_table_sane(
    const struct ex_input *in, uint64_t start, uint64_t count, uint64_t esize)
{
    uint64_t bytes = count * esize, index = (bytes + 8191) / 8192 * 8;

    if (count == 0)
        return 0;
    if (bytes > SQ_TABLE_MAX || !assay_range_ok(start, index, in->len))
        return SQFS_ERROR_OUT_OF_BOUNDS;
    return 0;
}

/* The same for the xattr id table, whose count is in its own header. */
static int
sq_xattr_sane(const struct ex_input *in, const sqfs_super_t *super)
{
    uint64_t start = super->xattr_id_table_start;

    if (!assay_range_ok(start, 16, in->len))
        return SQFS_ERROR_OUT_OF_BOUNDS;
    return sq_table_sane(in, start + 16, assay_le32(in->data + start + 8), 16);
}

/* Is p[0..1] a zlib header (deflate, 32 KiB window, no dictionary)? */
static bool
sq_zlib_head(const uint8_t *p)
{
    return p[0] == 0x78 && ((unsigned)p[0] << 8 | p[1]) % 31 == 0 &&
           (p[1] & 0x20) == 0;
}

/* Salvage state: one decoder of each kind, reused from block to block. */
struct sq_salv {
    unsigned comp;
    uint8_t *out; /* 'cap' bytes: a block decodes to at most a block */
    size_t cap;
    lzma_stream xz;
    bool xz_inited;
    ZSTD_DCtx *zstd;
};

/*
 * Decode the self-delimiting block that starts at p (avail bytes), if
 * one does, into s->out: its compressed length, 0 when there is none.
 */
static size_t
sq_salv_block(struct sq_salv *s, const uint8_t *p, size_t avail, size_t *got)
{
    *got = 0;
    switch (s->comp) {
    case SQFS_COMP_GZIP: {
        z_stream zs;
        int zr;

        if (avail < 2 || !sq_zlib_head(p))
            return 0;
        memset(&zs, 0, sizeof(zs));
        if (inflateInit(&zs) != Z_OK)
            return 0;
        zs.next_in = (Bytef *)(uintptr_t)p;
        zs.avail_in = (uInt)(avail > (1u << 30) ? (1u << 30) : avail);
        zs.next_out = s->out;
        zs.avail_out = (uInt)s->cap;
        zr = inflate(&zs, Z_FINISH);
        *got = s->cap - zs.avail_out;
        inflateEnd(&zs);
        return zr == Z_STREAM_END ? zs.total_in : 0;
    }
    case SQFS_COMP_XZ:
    case SQFS_COMP_LZMA: {
        lzma_ret r;

        if (s->comp == SQFS_COMP_XZ
                ? avail < 12 || memcmp(p,
                                    "\xfd"
                                    "7zXZ\0",
                                    6) != 0
                : avail < 13 || p[0] >= 225 ||
                      assay_le32(p + 1) > SQ_XZ_MEMLIMIT / 2 ||
                      assay_le64(p + 5) > s->cap)
            return 0;
        r = s->comp == SQFS_COMP_XZ
                ? lzma_stream_decoder(&s->xz, SQ_XZ_MEMLIMIT, LZMA_IGNORE_CHECK)
                : lzma_alone_decoder(&s->xz, SQ_XZ_MEMLIMIT);
        if (r != LZMA_OK)
            return 0;
        s->xz_inited = true;
        s->xz.next_in = p;
        s->xz.avail_in = avail;
        s->xz.next_out = s->out;
        s->xz.avail_out = s->cap;
        r = lzma_code(&s->xz, LZMA_RUN);
        *got = s->cap - s->xz.avail_out;
        return r == LZMA_STREAM_END ? (size_t)(s->xz.next_in - p) : 0;
    }
    case SQFS_COMP_ZSTD: {
        size_t n, d;

        if (avail < 4 || assay_le32(p) != 0xfd2fb528u || s->zstd == NULL)
            return 0;
        n = ZSTD_findFrameCompressedSize(p, avail);
        if (ZSTD_isError(n))
            return 0;
        d = ZSTD_decompressDCtx(s->zstd, s->out, s->cap, p, n);
        if (ZSTD_isError(d))
            return 0;
        *got = d;
        return n;
    }
    default:
        return 0;
    }
}

/*
 * An image whose tables are lost (truncated: mksquashfs writes every
 * table after the data): decode its self-delimiting compressed blocks
 * (gzip, xz, lzma, zstd; lz4 and lzo blocks carry no header) one after
 * the other from the start of the data area, and keep them as the
 * payload "recovered-data" so the bytes still reach the checks.
 */
static enum assay_status
sq_salvage(struct ex_ctx *c, const struct ex_input *in)
{
    struct sq_salv s = {.comp = assay_le16(in->data + 20)};
    struct assay_buf b;
    size_t pos = SQ_SUPER_LEN;
    enum assay_status rc = ASSAY_OK;
    unsigned blocks = 0;

    if (s.comp != SQFS_COMP_GZIP && s.comp != SQFS_COMP_XZ &&
        s.comp != SQFS_COMP_LZMA && s.comp != SQFS_COMP_ZSTD)
        return ASSAY_E_CORRUPT;
    s.cap = assay_le32(in->data + 12); /* the block size, checked by bid */
    s.out = assay_malloc(s.cap);
    s.xz = (lzma_stream)LZMA_STREAM_INIT;
    if (s.comp == SQFS_COMP_ZSTD)
        s.zstd = ZSTD_createDCtx();
    if (s.out == NULL || (s.comp == SQFS_COMP_ZSTD && s.zstd == NULL)) {
        assay_free(s.out);
        ZSTD_freeDCtx(s.zstd);
        return ASSAY_E_NOMEM;
    }
    ex_buf_init(c, &b, in->len);
    while (rc == ASSAY_OK && pos < in->len) {
        size_t got,
            used = sq_salv_block(&s, in->data + pos, in->len - pos, &got);

        if (used == 0) {
            pos++; /* a stored block or table: look for the next one */
            continue;
        }
        rc = assay_buf_append(&b, s.out, got);
        pos += used;
        blocks++;
    }
    assay_free(s.out);
    ZSTD_freeDCtx(s.zstd);
    if (s.xz_inited)
        lzma_end(&s.xz);
    if (rc == ASSAY_E_NOMEM || b.len == 0) {
        assay_buf_release(&b);
        return rc == ASSAY_E_NOMEM ? rc : ASSAY_E_CORRUPT;
    }
    ex_warn(c, SQ_SUPER_LEN,
        "tables lost; %u data blocks (%zu bytes) recovered without names",
        blocks, b.len);
    rc = ex_emit_payload_buf(c, "recovered-data", &b);
    assay_buf_release(&b);
    return rc;
}

static enum assay_status
sq_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct sq_file file = {
        .base =
            {
                .base = {.destroy = sq_destroy, .copy = NULL},
                .read_at = sq_read_at,
                .write_at = sq_write_at,
                .get_size = sq_get_size,
                .truncate = sq_truncate,
            },
        .data = in->data,
        .len = in->len,
    };
    struct sq_state st = {.c = c,
        .data = in->data,
        .len = in->len,
        .queued_frag = 0xffffffffu,
        .rc = ASSAY_OK};
    sqfs_compressor_config_t cfg;
    bool have_cfg;
    sqfs_inode_generic_t *root = NULL;
    enum assay_status rc = ASSAY_E_CORRUPT;
    int err;

    err = sqfs_super_read(&st.super, &file.base);
    if (err != 0) {
        ex_warn(c, 0, "superblock rejected (libsquashfs error %d)", err);
        return ASSAY_E_CORRUPT;
    }
    have_cfg = sqfs_compressor_config_init(&cfg,
                   (SQFS_COMPRESSOR)st.super.compression_id,
                   st.super.block_size, SQFS_COMP_FLAG_UNCOMPRESS) == 0;
    st.cmp = sq_own_new(st.super.compression_id, st.super.block_size);
    if (st.cmp == NULL &&
        (!have_cfg || sqfs_compressor_create(&cfg, &st.cmp) != 0))
        st.cmp = NULL;
    if (st.cmp == NULL) {
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
        rc = sq_salvage(c, in);
        goto out_ids;
    }
    st.dir = sqfs_dir_reader_create(&st.super, st.cmp, &file.base, 0);
    st.scratch[0] = assay_malloc(st.super.block_size);
    st.scratch[1] = assay_malloc(st.super.block_size);
    st.frag_table = sqfs_frag_table_create(0);
    if (st.dir == NULL || st.frag_table == NULL || st.scratch[0] == NULL ||
        st.scratch[1] == NULL) {
        rc = ASSAY_E_NOMEM;
        goto out_readers;
    }
    err = sq_table_sane(
        in, st.super.fragment_table_start, st.super.fragment_entry_count, 16);
    if (err == 0)
        err =
            sqfs_frag_table_read(st.frag_table, &file.base, &st.super, st.cmp);
    if (err != 0) {
        ex_warn(c, (int64_t)st.super.fragment_table_start,
            "fragment table unreadable (libsquashfs error %d); files ending "
            "in fragments will be short",
            err);
        sqfs_destroy(st.frag_table);
        st.frag_table = NULL;
    }
    /* The helper thread's own compressor; without it everything is
     * decoded on this thread. */
    st.cmp2 = sq_own_new(st.super.compression_id, st.super.block_size);
    if (st.cmp2 == NULL &&
        (!have_cfg || sqfs_compressor_create(&cfg, &st.cmp2) != 0))
        st.cmp2 = NULL;
    if (!(st.super.flags & SQFS_FLAG_NO_XATTRS) &&
        st.super.xattr_id_table_start != 0xffffffffffffffffull) {
        st.xattr = sqfs_xattr_reader_create(0);
        if (st.xattr != NULL && sq_xattr_sane(in, &st.super) != 0) {
            ex_warn(c, (int64_t)st.super.xattr_id_table_start,
                "xattr id table larger than the image; extended attributes "
                "dropped");
            sqfs_destroy(st.xattr);
            st.xattr = NULL;
        }
        if (st.xattr != NULL && sqfs_xattr_reader_load(st.xattr, &st.super,
                                    &file.base, st.cmp) != 0) {
            ex_warn(c, (int64_t)st.super.xattr_id_table_start,
                "xattr table unreadable; extended attributes dropped");
            sqfs_destroy(st.xattr);
            st.xattr = NULL;
        }
    }
    err = sqfs_dir_reader_get_root_inode(st.dir, &root);
    if (err != 0) {
        ex_warn(c, -1, "root inode unreadable (libsquashfs error %d)", err);
        rc = sq_salvage(c, in);
        goto out_readers;
    }
    {
        bool is_dir = false;

        sq_inode(&st, &root, "", &is_dir);
        if (!st.stop && root != NULL)
            sq_walk(&st, root, "", 0);
        sq_flush(&st);
    }
    sqfs_free(root);
    rc = st.stop ? st.rc : ASSAY_OK;
out_readers:
    sq_flush(&st); /* frees what an early stop left queued */
    assay_free(st.jobs);
    sqfs_destroy(st.xattr);
    assay_free(st.tasks);
    st.last_frag_set = false;
    sq_frags_keep_last(&st);
    assay_free(st.frags);
    assay_free(st.scratch[0]);
    assay_free(st.scratch[1]);
    sqfs_destroy(st.frag_table);
    sqfs_destroy(st.cmp2);
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
