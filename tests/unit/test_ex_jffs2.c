/* SPDX-License-Identifier: Apache-2.0 */
/*
 * jffs2 extractor: images built here with mkfs.jffs2 (mtd-utils) in both
 * byte orders and with the zlib, lzo and rtime compressors, compared with
 * what was put in (contents, setuid mode, ids, symlink, hard link, device
 * from a device table); nodes appended by the test to check that the
 * newest version wins and that deletions delete; the real fact_extractor
 * samples; byte-flipped and truncated copies.
 */
#include "assay_config.h"

#include <unistd.h>
#include <zlib.h>

#include <sys/stat.h>

#include "ex_record.h"
#include "t_tool.h"
#include "test.h"

extern const struct assay_extractor ex_jffs2;

#define LINE "assay jffs2 test line\n"

static uint32_t
jcrc(const uint8_t *p, size_t n)
{
    return ~(uint32_t)crc32(0xffffffffUL, p, (uInt)n);
}

static void
put32(uint8_t *p, uint32_t v, bool be)
{
    for (int i = 0; i < 4; i++)
        p[be ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

static void
put16(uint8_t *p, uint16_t v, bool be)
{
    p[be ? 1 : 0] = (uint8_t)v;
    p[be ? 0 : 1] = (uint8_t)(v >> 8);
}

static uint32_t
get32(const uint8_t *p, bool be)
{
    return be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
                    (uint32_t)p[2] << 8 | p[3]
              : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
                    (uint32_t)p[1] << 8 | p[0];
}

static char text[10000];

/* Build root/ and an image with extra mkfs.jffs2 options; NULL = skip. */
static uint8_t *
build(const char *dir, const char *name, const char *const opts[], size_t *len)
{
    char root[128], path[192], img[192], dev[192];
    const char *argv[16] = {"mkfs.jffs2", "-r", root, "-o", img, "-D", dev};
    size_t n = 7;

    snprintf(root, sizeof(root), "%s/root", dir);
    snprintf(img, sizeof(img), "%s/%s", dir, name);
    snprintf(dev, sizeof(dev), "%s/dev.txt", dir);
    for (size_t i = 0; opts[i] != NULL; i++)
        argv[n++] = opts[i];
    argv[n] = NULL;
    if (access(root, F_OK) != 0) {
        static const char devtab[] = "/dev d 755 0 0 - - - - -\n"
                                     "/dev/ttyS0 c 620 0 5 4 64 - - -\n";

        assert_int_equal(mkdir(root, 0755), 0);
        snprintf(path, sizeof(path), "%s/sub", root);
        assert_int_equal(mkdir(path, 0750), 0);
        for (size_t i = 0; i < sizeof(text); i++)
            text[i] = LINE[i % (sizeof(LINE) - 1)];
        snprintf(path, sizeof(path), "%s/a.txt", root);
        assert_int_equal(t_write_file(path, text, sizeof(text)), 0);
        assert_int_equal(chmod(path, 04755), 0);
        snprintf(img, sizeof(img), "%s/sub/hard.txt", root);
        assert_int_equal(link(path, img), 0);
        snprintf(img, sizeof(img), "%s/link", root);
        assert_int_equal(symlink("a.txt", img), 0);
        assert_int_equal(t_write_file(dev, devtab, sizeof(devtab) - 1), 0);
        snprintf(img, sizeof(img), "%s/%s", dir, name);
    }
    if (t_run_tool(argv) != 0)
        return NULL;
    return t_slurp(img, len);
}

static void
check_built(const uint8_t *d, size_t len)
{
    struct assay_session *s = assay_session_new(NULL);
    struct ex_record r;
    const struct ex_rec_item *it;
    uint64_t blen;

    assert_int_equal(ex_jffs2.bid(d, len, &blen), 64);
    ex_record_run(s, &ex_jffs2, d, len, &r);
    assert_int_equal(r.rc, ASSAY_OK);
    assert_int_equal(r.warnings, 0);
    assert_true(r.consumed > 900 && r.consumed <= len);
    it = ex_record_find(&r, "a.txt");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_FILE);
    assert_int_equal(it->e.mode, 04755);
    assert_int_equal(it->len, sizeof(text));
    assert_memory_equal(it->data, text, sizeof(text));
    it = ex_record_find(&r, "sub");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_DIR);
    assert_int_equal(it->e.mode, 0750);
    it = ex_record_find(&r, "sub/hard.txt");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_HARDLINK);
    assert_string_equal(it->e.link, "a.txt");
    it = ex_record_find(&r, "link");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_SYMLINK);
    assert_string_equal(it->e.link, "a.txt");
    it = ex_record_find(&r, "dev/ttyS0");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_CHARDEV);
    assert_int_equal(it->e.rdev_major, 4);
    assert_int_equal(it->e.rdev_minor, 64);
    assert_int_equal(it->e.gid, 5);
    assert_int_equal(it->e.mode, 0620);
    ex_record_free(&r);
    assay_session_free(s);
}

