/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The check runner through the public API on a root file system built
 * here as a tar in memory (libarchive): one and two worker threads give
 * byte-identical reports, --only/--skip select by id and by prefix and
 * reject unknown ids, and the target carries the input's SHA-256 and
 * the tree's counts.
 */
#include <archive.h>
#include <archive_entry.h>

#include <openssl/evp.h>

#include "check/check_private.h"
#include "test.h"

static unsigned char image[64 << 10];
static size_t image_len;

static void
add(struct archive *a, const char *path, const char *text, unsigned mode)
{
    struct archive_entry *e = archive_entry_new();

    archive_entry_set_pathname(e, path);
    archive_entry_set_mtime(e, 1700000000, 0);
    if (text == NULL) {
        archive_entry_set_filetype(e, AE_IFDIR);
        archive_entry_set_perm(e, 0755);
    } else {
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, mode);
        archive_entry_set_size(e, (la_int64_t)strlen(text));
    }
    assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
    if (text != NULL)
        assert_int_equal(archive_write_data(a, text, strlen(text)),
            (la_ssize_t)strlen(text));
    archive_entry_free(e);
}

static int
setup(void **state)
{
    struct archive *a = archive_write_new();

    (void)state;
    archive_write_set_format_pax_restricted(a);
    if (archive_write_open_memory(a, image, sizeof(image), &image_len) !=
        ARCHIVE_OK)
        return 1;
    add(a, "bin", NULL, 0);
    add(a, "etc", NULL, 0);
    add(a, "etc/init.d", NULL, 0);
    add(a, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644);
    /* the TP-Link WR841N root hash: MD5-crypt of "sohoadmin" */
    add(a, "etc/shadow",
        "root:$1$GTN.gpri$DlSyKvZKMR9A9Uj9e9wR3/:15502:0:99999:7:::\n", 0600);
    add(a, "etc/inittab", "::sysinit:/etc/init.d/rcS\n", 0644);
    add(a, "etc/init.d/rcS", "#!/bin/sh\ntelnetd -l /bin/sh\n", 0755);
    add(a, "etc/world.conf", "x=1\n", 0666);
    archive_write_close(a);
    archive_write_free(a);
    return image_len == 0;
}

/* Unpack the image, scan it with 'o', write JSON into *json. */
static enum assay_status
scan(const struct assay_scan_opts *o, char **json, struct assay_session **keep)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_tree *t = NULL;
    struct t_out out = {0};
    enum assay_status rc;

    assert_non_null(s);
    assert_int_equal(
        assay_extract_mem(s, "rootfs.tar", image, image_len, &t), ASSAY_OK);
    assert_int_equal(assay_scan_target(s, t, "rootfs.tar"), ASSAY_OK);
    rc = assay_scan_tree(s, t, o);
    if (rc == ASSAY_OK && json != NULL) {
        assert_int_equal(assay_report_write(assay_session_report(s), "json",
                             NULL, t_out_sink, &out),
            ASSAY_OK);
        *json = out.data;
    }
    if (keep != NULL)
        *keep = s;
    else
        assay_session_free(s);
    return rc;
}

static bool
has_check(struct assay_session *s, const char *id)
{
    struct assay_report *r = assay_session_report(s);

    for (size_t i = 0; i < assay_report_finding_count(r); i++) {
        if (strcmp(assay_report_finding(r, i)->check, id) == 0)
            return true;
    }
    return false;
}

static void
test_threads_same_report(void **state)
{
    struct assay_scan_opts one = {.threads = 1}, two = {.threads = 2};
    char *a = NULL, *b = NULL;

    (void)state;
    assert_int_equal(scan(&one, &a, NULL), ASSAY_OK);
    assert_int_equal(scan(&two, &b, NULL), ASSAY_OK);
    assert_non_null(strstr(a, "'sohoadmin'"));
    assert_non_null(strstr(a, "\"FW-SVC-002\""));
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void
test_selection(void **state)
{
    struct assay_scan_opts o = {.only = "fw-cred-*,FW-PRIV-003"};
    struct assay_session *s = NULL;

    (void)state;
    assert_int_equal(scan(&o, NULL, &s), ASSAY_OK);
    assert_true(has_check(s, "FW-CRED-001"));
    assert_true(has_check(s, "FW-PRIV-003"));
    assert_false(has_check(s, "FW-SVC-002"));
    assay_session_free(s);

    o.only = NULL;
    o.skip = "FW-CRED-001,FW-SVC-*";
    assert_int_equal(scan(&o, NULL, &s), ASSAY_OK);
    assert_false(has_check(s, "FW-CRED-001"));
    assert_false(has_check(s, "FW-SVC-001"));
    assert_true(has_check(s, "FW-CRED-004"));
    assay_session_free(s);

    o.skip = "FW-CRED-001,FW-NOPE-9";
    assert_int_equal(scan(&o, NULL, &s), ASSAY_E_USAGE);
    assert_non_null(strstr(assay_session_errmsg(s), "'FW-NOPE-9'"));
    assay_session_free(s);
}

static void
test_target(void **state)
{
    struct assay_scan_opts o = {.only = "FW-PRIV-003"};
    struct assay_session *s = NULL;
    const struct assay_target *t;
    const struct assay_inventory *inv;
    unsigned char md[32];
    char hex[65];

    (void)state;
    assert_int_equal(scan(&o, NULL, &s), ASSAY_OK);
    t = assay_report_target(assay_session_report(s));
    assert_int_equal(
        EVP_Digest(image, image_len, md, NULL, EVP_sha256(), NULL), 1);
    assay_hex(md, 32, hex);
    assert_string_equal(t->sha256, hex);
    assert_int_equal(t->size, image_len);
    assert_string_equal(t->kind, "image");
    inv = assay_report_inventory(assay_session_report(s));
    assert_int_equal(inv->files, 5);
    assert_int_equal(inv->directories, 3);
    assay_session_free(s);
}

static void
test_info_table(void **state)
{
    struct assay_check_info ci;
    size_t n = 0;

    (void)state;
    while (assay_check_info(n, &ci)) {
        assert_string_equal(ci.id, check_registry_get(n)->id);
        n++;
    }
    assert_int_equal(n, check_registry_count());
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_same_report),
        cmocka_unit_test(test_selection),
        cmocka_unit_test(test_target),
        cmocka_unit_test(test_info_table),
    };

    return cmocka_run_group_tests(tests, setup, NULL);
}
