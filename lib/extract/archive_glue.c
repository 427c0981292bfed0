/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libarchive glue (archive_glue.h). libarchive already copes with every
 * tar/cpio/zip/ar dialect; what this adds is the mapping to ex_emit_*(),
 * zero-copy for stored data (one data block covering the whole entry that
 * points into the region), and turning libarchive's status ladder into
 * diagnostics: WARN goes on, FAILED skips the entry, FATAL stops with
 * what was read.
 */
#include "assay_config.h"

#include <archive_entry.h>
#include <string.h>

#include "archive_glue.h"

bool
extract_octal(const uint8_t *p, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    size_t i = 0;
    bool any = false;

    while (i < n && (p[i] == ' ' || p[i] == '\0'))
        i++;
    for (; i < n && p[i] >= '0' && p[i] <= '7'; i++) {
        if (v > (UINT64_MAX >> 3))
            return false;
        v = (v << 3) | (uint64_t)(p[i] - '0');
        any = true;
    }
    for (; i < n; i++)
        if (p[i] != ' ' && p[i] != '\0')
            return false;
    *out = v;
    return any;
}

/* libarchive's message, never NULL. */
static const char *
glue_err(struct archive *a)
{
    const char *m = archive_error_string(a);

    return m != NULL ? m : "unknown error";
}

static enum assay_node_type
glue_type(unsigned ft)
{
    switch (ft) {
    case AE_IFDIR:
        return EX_DIR;
    case AE_IFLNK:
        return EX_SYMLINK;
    case AE_IFCHR:
        return EX_CHARDEV;
    case AE_IFBLK:
        return EX_BLOCKDEV;
    case AE_IFIFO:
        return EX_FIFO;
    case AE_IFSOCK:
        return EX_SOCKET;
    default:
        return EX_FILE;
    }
}

/* Read the entry's data and emit it as a file. */
static enum assay_status
glue_file(struct ex_ctx *c, const struct ex_input *in, struct archive *a,
    struct archive_entry *ae, const struct ex_entry *e)
{
    struct assay_buf b;
    const void *blk;
    size_t sz;
    la_int64_t off;
    int64_t total = archive_entry_size_is_set(ae) ? archive_entry_size(ae) : -1;
    enum assay_status rc = ASSAY_OK;
    bool first = true;
    int r;

    ex_buf_init(c, &b, in->len);
    for (;;) {
        r = archive_read_data_block(a, &blk, &sz, &off);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN) {
            ex_warn(c, (int64_t)e->offset, "data of '%s' unreadable: %s",
                e->path, glue_err(a));
            break;
        }
        if (first && off == 0 && total >= 0 && (int64_t)sz == total &&
            (uintptr_t)blk >= (uintptr_t)in->data &&
            assay_range_ok((uintptr_t)blk - (uintptr_t)in->data, sz, in->len)) {
            /* Stored plainly in the region: a view, no copy. */
            assay_buf_release(&b);
            return ex_emit_file(c, e, blk, sz);
        }
        first = false;
        if (off < 0 || (uint64_t)off < b.len) {
            ex_warn(
                c, (int64_t)e->offset, "data of '%s' out of order", e->path);
            break;
        }
        while (rc == ASSAY_OK && b.len < (uint64_t)off) {
            static const uint8_t zeros[4096];
            uint64_t gap = (uint64_t)off - b.len;

            rc = assay_buf_append(
                &b, zeros, gap > sizeof(zeros) ? sizeof(zeros) : (size_t)gap);
        }
        if (rc == ASSAY_OK)
            rc = assay_buf_append(&b, blk, sz);
        if (rc != ASSAY_OK) {
            if (rc == ASSAY_E_LIMIT)
                ex_warn(c, (int64_t)e->offset,
                    "'%s' is larger than the file size limit; cut", e->path);
            break;
        }
    }
    if (rc == ASSAY_E_NOMEM) {
        assay_buf_release(&b);
        return rc;
    }
    rc = ex_emit_file_buf(c, e, &b);
    assay_buf_release(&b);
    return rc;
}

