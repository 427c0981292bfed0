/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The unpacking engine's tree, on archives built in memory with
 * libarchive's writer: path refusal (".." escapes, entries below a
 * symlink), symlink resolution inside one file system (relative and
 * absolute targets, intermediate links, loops bounded, targets above the
 * root give NULL), canonical order across runs, limits, the region map of
 * a carved blob, the writer, and the lzop header parser.
 */
#define _GNU_SOURCE 1
#include <archive.h>
#include <archive_entry.h>
#include <ftw.h>
#include <unistd.h>
#include <zlib.h>

#include <sys/stat.h>

#include "extract/stream_private.h"
#include "test.h"

struct t_ent {
    const char *path;
    unsigned type;    /* AE_IFREG, AE_IFDIR, AE_IFLNK */
    const char *data; /* file contents or link target */
    unsigned mode;
};

static const struct t_ent t_ents[] = {
    {"etc", AE_IFDIR, NULL, 0755},
    {"etc/passwd", AE_IFREG, "root:x:0:0::/root:/bin/sh\n", 0644},
    {"bin/busybox", AE_IFREG, "\177ELF-not-really", 04755},
    {"bin/sh", AE_IFLNK, "busybox", 0777},
    {"etc/l1", AE_IFLNK, "l2", 0777},
    {"etc/l2", AE_IFLNK, "l1", 0777},
    {"up", AE_IFLNK, "../../../etc/passwd", 0777},
    {"abs", AE_IFLNK, "/etc/passwd", 0777},
    {"d/f", AE_IFREG, "inside d\n", 0600},
    {"dl", AE_IFLNK, "d", 0777},
    {"../evil", AE_IFREG, "escaped\n", 0644},
    {"dl/smuggled", AE_IFREG, "below a link\n", 0644},
    {"./x/./y//z", AE_IFREG, "normalised\n", 0644},
};

/* A ustar archive of t_ents in a heap buffer (free()). */
static void *
t_make_tar(size_t *len)
{
    size_t cap = 1 << 20, used = 0;
    void *buf = malloc(cap);
    struct archive *a = archive_write_new();

    assert_non_null(buf);
    assert_int_equal(archive_write_set_format_pax_restricted(a), ARCHIVE_OK);
    assert_int_equal(archive_write_open_memory(a, buf, cap, &used), ARCHIVE_OK);
    for (size_t i = 0; i < sizeof(t_ents) / sizeof(t_ents[0]); i++) {
        struct archive_entry *e = archive_entry_new();
        const struct t_ent *t = &t_ents[i];

        archive_entry_set_pathname(e, t->path);
        archive_entry_set_filetype(e, t->type);
        archive_entry_set_perm(e, t->mode);
        archive_entry_set_uid(e, 1000);
        if (t->type == AE_IFLNK)
            archive_entry_set_symlink(e, t->data);
        if (t->type == AE_IFREG)
            archive_entry_set_size(e, (la_int64_t)strlen(t->data));
        assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
        if (t->type == AE_IFREG)
            assert_int_equal(archive_write_data(a, t->data, strlen(t->data)),
                (la_ssize_t)strlen(t->data));
        archive_entry_free(e);
    }
    assert_int_equal(archive_write_close(a), ARCHIVE_OK);
    archive_write_free(a);
    *len = used;
    return buf;
}

