/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The catalogue against the counts of EN 303 645 Annex B: 68 provisions
 * in V2.1.1 (33 M + 35 R), 78 in V3.1.3 (36 M + 42 R) plus six void ids,
 * and the per-clause split the fact sheet gives.
 */
#include "catalogue/catalogue_private.h"
#include "test.h"

struct clause_count {
    const char *clause;
    size_t m, r;
};

static void
count_clause(enum assay_standard std, const char *clause, size_t *m, size_t *r,
    size_t *v)
{
    *m = *r = *v = 0;
    for (size_t i = 0; i < assay_catalogue_count(std); i++) {
        const struct assay_provision *p = assay_catalogue_get(std, i);

        if (clause != NULL && strcmp(p->clause, clause) != 0)
            continue;
        *m += p->req == ASSAY_REQ_M;
        *r += p->req == ASSAY_REQ_R;
        *v += p->req == ASSAY_REQ_VOID;
    }
}

static void
test_v2_totals(void **state)
{
    size_t m, r, v;

    (void)state;
    count_clause(ASSAY_STD_V2_1_1, NULL, &m, &r, &v);
    assert_int_equal(m, 33);
    assert_int_equal(r, 35);
    assert_int_equal(v, 0);
    assert_int_equal(assay_catalogue_count(ASSAY_STD_V2_1_1), 68);
}

static void
test_v2_per_clause(void **state)
{
    /* The per-clause table of the fact sheet (section 1.3). */
    static const struct clause_count want[] = {
        {"4", 1, 0},
        {"5.1", 5, 0},
        {"5.2", 1, 2},
        {"5.3", 7, 9},
        {"5.4", 4, 0},
        {"5.5", 4, 4},
        {"5.6", 3, 6},
        {"5.7", 0, 2},
        {"5.8", 2, 1},
        {"5.9", 0, 3},
        {"5.10", 0, 1},
        {"5.11", 1, 3},
        {"5.12", 0, 3},
        {"5.13", 1, 0},
        {"6", 4, 1},
    };
    size_t m, r, v, total = 0;

    (void)state;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        count_clause(ASSAY_STD_V2_1_1, want[i].clause, &m, &r, &v);
        if (m != want[i].m || r != want[i].r)
            fail_msg("clause %s: %zu M / %zu R, want %zu / %zu", want[i].clause,
                m, r, want[i].m, want[i].r);
        total += m + r;
    }
    assert_int_equal(total, 68);
}

static void
test_v2_conditionals(void **state)
{
    /* 13 conditional M and 10 conditional R (fact sheet 1.3). */
    static const char *const cond_m[] = {"5.1-1", "5.1-2", "5.1-4", "5.1-5",
        "5.3-2", "5.3-3", "5.3-7", "5.3-8", "5.3-10", "5.4-2", "5.6-4", "6-2",
        "6-5"};
    static const char *const cond_r[] = {"5.3-4", "5.3-5", "5.3-6", "5.3-9",
        "5.3-11", "5.3-12", "5.3-14", "5.3-15", "5.10-1", "6-4"};
    size_t cm = 0, cr = 0;

    (void)state;
    for (size_t i = 0; i < assay_catalogue_count(ASSAY_STD_V2_1_1); i++) {
        const struct assay_provision *p =
            assay_catalogue_get(ASSAY_STD_V2_1_1, i);

        assert_int_equal(p->feature_mask, 0);
        if (p->condition_mask != 0) {
            cm += p->req == ASSAY_REQ_M;
            cr += p->req == ASSAY_REQ_R;
        }
    }
    assert_int_equal(cm, 13);
    assert_int_equal(cr, 10);
    for (size_t i = 0; i < sizeof(cond_m) / sizeof(cond_m[0]); i++) {
        const struct assay_provision *p =
            assay_catalogue_find(ASSAY_STD_V2_1_1, cond_m[i]);

        assert_non_null(p);
        assert_int_equal(p->req, ASSAY_REQ_M);
        assert_int_not_equal(p->condition_mask, 0);
    }
    for (size_t i = 0; i < sizeof(cond_r) / sizeof(cond_r[0]); i++) {
        const struct assay_provision *p =
            assay_catalogue_find(ASSAY_STD_V2_1_1, cond_r[i]);

        assert_non_null(p);
        assert_int_equal(p->req, ASSAY_REQ_R);
        assert_int_not_equal(p->condition_mask, 0);
    }
    /* 5.3-10 depends on conditions 11 and 12 together. */
    assert_int_equal(
        assay_catalogue_find(ASSAY_STD_V2_1_1, "5.3-10")->condition_mask,
        (1u << 11) | (1u << 12));
}

