/* SPDX-License-Identifier: Apache-2.0 */
/*
 * squashfs-vendor extractor: the real 2.x/3.x/AVM samples of the shared
 * corpus (both byte orders, zlib and vendor LZMA), a version 4 image with
 * TP-Link style 5-byte LZMA headers built here, bids against standard
 * images, and damaged copies.
 */
#include "assay_config.h"

#include <lzma.h>
#include <unistd.h>

#include <sys/stat.h>

#include "ex_record.h"
#include "t_tool.h"
#include "test.h"

extern const struct assay_extractor ex_squashfs_vendor;

static uint8_t *
sample(const char *name, size_t *len)
{
    char rel[256];

    snprintf(rel, sizeof(rel), "formats/fact_extractor/%s", name);
    return t_corpus(rel, len);
}

/* Show the extractor's diagnostics when an assertion is about to fail. */
static void
print_diags(struct assay_session *s)
{
    struct assay_report *rep = assay_session_report(s);

    for (size_t i = 0; i < assay_report_diag_count(rep); i++)
        print_message("diag: %s\n", assay_report_diag(rep, i)->message);
}

/* The fact_extractor samples all hold the same three files. */
static void
check_sample(const char *name, bool want_ids)
{
    struct assay_session *s = assay_session_new(NULL);
    struct ex_record r;
    const struct ex_rec_item *dir;
    uint64_t blen = 0;
    size_t len;
    uint8_t *d = sample(name, &len);

    assert_non_null(s);
    if (d == NULL) {
        assay_session_free(s);
        skip();
    }
    assert_true(ex_squashfs_vendor.bid(d, len, &blen) > 0);
    assert_true(blen > 0 && blen <= len);
    ex_record_run(s, &ex_squashfs_vendor, d, len, &r);
    print_diags(s);
    assert_int_equal(r.rc, ASSAY_OK);
    assert_int_equal(r.warnings, 0);
    assert_int_equal(r.n, 4);
    assert_true(ex_record_generic_ok(&r));
    dir = ex_record_find(&r, "generic folder");
    assert_non_null(dir);
    assert_int_equal(dir->e.type, ASSAY_NODE_DIR);
    assert_int_equal(dir->e.mode, 0755);
    assert_int_equal(ex_record_find(&r, "testfile1")->e.mode, 0644);
    if (want_ids) {
        assert_int_equal(dir->e.uid, 1000);
        assert_int_equal(dir->e.gid, 1000);
    }
    assert_true(ex_record_find(&r, "testfile1")->e.mtime > 1700000000);
    ex_record_free(&r);
    free(d);
    assay_session_free(s);
}

static void
test_v3_zlib_le(void **state)
{
    (void)state;
    check_sample("squashfs_zlib_le.sqfs3", true);
}

static void
test_v3_zlib_be(void **state)
{
    (void)state;
    check_sample("squashfs_zlib_be.sqfs3", true);
}

static void
test_v3_lzma_le(void **state)
{
    (void)state;
    check_sample("squashfs_lzma1_le.sqfs3", true);
}

static void
test_v3_lzma_be(void **state)
{
    (void)state;
    check_sample("squashfs_lzma1_be.sqfs3", true);
}

static void
test_v2_lzma_le(void **state)
{
    (void)state;
    check_sample("squashfs_lzma_le.sqfs2", true);
}

static void
test_v2_lzma_be(void **state)
{
    (void)state;
    check_sample("squashfs_lzma_be.sqfs2", true);
}

static void
test_v4_avm_be(void **state)
{
    (void)state;
    check_sample("squashfs_avm_be.sqfs4", true);
}

/* Standard little-endian version 4 images are libsquashfs's. */
static void
test_bid_leaves_standard(void **state)
{
    static const char *const std[] = {"squashfs_gzip.sqfs",
        "squashfs_lzma.sqfs", "squashfs_xz.sqfs", "squashfs_avm_le.sqfs4",
        "squashfs_zstd.sqfs", "squashfs_lzo.sqfs"};

    (void)state;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(std); i++) {
        size_t len;
        uint64_t blen;
        uint8_t *d = sample(std[i], &len);

        if (d == NULL)
            skip();
        assert_int_equal(ex_squashfs_vendor.bid(d, len, &blen), 0);
        free(d);
    }
}

/* ---- a version 4 image with TP-Link style LZMA, written here ---------- */

struct img {
    uint8_t d[65536]; /* image bytes */
    size_t n;         /* used */
};

