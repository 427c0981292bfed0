/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cramfs and romfs extractors: images built here with mkfs.cramfs
 * (util-linux; cramfsswap for big-endian) and genromfs from a tree with a
 * setuid file, a symlink, a hard link, a folder owned by 1000:1001 and
 * (as root) a character device; the fact_extractor samples; flipped and
 * truncated copies.
 */
#include "assay_config.h"

#include <unistd.h>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "ex_record.h"
#include "t_tool.h"
#include "test.h"

extern const struct assay_extractor ex_cramfs;
extern const struct assay_extractor ex_romfs;

#define LINE "assay cramfs line\n"

static char text[9000];
static bool have_dev;

static void
make_root(const char *dir)
{
    char p[192], q[192];

    for (size_t i = 0; i < sizeof(text); i++)
        text[i] = LINE[i % (sizeof(LINE) - 1)];
    snprintf(p, sizeof(p), "%s/root", dir);
    assert_int_equal(mkdir(p, 0755), 0);
    snprintf(p, sizeof(p), "%s/root/sub", dir);
    assert_int_equal(mkdir(p, 0750), 0);
    (void)chown(p, 1000, 1001);
    snprintf(p, sizeof(p), "%s/root/a.txt", dir);
    assert_int_equal(t_write_file(p, text, sizeof(text)), 0);
    assert_int_equal(chmod(p, 04755), 0);
    snprintf(q, sizeof(q), "%s/root/sub/hard.txt", dir);
    assert_int_equal(link(p, q), 0);
    snprintf(q, sizeof(q), "%s/root/link", dir);
    assert_int_equal(symlink("a.txt", q), 0);
    snprintf(q, sizeof(q), "%s/root/tty", dir);
    have_dev = mknod(q, S_IFCHR | 0620, makedev(4, 64)) == 0;
}

static void
check_common(const struct ex_record *r, bool romfs)
{
    const struct ex_rec_item *it = ex_record_find(r, "link");

    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_SYMLINK);
    assert_string_equal(it->e.link, "a.txt");
    it = ex_record_find(r, "sub");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_DIR);
    if (have_dev) {
        it = ex_record_find(r, "tty");
        assert_non_null(it);
        assert_int_equal(it->e.type, ASSAY_NODE_CHARDEV);
        assert_int_equal(it->e.rdev_major, 4);
        assert_int_equal(it->e.rdev_minor, 64);
    }
    /* Both names of the hard-linked file hold the text (romfs keeps
     * one of them as a hard link entry). */
    for (int k = 0; k < 2; k++) {
        it = ex_record_find(r, k ? "sub/hard.txt" : "a.txt");
        assert_non_null(it);
        if (romfs && it->e.type == ASSAY_NODE_HARDLINK)
            continue;
        assert_int_equal(it->e.type, ASSAY_NODE_FILE);
        assert_int_equal(it->len, sizeof(text));
        assert_memory_equal(it->data, text, sizeof(text));
    }
}