/* gzip 'in' into 'out' (cap bytes); returns the length. */
static size_t
t_gzip(const void *in, size_t len, uint8_t *out, size_t cap)
{
    z_stream zs;
    size_t n;

    memset(&zs, 0, sizeof(zs));
    assert_int_equal(
        deflateInit2(&zs, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
    zs.next_in = (Bytef *)(uintptr_t)in;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    n = zs.total_out;
    deflateEnd(&zs);
    return n;
}

static const struct assay_node *
t_fs(const struct assay_tree *t)
{
    const struct assay_node *fs = assay_node_child(assay_tree_root(t));

    assert_non_null(fs);
    assert_int_equal(assay_node_type(fs), ASSAY_NODE_CONTAINER);
    assert_true(assay_node_is_fs_root(fs));
    return fs;
}

static void
test_lookup(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_tree *t = NULL;
    const struct assay_node *fs, *n, *pw, *bb;
    size_t len, dlen;
    void *tar = t_make_tar(&len);
    const uint8_t *data;

    (void)state;
    assert_int_equal(assay_extract_mem(s, "t.tar", tar, len, &t), ASSAY_OK);
    fs = t_fs(t);
    assert_string_equal(assay_node_format(fs), "tar");
    assert_string_equal(assay_node_container(fs), "t.tar > tar@0x0");

    pw = assay_node_lookup(fs, "/etc/passwd", false);
    assert_non_null(pw);
    assert_string_equal(assay_node_path(pw), "/etc/passwd");
    assert_ptr_equal(assay_node_fs_root(pw), fs);
    data = assay_node_data(pw, &dlen);
    assert_int_equal(dlen, strlen(t_ents[1].data));
    assert_memory_equal(data, t_ents[1].data, dlen);
    /* Stored plainly in the input: a view, not a copy. */
    assert_true(
        data > (const uint8_t *)tar && data < (const uint8_t *)tar + len);

    bb = assay_node_lookup(fs, "/bin/busybox", false);
    assert_non_null(bb);
    assert_int_equal(assay_node_mode(bb), 04755);
    assert_int_equal(assay_node_uid(bb), 1000);
    /* bin/ was never emitted: an implicit folder. */
    n = assay_node_lookup(fs, "/bin", false);
    assert_non_null(n);
    assert_int_equal(assay_node_type(n), ASSAY_NODE_DIR);

    n = assay_node_lookup(fs, "/bin/sh", false);
    assert_int_equal(assay_node_type(n), ASSAY_NODE_SYMLINK);
    assert_string_equal(assay_node_link(n), "busybox");
    assert_ptr_equal(assay_node_lookup(fs, "/bin/sh", true), bb);
    assert_ptr_equal(assay_node_lookup(fs, "/abs", true), pw);
    assert_ptr_equal(assay_node_lookup(fs, "/dl/f", false),
        assay_node_lookup(fs, "/d/f", false));
    /* Relative to a node, through "..". */
    assert_ptr_equal(assay_node_lookup(pw, "../bin/./busybox", false), bb);
    assert_ptr_equal(assay_node_lookup(pw, "passwd", false), pw);
    /* A loop ends after the link bound; a target above the root is
     * outside this file system. */
    assert_null(assay_node_lookup(fs, "/etc/l1", true));
    assert_non_null(assay_node_lookup(fs, "/etc/l1", false));
    assert_null(assay_node_lookup(fs, "/up", true));
    assert_null(assay_node_lookup(fs, "/../etc/passwd", false));
    assert_null(assay_node_lookup(fs, "/nope", false));
    /* Refused entries, with diagnostics. */
    assert_null(assay_node_lookup(fs, "/evil", false));
    assert_true(t_has_diag(s, "'../evil' escapes the root", 0));
    assert_null(assay_node_lookup(fs, "/d/smuggled", false));
    assert_true(t_has_diag(s, "which is not a folder", 0));
    assert_non_null(assay_node_lookup(fs, "/x/y/z", false));

    assay_session_free(s);
    free(tar);
}

static void
test_canonical_order(void **state)
{
    size_t len;
    void *tar = t_make_tar(&len);
    struct assay_session *s1 = assay_session_new(NULL);
    struct assay_session *s2 = assay_session_new(NULL);
    struct assay_tree *t1, *t2;
    const char *prev = "";

    (void)state;
    assert_int_equal(assay_extract_mem(s1, "t", tar, len, &t1), ASSAY_OK);
    assert_int_equal(assay_extract_mem(s2, "t", tar, len, &t2), ASSAY_OK);
    assert_int_equal(assay_tree_node_count(t1), assay_tree_node_count(t2));
    for (size_t i = 0; i < assay_tree_node_count(t1); i++) {
        const struct assay_node *a = assay_tree_node(t1, i);
        const struct assay_node *b = assay_tree_node(t2, i);

        assert_string_equal(assay_node_path(a), assay_node_path(b));
        assert_string_equal(assay_node_container(a), assay_node_container(b));
    }
    /* Siblings are name-sorted. */
    for (const struct assay_node *n = assay_node_child(t_fs(t1)); n != NULL;
         n = assay_node_next(n)) {
        assert_true(strcmp(prev, assay_node_name(n)) < 0);
        prev = assay_node_name(n);
    }
    assay_session_free(s1);
    assay_session_free(s2);
    free(tar);
}

static void
test_node_limit(void **state)
{
    struct assay_limits lim = {.max_nodes = 5};
    struct assay_session *s = assay_session_new(&lim);
    struct assay_tree *t = NULL;
    size_t len;
    void *tar = t_make_tar(&len);

    (void)state;
    assert_int_equal(assay_extract_mem(s, "t", tar, len, &t), ASSAY_E_LIMIT);
    assert_non_null(t);
    assert_true(assay_tree_node_count(t) <= 5);
    assert_true(t_has_diag(s, "node limit 5 reached", 0));
    assay_session_free(s);
    free(tar);
}

static void
test_regions(void **state)
{
    static const char text[] = "carve me, carve me, carve me, carve me\n";
    uint8_t blob[3 * 8192];
    size_t zlen;
    uint8_t z[4096];
    struct assay_session *s = assay_session_new(NULL);
    struct assay_tree *t = NULL;
    const struct assay_region *r;

    (void)state;
    /* 8 KiB zeros, a gzip member, then text: padding, gzip, unknown. */
    zlen = t_gzip(text, sizeof(text) - 1, z, sizeof(z));
    memset(blob, 0, sizeof(blob));
    memcpy(blob + 8192, z, zlen);
    for (size_t i = 8192 + zlen; i < sizeof(blob); i++)
        blob[i] = (uint8_t)("abcdefgh"[i % 8]);
    assert_int_equal(
        assay_extract_mem(s, "b", blob, sizeof(blob), &t), ASSAY_OK);
    /* gzip payloads under 1 KiB are kept: the stream ended cleanly. */
    assert_int_equal(assay_tree_region_count(t), 4);
    r = assay_tree_region(t, 0);
    assert_int_equal(r->kind, ASSAY_REGION_PADDING);
    assert_int_equal(r->size, 8192);
    r = assay_tree_region(t, 1);
    assert_int_equal(r->kind, ASSAY_REGION_FORMAT);
    assert_string_equal(r->format, "gzip");
    assert_int_equal(r->offset, 8192);
    assert_int_equal(r->size, zlen);
    r = assay_tree_region(t, 2);
    assert_int_equal(r->kind, ASSAY_REGION_UNKNOWN);
    assert_true(r->entropy > 2.9 && r->entropy < 3.1); /* 8 symbols */
    /* The payload's own blob is one unknown region. */
    r = assay_tree_region(t, 3);
    assert_string_equal(r->blob, "b > gzip@0x2000");
    assay_session_free(s);
}

static int
t_rm(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static void
test_write(void **state)
{
    char dir[] = "/tmp/assay-test-XXXXXX";
    char path[512], buf[64];
    struct assay_session *s = assay_session_new(NULL);
    struct assay_tree *t = NULL;
    struct stat st;
    size_t len;
    void *tar = t_make_tar(&len);
    ssize_t n;

    (void)state;
    assert_non_null(mkdtemp(dir));
    assert_int_equal(assay_extract_mem(s, "t", tar, len, &t), ASSAY_OK);
    snprintf(path, sizeof(path), "%s/out", dir);
    assert_int_equal(assay_tree_write(s, t, path), ASSAY_OK);
    snprintf(path, sizeof(path), "%s/out/tar@0x0/bin/busybox", dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 04755);
    snprintf(path, sizeof(path), "%s/out/tar@0x0/up", dir);
    n = readlink(path, buf, sizeof(buf) - 1);
    assert_true(n > 0);
    buf[n] = '\0';
    assert_string_equal(buf, "../../../etc/passwd");
    snprintf(path, sizeof(path), "%s/out/.assay-manifest.json", dir);
    assert_int_equal(stat(path, &st), 0);
    /* Not empty any more: refused. */
    snprintf(path, sizeof(path), "%s/out", dir);
    assert_int_equal(assay_tree_write(s, t, path), ASSAY_E_IO);
    assert_int_equal(nftw(dir, t_rm, 16, FTW_DEPTH | FTW_PHYS), 0);
    assay_session_free(s);
    free(tar);
}

static void
test_lzop_header(void **state)
{
    /* lzop 1.04 header of "hello" (method 1, level 5, flags 0x03000001). */
    static const uint8_t hdr[] = {0x89, 'L', 'Z', 'O', 0, 0x0d, 0x0a, 0x1a,
        0x0a, 0x10, 0x40, 0x20, 0xa0, 0x09, 0x40, 0x01, 0x05, 0x03, 0x00, 0x00,
        0x01, 0x00, 0x00, 0x81, 0xa4, 0x5f, 0x5e, 0x10, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x05, 'h', 'e', 'l', 'l', 'o'};
    uint8_t buf[sizeof(hdr) + 4];
    struct lzop_header h;
    uint32_t sum = (uint32_t)adler32(1, hdr + 9, sizeof(hdr) - 9);

    (void)state;
    memcpy(buf, hdr, sizeof(hdr));
    buf[sizeof(hdr)] = (uint8_t)(sum >> 24);
    buf[sizeof(hdr) + 1] = (uint8_t)(sum >> 16);
    buf[sizeof(hdr) + 2] = (uint8_t)(sum >> 8);
    buf[sizeof(hdr) + 3] = (uint8_t)sum;
    assert_int_equal(extract_lzop_header(buf, sizeof(buf), &h), ASSAY_OK);
    assert_int_equal(h.method, 1);
    assert_string_equal(h.name, "hello");
    assert_int_equal(h.header_len, sizeof(buf));
    assert_int_equal(h.mode, 0100644);
    for (size_t cut = 0; cut < sizeof(buf); cut++)
        assert_int_not_equal(extract_lzop_header(buf, cut, &h), ASSAY_OK);
    buf[sizeof(hdr) + 3] ^= 1; /* header checksum */
    assert_int_equal(
        extract_lzop_header(buf, sizeof(buf), &h), ASSAY_E_CORRUPT);
}

/* Allocation-failure torture: fail the nth allocation and every one after
 * it; each run must end in a clean status (ASan checks for leaks). */
static void
test_alloc_failure(void **state)
{
    size_t tlen, len;
    void *tar = t_make_tar(&tlen);
    uint8_t *gz = malloc(tlen + 1024);
    bool finished = false;
    unsigned nomem = 0;

    (void)state;
    assert_non_null(gz);
    /* The gzip'd tar: stream output, payload carving and the archive. */
    len = t_gzip(tar, tlen, gz, tlen + 1024);
    for (uint64_t nth = 1; nth < 5000 && !finished; nth++) {
        struct assay_session *s = assay_session_new(NULL);
        struct assay_tree *t = NULL;
        enum assay_status rc;

        assert_non_null(s);
        assay_alloc_fail_at(nth);
        rc = assay_extract_mem(s, "t.tar.gz", gz, len, &t);
        assay_alloc_fail_at(0);
        assert_true(
            rc == ASSAY_OK || rc == ASSAY_E_NOMEM || rc == ASSAY_E_LIMIT);
        nomem += rc == ASSAY_E_NOMEM;
        if (rc == ASSAY_OK) {
            assert_non_null(t);
            /* Succeeded despite the failure point: past the last one? */
            const struct assay_node *g = t_fs(t);

            finished = assay_node_child(g) != NULL &&
                       assay_node_lookup(
                           assay_node_child(g), "/etc/passwd", false) != NULL;
        }
        assay_session_free(s);
    }
    assert_true(finished);
    print_message("%u injected failures ended in ASSAY_E_NOMEM\n", nomem);
    assert_true(nomem >= 5);
    free(gz);
    free(tar);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_canonical_order),
        cmocka_unit_test(test_node_limit),
        cmocka_unit_test(test_regions),
        cmocka_unit_test(test_write),
        cmocka_unit_test(test_lzop_header),
        cmocka_unit_test(test_alloc_failure),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