static void
test_v3_totals(void **state)
{
    static const struct clause_count want[] = {
        {"5.0", 1, 0},
        {"5.1", 5, 1},
        {"5.2", 1, 2},
        {"5.3", 7, 12},
        {"5.4", 4, 0},
        {"5.5", 4, 4},
        {"5.6", 3, 7},
        {"5.7", 0, 2},
        {"5.8", 2, 1},
        {"5.9", 0, 3},
        {"5.10", 0, 1},
        {"5.11", 1, 3},
        {"5.12", 0, 3},
        {"5.13", 2, 0},
        {"6", 6, 3},
    };
    static const char *const voids[] = {
        "5.3-4", "5.3-6", "5.3-15", "5.6-4", "5.13-1", "6-3"};
    size_t m, r, v;

    (void)state;
    count_clause(ASSAY_STD_V3_1_3, NULL, &m, &r, &v);
    assert_int_equal(m, 36);
    assert_int_equal(r, 42);
    assert_int_equal(v, 6);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        count_clause(ASSAY_STD_V3_1_3, want[i].clause, &m, &r, &v);
        if (m != want[i].m || r != want[i].r)
            fail_msg("clause %s: %zu M / %zu R, want %zu / %zu", want[i].clause,
                m, r, want[i].m, want[i].r);
    }
    for (size_t i = 0; i < sizeof(voids) / sizeof(voids[0]); i++) {
        const struct assay_provision *p =
            assay_catalogue_find(ASSAY_STD_V3_1_3, voids[i]);

        assert_non_null(p);
        assert_int_equal(p->req, ASSAY_REQ_VOID);
    }
    /* Only conditions 3, 12, 14, 15 and 16 exist in V3. */
    for (size_t i = 0; i < assay_catalogue_count(ASSAY_STD_V3_1_3); i++) {
        const struct assay_provision *p =
            assay_catalogue_get(ASSAY_STD_V3_1_3, i);

        assert_int_equal(
            p->condition_mask & ~((1u << 3) | (1u << 12) | (1u << 14) |
                                    (1u << 15) | (1u << 16)),
            0);
    }
}

static void
test_v3_rows(void **state)
{
    const struct assay_provision *p;

    (void)state;
    p = assay_catalogue_find(ASSAY_STD_V3_1_3, "5.1-5");
    assert_non_null(p);
    assert_string_equal(p->status, "M C (14) F (e)");
    assert_int_equal(p->condition_mask, 1u << 14);
    assert_int_equal(p->feature_mask, 1u << 4);
    p = assay_catalogue_find(ASSAY_STD_V3_1_3, "6-7");
    assert_int_equal(p->feature_mask, 1u << 26);
    p = assay_catalogue_find(ASSAY_STD_V3_1_3, "5.0-1");
    assert_string_equal(p->v2_id, "4-1");
    assert_null(assay_catalogue_find(ASSAY_STD_V3_1_3, "4-1"));
    assert_null(assay_catalogue_find(ASSAY_STD_V2_1_1, "5.13-1A"));
    /* Every V3 row that continues a V2 id names one that exists. */
    for (size_t i = 0; i < assay_catalogue_count(ASSAY_STD_V3_1_3); i++) {
        p = assay_catalogue_get(ASSAY_STD_V3_1_3, i);
        if (p->v2_id != NULL)
            assert_non_null(assay_catalogue_find(ASSAY_STD_V2_1_1, p->v2_id));
    }
}

static void
test_rows_well_formed(void **state)
{
    (void)state;
    for (int std = 0; std < ASSAY_STD_COUNT; std++) {
        for (size_t i = 0; i < assay_catalogue_count(std); i++) {
            const struct assay_provision *p = assay_catalogue_get(std, i);

            assert_non_null(p->clause_title);
            assert_true(strlen(p->clause_title) > 0);
            assert_true(strlen(p->title) > 0);
            /* Status text agrees with the requirement. */
            if (p->req == ASSAY_REQ_M)
                assert_true(p->status[0] == 'M');
            if (p->req == ASSAY_REQ_R)
                assert_true(p->status[0] == 'R');
            /* Ids are unique per standard. */
            for (size_t k = i + 1; k < assay_catalogue_count(std); k++)
                assert_string_not_equal(p->id, assay_catalogue_get(std, k)->id);
            /* Every IXIT number names a table. */
            for (const char *s = p->ixit; *s != '\0';) {
                char *end;
                unsigned long n = strtoul(s, &end, 10);

                assert_non_null(assay_ixit_table((unsigned)n));
                s = *end == ',' ? end + 1 : end;
            }
            /* Every condition named has a text in this version. */
            for (unsigned c = 1; c <= ASSAY_CONDITION_MAX; c++) {
                if (p->condition_mask & (1u << c))
                    assert_non_null(assay_condition_text(std, c));
            }
        }
    }
    assert_string_equal(catalogue_row(CAT_V2_P_5_1_1)->id, "5.1-1");
    assert_string_equal(catalogue_row(CAT_V3_P_5_13_1B)->id, "5.13-1B");
}

static void
test_parsers(void **state)
{
    enum assay_standard std;
    unsigned k;

    (void)state;
    assert_true(assay_standard_parse("3.1.3", &std));
    assert_int_equal(std, ASSAY_STD_V3_1_3);
    assert_true(assay_standard_parse("v2.1.1", &std));
    assert_int_equal(std, ASSAY_STD_V2_1_1);
    assert_false(assay_standard_parse("2.1.2", &std));
    assert_true(assay_feature_parse("aa", &k));
    assert_int_equal(k, 26);
    assert_false(assay_feature_parse("ab", &k));
    assert_string_equal(assay_ixit_table(15), "15-Intf");
    assert_null(assay_ixit_table(30));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v2_totals),
        cmocka_unit_test(test_v2_per_clause),
        cmocka_unit_test(test_v2_conditionals),
        cmocka_unit_test(test_v3_totals),
        cmocka_unit_test(test_v3_rows),
        cmocka_unit_test(test_rows_well_formed),
        cmocka_unit_test(test_parsers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