static void
test_cramfs_built(void **state)
{
    char dir[64], root[128], le[160], be[160];
    const char *mk[] = {"mkfs.cramfs", root, le, NULL};
    const char *sw[] = {"cramfsswap", le, be, NULL};

    (void)state;
    assert_non_null(t_tmpdir(dir, sizeof(dir)));
    make_root(dir);
    snprintf(root, sizeof(root), "%s/root", dir);
    snprintf(le, sizeof(le), "%s/le.cramfs", dir);
    snprintf(be, sizeof(be), "%s/be.cramfs", dir);
    if (t_run_tool(mk) != 0 || t_run_tool(sw) != 0) {
        t_rmdir(dir);
        skip(); /* util-linux or cramfsswap absent */
    }
    for (int k = 0; k < 2; k++) {
        struct assay_session *s = assay_session_new(NULL);
        struct ex_record r;
        const struct ex_rec_item *it;
        uint64_t blen;
        size_t len;
        uint8_t *d = t_slurp(k ? be : le, &len);

        assert_non_null(d);
        assert_int_equal(ex_cramfs.bid(d, len, &blen), 160);
        assert_int_equal(blen, len);
        ex_record_run(s, &ex_cramfs, d, len, &r);
        assert_int_equal(r.rc, ASSAY_OK);
        assert_int_equal(r.warnings, 0);
        check_common(&r, false);
        it = ex_record_find(&r, "a.txt");
        assert_int_equal(it->e.mode, 04755);
        it = ex_record_find(&r, "sub");
        assert_int_equal(it->e.mode, 0750);
        if (getuid() == 0) {
            assert_int_equal(it->e.uid, 1000);
            assert_int_equal(it->e.gid, 1001 & 0xff); /* cramfs: 8 bits */
        }
        ex_record_mangle(&ex_cramfs, d, len, 7);
        assert_true(ex_record_torture(&ex_cramfs, d, len, 5000) > 0);
        ex_record_free(&r);
        free(d);
        assay_session_free(s);
    }
    t_rmdir(dir);
}

static void
test_romfs_built(void **state)
{
    char dir[64], root[128], img[160];
    const char *mk[] = {"genromfs", "-d", root, "-f", img, "-V", "assay", NULL};
    struct assay_session *s;
    struct ex_record r;
    const struct ex_rec_item *a, *h;
    size_t len;
    uint8_t *d;

    (void)state;
    assert_non_null(t_tmpdir(dir, sizeof(dir)));
    make_root(dir);
    snprintf(root, sizeof(root), "%s/root", dir);
    snprintf(img, sizeof(img), "%s/r.romfs", dir);
    if (t_run_tool(mk) != 0) {
        t_rmdir(dir);
        skip(); /* genromfs absent */
    }
    d = t_slurp(img, &len);
    assert_non_null(d);
    s = assay_session_new(NULL);
    ex_record_run(s, &ex_romfs, d, len, &r);
    assert_int_equal(r.rc, ASSAY_OK);
    assert_int_equal(r.warnings, 0);
    check_common(&r, true);
    /* One of the two names is the file, the other links to it. */
    a = ex_record_find(&r, "a.txt");
    h = ex_record_find(&r, "sub/hard.txt");
    assert_true(
        (a->e.type == ASSAY_NODE_HARDLINK &&
            strcmp(a->e.link, "sub/hard.txt") == 0) ||
        (h->e.type == ASSAY_NODE_HARDLINK && strcmp(h->e.link, "a.txt") == 0));
    ex_record_mangle(&ex_romfs, d, len, 11);
    assert_true(ex_record_torture(&ex_romfs, d, len, 5000) > 0);
    ex_record_free(&r);
    free(d);
    assay_session_free(s);
    t_rmdir(dir);
}

static void
test_samples(void **state)
{
    static const struct {
        const char *name;
        const struct assay_extractor *ex;
    } v[] = {{"formats/fact_extractor/cramfs.img", &ex_cramfs},
        {"formats/fact_extractor/romfs.img", &ex_romfs}};

    (void)state;
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        struct assay_session *s = assay_session_new(NULL);
        struct ex_record r;
        size_t len;
        uint8_t *d = t_corpus(v[i].name, &len);

        if (d == NULL) {
            assay_session_free(s);
            skip();
        }
        ex_record_run(s, v[i].ex, d, len, &r);
        assert_int_equal(r.rc, ASSAY_OK);
        assert_int_equal(r.warnings, 0);
        assert_int_equal(r.n, 4);
        assert_true(ex_record_generic_ok(&r));
        ex_record_mangle(v[i].ex, d, len, 3);
        ex_record_free(&r);
        free(d);
        assay_session_free(s);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cramfs_built),
        cmocka_unit_test(test_romfs_built),
        cmocka_unit_test(test_samples),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
