/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ubi and ubifs extractors through the engine: UBIFS images built here
 * with mkfs.ubifs (lzo, zlib, zstd, none) from a tree with a setuid file,
 * a hard link, a symlink and a device; a UBI image from ubinize with a
 * dynamic UBIFS volume and a static raw volume; the real fact_extractor
 * ubi.img / test.ubifs pair; and flipped bytes.
 */
#include "assay_config.h"

#include <unistd.h>
#include <zlib.h>

#include <sys/stat.h>

#include "t_tool.h"
#include "test.h"

#define LINE "assay ubifs line\n"

static char text[20000];

static void
check_tree(const struct assay_tree *t)
{
    const struct assay_node *n = t_find_fs(t, "ubifs", "/a.txt");
    const uint8_t *d;
    size_t len;

    assert_non_null(n);
    assert_int_equal(assay_node_mode(n), 04755);
    d = assay_node_data(n, &len);
    assert_int_equal(len, sizeof(text));
    assert_memory_equal(d, text, len);
    n = t_find_fs(t, "ubifs", "/sub/hard.txt");
    assert_non_null(n);
    assert_int_equal(assay_node_type(n), ASSAY_NODE_HARDLINK);
    assert_string_equal(assay_node_link(n), "a.txt");
    n = t_find_fs(t, "ubifs", "/link");
    assert_non_null(n);
    assert_int_equal(assay_node_type(n), ASSAY_NODE_SYMLINK);
    assert_string_equal(assay_node_link(n), "a.txt");
    n = t_find_fs(t, "ubifs", "/dev/ttyS0");
    assert_non_null(n);
    assert_int_equal(assay_node_type(n), ASSAY_NODE_CHARDEV);
    assert_int_equal(assay_node_gid(n), 5);
    n = t_find_fs(t, "ubifs", "/sub");
    assert_non_null(n);
    assert_int_equal(assay_node_mode(n), 0750);
}

static int
make_root(const char *dir)
{
    char p[192], q[192];
    static const char devtab[] = "/dev d 755 0 0 - - - - -\n"
                                 "/dev/ttyS0 c 620 0 5 4 64 - - -\n";

    for (size_t i = 0; i < sizeof(text); i++)
        text[i] = LINE[i % (sizeof(LINE) - 1)];
    snprintf(p, sizeof(p), "%s/root", dir);
    if (mkdir(p, 0755) != 0)
        return -1;
    snprintf(p, sizeof(p), "%s/root/sub", dir);
    if (mkdir(p, 0750) != 0)
        return -1;
    snprintf(p, sizeof(p), "%s/root/a.txt", dir);
    if (t_write_file(p, text, sizeof(text)) != 0 || chmod(p, 04755) != 0)
        return -1;
    snprintf(q, sizeof(q), "%s/root/sub/hard.txt", dir);
    if (link(p, q) != 0)
        return -1;
    snprintf(q, sizeof(q), "%s/root/link", dir);
    if (symlink("a.txt", q) != 0)
        return -1;
    snprintf(p, sizeof(p), "%s/dev.txt", dir);
    if (t_write_file(p, devtab, sizeof(devtab) - 1) != 0)
        return -1;
    snprintf(p, sizeof(p), "%s/static.bin", dir);
    return t_write_file(p, "static volume data\n", 19);
}

static int
mkfs_ubifs(const char *dir, const char *compr, char *out, size_t osz)
{
    char root[160], dev[160];
    const char *argv[] = {"mkfs.ubifs", "-r", root, "-m", "2048", "-e",
        "126976", "-c", "64", "-x", compr, "-D", dev, "-o", out, NULL};

    snprintf(root, sizeof(root), "%s/root", dir);
    snprintf(dev, sizeof(dev), "%s/dev.txt", dir);
    snprintf(out, osz, "%s/fs-%s.ubifs", dir, compr);
    return t_run_tool(argv);
}

