/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vendor extractors through the real engine (assay_extract_mem and
 * the public tree API): carving inside padding, bids against the
 * library-backed extractors, container chains. Unit tests of single
 * extractors with the recording harness live in test_ex_<id>.c.
 */
#include "assay_config.h"

#include <sys/stat.h>

#include "assay/extract.h"

#include "t_tool.h"
#include "test.h"

#define T3 "The third test file!"

/* ---- through the engine ------------------------------------------------ */

/* A 3.x image inside padding: carved, bid on, unpacked by the engine. */
static void
test_engine_v3_carved(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_tree *t = NULL;
    const struct assay_node *n;
    size_t len, dlen;
    uint8_t *d =
        t_corpus("formats/fact_extractor/squashfs_lzma1_be.sqfs3", &len);
    uint8_t *img;
    const uint8_t *data;

    (void)state;
    if (d == NULL) {
        assay_session_free(s);
        skip();
    }
    img = calloc(1, len + 8192);
    assert_non_null(img);
    memset(img, 0xff, 4096);
    memcpy(img + 4096, d, len);
    assert_int_equal(
        assay_extract_mem(s, "fw.bin", img, len + 8192, &t), ASSAY_OK);
    n = t_find_fs(t, "squashfs-vendor", "/generic folder/test file 3_.txt");
    assert_non_null(n);
    data = assay_node_data(n, &dlen);
    assert_int_equal(dlen, strlen(T3));
    assert_memory_equal(data, T3, dlen);
    assert_non_null(strstr(assay_node_container(n), "@0x1000"));
    assay_session_free(s);
    free(img);
    free(d);
}

/* Does some node hold exactly these bytes? */
static bool
has_data(const struct assay_tree *t, const void *want, size_t wlen)
{
    for (size_t i = 0; i < assay_tree_node_count(t); i++) {
        size_t len = 0;
        const uint8_t *d = assay_node_data(assay_tree_node(t, i), &len);

        if (d != NULL && len == wlen && memcmp(d, want, wlen) == 0)
            return true;
    }
    return false;
}

static void
expect_xattr(const struct assay_node *n, const char *name, const char *want)
{
    size_t len = 0;
    const uint8_t *v = assay_node_xattr(n, name, &len);

    if (want == NULL) {
        assert_null(v);
        return;
    }
    assert_non_null(v);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(v, want, len);
}

static struct assay_tree *
extract_file(struct assay_session *s, const char *path)
{
    struct assay_tree *t = NULL;

    assert_int_equal(assay_extract_file(s, path, &t), ASSAY_OK);
    return t;
}

/* ---- uImage ----------------------------------------------------------------
 */

#define KTEXT "Linux version 9.9.9 (assay@test) #1 SMP kernel text "

