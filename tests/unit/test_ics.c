/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The manufacturer's statement: the template is a valid statement for
 * both versions; each Annex B rule rejects what it should, naming the
 * provision and the line; IXIT tables load; ICS-only verdicts.
 */
#include "test.h"

static char *
template_text(enum assay_standard std)
{
    struct t_out o = {0};

    assert_int_equal(assay_ics_template(std, t_out_sink, &o), ASSAY_OK);
    return o.data;
}

/* Load 'text'; returns the status of load (and of validate when OK). */
static enum assay_status
load(struct assay_session *s, const char *text, struct assay_ics **ics,
    size_t *failures)
{
    enum assay_status rc = assay_ics_load(s, "t.yaml", text, strlen(text), ics);

    *failures = 0;
    if (rc == ASSAY_OK)
        rc = assay_ics_validate(s, *ics, failures);
    return rc;
}

/*
 * Replace the answer block ("support: ...\n    detail: ...\n") of
 * provision 'id' in a template with 'support' and 'detail'.
 */
static char *
with_answer2(
    const char *text, const char *id, const char *support, const char *detail)
{
    char key[32];
    const char *at, *sup, *det_end;
    char *out;
    size_t len = strlen(text) + strlen(support) + strlen(detail) + 64;

    snprintf(key, sizeof(key), "\"%s\":", id);
    at = strstr(text, key);
    assert_non_null(at);
    sup = strstr(at, "support: ");
    assert_non_null(sup);
    det_end = strchr(strchr(sup, '\n') + 1, '\n');
    assert_non_null(det_end);
    out = malloc(len);
    assert_non_null(out);
    snprintf(out, len, "%.*ssupport: %s\n    detail: \"%s\"%s",
        (int)(sup - text), text, support, detail, det_end);
    return out;
}

static char *
with_answer(const char *text, const char *id, const char *answer)
{
    /* answer is "support: X" */
    return with_answer2(text, id, answer + strlen("support: "), "");
}

static void
test_template_valid(void **state)
{
    (void)state;
    for (int std = 0; std < ASSAY_STD_COUNT; std++) {
        struct assay_session *s = assay_session_new(NULL);
        struct assay_ics *ics = NULL;
        char *t = template_text((enum assay_standard)std);
        size_t failures = 99;

        assert_int_equal(load(s, t, &ics, &failures), ASSAY_OK);
        assert_int_equal(failures, 0);
        assert_int_equal(assay_ics_standard(ics), std);
        /* Every non-void provision is answered. */
        for (size_t i = 0; i < assay_catalogue_count(std); i++) {
            const struct assay_provision *p = assay_catalogue_get(std, i);

            if (p->req != ASSAY_REQ_VOID)
                assert_non_null(assay_ics_answer(ics, p->id));
        }
        free(t);
        assay_session_free(s);
    }
}

static void
test_mandatory_n_rejected(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_ics *ics = NULL;
    char *t = template_text(ASSAY_STD_V2_1_1);
    char *bad = with_answer(t, "5.4-3", "support: N");
    const struct assay_ics_answer *a;
    size_t failures;

    (void)state;
    assert_int_equal(load(s, bad, &ics, &failures), ASSAY_OK);
    assert_int_equal(failures, 1);
    a = assay_ics_answer(ics, "5.4-3");
    assert_non_null(a);
    assert_int_equal(a->support, ASSAY_SUPPORT_N);
    assert_true(t_has_diag(s, "provision 5.4-3 is mandatory", a->line));
    assert_int_equal(assay_ics_verdicts(s, ics), ASSAY_OK);
    assert_int_equal(
        assay_report_verdict_find(assay_session_report(s), "5.4-3")->verdict,
        ASSAY_VERDICT_FAIL);
    free(bad);
    free(t);
    assay_session_free(s);
}

static void
test_recommendation_needs_justification(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_ics *ics = NULL;
    char *t = template_text(ASSAY_STD_V2_1_1);
    char *bad = with_answer(t, "5.7-1", "support: N");
    char *good = with_answer2(
        t, "5.7-1", "N", "no secure-boot capable SoC in this price class");
    const struct assay_provision_verdict *v;
    size_t failures;

    (void)state;
    assert_int_equal(load(s, bad, &ics, &failures), ASSAY_OK);
    assert_int_equal(failures, 1);
    assert_true(t_has_diag(s,
        "5.7-1 is a recommendation answered N without a justification",
        assay_ics_answer(ics, "5.7-1")->line));
    assert_int_equal(assay_ics_verdicts(s, ics), ASSAY_OK);
    v = assay_report_verdict_find(assay_session_report(s), "4-1");
    assert_int_equal(v->verdict, ASSAY_VERDICT_FAIL);
    assay_session_free(s);

    /* A justified N is accepted, with 4-1 passing. */
    s = assay_session_new(NULL);
    assert_int_equal(load(s, good, &ics, &failures), ASSAY_OK);
    assert_int_equal(failures, 0);
    assert_int_equal(assay_ics_verdicts(s, ics), ASSAY_OK);
    v = assay_report_verdict_find(assay_session_report(s), "4-1");
    assert_int_equal(v->verdict, ASSAY_VERDICT_PASS);
    v = assay_report_verdict_find(assay_session_report(s), "5.7-1");
    assert_int_equal(v->verdict, ASSAY_VERDICT_NOT_APPLICABLE);
    assert_true(v->applicable);
    free(good);
    free(bad);
    free(t);
    assay_session_free(s);
}