static void
test_ubifs_built(void **state)
{
    static const char *const comprs[] = {"lzo", "zlib", "zstd", "none"};
    char dir[64], img[192];

    (void)state;
    assert_non_null(t_tmpdir(dir, sizeof(dir)));
    assert_int_equal(make_root(dir), 0);
    for (size_t i = 0; i < sizeof(comprs) / sizeof(comprs[0]); i++) {
        struct assay_session *s;
        struct assay_tree *t = NULL;

        if (mkfs_ubifs(dir, comprs[i], img, sizeof(img)) != 0) {
            t_rmdir(dir);
            skip(); /* mtd-utils absent */
        }
        s = assay_session_new(NULL);
        assert_int_equal(assay_extract_file(s, img, &t), ASSAY_OK);
        check_tree(t);
        assay_session_free(s);
    }
    /* Flipped bytes across the last image: no crash, some tree. */
    {
        size_t len;
        uint8_t *d = t_slurp(img, &len);

        assert_non_null(d);
        for (size_t off = 0; off < len; off += 40961) {
            struct assay_session *s = assay_session_new(NULL);
            struct assay_tree *t = NULL;

            d[off] ^= 0x5a;
            assert_int_equal(assay_extract_mem(s, "x", d, len, &t), ASSAY_OK);
            d[off] ^= 0x5a;
            assay_session_free(s);
        }
        free(d);
    }
    t_rmdir(dir);
}

static void
le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Fill in magic, CRC, sequence number, length and type of a UBIFS node. */
static void
ubifs_node(uint8_t *n, uint32_t len, uint8_t type, uint64_t sqnum)
{
    le32(n, 0x06101831u);
    le32(n + 8, (uint32_t)sqnum);
    le32(n + 12, (uint32_t)(sqnum >> 32));
    le32(n + 16, len);
    n[20] = type;
    le32(n + 4, ~(uint32_t)crc32(0, n + 8, len - 8));
}

/*
 * UBIFS keeps xattrs as an entry (type 3) under the host inode naming an
 * xattr inode whose data is the value; mkfs.ubifs in Debian writes none,
 * so append them (newest sequence numbers) to a built image.
 */
static void
test_ubifs_xattr(void **state)
{
    static const uint8_t cap[20] = {0x01, 0x00, 0x00, 0x02, 0x00, 0x20};
    char dir[64], img[192];
    struct assay_session *s;
    struct assay_tree *t = NULL;
    const struct assay_node *n;
    const uint8_t *v;
    uint8_t *d, *o;
    size_t len, vlen = 0;
    uint32_t host = 0;
    static const char name[] = "security.capability";

    (void)state;
    assert_non_null(t_tmpdir(dir, sizeof(dir)));
    assert_int_equal(make_root(dir), 0);
    if (mkfs_ubifs(dir, "none", img, sizeof(img)) != 0 ||
        (d = t_slurp(img, &len)) == NULL) {
        t_rmdir(dir);
        skip();
    }
    /* The inode of /a.txt: its directory entry under the root. */
    for (size_t off = 0; off + 64 <= len; off += 8) {
        if (d[off] == 0x31 && d[off + 1] == 0x18 && d[off + 2] == 0x10 &&
            d[off + 3] == 0x06 && d[off + 20] == 2 &&
            memcmp(d + off + 56, "a.txt", 6) == 0)
            host = (uint32_t)d[off + 40] | (uint32_t)d[off + 41] << 8;
    }
    assert_true(host != 0);
    o = calloc(1, len + 512);
    assert_non_null(o);
    memcpy(o, d, len);
    {
        uint8_t *x = o + len; /* xattr entry: 56 + name + NUL */
        uint32_t xl = 56 + sizeof(name);
        uint8_t *i = o + len + ((xl + 7) & ~7u); /* xattr inode */

        le32(x + 24, host);
        le32(x + 28, 3u << 29 | 0x1234u);
        le32(x + 40, 0x7000);
        x[50] = (uint8_t)(sizeof(name) - 1);
        memcpy(x + 56, name, sizeof(name));
        ubifs_node(x, xl, 3, 1u << 30);
        le32(i + 24, 0x7000);
        le32(i + 48, sizeof(cap));
        le32(i + 92, 1);
        le32(i + 104, 0100644);
        le32(i + 108, 0x20);
        le32(i + 112, sizeof(cap));
        memcpy(i + 160, cap, sizeof(cap));
        ubifs_node(i, 160 + sizeof(cap), 0, (1u << 30) + 1);
    }
    s = assay_session_new(NULL);
    assert_int_equal(
        assay_extract_mem(s, "x.ubifs", o, len + 512, &t), ASSAY_OK);
    check_tree(t);
    n = t_find_fs(t, "ubifs", "/a.txt");
    v = assay_node_xattr(n, "security.capability", &vlen);
    assert_non_null(v);
    assert_int_equal(vlen, sizeof(cap));
    assert_memory_equal(v, cap, sizeof(cap));
    assert_null(assay_node_xattr(
        t_find_fs(t, "ubifs", "/link"), "security.capability", &vlen));
    assay_session_free(s);
    free(o);
    free(d);
    t_rmdir(dir);
}

