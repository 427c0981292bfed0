/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ext2, ext3 and ext4 file systems via libext2fs (e2fsprogs).
 *
 * libext2fs reads through an io_manager; rather than write our own
 * in-memory manager, the region is copied into an anonymous memfd and
 * opened with the stock unix_io_manager as /proc/self/fd/N (read-only,
 * checksum errors ignored so damaged metadata still yields what it can).
 * The copy costs the image's size once, in the page cache rather than in
 * the process's heap; ext images in firmware are small. The walk is our
 * own (one folder at a time, entries collected before recursing) so that
 * a broken folder costs that folder only. Inodes seen twice are hard
 * links; xattrs are read raw (security.capability as stored).
 * libext2fs registers its com_err tables on first use without a lock, so
 * ext regions run one at a time (ext_lock); they are few and small.
 */
#include "assay_config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sys/mman.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wcast-qual"
#pragma GCC diagnostic ignored "-Wpedantic"
#include <ext2fs/ext2fs.h>
#pragma GCC diagnostic pop

#include "extract_private.h"

#define EXT_SB_OFF        1024u
#define EXT_MAX_DIR_DEPTH 256u

static const char *const ext_magics[] = {"\x53\xef", NULL};
static const size_t ext_magic_lens[] = {2};

struct ext_ent {
    ext2_ino_t ino;
    char *name; /* heap */
};

struct ext_list {
    struct ext_ent *ents; /* heap */
    size_t count;
    size_t cap;
    bool nomem;
};

struct ext_state {
    struct ex_ctx *c;
    ext2_filsys fs;
    ext2_ino_t *seen; /* regular-file inodes seen (hard links) */
    char **seen_path;
    size_t seen_count;
    size_t seen_cap;
    bool stop;
    enum assay_status rc;
};

static pthread_mutex_t ext_lock = PTHREAD_MUTEX_INITIALIZER;

static int
ext_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    const uint8_t *sb = d + EXT_SB_OFF;
    uint32_t log, inodes, blocks, rev;
    uint64_t bytes;

    *len = 0;
    if (avail < EXT_SB_OFF + 264 || assay_le16(sb + 56) != 0xef53)
        return 0;
    inodes = assay_le32(sb + 0);
    blocks = assay_le32(sb + 4);
    log = assay_le32(sb + 24);
    rev = assay_le32(sb + 76);
    if (inodes == 0 || blocks == 0 || log > 6 || rev > 1 ||
        assay_le32(sb + 32) == 0 || assay_le32(sb + 40) == 0)
        return 0; /* blocks and inodes per group */
    if (assay_le16(sb + 58) == 0 || assay_le16(sb + 58) > 7)
        return 0; /* state */
    if (!assay_mul_ovf(blocks, 1024ull << log, &bytes))
        *len = bytes;
    return 16 + 32;
}

static int
ext_dir_cb(ext2_ino_t dir, int entry, struct ext2_dir_entry *de, int off,
    int bs, char *buf, void *priv)
{
    struct ext_list *l = priv;
    int nlen = ext2fs_dirent_name_len(de);

    (void)dir;
    (void)off;
    (void)bs;
    (void)buf;
    if (entry == DIRENT_DOT_FILE || entry == DIRENT_DOT_DOT_FILE ||
        de->inode == 0 || nlen <= 0)
        return 0;
    if ((nlen == 1 && de->name[0] == '.') ||
        (nlen == 2 && de->name[0] == '.' && de->name[1] == '.'))
        return 0;
    if (l->count == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 32;
        struct ext_ent *n = assay_realloc(l->ents, ncap * sizeof(*n));

        if (n == NULL) {
            l->nomem = true;
            return DIRENT_ABORT;
        }
        l->ents = n;
        l->cap = ncap;
    }
    l->ents[l->count].ino = de->inode;
    l->ents[l->count].name = assay_malloc((size_t)nlen + 1);
    if (l->ents[l->count].name == NULL) {
        l->nomem = true;
        return DIRENT_ABORT;
    }
    memcpy(l->ents[l->count].name, de->name, (size_t)nlen);
    l->ents[l->count].name[nlen] = '\0';
    l->count++;
    return 0;
}