static void
put(struct img *m, const void *p, size_t n)
{
    assert_true(m->n + n <= sizeof(m->d));
    memcpy(m->d + m->n, p, n);
    m->n += n;
}

static void
put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void
put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)v);
    put16(p + 2, (uint16_t)(v >> 16));
}

static void
put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

/*
 * Vendor LZMA of src: style 0 = 5-byte header (properties 0x5d and a
 * 64 KiB dictionary, as in TP-Link/Broadcom SDKs) then a raw LZMA1
 * stream; style 1 = the bare stream.
 */
static size_t
vendor_lzma(int style, const uint8_t *src, size_t n, uint8_t *dst, size_t cap)
{
    lzma_stream z = LZMA_STREAM_INIT;
    lzma_options_lzma opt;
    lzma_filter f[2] = {{LZMA_FILTER_LZMA1, &opt}, {LZMA_VLI_UNKNOWN, NULL}};
    size_t hdr = style == 0 ? 5 : 0;

    assert_false(lzma_lzma_preset(&opt, 6));
    opt.dict_size = 1u << 16;
    assert_int_equal(lzma_raw_encoder(&z, f), LZMA_OK);
    if (style == 0) {
        dst[0] = 0x5d;
        put32(dst + 1, opt.dict_size);
    }
    z.next_in = src;
    z.avail_in = n;
    z.next_out = dst + hdr;
    z.avail_out = cap - hdr;
    assert_int_equal(lzma_code(&z, LZMA_FINISH), LZMA_STREAM_END);
    lzma_end(&z);
    return cap - z.avail_out;
}

/* Append a compressed metadata block holding raw[0..n). */
static void
put_meta(struct img *m, int style, const uint8_t *raw, size_t n)
{
    uint8_t blk[9000];
    uint8_t hdr[2];
    size_t len = vendor_lzma(style, raw, n, blk, sizeof(blk));

    put16(hdr, (uint16_t)len);
    put(m, hdr, 2);
    put(m, blk, len);
}

static void
inode_head(uint8_t *p, uint16_t type, uint16_t mode, uint16_t uid, uint16_t gid,
    uint32_t ino)
{
    put16(p, type);
    put16(p + 2, mode);
    put16(p + 4, uid);
    put16(p + 6, gid);
    put32(p + 8, 1500000000u);
    put32(p + 12, ino);
}

/* A root with a 3000-byte file, a symlink and a character device. */
static void
build_vendor_v4(int style, struct img *m, uint8_t *content, size_t clen)
{
    static const char *const names[] = {"a.txt", "link", "tty"};
    static const uint16_t types[] = {2, 3, 5};
    static const uint16_t offs[] = {0, 36, 65};
    uint8_t sb[96] = {0};
    uint8_t blk[9000];
    uint8_t it[128] = {0};
    uint8_t dt[128] = {0};
    uint8_t ids[8];
    uint8_t idx[8];
    size_t dn = 12, blen;
    uint64_t inode_start, dir_start, id_block;

    for (size_t i = 0; i < clen; i++)
        content[i] = (uint8_t)("assay squashfs vendor lzma\n"[i % 27]);
    m->n = 0;
    put(m, sb, sizeof(sb));
    blen = vendor_lzma(style, content, clen, blk, sizeof(blk));
    put(m, blk, blen);
    /* inodes: file @0, symlink @36, chardev @65, root @89 */
    inode_head(it, 2, 0644, 0, 1, 2);
    put32(it + 16, 96);
    put32(it + 20, 0xffffffffu);
    put32(it + 28, (uint32_t)clen);
    put32(it + 32, (uint32_t)blen);
    inode_head(it + 36, 3, 0777, 1, 1, 3);
    put32(it + 36 + 16, 1);
    put32(it + 36 + 20, 5);
    memcpy(it + 36 + 24, "a.txt", 5);
    inode_head(it + 65, 5, 0620, 1, 0, 4);
    put32(it + 65 + 16, 1);
    put32(it + 65 + 20, (4u << 8) | 1u);
    /* directory listing: one header, three entries */
    put32(dt, 2);
    put32(dt + 4, 0);
    put32(dt + 8, 2);
    for (size_t i = 0; i < 3; i++) {
        size_t nl = strlen(names[i]);

        put16(dt + dn, offs[i]);
        put16(dt + dn + 2, (uint16_t)i);
        put16(dt + dn + 4, types[i]);
        put16(dt + dn + 6, (uint16_t)(nl - 1));
        memcpy(dt + dn + 8, names[i], nl);
        dn += 8 + nl;
    }
    inode_head(it + 89, 1, 0755, 1, 1, 1);
    put32(it + 89 + 16, 0);
    put32(it + 89 + 20, 2);
    put16(it + 89 + 24, (uint16_t)(dn + 3));
    put16(it + 89 + 26, 0);
    put32(it + 89 + 28, 5);
    inode_start = m->n;
    put_meta(m, style, it, 121);
    dir_start = m->n;
    put_meta(m, style, dt, dn);
    put32(ids, 1000);
    put32(ids + 4, 0);
    id_block = m->n;
    put_meta(m, style, ids, 8);
    put64(idx, id_block);
    put(m, idx, 8);
    memcpy(sb, "hsqs", 4);
    put32(sb + 4, 4);
    put32(sb + 12, 1u << 17);
    put16(sb + 20, 2);
    put16(sb + 22, 17);
    put16(sb + 26, 2);
    put16(sb + 28, 4);
    put64(sb + 32, 89);
    put64(sb + 40, m->n);
    put64(sb + 48, m->n - 8);
    put64(sb + 56, UINT64_MAX);
    put64(sb + 64, inode_start);
    put64(sb + 72, dir_start);
    put64(sb + 80, UINT64_MAX);
    put64(sb + 88, UINT64_MAX);
    memcpy(m->d, sb, sizeof(sb));
}