static void
test_uimage_built(void **state)
{
    char dir[64], k[128], kgz[128], r[128], img[128], multi[128];
    char text[6000];
    const char *gz[] = {"gzip", "-n", "-9", "-k", k, NULL};
    const char *mk[] = {"mkimage", "-A", "mips", "-O", "linux", "-T", "kernel",
        "-C", "gzip", "-a", "0x80000000", "-e", "0x80000000", "-n",
        "test-kernel", "-d", kgz, img, NULL};
    char parts[300];
    const char *mm[] = {"mkimage", "-A", "arm", "-O", "linux", "-T", "multi",
        "-C", "none", "-n", "multi", "-d", parts, multi, NULL};
    struct assay_session *s;
    struct assay_tree *t;
    const struct assay_node *n;
    size_t len, dlen;
    uint8_t *d;
    const uint8_t *data;

    (void)state;
    assert_non_null(t_tmpdir(dir, sizeof(dir)));
    for (size_t i = 0; i < sizeof(text); i++)
        text[i] = KTEXT[i % (sizeof(KTEXT) - 1)];
    snprintf(k, sizeof(k), "%s/k.bin", dir);
    snprintf(kgz, sizeof(kgz), "%s/k.bin.gz", dir);
    snprintf(r, sizeof(r), "%s/r.bin", dir);
    snprintf(img, sizeof(img), "%s/ui.bin", dir);
    snprintf(multi, sizeof(multi), "%s/multi.bin", dir);
    snprintf(parts, sizeof(parts), "%s:%s", k, r);
    assert_int_equal(t_write_file(k, text, sizeof(text)), 0);
    assert_int_equal(t_write_file(r, "ramdisk!", 8), 0);
    if (t_run_tool(gz) != 0 || t_run_tool(mk) != 0 || t_run_tool(mm) != 0) {
        t_rmdir(dir);
        skip(); /* u-boot-tools absent */
    }

    /* Single image: kernel payload, gzip inside it unpacked. */
    s = assay_session_new(NULL);
    t = extract_file(s, img);
    n = t_find_chain(t, "uimage@0x0 > kernel");
    assert_non_null(n);
    assert_true(has_data(t, text, sizeof(text)));
    assert_false(t_has_diag(s, "crc", 0));
    assay_session_free(s);

    /* Multi-file image: both parts, exact bytes. */
    s = assay_session_new(NULL);
    t = extract_file(s, multi);
    n = t_find_chain(t, "uimage@0x0 > part0");
    assert_non_null(n);
    data = assay_node_data(n, &dlen);
    assert_int_equal(dlen, sizeof(text));
    assert_memory_equal(data, text, dlen);
    n = t_find_chain(t, "uimage@0x0 > part1");
    assert_non_null(n);
    data = assay_node_data(n, &dlen);
    assert_int_equal(dlen, 8);
    assert_memory_equal(data, "ramdisk!", 8);
    assay_session_free(s);

    /* Damaged data: reported, still given out. Damaged header: refused. */
    d = t_slurp(multi, &len);
    assert_non_null(d);
    d[len - 3] ^= 0x20;
    s = assay_session_new(NULL);
    assert_int_equal(assay_extract_mem(s, "multi.bin", d, len, &t), ASSAY_OK);
    assert_true(t_has_diag(s, "uimage: 'multi' data crc mismatch", 0));
    assert_non_null(t_find_chain(t, "uimage@0x0 > part1"));
    assay_session_free(s);
    d[len - 3] ^= 0x20;
    d[40] ^= 0x01; /* inside the name: header CRC now wrong */
    s = assay_session_new(NULL);
    assert_int_equal(assay_extract_mem(s, "multi.bin", d, len, &t), ASSAY_OK);
    assert_null(t_find_chain(t, "uimage@0x0 > part0"));
    assay_session_free(s);
    free(d);
    t_rmdir(dir);
}

/* ---- TRX -------------------------------------------------------------------
 */

static void
test_trx_real(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_tree *t = NULL;
    const struct assay_node *n;
    const uint8_t *data;
    size_t len, dlen;
    uint8_t *d = t_corpus("formats/fact_extractor/trx.img", &len);

    (void)state;
    if (d == NULL) {
        assay_session_free(s);
        skip();
    }
    assert_int_equal(assay_extract_mem(s, "trx.img", d, len, &t), ASSAY_OK);
    n = t_find_chain(t, "trx@0x0 > part0");
    assert_non_null(n);
    data = assay_node_data(n, &dlen);
    assert_int_equal(dlen, 4096 - 28);
    assert_memory_equal(data, "PK\x03\x04", 4);
    assert_false(t_has_diag(s, "trx: crc mismatch", 0));
    assay_session_free(s);

    /* One flipped byte in the payload: the CRC says so. */
    d[100] ^= 0x55;
    s = assay_session_new(NULL);
    assert_int_equal(assay_extract_mem(s, "trx.img", d, len, &t), ASSAY_OK);
    assert_true(t_has_diag(s, "trx: crc mismatch", 0));
    assert_non_null(t_find_chain(t, "trx@0x0 > part0"));
    assay_session_free(s);
    free(d);
}

/* ---- FIT -------------------------------------------------------------------
 */

static void
test_fit_real(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_tree *t = NULL;
    const struct assay_node *n;
    size_t len;
    uint8_t *d = t_corpus("formats/fact_extractor/fit.itb", &len);

    (void)state;
    if (d == NULL) {
        assay_session_free(s);
        skip();
    }
    assert_int_equal(assay_extract_mem(s, "fit.itb", d, len, &t), ASSAY_OK);
    n = t_find_fs(t, "fit", "/images/kernel");
    assert_non_null(n);
    expect_xattr(n, "fit.type", "kernel");
    expect_xattr(n, "fit.compression", "gzip");
    expect_xattr(n, "fit.arch", "arm64");
    expect_xattr(n, "fit.signature", NULL);
    n = t_find_fs(t, "fit", "/images/rootfs");
    assert_non_null(n);
    expect_xattr(n, "fit.type", "ramdisk");
    /* The ramdisk is a gzip'd SquashFS: unpacked all the way down. */
    assert_non_null(t_find_fs(t, "squashfs", "/root/random-data"));
    assert_true(t_has_diag(s, "fit: 0 of 0 configurations signed", 0));
    assay_session_free(s);
    free(d);
}