static void
ext_stop(struct ext_state *st, enum assay_status rc)
{
    if (rc == ASSAY_E_LIMIT || rc == ASSAY_E_NOMEM) {
        st->stop = true;
        st->rc = rc;
    }
}

struct ext_xa {
    struct ex_xattr x[64];
    size_t n;
};

static int
ext_xattr_cb(char *name, char *value, size_t len, void *priv)
{
    struct ext_xa *xa = priv;

    if (xa->n >= 64)
        return XATTR_ABORT;
    xa->x[xa->n].name = name;
    xa->x[xa->n].value = (const uint8_t *)value;
    xa->x[xa->n].len = len;
    xa->n++;
    return 0;
}

static void
ext_xattrs(struct ext_state *st, ext2_ino_t ino)
{
    struct ext2_xattr_handle *h = NULL;
    struct ext_xa xa = {.n = 0};

    if (!ext2fs_has_feature_xattr(st->fs->super) ||
        ext2fs_xattrs_open(st->fs, ino, &h) != 0)
        return;
    ext2fs_xattrs_flags(h, &(unsigned){XATTR_HANDLE_FLAG_RAW}, NULL);
    if (ext2fs_xattrs_read(h) == 0) {
        ext2fs_xattrs_iterate(h, ext_xattr_cb, &xa);
        ext_stop(st, ex_emit_xattrs(st->c, xa.x, xa.n));
    } else {
        ex_warn(st->c, -1, "xattrs of inode %u unreadable", ino);
    }
    ext2fs_xattrs_close(&h);
}

static const char *
ext_seen(struct ext_state *st, ext2_ino_t ino)
{
    for (size_t i = 0; i < st->seen_count; i++)
        if (st->seen[i] == ino)
            return st->seen_path[i];
    return NULL;
}

static enum assay_status
ext_seen_add(struct ext_state *st, ext2_ino_t ino, const char *path)
{
    size_t len = strlen(path);

    if (st->seen_count == st->seen_cap) {
        size_t ncap = st->seen_cap ? st->seen_cap * 2 : 64;
        ext2_ino_t *a = assay_realloc(st->seen, ncap * sizeof(*a));
        char **b;

        if (a == NULL)
            return ASSAY_E_NOMEM;
        st->seen = a;
        b = assay_realloc(st->seen_path, ncap * sizeof(*b));
        if (b == NULL)
            return ASSAY_E_NOMEM;
        st->seen_path = b;
        st->seen_cap = ncap;
    }
    st->seen_path[st->seen_count] = assay_malloc(len + 1);
    if (st->seen_path[st->seen_count] == NULL)
        return ASSAY_E_NOMEM;
    memcpy(st->seen_path[st->seen_count], path, len + 1);
    st->seen[st->seen_count++] = ino;
    return ASSAY_OK;
}

/* Read a file (or slow symlink) body into 'b'. */
static errcode_t
ext_read_body(struct ext_state *st, ext2_ino_t ino, struct assay_buf *b,
    uint64_t size, const char *path)
{
    ext2_file_t f;
    errcode_t err;
    uint8_t chunk[65536];
    uint64_t done = 0;

    err = ext2fs_file_open2(st->fs, ino, NULL, 0, &f);
    if (err != 0)
        return err;
    if (size <= b->cap)
        (void)assay_buf_reserve(b, (size_t)size); /* else it grows */
    while (done < size) {
        unsigned int got = 0;
        unsigned int want = size - done > sizeof(chunk)
                                ? sizeof(chunk)
                                : (unsigned)(size - done);

        err = ext2fs_file_read(f, chunk, want, &got);
        if (err != 0 || got == 0)
            break;
        if (assay_buf_append(b, chunk, got) != ASSAY_OK) {
            ex_warn(st->c, -1, "'%s' is larger than the file size limit; cut",
                path);
            break;
        }
        done += got;
    }
    ext2fs_file_close(f);
    return err;
}