/* With ASSAY_SEED_DIR set, keep built images as fuzz seeds. */
static void
save_seed(const char *name, const uint8_t *d, size_t n)
{
    const char *dir = getenv("ASSAY_SEED_DIR");
    char path[1024];

    if (dir == NULL)
        return;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    assert_int_equal(t_write_file(path, d, n), 0);
}

static void
check_vendor_v4(int style)
{
    static struct img m;
    uint8_t content[3000];
    struct assay_session *s = assay_session_new(NULL);
    struct ex_record r;
    const struct ex_rec_item *it;
    uint64_t blen;

    build_vendor_v4(style, &m, content, sizeof(content));
    save_seed(style == 0 ? "v4-lzma5" : "v4-lzma-bare", m.d, m.n);
    assert_int_equal(ex_squashfs_vendor.bid(m.d, m.n, &blen), 88);
    assert_int_equal(blen, m.n);
    ex_record_run(s, &ex_squashfs_vendor, m.d, m.n, &r);
    print_diags(s);
    assert_int_equal(r.rc, ASSAY_OK);
    assert_int_equal(r.warnings, 0);
    assert_int_equal(r.n, 3);
    it = ex_record_find(&r, "a.txt");
    assert_non_null(it);
    assert_int_equal(it->len, sizeof(content));
    assert_memory_equal(it->data, content, sizeof(content));
    assert_int_equal(it->e.uid, 1000);
    assert_int_equal(it->e.gid, 0);
    assert_int_equal(it->e.mode, 0644);
    assert_int_equal(it->e.mtime, 1500000000);
    it = ex_record_find(&r, "link");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_SYMLINK);
    assert_string_equal(it->e.link, "a.txt");
    it = ex_record_find(&r, "tty");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_CHARDEV);
    assert_int_equal(it->e.rdev_major, 4);
    assert_int_equal(it->e.rdev_minor, 1);
    assert_int_equal(it->e.mode, 0620);
    ex_record_free(&r);
    assay_session_free(s);
}

static void
test_v4_lzma_5byte_header(void **state)
{
    (void)state;
    check_vendor_v4(0);
}

static void
test_v4_lzma_bare(void **state)
{
    (void)state;
    check_vendor_v4(1);
}

/* ---- a standard image from mksquashfs: full metadata of the v4 path ---- */

/*
 * mksquashfs writes standard LZMA (bid 0: libsquashfs's job), but run()
 * reads any version 4 image, so the tool's hard link, symlink, device,
 * setuid and id table land here as ground truth.
 */