/* Find the dirent "name" under the root: its inode; -1 if none. */
static long
find_ino(
    const uint8_t *d, size_t len, bool be, const char *name, uint32_t *maxver)
{
    long ino = -1;

    *maxver = 0;
    for (size_t o = 0; o + 12 <= len;) {
        uint32_t tot = get32(d + o + 4, be);
        uint16_t type = (uint16_t)(be ? d[o + 2] << 8 | d[o + 3]
                                      : d[o + 3] << 8 | d[o + 2]);

        if (!(d[o] == (be ? 0x19 : 0x85) && d[o + 1] == (be ? 0x85 : 0x19))) {
            o += 4;
            continue;
        }
        if (type == 0xe001 && d[o + 28] == strlen(name) &&
            memcmp(d + o + 40, name, strlen(name)) == 0)
            ino = (long)get32(d + o + 20, be);
        if (get32(d + o + 16, be) > *maxver)
            *maxver = get32(d + o + 16, be);
        o += (tot + 3) & ~3u;
    }
    return ino;
}

/*
 * Append, as a later write would: a new version of the first 5 bytes of
 * a.txt, and a deletion dirent for "link".
 */
static uint8_t *
append_log(const uint8_t *d, size_t len, bool be, size_t *out_len)
{
    uint32_t ver, ino, lino;
    uint8_t *o = malloc(len + 256);
    uint8_t *n;

    assert_non_null(o);
    memcpy(o, d, len);
    ino = (uint32_t)find_ino(d, len, be, "a.txt", &ver);
    lino = (uint32_t)find_ino(d, len, be, "link", &ver);
    /* inode node: 68 bytes + 8 data bytes */
    n = o + len;
    memset(n, 0, 76);
    put16(n, 0x1985, be);
    put16(n + 2, 0xe002, be);
    put32(n + 4, 73, be);
    put32(n + 8, jcrc(n, 8), be);
    put32(n + 12, ino, be);
    put32(n + 16, ver + 10, be);
    put32(n + 20, 0100644, be);
    put32(n + 28, sizeof(text), be);
    put32(n + 44, 0, be); /* offset */
    put32(n + 48, 5, be); /* csize */
    put32(n + 52, 5, be); /* dsize */
    n[56] = 0;            /* JFFS2_COMPR_NONE */
    memcpy(n + 68, "HELLO", 5);
    put32(n + 60, jcrc(n + 68, 5), be);
    put32(n + 64, jcrc(n, 60), be);
    /* dirent node deleting "link": 40 bytes + name */
    n = o + len + 76;
    memset(n, 0, 44);
    put16(n, 0x1985, be);
    put16(n + 2, 0xe001, be);
    put32(n + 4, 44, be);
    put32(n + 8, jcrc(n, 8), be);
    put32(n + 12, 1, be);        /* parent: root */
    put32(n + 16, ver + 11, be); /* newer than every node */
    put32(n + 20, 0, be);        /* inode 0: deleted */
    n[28] = 4;
    memcpy(n + 40, "link", 4);
    put32(n + 32, jcrc(n, 32), be);
    put32(n + 36, jcrc(n + 40, 4), be);
    (void)lino;
    *out_len = len + 120;
    return o;
}

static void
check_log(const uint8_t *d, size_t len, bool be)
{
    struct assay_session *s = assay_session_new(NULL);
    struct ex_record r;
    const struct ex_rec_item *it;
    size_t n;
    uint8_t *img = append_log(d, len, be, &n);

    ex_record_run(s, &ex_jffs2, img, n, &r);
    assert_int_equal(r.rc, ASSAY_OK);
    assert_int_equal(r.warnings, 0);
    it = ex_record_find(&r, "a.txt");
    assert_non_null(it);
    assert_int_equal(it->len, sizeof(text));
    assert_memory_equal(it->data, "HELLO", 5);
    assert_memory_equal(it->data + 5, text + 5, sizeof(text) - 5);
    assert_int_equal(it->e.mode, 0644); /* newest node's metadata */
    assert_null(ex_record_find(&r, "link"));
    assert_non_null(ex_record_find(&r, "sub/hard.txt"));
    ex_record_free(&r);
    free(img);
    assay_session_free(s);
}

