/* SPDX-License-Identifier: Apache-2.0 */
/*
 * yaffs2 extractor: the fact_extractor samples (2048/64, both byte
 * orders), and images written here in other geometries (512/16 with tags
 * at spare offset 0, 4096/128 big-endian) holding a multi-chunk file, a
 * symlink, a hard link, a character device, a deleted file and a
 * rewritten chunk with a newer sequence number; flipped and cut copies.
 * (Debian ships no YAFFS2 image builder.)
 */
#include "assay_config.h"

#include "ex_record.h"
#include "t_tool.h"
#include "test.h"

extern const struct assay_extractor ex_yaffs2;

struct yimg {
    uint8_t *d;
    size_t n, cap;
    uint32_t page, spare, tag;
    bool be;
};

static void
p32(const struct yimg *y, uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[y->be ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

/* Append one chunk: data (len bytes, rest 0xff) and its tags. */
static void
chunk(struct yimg *y, uint32_t seq, uint32_t obj, uint32_t id, uint32_t bytes,
    const void *data, size_t len)
{
    size_t step = y->page + y->spare;
    uint8_t *c;

    if (y->n + step > y->cap) {
        y->cap = (y->cap + step) * 2;
        y->d = realloc(y->d, y->cap);
        assert_non_null(y->d);
    }
    c = y->d + y->n;
    memset(c, 0xff, step);
    memcpy(c, data, len);
    p32(y, c + y->page + y->tag, seq);
    p32(y, c + y->page + y->tag + 4, obj);
    p32(y, c + y->page + y->tag + 8, id);
    p32(y, c + y->page + y->tag + 12, bytes);
    y->n += step;
}

/* An object header chunk. */
static void
header(struct yimg *y, uint32_t seq, uint32_t obj, uint32_t type,
    uint32_t parent, const char *name, uint32_t mode, uint32_t size,
    uint32_t equiv, const char *alias, uint32_t rdev)
{
    uint8_t h[512];

    memset(h, 0xff, sizeof(h));
    p32(y, h, type);
    p32(y, h + 4, parent);
    memset(h + 10, 0, 256);
    memcpy(h + 10, name, strlen(name));
    p32(y, h + 268, mode);
    p32(y, h + 272, 1000);
    p32(y, h + 276, 100);
    p32(y, h + 280, 1600000000);
    p32(y, h + 284, 1600000001);
    p32(y, h + 288, 1600000002);
    p32(y, h + 292, size);
    p32(y, h + 296, equiv);
    memset(h + 300, 0, 160);
    if (alias != NULL)
        memcpy(h + 300, alias, strlen(alias));
    p32(y, h + 460, rdev);
    p32(y, h + 496, 0xffffffffu);
    chunk(y, seq, obj, 0, 0xffff, h, sizeof(h));
}

static char text[5000];

static void
build(struct yimg *y)
{
    for (size_t i = 0; i < sizeof(text); i++)
        text[i] = (char)('a' + i % 26);
    /* /bin (dir 0x101), /bin/sh (file 0x102, multi-chunk), /sh-link
     * (symlink), /bin/hard (hard link to 0x102), /tty (char dev),
     * /gone (deleted later). */
    header(y, 0x1000, 0x101, 3, 1, "bin", 040755, 0, 0, NULL, 0);
    header(y, 0x1000, 0x102, 1, 0x101, "sh", 0104755, sizeof(text), 0, NULL, 0);
    for (uint32_t k = 0; k * y->page < sizeof(text); k++) {
        size_t n = sizeof(text) - k * y->page < y->page
                       ? sizeof(text) - k * y->page
                       : y->page;

        chunk(y, 0x1000, 0x102, k + 1, (uint32_t)n, text + k * y->page, n);
    }
    header(y, 0x1000, 0x103, 2, 1, "sh-link", 0120777, 0, 0, "bin/sh", 0);
    header(y, 0x1000, 0x104, 4, 0x101, "hard", 0, 0, 0x102, NULL, 0);
    header(y, 0x1000, 0x105, 5, 1, "tty", 020620, 0, 0, NULL, (4u << 8) | 65u);
    header(y, 0x1000, 0x106, 1, 1, "gone", 0100644, 3, 0, NULL, 0);
    chunk(y, 0x1000, 0x106, 1, 3, "old", 3);
    /* A later block: "gone" is deleted, the first chunk of sh rewritten. */
    header(y, 0x1001, 0x106, 1, 4, "gone", 0100644, 3, 0, NULL, 0);
    text[0] = 'Z';
    chunk(y, 0x1001, 0x102, 1, y->page < sizeof(text) ? y->page : 5000, text,
        y->page < sizeof(text) ? y->page : 5000);
}

static void
check(const uint8_t *d, size_t len)
{
    struct assay_session *s = assay_session_new(NULL);
    struct ex_record r;
    const struct ex_rec_item *it;
    uint64_t blen;

    assert_true(ex_yaffs2.bid(d, len, &blen) > 0);
    ex_record_run(s, &ex_yaffs2, d, len, &r);
    assert_int_equal(r.rc, ASSAY_OK);
    assert_int_equal(r.warnings, 0);
    it = ex_record_find(&r, "bin/sh");
    assert_non_null(it);
    assert_int_equal(it->e.mode, 04755);
    assert_int_equal(it->e.uid, 1000);
    assert_int_equal(it->e.gid, 100);
    assert_int_equal(it->e.mtime, 1600000001);
    assert_int_equal(it->len, sizeof(text));
    assert_memory_equal(it->data, text, sizeof(text)); /* 'Z' won */
    it = ex_record_find(&r, "sh-link");
    assert_non_null(it);
    assert_string_equal(it->e.link, "bin/sh");
    it = ex_record_find(&r, "bin/hard");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_HARDLINK);
    assert_string_equal(it->e.link, "bin/sh");
    it = ex_record_find(&r, "tty");
    assert_non_null(it);
    assert_int_equal(it->e.type, ASSAY_NODE_CHARDEV);
    assert_int_equal(it->e.rdev_major, 4);
    assert_int_equal(it->e.rdev_minor, 65);
    assert_null(ex_record_find(&r, "gone"));
    ex_record_free(&r);
    assay_session_free(s);
}

static void
test_written(void **state)
{
    static const struct {
        uint32_t page, spare, tag;
        bool be;
    } geo[] = {{512, 16, 0, false}, {4096, 128, 2, true}, {2048, 64, 2, false}};

    (void)state;
    for (size_t i = 0; i < sizeof(geo) / sizeof(geo[0]); i++) {
        struct yimg y = {
            NULL, 0, 0, geo[i].page, geo[i].spare, geo[i].tag, geo[i].be};

        build(&y);
        check(y.d, y.n);
        if (i == 0) {
            const char *dir = getenv("ASSAY_SEED_DIR");

            ex_record_mangle(&ex_yaffs2, y.d, y.n, 13);
            assert_true(ex_record_torture(&ex_yaffs2, y.d, y.n, 5000) > 0);
            if (dir != NULL) {
                char p[512];

                snprintf(p, sizeof(p), "%s/le-512", dir);
                assert_int_equal(t_write_file(p, y.d, y.n), 0);
            }
        }
        free(y.d);
    }
}

static void
test_samples(void **state)
{
    static const char *const names[] = {"formats/fact_extractor/yaffs2_le.img",
        "formats/fact_extractor/yaffs2_be.img"};

    (void)state;
    for (size_t i = 0; i < 2; i++) {
        struct assay_session *s = assay_session_new(NULL);
        struct ex_record r;
        const struct ex_rec_item *it;
        size_t len;
        uint8_t *d = t_corpus(names[i], &len);

        if (d == NULL) {
            assay_session_free(s);
            skip();
        }
        ex_record_run(s, &ex_yaffs2, d, len, &r);
        assert_int_equal(r.rc, ASSAY_OK);
        assert_int_equal(r.warnings, 0);
        assert_int_equal(r.n, 4);
        assert_true(ex_record_generic_ok(&r));
        it = ex_record_find(&r, "testfile1");
        assert_int_equal(it->e.uid, 1000);
        ex_record_mangle(&ex_yaffs2, d, len, 29);
        ex_record_free(&r);
        free(d);
        assay_session_free(s);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_written),
        cmocka_unit_test(test_samples),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