static const char fit_its[] =
    "/dts-v1/;\n/ {\n description = \"assay test\";\n"
    " #address-cells = <1>;\n images {\n  kernel-1 {\n"
    "   data = /incbin/(\"k.bin\");\n   type = \"kernel\";\n"
    "   arch = \"arm\";\n   os = \"linux\";\n   compression = \"none\";\n"
    "   load = <0x80000000>;\n   entry = <0x80000000>;\n"
    "   hash-1 { algo = \"crc32\"; };\n   hash-2 { algo = \"sha256\"; };\n"
    "  };\n  fdt-1 {\n   data = /incbin/(\"k.bin\");\n"
    "   type = \"flat_dt\";\n   arch = \"arm\";\n   compression = \"none\";\n"
    "   hash-1 { algo = \"sha1\"; };\n  };\n };\n"
    " configurations {\n  default = \"conf-1\";\n  conf-1 {\n"
    "   kernel = \"kernel-1\";\n   fdt = \"fdt-1\";\n%s  };\n };\n};\n";
static const char fit_sig[] =
    "   signature-1 {\n    algo = \"sha256,rsa2048\";\n"
    "    key-name-hint = \"dev\";\n    sign-images = \"kernel\", \"fdt\";\n"
    "   };\n";

/* Build a FIT with mkimage (signed with a fresh key when 'sign'), with
 * data inside the tree or after it ('ext'). 0 when built. */
static int
build_fit(const char *dir, bool sign, bool ext, char *out, size_t osz)
{
    char its[128], keys[128], key[160], crt[160], text[4096];
    const char *gen[] = {"openssl", "genrsa", "-out", key, "2048", NULL};
    const char *req[] = {"openssl", "req", "-batch", "-new", "-x509", "-key",
        key, "-out", crt, NULL};
    const char *mk[10] = {"mkimage", "-f", its};
    size_t n = 3;
    int len;

    snprintf(its, sizeof(its), "%s/t.its", dir);
    snprintf(keys, sizeof(keys), "%s/keys", dir);
    snprintf(key, sizeof(key), "%s/keys/dev.key", dir);
    snprintf(crt, sizeof(crt), "%s/keys/dev.crt", dir);
    snprintf(out, osz, "%s/%s%s.itb", dir, sign ? "signed" : "plain",
        ext ? "-ext" : "");
    len = snprintf(text, sizeof(text), fit_its, sign ? fit_sig : "");
    if (t_write_file(its, text, (size_t)len) != 0)
        return -1;
    if (sign) {
        (void)mkdir(keys, 0700);
        if (t_run_tool(gen) != 0 || t_run_tool(req) != 0)
            return -1;
        mk[n++] = "-k";
        mk[n++] = keys;
    }
    if (ext)
        mk[n++] = "-E";
    mk[n++] = out;
    mk[n] = NULL;
    return t_run_tool(mk);
}

static void
check_fit(const char *path, const uint8_t *k, size_t klen, bool sign)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_tree *t = extract_file(s, path);
    const struct assay_node *n;
    const uint8_t *data;
    size_t dlen;

    n = t_find_fs(t, "fit", "/images/kernel-1");
    assert_non_null(n);
    data = assay_node_data(n, &dlen);
    assert_int_equal(dlen, klen);
    assert_memory_equal(data, k, klen);
    expect_xattr(n, "fit.type", "kernel");
    expect_xattr(n, "fit.os", "linux");
    expect_xattr(n, "fit.hash", "crc32,sha256");
    expect_xattr(n, "fit.hash-ok", "yes");
    n = t_find_fs(t, "fit", "/images/fdt-1");
    assert_non_null(n);
    expect_xattr(n, "fit.hash", "sha1");
    expect_xattr(n, "fit.hash-ok", "yes");
    n = t_find_fs(t, "fit", "/configurations/conf-1");
    assert_non_null(n);
    expect_xattr(n, "fit.kernel", "kernel-1");
    expect_xattr(n, "fit.signature", sign ? "sha256,rsa2048:dev" : NULL);
    expect_xattr(n, "fit.sign-images", sign ? "kernel,fdt" : NULL);
    assert_true(t_has_diag(s,
        sign ? "fit: 1 of 1 configurations signed"
             : "fit: 0 of 1 configurations signed",
        0));
    assay_session_free(s);
}