static void
test_v4_mksquashfs_metadata(void **state)
{
    char dir[] = "/tmp/assay-sqv-XXXXXX";
    char path[256], img[256];
    static uint8_t big[300000];
    const char *argv[] = {"mksquashfs", NULL, img, "-comp", "lzma", "-noappend",
        "-quiet", "-all-time", "1600000000", "-p", "dev/tty0 c 620 0 5 4 0",
        "-p", "a.txt m 4755 1000 1001", NULL};
    struct assay_session *s = assay_session_new(NULL);
    struct ex_record r;
    const struct ex_rec_item *it;
    uint8_t *d;
    size_t len;
    uint64_t blen;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/root", dir);
    argv[1] = path;
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof(path), "%s/root/dev", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof(path), "%s/root/sub", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (uint8_t)((i * 2654435761u) >> 13);
    snprintf(path, sizeof(path), "%s/root/sub/big.bin", dir);
    assert_int_equal(t_write_file(path, big, sizeof(big)), 0);
    snprintf(path, sizeof(path), "%s/root/a.txt", dir);
    assert_int_equal(t_write_file(path, "hello world\n", 12), 0);
    snprintf(img, sizeof(img), "%s/root/sub/hard.txt", dir);
    assert_int_equal(link(path, img), 0);
    snprintf(img, sizeof(img), "%s/root/sub/link", dir);
    assert_int_equal(symlink("../a.txt", img), 0);
    snprintf(img, sizeof(img), "%s/img.sqfs", dir);
    snprintf(path, sizeof(path), "%s/root", dir);
    if (t_run_tool(argv) != 0) {
        assay_session_free(s);
        skip(); /* mksquashfs (squashfs-tools) not installed */
    }
    d = t_slurp(img, &len);
    assert_non_null(d);
    assert_int_equal(ex_squashfs_vendor.bid(d, len, &blen), 0);
    ex_record_run(s, &ex_squashfs_vendor, d, len, &r);
    print_diags(s);
    assert_int_equal(r.rc, ASSAY_OK);
    assert_int_equal(r.warnings, 0);
    it = ex_record_find(&r, "a.txt");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_FILE);
    assert_int_equal(it->e.mode, 04755);
    assert_int_equal(it->e.uid, 1000);
    assert_int_equal(it->e.gid, 1001);
    assert_int_equal(it->e.mtime, 1600000000);
    assert_int_equal(it->len, 12);
    assert_memory_equal(it->data, "hello world\n", 12);
    it = ex_record_find(&r, "sub/hard.txt");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_HARDLINK);
    assert_string_equal(it->e.link, "a.txt");
    it = ex_record_find(&r, "sub/link");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_SYMLINK);
    assert_string_equal(it->e.link, "../a.txt");
    it = ex_record_find(&r, "dev/tty0");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_CHARDEV);
    assert_int_equal(it->e.rdev_major, 4);
    assert_int_equal(it->e.rdev_minor, 0);
    assert_int_equal(it->e.gid, 5);
    it = ex_record_find(&r, "sub/big.bin");
    assert_non_null(it);
    assert_int_equal(it->len, sizeof(big));
    assert_memory_equal(it->data, big, sizeof(big));
    ex_record_free(&r);
    free(d);
    assay_session_free(s);
    t_rmdir(dir);
}

/* ---- hostile input ------------------------------------------------------ */

static void
test_damaged(void **state)
{
    static const char *const names[] = {"squashfs_zlib_be.sqfs3",
        "squashfs_lzma1_le.sqfs3", "squashfs_lzma_be.sqfs2",
        "squashfs_avm_be.sqfs4"};
    static struct img m;
    uint8_t content[3000];

    (void)state;
    build_vendor_v4(0, &m, content, sizeof(content));
    ex_record_mangle(&ex_squashfs_vendor, m.d, m.n, 3);
    assert_true(ex_record_torture(&ex_squashfs_vendor, m.d, m.n, 5000) > 0);
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(names); i++) {
        size_t len;
        uint8_t *d = sample(names[i], &len);

        if (d == NULL)
            continue;
        ex_record_mangle(&ex_squashfs_vendor, d, len > 1024 ? 1024 : len, 5);
        free(d);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v3_zlib_le),
        cmocka_unit_test(test_v3_zlib_be),
        cmocka_unit_test(test_v3_lzma_le),
        cmocka_unit_test(test_v3_lzma_be),
        cmocka_unit_test(test_v2_lzma_le),
        cmocka_unit_test(test_v2_lzma_be),
        cmocka_unit_test(test_v4_avm_be),
        cmocka_unit_test(test_bid_leaves_standard),
        cmocka_unit_test(test_v4_lzma_5byte_header),
        cmocka_unit_test(test_v4_lzma_bare),
        cmocka_unit_test(test_v4_mksquashfs_metadata),
        cmocka_unit_test(test_damaged),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