static void
test_built(void **state)
{
    static const char *const le[] = {"-l", "-e", "0x10000", NULL};
    static const char *const be[] = {"-b", "-p", NULL};
    static const char *const lzo[] = {"-b", "-x", "zlib", "-X", "lzo", NULL};
    static const char *const rtime[] = {"-l", "-x", "zlib", "-n", NULL};
    static const struct {
        const char *name;
        const char *const *opts;
        bool be;
    } v[] = {{"le.img", le, false}, {"be.img", be, true},
        {"lzo.img", lzo, true}, {"rtime.img", rtime, false}};
    char dir[64];

    (void)state;
    assert_non_null(t_tmpdir(dir, sizeof(dir)));
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(v); i++) {
        size_t len;
        uint8_t *d = build(dir, v[i].name, v[i].opts, &len);

        if (d == NULL) {
            t_rmdir(dir);
            skip(); /* mtd-utils absent */
        }
        check_built(d, len);
        check_log(d, len, v[i].be);
        if (i == 2)
            ex_record_mangle(&ex_jffs2, d, len, 3);
        if (i == 1)
            assert_true(ex_record_torture(&ex_jffs2, d, len, 5000) > 0);
        free(d);
    }
    t_rmdir(dir);
}

/* File capabilities survive as the security.capability xattr. */
static void
test_xattr(void **state)
{
    char dir[64], root[128], file[160], img[160];
    const char *cap[] = {"setcap", "cap_net_raw+ep", file, NULL};
    const char *mk[] = {
        "mkfs.jffs2", "-r", root, "-o", img, "-b", "--with-xattr", NULL};
    struct assay_session *s;
    struct ex_record r;
    const struct ex_rec_item *it;
    const uint8_t *v;
    size_t len, vlen = 0;
    uint8_t *d;

    (void)state;
    assert_non_null(t_tmpdir(dir, sizeof(dir)));
    snprintf(root, sizeof(root), "%s/root", dir);
    snprintf(file, sizeof(file), "%s/root/ping", dir);
    snprintf(img, sizeof(img), "%s/x.img", dir);
    assert_int_equal(mkdir(root, 0755), 0);
    assert_int_equal(t_write_file(file, "ping\n", 5), 0);
    if (t_run_tool(cap) != 0 || t_run_tool(mk) != 0 ||
        (d = t_slurp(img, &len)) == NULL) {
        t_rmdir(dir);
        skip(); /* setcap, xattrs on /tmp or mtd-utils missing */
    }
    s = assay_session_new(NULL);
    ex_record_run(s, &ex_jffs2, d, len, &r);
    assert_int_equal(r.rc, ASSAY_OK);
    assert_int_equal(r.warnings, 0);
    it = ex_record_find(&r, "ping");
    assert_non_null(it);
    v = ex_record_xattr(it, "security.capability", &vlen);
    assert_non_null(v);
    assert_int_equal(vlen, 20);
    /* vfs_cap_data revision 2 with the effective bit, CAP_NET_RAW (13). */
    assert_int_equal(v[3], 0x02);
    assert_int_equal(v[0] & 1, 1);
    assert_int_equal(v[5] & 0x20, 0x20);
    ex_record_free(&r);
    assay_session_free(s);
    free(d);
    t_rmdir(dir);
}

static void
test_samples(void **state)
{
    static const char *const names[] = {"formats/fact_extractor/jffs2_le.img",
        "formats/fact_extractor/jffs2_be.img"};

    (void)state;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(names); i++) {
        struct assay_session *s = assay_session_new(NULL);
        struct ex_record r;
        const struct ex_rec_item *it;
        size_t len;
        uint8_t *d = t_corpus(names[i], &len);

        if (d == NULL) {
            assay_session_free(s);
            skip();
        }
        ex_record_run(s, &ex_jffs2, d, len, &r);
        assert_int_equal(r.rc, ASSAY_OK);
        assert_int_equal(r.warnings, 0);
        assert_int_equal(r.consumed, 612);
        assert_true(ex_record_generic_ok(&r));
        it = ex_record_find(&r, "testfile2");
        assert_int_equal(it->e.uid, 1000);
        ex_record_mangle(&ex_jffs2, d, 612, 5);
        ex_record_free(&r);
        free(d);
        assay_session_free(s);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_built),
        cmocka_unit_test(test_xattr),
        cmocka_unit_test(test_samples),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