static void
test_na_rules(void **state)
{
    struct assay_session *s;
    struct assay_ics *ics = NULL;
    char *t = template_text(ASSAY_STD_V2_1_1);
    char *bad;
    size_t failures;

    (void)state;
    /* Unconditional provision answered N/A. */
    bad = with_answer(t, "5.5-1", "support: N/A");
    s = assay_session_new(NULL);
    assert_int_equal(load(s, bad, &ics, &failures), ASSAY_OK);
    assert_int_equal(failures, 1);
    assert_true(
        t_has_diag(s, "no condition that could make it not applicable", 0));
    assay_session_free(s);
    free(bad);

    /* Conditional provision answered N/A while its condition holds. */
    bad = with_answer(t, "5.1-1", "support: N/A");
    s = assay_session_new(NULL);
    assert_int_equal(load(s, bad, &ics, &failures), ASSAY_OK);
    assert_int_equal(failures, 1);
    assert_true(t_has_diag(s, "its conditions hold as answered", 0));
    assay_session_free(s);
    free(bad);

    /* Condition 1 answered no: 5.1-1 N/A is accepted and NOT_APPLICABLE. */
    bad = strdup(t);
    assert_non_null(bad);
    {
        char *c = strstr(bad, "  1: yes");

        assert_non_null(c);
        memcpy(c, "  1: no ", 8);
    }
    {
        char *n = with_answer(bad, "5.1-1", "support: N/A");

        free(bad);
        bad = n;
    }
    s = assay_session_new(NULL);
    assert_int_equal(load(s, bad, &ics, &failures), ASSAY_OK);
    assert_int_equal(failures, 0);
    assert_int_equal(assay_ics_verdicts(s, ics), ASSAY_OK);
    {
        const struct assay_provision_verdict *v =
            assay_report_verdict_find(assay_session_report(s), "5.1-1");

        assert_int_equal(v->verdict, ASSAY_VERDICT_NOT_APPLICABLE);
        assert_false(v->applicable);
        assert_non_null(strstr(v->basis[0].text, "condition 1"));
    }
    assay_session_free(s);
    free(bad);
    free(t);
}

static void
test_shape_errors(void **state)
{
    static const struct {
        const char *doc;
        const char *needle;
        uint32_t line;
    } cases[] = {
        {"standard: \"2.1.1\"\nprovisions:\n  \"5.99-1\": Y\n",
            "'5.99-1' is not a provision", 3},
        {"standard: \"2.1.1\"\nprovisions:\n  \"5.1-1\": maybe\n",
            "support must be Y, N or N/A", 3},
        {"standard: \"2.1.1\"\nconditions:\n  14: yes\n",
            "'14' is not a condition", 3},
        {"standard: \"3.1.3\"\nprovisions:\n  \"5.13-1\": Y\n",
            "is void in V3.1.3", 3},
        {"standard: \"2.1.1\"\nfeatures: {a: yes}\n",
            "'features' exist only in EN 303 645 V3.1.3", 2},
        {"standard: \"4.0\"\n", "is not \"2.1.1\" or \"3.1.3\"", 1},
        {"provisions: {}\n", "'standard' is missing", 0},
        {"standard: \"2.1.1\"\nprodcut: {}\n", "unknown key 'prodcut'", 2},
        {"standard: \"2.1.1\"\nixit:\n  services:\n    - name: ssh\n      port: 70000\n",
            "port must be a number", 5},
        {"standard: \"2.1.1\"\nixit:\n  user_info:\n    support_period_end: 2030-02-30\n",
            "support_period_end must be a date", 4},
        {"standard: \"2.1.1\"\nixit:\n  interfaces:\n    - kind: network\n",
            "needs a name or id", 4},
        {"- just\n- a list\n", "must be a mapping", 1},
        {"standard: \"2.1.1\"\nprovisions:\n  \"5.1-1\": {support: Y, detail: [a]}\n",
            "detail must be text", 3},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct assay_session *s = assay_session_new(NULL);
        struct assay_ics *ics = NULL;

        if (assay_ics_load(s, "t.yaml", cases[i].doc, strlen(cases[i].doc),
                &ics) != ASSAY_E_INVALID)
            fail_msg("case %zu was accepted", i);
        if (!t_has_diag(s, cases[i].needle, cases[i].line))
            fail_msg("case %zu: no diagnostic '%s' at line %u", i,
                cases[i].needle, cases[i].line);
        assert_null(ics);
        assay_session_free(s);
    }
}

