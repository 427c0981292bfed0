/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Core services: arena, capped buffers, checked arithmetic, error records,
 * the YAML document loader's defences, and allocation-failure torture of
 * session creation and ICS loading.
 */
#include "core/core_private.h"
#include "core/doc_private.h"
#include "test.h"

static void
test_arena(void **state)
{
    struct assay_arena *a = assay_arena_new();
    char *big, *s;
    uint8_t *p;

    (void)state;
    assert_non_null(a);
    for (int i = 0; i < 10000; i++) {
        p = assay_arena_alloc(a, (size_t)(i % 97) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 0xa5, (size_t)(i % 97) + 1);
    }
    big = assay_arena_zalloc(a, 1u << 20);
    assert_non_null(big);
    assert_int_equal(big[12345], 0);
    s = assay_arena_printf(a, "%s-%d", "x", 42);
    assert_string_equal(s, "x-42");
    assert_string_equal(assay_arena_strndup(a, "abcdef", 3), "abc");
    assert_null(assay_arena_strdup(a, NULL));
    /* n * size overflow is refused, not wrapped. */
    assert_null(assay_arena_array(a, SIZE_MAX / 2, 4));
    assert_true(assay_arena_used(a) > (1u << 20));
    assay_arena_free(a);
}

static void
test_buf_cap(void **state)
{
    struct assay_buf b;

    (void)state;
    assay_buf_init(&b, 10);
    assert_int_equal(assay_buf_puts(&b, "hello"), ASSAY_OK);
    assert_int_equal(assay_buf_printf(&b, "%d", 12345), ASSAY_OK);
    assert_int_equal(b.len, 10);
    assert_string_equal(b.data, "hello12345");
    /* One byte past the cap fails and leaves the buffer as it was. */
    assert_int_equal(assay_buf_putc(&b, 'x'), ASSAY_E_LIMIT);
    assert_int_equal(b.len, 10);
    assert_string_equal(b.data, "hello12345");
    assay_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assay_buf_release(&b);
}

static void
test_checked_math(void **state)
{
    uint64_t r;

    (void)state;
    assert_false(assay_add_ovf(1, 2, &r));
    assert_int_equal(r, 3);
    assert_true(assay_add_ovf(UINT64_MAX, 1, &r));
    assert_true(assay_mul_ovf(UINT64_MAX / 2, 3, &r));
    assert_true(assay_range_ok(0, 10, 10));
    assert_false(assay_range_ok(5, 6, 10));
    assert_false(assay_range_ok(UINT64_MAX, 2, 10));
    assert_false(assay_range_ok(11, 0, 10));
    assert_true(assay_parse_u64("65535", 0, 65535, &r));
    assert_false(assay_parse_u64("65536", 0, 65535, &r));
    assert_false(assay_parse_u64("18446744073709551616", 0, UINT64_MAX, &r));
    assert_false(assay_parse_u64("12a", 0, 100, &r));
    assert_false(assay_parse_u64("", 0, 100, &r));
    {
        static const uint8_t be[] = {0x12, 0x34, 0x56, 0x78};
        assert_int_equal(assay_be32(be), 0x12345678u);
        assert_int_equal(assay_le32(be), 0x78563412u);
    }
}

static void
test_err(void **state)
{
    struct assay_err e = {0};

    (void)state;
    assert_int_equal(
        assay_err_set(&e, ASSAY_E_CORRUPT, "squashfs: bad %s", "magic"),
        ASSAY_E_CORRUPT);
    assert_string_equal(e.msg, "squashfs: bad magic");
    assert_int_equal(assay_err_set(NULL, ASSAY_E_IO, "x"), ASSAY_E_IO);
    assert_string_equal(
        assay_status_name(ASSAY_E_TRUNCATED), "ASSAY_E_TRUNCATED");
    assert_string_equal(assay_status_str(ASSAY_E_NOMEM), "out of memory");
    assert_string_equal(
        assay_status_name((enum assay_status)999), "ASSAY_E_UNKNOWN");
}