static void
test_fit_built(void **state)
{
    char dir[64], k[128], img[160];
    uint8_t kdata[3000];
    struct assay_session *s;
    struct assay_tree *t;
    uint8_t *d;
    size_t len;

    (void)state;
    assert_non_null(t_tmpdir(dir, sizeof(dir)));
    for (size_t i = 0; i < sizeof(kdata); i++)
        kdata[i] = (uint8_t)((i * 2654435761u) >> 11);
    snprintf(k, sizeof(k), "%s/k.bin", dir);
    assert_int_equal(t_write_file(k, kdata, sizeof(kdata)), 0);
    if (build_fit(dir, false, false, img, sizeof(img)) != 0) {
        t_rmdir(dir);
        skip(); /* u-boot-tools or device-tree-compiler absent */
    }
    check_fit(img, kdata, sizeof(kdata), false);
    assert_int_equal(build_fit(dir, true, false, img, sizeof(img)), 0);
    check_fit(img, kdata, sizeof(kdata), true);
    assert_int_equal(build_fit(dir, true, true, img, sizeof(img)), 0);
    check_fit(img, kdata, sizeof(kdata), true);

    /* Tampered kernel (external data): hash mismatch reported. */
    d = t_slurp(img, &len);
    assert_non_null(d);
    d[len - 4500] ^=
        0x01; /* kernel-1 data: the last 6000 bytes hold both images */
    s = assay_session_new(NULL);
    assert_int_equal(assay_extract_mem(s, "t.itb", d, len, &t), ASSAY_OK);
    assert_true(t_has_diag(s, "hash of 'kernel-1' does not match", 0));
    expect_xattr(t_find_fs(t, "fit", "/images/kernel-1"), "fit.hash-ok", "no");
    assay_session_free(s);
    free(d);
    t_rmdir(dir);
}

/* ---- TP-Link ------------------------------------------------------------ */

static void
check_tplink(const char *rel, const char *ident)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_tree *t = NULL;
    const struct assay_node *n;
    size_t len, dlen;
    uint8_t *d = t_corpus(rel, &len);
    const uint8_t *data;

    if (d == NULL) {
        assay_session_free(s);
        skip();
    }
    assert_int_equal(assay_extract_mem(s, "fw.bin", d, len, &t), ASSAY_OK);
    /* up_boot: U-Boot (a uImage inside) then the inner image's parts. */
    n = t_find_chain(t, "tplink@0x0 > bootloader");
    assert_non_null(n);
    assert_non_null(t_find_chain(t, "tplink@0x0 > kernel"));
    n = t_find_chain(t, "tplink@0x0 > kernel > lzma@0x0");
    assert_non_null(n);
    data = assay_node_data(n, &dlen);
    assert_non_null(data);
    assert_non_null(memmem(data, dlen, "Linux version 2.6.31", 20));
    n = t_find_chain(t, "tplink@0x0 > rootfs");
    assert_non_null(n);
    data = assay_node_data(n, &dlen);
    assert_true(dlen >= 4);
    assert_memory_equal(data, "hsqs", 4);
    assert_true(t_has_diag(s, ident, 0));
    assert_true(t_has_diag(s, "bootloader checksum valid", 0));
    assert_true(t_has_diag(s, "plain checksum valid", 0));
    assert_false(t_has_diag(s, "md5 checksum mismatch", 0));
    assay_session_free(s);

    /* A changed byte in the kernel breaks both MD5s (outer and inner). */
    d[0x20400 + 4096] ^= 0x01;
    s = assay_session_new(NULL);
    assert_int_equal(assay_extract_mem(s, "fw.bin", d, len, &t), ASSAY_OK);
    assert_true(t_has_diag(s, "tplink: md5 checksum mismatch", 0));
    assert_non_null(t_find_chain(t, "tplink@0x0 > rootfs"));
    assay_session_free(s);
    free(d);
}