static void ext_walk(
    struct ext_state *st, ext2_ino_t dir, const char *path, unsigned depth);

static void
ext_inode(
    struct ext_state *st, ext2_ino_t ino, const char *path, unsigned depth)
{
    struct ext2_inode_large inode;
    struct ex_entry e = {.path = path};
    struct assay_buf b;
    enum assay_status rc;
    const char *first;
    char *target = NULL;
    uint64_t size;
    uint16_t fmt;

    memset(&inode, 0, sizeof(inode));
    if (ext2fs_read_inode_full(
            st->fs, ino, (struct ext2_inode *)&inode, sizeof(inode)) != 0) {
        ex_warn(st->c, -1, "inode %u of '%s' unreadable", ino, path);
        return;
    }
    fmt = inode.i_mode & 0xf000;
    size = EXT2_I_SIZE(&inode);
    e.mode = inode.i_mode & 07777;
    e.uid = inode_uid(inode);
    e.gid = inode_gid(inode);
    e.mtime = (int64_t)inode.i_mtime;
    switch (fmt) {
    case LINUX_S_IFDIR:
        e.type = EX_DIR;
        break;
    case LINUX_S_IFREG:
        first = ext_seen(st, ino);
        if (first != NULL) {
            e.type = EX_HARDLINK;
            e.link = first;
            break;
        }
        if (ext_seen_add(st, ino, path) != ASSAY_OK) {
            ext_stop(st, ASSAY_E_NOMEM);
            return;
        }
        e.type = EX_FILE;
        ex_buf_init(st->c, &b, st->c != NULL ? (size_t)size : 0);
        if (ext_read_body(st, ino, &b, size, path) != 0)
            ex_warn(
                st->c, -1, "data of '%s' unreadable; kept what was read", path);
        rc = ex_emit_file_buf(st->c, &e, &b);
        assay_buf_release(&b);
        ext_stop(st, rc);
        if (rc == ASSAY_OK)
            ext_xattrs(st, ino);
        return;
    case LINUX_S_IFLNK:
        e.type = EX_SYMLINK;
        if (size > 4096)
            size = 4096;
        target = assay_malloc((size_t)size + 1);
        if (target == NULL) {
            ext_stop(st, ASSAY_E_NOMEM);
            return;
        }
        if (inode.i_flags & EXT4_INLINE_DATA_FL) {
            size_t got = (size_t)size;

            if (ext2fs_inline_data_get(st->fs, ino, (struct ext2_inode *)&inode,
                    target, &got) != 0)
                got = 0;
            target[got < size ? got : size] = '\0';
        } else if (ext2fs_is_fast_symlink((struct ext2_inode *)&inode)) {
            memcpy(target, inode.i_block,
                size < sizeof(inode.i_block) ? (size_t)size
                                             : sizeof(inode.i_block));
            target[size < sizeof(inode.i_block) ? size
                                                : sizeof(inode.i_block)] = '\0';
        } else {
            assay_buf_init(&b, (size_t)size);
            ext_read_body(st, ino, &b, size, path);
            memcpy(target, b.data != NULL ? b.data : "", b.len);
            target[b.len] = '\0';
            assay_buf_release(&b);
        }
        e.link = target;
        break;
    case LINUX_S_IFCHR:
    case LINUX_S_IFBLK:
        e.type = fmt == LINUX_S_IFCHR ? EX_CHARDEV : EX_BLOCKDEV;
        if (inode.i_block[0] != 0) {
            e.rdev_major = (inode.i_block[0] >> 8) & 0xff;
            e.rdev_minor = inode.i_block[0] & 0xff;
        } else {
            e.rdev_major = (inode.i_block[1] & 0xfff00) >> 8;
            e.rdev_minor = (inode.i_block[1] & 0xff) |
                           ((inode.i_block[1] >> 12) & 0xfff00);
        }
        break;
    case LINUX_S_IFIFO:
        e.type = EX_FIFO;
        break;
    case LINUX_S_IFSOCK:
        e.type = EX_SOCKET;
        break;
    default:
        ex_warn(st->c, -1, "'%s' has an unknown file type 0%o", path, fmt);
        return;
    }
    rc = ex_emit_entry(st->c, &e);
    assay_free(target);
    ext_stop(st, rc);
    if (rc != ASSAY_OK)
        return;
    ext_xattrs(st, ino);
    if (e.type == EX_DIR)
        ext_walk(st, ino, path, depth + 1);
}