static struct doc_node *
parse(struct assay_session *s, const char *text, enum assay_status want)
{
    struct doc_node *root = NULL;

    assert_int_equal(
        doc_yaml_parse(s, "t.yaml", text, strlen(text), &root), want);
    return root;
}

static void
test_yaml_doc(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct doc_node *root;
    bool b;

    (void)state;
    root = parse(s, "a: 1\nb: [x, 'y']\nc: {d: yes}\n", ASSAY_OK);
    assert_int_equal(root->kind, DOC_MAP);
    assert_string_equal(doc_map_get(root, "a")->value, "1");
    assert_int_equal(doc_map_get(root, "b")->count, 2);
    assert_int_equal(doc_map_get(root, "b")->items[1]->line, 2);
    assert_true(doc_get_bool(doc_map_get(doc_map_get(root, "c"), "d"), &b));
    assert_true(b);
    /* Quoted 'yes' is text, not a boolean. */
    root = parse(s, "x: 'yes'\n", ASSAY_OK);
    assert_false(doc_get_bool(doc_map_get(root, "x"), &b));
    /* Aliases are refused (billion laughs). */
    parse(s, "a: &x [1, 2]\nb: *x\n", ASSAY_E_INVALID);
    assert_true(t_has_diag(s, "aliases are not allowed", 2));
    /* Duplicate keys are refused with the line of the second. */
    parse(s, "a: 1\nb: 2\na: 3\n", ASSAY_E_INVALID);
    assert_true(t_has_diag(s, "duplicate key", 3));
    /* Syntax errors name line and column. */
    parse(s, "a: [1, 2\n", ASSAY_E_INVALID);
    /* Empty input is an empty mapping. */
    root = parse(s, "", ASSAY_OK);
    assert_int_equal(root->kind, DOC_MAP);
    assert_int_equal(root->count, 0);
    assay_session_free(s);
}

static void
test_yaml_limits(void **state)
{
    const struct assay_limits lim = {.max_doc_depth = 8, .max_doc_nodes = 50};
    struct assay_session *s = assay_session_new(&lim);
    char deep[256] = "";
    char many[2048] = "[";

    (void)state;
    for (int i = 0; i < 20; i++)
        strcat(deep, "[");
    for (int i = 0; i < 20; i++)
        strcat(deep, "]");
    parse(s, deep, ASSAY_E_INVALID);
    assert_true(t_has_diag(s, "nested too deeply", 0));
    for (int i = 0; i < 100; i++)
        strcat(many, "1,");
    strcat(many, "1]");
    parse(s, many, ASSAY_E_INVALID);
    assert_true(t_has_diag(s, "too many nodes", 0));
    assay_session_free(s);
}

/*
 * Allocation-failure torture: fail the 1st, 2nd, ... allocation until a
 * run completes; every run must end in success or a clean ASSAY_E_NOMEM
 * (ASan reports any leak).
 */
static void
test_torture_ics(void **state)
{
    static const char doc[] =
        "standard: \"2.1.1\"\nconditions: {1: yes}\nprovisions:\n"
        "  \"5.1-1\": {support: Y, detail: unique per device}\n";
    bool completed = false;

    (void)state;
    for (uint64_t nth = 1; nth < 10000 && !completed; nth++) {
        struct assay_session *s;
        struct assay_ics *ics = NULL;
        enum assay_status rc;

        assay_alloc_fail_at(nth);
        s = assay_session_new(NULL);
        if (s == NULL)
            continue;
        rc = assay_ics_load(s, "t", doc, sizeof(doc) - 1, &ics);
        if (rc == ASSAY_OK)
            rc = assay_ics_verdicts(s, ics);
        assert_true(rc == ASSAY_OK || rc == ASSAY_E_NOMEM);
        completed = rc == ASSAY_OK;
        assay_session_free(s);
    }
    assay_alloc_fail_at(0);
    assert_true(completed);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_buf_cap),
        cmocka_unit_test(test_checked_math),
        cmocka_unit_test(test_err),
        cmocka_unit_test(test_yaml_doc),
        cmocka_unit_test(test_yaml_limits),
        cmocka_unit_test(test_torture_ics),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