static void
test_tplink_wr841n(void **state)
{
    (void)state;
    check_tplink("vendor/tplink_tl-wr841n_v10_3.16.9_150310_up_boot.bin",
        "tplink: hardware 0x08410010 rev 1, firmware 3.16.9");
}

static void
test_tplink_mr3020(void **state)
{
    (void)state;
    check_tplink("formats/fact_extractor/tplink_mr3020v1_3.17.2_stubrootfs.tpl",
        "tplink: hardware 0x30200001 rev 1, firmware 3.17.2");
}

/* ---- zImage ----------------------------------------------------------------
 */

static void
test_zimage(void **state)
{
    char dir[64], init[128], list[128], cpio[128], img[160], sh[512];
    const char *mk[] = {"sh", "-c", sh, NULL};
    struct assay_session *s;
    struct assay_tree *t = NULL;
    const struct assay_node *n;
    const uint8_t *data;
    uint8_t *gz, *z;
    size_t gzlen, dlen, zlen, len;
    uint8_t *d;

    (void)state;
    /* The real big-endian sample is cut short: named and reported. */
    d = t_corpus("formats/fact_extractor/zImage_be32", &len);
    if (d != NULL) {
        s = assay_session_new(NULL);
        assert_int_equal(assay_extract_mem(s, "zImage", d, len, &t), ASSAY_OK);
        assert_non_null(t_find_chain(t, "zimage@0x0 > kernel"));
        assert_true(t_has_diag(s, "zimage: ARM Linux zImage, big-endian", 0));
        assert_true(t_has_diag(s, "truncated to 13132", 0));
        assay_session_free(s);
        free(d);
    }

    /* A little-endian zImage whose piggy is a gzip'd initramfs (cpio). */
    assert_non_null(t_tmpdir(dir, sizeof(dir)));
    snprintf(init, sizeof(init), "%s/init", dir);
    snprintf(list, sizeof(list), "%s/list", dir);
    snprintf(cpio, sizeof(cpio), "%s/initramfs.cpio.gz", dir);
    assert_int_equal(
        t_write_file(init, "#!/bin/sh\nexec /sbin/telnetd\n", 30), 0);
    snprintf(sh, sizeof(sh),
        "cd %s && echo init | cpio -o -H newc 2>/dev/null | gzip -n -9 > %s",
        dir, cpio);
    if (t_run_tool(mk) != 0 || (gz = t_slurp(cpio, &gzlen)) == NULL) {
        t_rmdir(dir);
        skip(); /* cpio or gzip absent */
    }
    zlen = 0x200 + gzlen;
    z = calloc(1, zlen);
    assert_non_null(z);
    for (size_t i = 0; i < 0x24; i += 4)
        memcpy(z + i, "\x00\x00\xa0\xe1", 4); /* ARM "mov r0, r0" */
    memcpy(z + 0x24, "\x18\x28\x6f\x01", 4);
    memcpy(z + 0x28, "\x00\x00\x00\x00", 4);
    z[0x2c] = (uint8_t)zlen;
    z[0x2d] = (uint8_t)(zlen >> 8);
    z[0x2e] = (uint8_t)(zlen >> 16);
    memcpy(z + 0x200, gz, gzlen);
    snprintf(img, sizeof(img), "%s/zImage", dir);
    assert_int_equal(t_write_file(img, z, zlen), 0);
    s = assay_session_new(NULL);
    t = extract_file(s, img);
    assert_true(t_has_diag(s, "zimage: ARM Linux zImage, little-endian", 0));
    n = t_find_fs(t, "cpio", "/init");
    assert_non_null(n);
    data = assay_node_data(n, &dlen);
    assert_int_equal(dlen, 30);
    assert_memory_equal(data, "#!/bin/sh\nexec /sbin/telnetd\n", 30);
    assert_non_null(strstr(assay_node_container(n), "zimage@0x0 > kernel"));
    assay_session_free(s);
    free(gz);
    free(z);
    t_rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_v3_carved),
        cmocka_unit_test(test_uimage_built),
        cmocka_unit_test(test_trx_real),
        cmocka_unit_test(test_fit_real),
        cmocka_unit_test(test_fit_built),
        cmocka_unit_test(test_tplink_wr841n),
        cmocka_unit_test(test_tplink_mr3020),
        cmocka_unit_test(test_zimage),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