static void
ext_walk(struct ext_state *st, ext2_ino_t dir, const char *path, unsigned depth)
{
    struct ext_list l = {0};
    errcode_t err;

    if (depth > EXT_MAX_DIR_DEPTH) {
        ex_warn(st->c, -1, "folder '%s' nested deeper than %u: not entered",
            path, EXT_MAX_DIR_DEPTH);
        return;
    }
    err = ext2fs_dir_iterate2(st->fs, dir, 0, NULL, ext_dir_cb, &l);
    if (l.nomem)
        ext_stop(st, ASSAY_E_NOMEM);
    else if (err != 0)
        ex_warn(st->c, -1, "folder '%s' broken (%s); kept %zu entries",
            path[0] ? path : "/", error_message(err), l.count);
    for (size_t i = 0; i < l.count; i++) {
        size_t plen = strlen(path), nlen = strlen(l.ents[i].name);
        char *child = assay_malloc(plen + nlen + 2);

        if (child != NULL && !st->stop) {
            memcpy(child, path, plen);
            child[plen] = '/';
            memcpy(child + plen + 1, l.ents[i].name, nlen + 1);
            ext_inode(st, l.ents[i].ino, child, depth);
        } else if (child == NULL) {
            ext_stop(st, ASSAY_E_NOMEM);
        }
        assay_free(child);
        assay_free(l.ents[i].name);
    }
    assay_free(l.ents);
}

static enum assay_status ext_run_locked(
    struct ex_ctx *c, const struct ex_input *in);

static enum assay_status
ext_run(struct ex_ctx *c, const struct ex_input *in)
{
    enum assay_status rc;

    pthread_mutex_lock(&ext_lock);
    rc = ext_run_locked(c, in);
    pthread_mutex_unlock(&ext_lock);
    return rc;
}

static enum assay_status
ext_run_locked(struct ex_ctx *c, const struct ex_input *in)
{
    struct ext_state st = {.c = c, .rc = ASSAY_OK};
    char name[64];
    errcode_t err;
    size_t off = 0;
    int fd;

    fd = memfd_create("assay-ext", MFD_CLOEXEC);
    if (fd < 0)
        return ASSAY_E_IO;
    while (off < in->len) {
        ssize_t w = write(fd, in->data + off, in->len - off);

        if (w <= 0) {
            close(fd);
            return ASSAY_E_IO;
        }
        off += (size_t)w;
    }
    snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
    err = ext2fs_open2(name, NULL,
        EXT2_FLAG_64BITS | EXT2_FLAG_IGNORE_CSUM_ERRORS, 0, 0, unix_io_manager,
        &st.fs);
    if (err != 0) {
        ex_warn(
            c, EXT_SB_OFF, "file system not opened: %s", error_message(err));
        close(fd);
        return ASSAY_E_CORRUPT;
    }
    ext_walk(&st, EXT2_ROOT_INO, "", 0);
    ext2fs_close_free(&st.fs);
    close(fd);
    for (size_t i = 0; i < st.seen_count; i++)
        assay_free(st.seen_path[i]);
    assay_free(st.seen_path);
    assay_free(st.seen);
    return st.stop ? st.rc : ASSAY_OK;
}

const struct assay_extractor ex_ext = {
    .name = "ext",
    .summary = "ext2/ext3/ext4 file systems (libext2fs)",
    .magics = ext_magics,
    .magic_lens = ext_magic_lens,
    .magic_offset = EXT_SB_OFF + 56,
    .bid = ext_bid,
    .run = ext_run,
};
