/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ELF reader on hand-built files: a minimal big-endian 32-bit MIPS PIE
 * with no section headers whose only evidence is PT_DYNAMIC (canary,
 * fortify, BIND_NOW, RUNPATH), and hostile variants of it (tables
 * pointing outside the file, absurd counts, cut-off headers).
 */
#include "elf/elf_private.h"
#include "test.h"

#define IMG_LEN 1024

static void
put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void
put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/*
 * Layout: ehdr@0, 4 phdrs@52 (LOAD whole file, DYNAMIC@512, GNU_STACK RW,
 * GNU_RELRO), dynsym@256 (4 x 16 bytes), dynstr@384, dynamic@512.
 */
static void
build(uint8_t *img)
{
    static const char str[] = "\0__stack_chk_fail\0__printf_chk\0libc.so.0\0"
                              "/opt/lib\0";
    uint8_t *ph = img + 52, *dyn = img + 512;
    uint32_t tags[][2] = {{1, 31}, {5, 384}, {6, 256}, {10, sizeof(str)},
        {11, 16}, {29, 41}, {21, 0}, {0x6ffffffb, 0x08000001}, {0x70000011, 4},
        {0, 0}};

    memset(img, 0, IMG_LEN);
    memcpy(img, "\177ELF\001\002\001", 7);
    put16(img + 16, 3);  /* ET_DYN */
    put16(img + 18, 8);  /* EM_MIPS */
    put32(img + 28, 52); /* e_phoff */
    put16(img + 42, 32); /* e_phentsize */
    put16(img + 44, 4);  /* e_phnum */
    put32(ph + 0, 1);    /* PT_LOAD covering the whole file */
    put32(ph + 16, IMG_LEN);
    put32(ph + 20, IMG_LEN);
    put32(ph + 32, 2); /* PT_DYNAMIC */
    put32(ph + 36, 512);
    put32(ph + 40, 512);
    put32(ph + 48, sizeof(tags) * 2);
    put32(ph + 64, 0x6474e551u); /* PT_GNU_STACK, RW */
    put32(ph + 88, 6);
    put32(ph + 96, 0x6474e552u); /* PT_GNU_RELRO */
    /* dynsym: [0] null, [1] __stack_chk_fail, [2] __printf_chk, [3] x */
    put32(img + 256 + 16, 1);
    put32(img + 256 + 32, 18);
    memcpy(img + 384, str, sizeof(str));
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(tags); i++) {
        put32(dyn + i * 8, tags[i][0]);
        put32(dyn + i * 8 + 4, tags[i][1]);
    }
}

static void
test_elf_mips_nosections(void **state)
{
    uint8_t img[IMG_LEN];
    struct assay_elf_hardening h;
    struct assay_session *s = assay_session_new(NULL);

    (void)state;
    build(img);
    assert_int_equal(
        assay_elf_hardening(s, "t", img, sizeof(img), &h), ASSAY_OK);
    assert_string_equal(h.arch, "mips");
    assert_true(h.big_endian);
    assert_int_equal(h.bits, 32);
    assert_true(h.pie);
    assert_true(h.nx);
    assert_true(h.canary);
    assert_true(h.fortify);
    assert_int_equal(h.fortified, 1);
    assert_int_equal(h.relro, ASSAY_RELRO_FULL);
    assert_true(h.runpath);
    assert_false(h.rpath);
    assert_false(h.has_sections);
    assert_true(h.stripped);
    assert_false(h.is_static);
    assert_int_equal(h.needed, 1);
    assert_int_equal(assay_report_diag_count(assay_session_report(s)), 0);
    assay_session_free(s);
}

static void
test_elf_hostile(void **state)
{
    uint8_t img[IMG_LEN];
    struct assay_elf_hardening h;
    struct assay_session *s = assay_session_new(NULL);

    (void)state;
    /* Dynamic table pointing past the end: answer, with a warning. */
    build(img);
    put32(img + 52 + 36, IMG_LEN - 8);
    put32(img + 52 + 48, 0x7fffffff);
    assert_int_equal(
        assay_elf_hardening(s, "t", img, sizeof(img), &h), ASSAY_OK);
    assert_true(t_has_diag(s, "dynamic table", 0));
    /* Symbol table address outside every segment: no canary, no crash. */
    build(img);
    put32(img + 512 + 2 * 8 + 4, 0xfffffff0u);
    assert_int_equal(
        assay_elf_hardening(s, "t", img, sizeof(img), &h), ASSAY_OK);
    assert_false(h.canary);
    /* Absurd symbol count is clipped to what fits in the file. */
    build(img);
    put32(img + 512 + 8 * 8 + 4, 0xffffffffu);
    assert_int_equal(
        assay_elf_hardening(s, "t", img, sizeof(img), &h), ASSAY_OK);
    /* Program header table outside the file. */
    build(img);
    put16(img + 44, 60000);
    assert_int_equal(
        assay_elf_hardening(s, "t", img, sizeof(img), &h), ASSAY_E_TRUNCATED);
    assert_non_null(strstr(assay_session_errmsg(s), "elf:"));
    /* Unknown class and cut-off header. */
    build(img);
    img[4] = 7;
    assert_int_equal(
        assay_elf_hardening(s, "t", img, sizeof(img), &h), ASSAY_E_CORRUPT);
    build(img);
    assert_int_equal(
        assay_elf_hardening(s, "t", img, 40, &h), ASSAY_E_TRUNCATED);
    assert_false(assay_elf_is_elf(img, 40));
    assay_session_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_elf_mips_nosections),
        cmocka_unit_test(test_elf_hostile),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