static void
test_unanswered(void **state)
{
    static const char doc[] = "standard: \"2.1.1\"\nprovisions:\n"
                              "  \"5.1-1\": Y\n";
    struct assay_session *s = assay_session_new(NULL);
    struct assay_ics *ics = NULL;
    size_t failures;

    (void)state;
    assert_int_equal(load(s, doc, &ics, &failures), ASSAY_OK);
    /* 67 provisions unanswered + 5.1-1 depends on unanswered condition 1 */
    assert_int_equal(failures, 68);
    assert_true(t_has_diag(s, "provision 5.13-1 (M) is not answered", 2));
    assert_true(
        t_has_diag(s, "depends on condition 1, which is not answered", 3));
    assay_session_free(s);
}

static void
test_v3_features(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_ics *ics = NULL;
    char *t = template_text(ASSAY_STD_V3_1_3);
    const struct assay_provision *p;
    const char *why = NULL;
    size_t failures;

    (void)state;
    assert_int_equal(load(s, t, &ics, &failures), ASSAY_OK);
    assert_int_equal(assay_ics_feature(ics, 0), ASSAY_ANSWER_YES);
    assert_int_equal(assay_ics_feature(ics, 26), ASSAY_ANSWER_NO);
    p = assay_catalogue_find(ASSAY_STD_V3_1_3, "6-7");
    assert_int_equal(assay_ics_applies(ics, p, &why), ASSAY_ANSWER_NO);
    assert_string_equal(why, "feature aa");
    p = assay_catalogue_find(ASSAY_STD_V3_1_3, "5.1-5");
    assert_int_equal(assay_ics_applies(ics, p, NULL), ASSAY_ANSWER_YES);
    assert_int_equal(assay_ics_verdicts(s, ics), ASSAY_OK);
    assert_int_equal(assay_report_verdict_count(assay_session_report(s)), 78);
    free(t);
    assay_session_free(s);
}

static void
test_ixit(void **state)
{
    static const char doc[] =
        "standard: \"2.1.1\"\n"
        "product: {manufacturer: ACME, model: Cam 1, software_version: \"1.2\"}\n"
        "ixit:\n"
        "  user_info:\n"
        "    vulnerability_disclosure_policy: https://acme.example/security\n"
        "    support_period_end: 2030-12-31\n"
        "  services:\n"
        "    - name: dropbear\n"
        "      binary: /usr/sbin/dropbear\n"
        "      port: 22\n"
        "      status: enabled\n"
        "      allows_configuration: yes\n"
        "  interfaces:\n"
        "    - {name: uart, kind: physical, debug: yes, status: disabled}\n"
        "    - {name: web, kind: network, protocol: https, port: 443}\n";
    struct assay_session *s = assay_session_new(NULL);
    struct assay_ics *ics = NULL;
    const struct assay_ixit_entry *e;

    (void)state;
    assert_int_equal(
        assay_ics_load(s, "t", doc, sizeof(doc) - 1, &ics), ASSAY_OK);
    assert_string_equal(assay_ics_product(ics)->model, "Cam 1");
    assert_string_equal(
        assay_ics_user_info(ics)->support_period_end, "2030-12-31");
    assert_int_equal(assay_ics_ixit_count(ics, ASSAY_IXIT_SERVICES), 1);
    e = assay_ics_ixit(ics, ASSAY_IXIT_SERVICES, 0);
    assert_string_equal(e->binary, "/usr/sbin/dropbear");
    assert_int_equal(e->port, 22);
    assert_true(e->allows_configuration);
    assert_int_equal(e->line, 8);
    assert_int_equal(assay_ics_ixit_count(ics, ASSAY_IXIT_INTERFACES), 2);
    e = assay_ics_ixit(ics, ASSAY_IXIT_INTERFACES, 0);
    assert_true(e->debug);
    assert_string_equal(e->status, "disabled");
    assert_null(assay_ics_ixit(ics, ASSAY_IXIT_INTERFACES, 2));
    assay_session_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_template_valid),
        cmocka_unit_test(test_mandatory_n_rejected),
        cmocka_unit_test(test_recommendation_needs_justification),
        cmocka_unit_test(test_na_rules),
        cmocka_unit_test(test_shape_errors),
        cmocka_unit_test(test_unanswered),
        cmocka_unit_test(test_v3_features),
        cmocka_unit_test(test_ixit),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