static void
test_ubi_built(void **state)
{
    char dir[64], img[192], ini[192], ubi[192], text_ini[512];
    const char *argv[] = {"ubinize", "-o", ubi, "-m", "2048", "-p", "128KiB",
        "-s", "512", ini, NULL};
    struct assay_session *s;
    struct assay_tree *t = NULL;
    const struct assay_node *n;
    const uint8_t *d;
    size_t len;
    int il;

    (void)state;
    assert_non_null(t_tmpdir(dir, sizeof(dir)));
    assert_int_equal(make_root(dir), 0);
    if (mkfs_ubifs(dir, "zlib", img, sizeof(img)) != 0) {
        t_rmdir(dir);
        skip();
    }
    snprintf(ini, sizeof(ini), "%s/ubi.ini", dir);
    snprintf(ubi, sizeof(ubi), "%s/ubi.img", dir);
    il = snprintf(text_ini, sizeof(text_ini),
        "[rootfs]\nmode=ubi\nimage=%s\nvol_id=0\nvol_type=dynamic\n"
        "vol_name=rootfs\nvol_size=4MiB\n[cfg]\nmode=ubi\nimage=%s/static.bin\n"
        "vol_id=1\nvol_type=static\nvol_name=config\nvol_size=128KiB\n",
        img, dir);
    assert_int_equal(t_write_file(ini, text_ini, (size_t)il), 0);
    assert_int_equal(t_run_tool(argv), 0);
    s = assay_session_new(NULL);
    assert_int_equal(assay_extract_file(s, ubi, &t), ASSAY_OK);
    n = t_find_chain(t, "ubi@0x0 > config");
    assert_non_null(n);
    d = assay_node_data(n, &len);
    assert_int_equal(len, 19); /* static volume: exactly its bytes */
    assert_memory_equal(d, "static volume data\n", 19);
    assert_non_null(t_find_chain(t, "ubi@0x0 > rootfs > ubifs@0x0"));
    check_tree(t);
    assay_session_free(s);
    t_rmdir(dir);
}

static void
test_real_pair(void **state)
{
    struct assay_session *s;
    struct assay_tree *t = NULL;
    const struct assay_node *n;
    const uint8_t *d;
    size_t ulen, flen, len;
    uint8_t *ubi = t_corpus("formats/fact_extractor/ubi.img", &ulen);
    uint8_t *fs = t_corpus("formats/fact_extractor/test.ubifs", &flen);

    (void)state;
    if (ubi == NULL || fs == NULL) {
        free(ubi);
        free(fs);
        skip();
    }
    s = assay_session_new(NULL);
    assert_int_equal(assay_extract_mem(s, "ubi.img", ubi, ulen, &t), ASSAY_OK);
    n = t_find_chain(t, "ubi@0x0 > rootfs");
    assert_non_null(n);
    d = assay_node_data(n, &len);
    /* The volume is the bare UBIFS image byte for byte. */
    assert_int_equal(len, flen);
    assert_memory_equal(d, fs, flen);
    n = t_find_fs(t, "ubifs", "/generic folder/test file 3_.txt");
    assert_non_null(n);
    d = assay_node_data(n, &len);
    assert_int_equal(len, 20);
    assert_memory_equal(d, "The third test file!", 20);
    assert_int_equal(assay_node_uid(n), 1000);
    assay_session_free(s);
    free(ubi);
    free(fs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ubifs_built),
        cmocka_unit_test(test_ubifs_xattr),
        cmocka_unit_test(test_ubi_built),
        cmocka_unit_test(test_real_pair),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