static enum assay_status
glue_xattrs(struct ex_ctx *c, struct archive_entry *ae)
{
    struct ex_xattr xs[64];
    const char *name;
    const void *val;
    size_t n = 0, len;

    if (archive_entry_xattr_reset(ae) == 0)
        return ASSAY_OK;
    while (n < 64 &&
           archive_entry_xattr_next(ae, &name, &val, &len) == ARCHIVE_OK) {
        xs[n].name = name;
        xs[n].value = val;
        xs[n].len = len;
        n++;
    }
    return ex_emit_xattrs(c, xs, n);
}

enum assay_status
extract_archive_run(struct ex_ctx *c, const struct ex_input *in,
    int (*enable)(struct archive *))
{
    struct archive *a = archive_read_new();
    struct archive_entry *ae;
    enum assay_status rc = ASSAY_OK;
    unsigned entries = 0;
    int r;

    if (a == NULL)
        return ASSAY_E_NOMEM;
    if (enable(a) != ARCHIVE_OK ||
        archive_read_support_filter_none(a) != ARCHIVE_OK ||
        archive_read_open_memory(a, in->data, in->len) != ARCHIVE_OK) {
        archive_read_free(a);
        return ASSAY_E_CORRUPT;
    }
    for (;;) {
        struct ex_entry e;
        const char *path;
        int64_t pos = archive_filter_bytes(a, -1);

        r = archive_read_next_header(a, &ae);
        if (r == ARCHIVE_EOF)
            break;
        if (r == ARCHIVE_FATAL) {
            if (entries > 0)
                ex_warn(c, pos, "archive broken after %u entries: %s", entries,
                    glue_err(a));
            else
                rc = ASSAY_E_CORRUPT;
            break;
        }
        if (r == ARCHIVE_WARN)
            ex_warn(c, pos, "%s", glue_err(a));
        if (r == ARCHIVE_FAILED || r == ARCHIVE_RETRY) {
            ex_warn(c, pos, "entry skipped: %s", glue_err(a));
            continue;
        }
        entries++;
        path = archive_entry_pathname(ae);
        if (path == NULL)
            path = archive_entry_pathname_utf8(ae);
        if (path == NULL) {
            ex_warn(c, pos, "entry without a readable name skipped");
            continue;
        }
        memset(&e, 0, sizeof(e));
        e.path = path;
        e.type = glue_type(archive_entry_filetype(ae));
        e.mode = (uint32_t)archive_entry_perm(ae) & 07777;
        e.uid = (uint32_t)archive_entry_uid(ae);
        e.gid = (uint32_t)archive_entry_gid(ae);
        e.mtime = archive_entry_mtime(ae);
        e.rdev_major = (uint32_t)archive_entry_rdevmajor(ae);
        e.rdev_minor = (uint32_t)archive_entry_rdevminor(ae);
        e.offset = pos > 0 ? (uint64_t)pos : 0;
        if (archive_entry_hardlink(ae) != NULL) {
            e.type = EX_HARDLINK;
            e.link = archive_entry_hardlink(ae);
        } else if (e.type == EX_SYMLINK) {
            e.link = archive_entry_symlink(ae);
        }
        if (e.type == EX_HARDLINK && archive_entry_size_is_set(ae) &&
            archive_entry_size(ae) > 0) {
            /* newc/crc cpio store a link set's data with its last name:
             * the data belongs to the first name, emitted empty before. */
            struct ex_entry te = e;

            te.type = EX_FILE;
            te.path = e.link;
            te.link = NULL;
            rc = glue_file(c, in, a, ae, &te);
            if (rc == ASSAY_OK)
                rc = ex_emit_entry(c, &e);
        } else if (e.type == EX_FILE) {
            rc = glue_file(c, in, a, ae, &e);
        } else {
            rc = ex_emit_entry(c, &e);
        }
        if (rc == ASSAY_OK)
            rc = glue_xattrs(c, ae);
        if (rc == ASSAY_E_CORRUPT) {
            rc = ASSAY_OK; /* refused entry: diagnosed, go on */
            continue;
        }
        if (rc != ASSAY_OK)
            break;
    }
    if (rc == ASSAY_OK || rc == ASSAY_E_LIMIT) {
        int64_t used = archive_filter_bytes(a, -1);

        if (used > 0)
            ex_set_consumed(c, (uint64_t)used);
    }
    archive_read_free(a);
    return rc;
}
