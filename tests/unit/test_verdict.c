/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The verdict engine through the library: a statement (the V2.1.1
 * template, every answer Y) plus findings and coverage added with the
 * public API. PASS needs coverage, a finding at the threshold fails, an
 * undeclared finding fails below it, nothing found without coverage stays
 * INCONCLUSIVE. Also the assessor key grammar, the escapers the document
 * writers use and the reader's limits.
 */
#include "report/report_private.h"
#include "test.h"
#include "verdict/verdict_private.h"

static struct t_out template_text;

static struct assay_ics *
load_template(struct assay_session *s)
{
    struct assay_ics *ics = NULL;

    if (template_text.data == NULL)
        assert_int_equal(
            assay_ics_template(ASSAY_STD_V2_1_1, t_out_sink, &template_text),
            ASSAY_OK);
    assert_int_equal(assay_ics_load(s, "t.yaml", template_text.data,
                         template_text.len, &ics),
        ASSAY_OK);
    return ics;
}

static void
add(struct assay_session *s, const char *check, const char *prov,
    enum assay_severity sev, const char *title)
{
    struct assay_finding f;

    memset(&f, 0, sizeof(f));
    f.check = check;
    f.provisions[0] = prov;
    f.provision_count = 1;
    f.severity = sev;
    f.title = title;
    f.offset = -1;
    assert_int_equal(
        assay_report_add_finding(assay_session_report(s), &f), ASSAY_OK);
}

static void
cover(struct assay_session *s, const char *prov, const char *check)
{
    struct assay_coverage c = {.provision = prov, .check = check};

    assert_int_equal(
        assay_report_add_coverage(assay_session_report(s), &c), ASSAY_OK);
}

static enum assay_verdict
verdict(struct assay_session *s, const char *id)
{
    const struct assay_provision_verdict *v =
        assay_report_verdict_find(assay_session_report(s), id);

    assert_non_null(v);
    return v->verdict;
}

static void
test_rules(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_ics *ics = load_template(s);
    struct assay_assess_opts o;

    (void)state;
    /* 5.4-3: covered, nothing found -> PASS */
    cover(s, "5.4-3", "FW-SECRET-001");
    /* 5.1-3: covered, a medium finding -> FAIL at the default threshold */
    cover(s, "5.1-3", "FW-HASH-001");
    add(s, "FW-HASH-001", "5.1-3", ASSAY_SEV_MEDIUM, "md5-crypt hash");
    /* 5.6-6: covered, only a low finding -> PASS, the finding noted */
    cover(s, "5.6-6", "FW-MIN-001");
    add(s, "FW-MIN-001", "5.6-6", ASSAY_SEV_LOW, "gdbserver present");
    /* 5.6-1: an undeclared service at info severity -> FAIL */
    add(s, "NET-PORT-UNDECLARED", "5.6-1", ASSAY_SEV_INFO, "port 23 open");
    /* 5.5-4: title convention -> FAIL */
    add(s, "NET-AUTH-004", "5.5-4", ASSAY_SEV_INFO,
        "Undeclared HTTP API without authentication");
    assay_assess_opts_init(&o);
    assert_int_equal(o.threshold, ASSAY_SEV_MEDIUM);
    assert_int_equal(assay_assess(s, ics, &o), ASSAY_OK);
    assert_int_equal(verdict(s, "5.4-3"), ASSAY_VERDICT_PASS);
    assert_int_equal(verdict(s, "5.1-3"), ASSAY_VERDICT_FAIL);
    assert_int_equal(verdict(s, "5.6-6"), ASSAY_VERDICT_PASS);
    assert_int_equal(verdict(s, "5.6-1"), ASSAY_VERDICT_FAIL);
    assert_int_equal(verdict(s, "5.5-4"), ASSAY_VERDICT_FAIL);
    /* nothing looked: never PASS */
    assert_int_equal(verdict(s, "5.2-1"), ASSAY_VERDICT_INCONCLUSIVE);
    assert_int_equal(verdict(s, "5.5-1"), ASSAY_VERDICT_INCONCLUSIVE);
    /* the template leaves condition 13 (debug interface) at no */
    assert_int_equal(verdict(s, "5.6-4"), ASSAY_VERDICT_NOT_APPLICABLE);
    assert_int_equal(
        assay_report_verdict_tally(assay_session_report(s), ASSAY_VERDICT_PASS),
        3); /* 4-1, 5.4-3, 5.6-6 */

    /* A higher threshold: the medium finding no longer counts. */
    o.threshold = ASSAY_SEV_HIGH;
    assert_int_equal(assay_assess(s, ics, &o), ASSAY_OK);
    assert_int_equal(verdict(s, "5.1-3"), ASSAY_VERDICT_PASS);
    assert_int_equal(verdict(s, "5.6-1"), ASSAY_VERDICT_FAIL);
    assay_session_free(s);
}

static void
test_assessor(void **state)
{
    static const char good[] = "standard: \"2.1.1\"\n"
                               "results:\n"
                               "  5.2-1-1: {verdict: PASS, note: policy read}\n"
                               "  5.2-1-2a: {verdict: PASS}\n"
                               "  5.2-1-2b: {verdict: PASS}\n"
                               "  5.5-1: {verdict: FAIL, note: TLS 1.0 only}\n"
                               "  5.11-1-1: {verdict: PASS}\n"
                               "  5.11-1-2a: {verdict: INCONCLUSIVE}\n";
    static const char bad[] = "results:\n"
                              "  5.2-1-0: {verdict: PASS}\n"
                              "  5.2-1-1abc: {verdict: PASS}\n"
                              "  5.2-1-1: {verdict: NOT_APPLICABLE}\n"
                              "  5.2-1-2: [PASS]\n"
                              "oops: 1\n";
    struct assay_session *s = assay_session_new(NULL);
    struct assay_ics *ics = load_template(s);
    struct assay_assessor *a = NULL;
    struct assay_assess_opts o;

    (void)state;
    assert_int_equal(
        assay_assessor_load(s, "a.yaml", good, sizeof(good) - 1, &a), ASSAY_OK);
    assay_assess_opts_init(&o);
    o.assessor = a;
    assert_int_equal(assay_assess(s, ics, &o), ASSAY_OK);
    assert_int_equal(verdict(s, "5.2-1"), ASSAY_VERDICT_PASS);
    assert_int_equal(verdict(s, "5.5-1"), ASSAY_VERDICT_FAIL);
    assert_int_equal(verdict(s, "5.11-1"), ASSAY_VERDICT_INCONCLUSIVE);

    assert_int_equal(assay_assessor_load(s, "b.yaml", bad, sizeof(bad) - 1, &a),
        ASSAY_E_INVALID);
    assert_null(a);
    assert_true(t_has_diag(s, "'5.2-1-0' is not a provision", 2));
    assert_true(t_has_diag(s, "'5.2-1-1abc' is not a provision", 3));
    assert_true(t_has_diag(s, "verdict must be PASS, FAIL or INCONCLUSIVE", 4));
    assert_true(t_has_diag(s, "must be a map with verdict and note", 5));
    assert_true(t_has_diag(s, "unknown key 'oops'", 6));
    assay_session_free(s);
}

static void
test_split_key(void **state)
{
    struct assessor_entry e;

    (void)state;
    assert_true(verdict_split_key("5.1-1", &e));
    assert_string_equal(e.provision, "5.1-1");
    assert_int_equal(e.tcase, 0);
    assert_true(verdict_split_key("5.13-1A-2b", &e));
    assert_string_equal(e.provision, "5.13-1A");
    assert_int_equal(e.tcase, 2);
    assert_string_equal(e.unit, "b");
    assert_true(verdict_split_key("4-1-1", &e));
    assert_string_equal(e.provision, "4-1");
    assert_false(verdict_split_key("5.1", &e));
    assert_false(verdict_split_key("5.1-", &e));
    assert_false(verdict_split_key("5.1-1-", &e));
    assert_false(verdict_split_key("5.1-1-1A", &e));
    assert_false(verdict_split_key("5.1-1-1abc", &e));
    assert_false(verdict_split_key("1234.1-1", &e));
    assert_false(verdict_split_key("", &e));
}

static char *
esc(enum assay_status (*fn)(struct assay_buf *, const char *), const char *s)
{
    struct assay_buf b;
    char *out;

    assay_buf_init(&b, 1 << 20);
    assert_int_equal(fn(&b, s), ASSAY_OK);
    assert_int_equal(assay_buf_putc(&b, '\0'), ASSAY_OK);
    out = strdup(b.data);
    assay_buf_release(&b);
    return out;
}

static void
test_escapers(void **state)
{
    struct {
        enum assay_status (*fn)(struct assay_buf *, const char *);
        const char *in, *want;
    } cases[] = {
        {report_html, "<b a=\"1\">&'", "&lt;b a=&quot;1&quot;&gt;&amp;&#39;"},
        {report_html, "a\x01z\xff", "a\xef\xbf\xbdz\xef\xbf\xbd"},
        {report_md, "a|b*c_<x>\nd", "a\\|b\\*c\\_&lt;x&gt; d"},
        {report_csv, "=1+2", "\"'=1+2\""},
        {report_csv, "say \"hi\"", "\"say \"\"hi\"\"\""},
        {report_csv, "-x", "\"'-x\""},
        {report_csv, "\xc3\xa9t\xc3\xa9", "\"\xc3\xa9t\xc3\xa9\""},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = esc(cases[i].fn, cases[i].in);

        assert_string_equal(got, cases[i].want);
        free(got);
    }
}

static void
test_read_limits(void **state)
{
    /* values: 50 + 32 per finding and diagnostic = 146 */
    static const struct assay_limits lim = {.max_doc_depth = 8,
        .max_doc_nodes = 50,
        .max_findings = 1,
        .max_diags = 2};
    char deep[64], many[1200];
    struct assay_session *s = assay_session_new(&lim);
    size_t n = 0;

    (void)state;
    n = (size_t)snprintf(
        deep, sizeof(deep), "{\"schema\": \"assay-report/1\", \"x\": ");
    for (int i = 0; i < 10; i++)
        deep[n++] = '[';
    assert_int_equal(assay_report_read(s, "deep.json", deep, n), ASSAY_E_LIMIT);
    assert_true(t_has_diag(s, "nesting deeper than 8 levels", 0));

    n = (size_t)snprintf(
        many, sizeof(many), "{\"schema\": \"assay-report/1\", \"x\": [");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(many + n, sizeof(many) - n, "1,");
    assert_int_equal(assay_report_read(s, "many.json", many, n), ASSAY_E_LIMIT);
    assert_true(t_has_diag(s, "more than 146 values", 0));

    assert_int_equal(assay_report_read(s, "bad.json", "{\"schema\": 1}", 13),
        ASSAY_E_INVALID);
    assert_int_equal(assay_report_read(s, "nul.json", "", 0), ASSAY_E_INVALID);
    assay_session_free(s);
}

static void
test_read_roundtrip(void **state)
{
    struct assay_session *a = assay_session_new(NULL);
    struct assay_session *b = assay_session_new(NULL);
    struct t_out one = {0}, two = {0};

    (void)state;
    add(a, "FW-X-001", "5.1-1", ASSAY_SEV_HIGH, "x\x01y <z>");
    cover(a, "5.1-1", "FW-X-001");
    cover(a, "5.1-1", "FW-X-001"); /* kept once */
    assert_int_equal(assay_report_coverage_count(assay_session_report(a)), 1);
    assert_int_equal(assay_report_write(assay_session_report(a), "json", NULL,
                         t_out_sink, &one),
        ASSAY_OK);
    assert_int_equal(
        assay_report_read(b, "one.json", one.data, one.len), ASSAY_OK);
    assert_true(assay_report_is_covered(assay_session_report(b), "5.1-1"));
    assert_false(assay_report_is_covered(assay_session_report(b), "5.1-2"));
    assert_int_equal(assay_report_write(assay_session_report(b), "json", NULL,
                         t_out_sink, &two),
        ASSAY_OK);
    assert_int_equal(one.len, two.len);
    assert_memory_equal(one.data, two.data, one.len);
    free(one.data);
    free(two.data);
    assay_session_free(a);
    assay_session_free(b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_assessor),
        cmocka_unit_test(test_split_key),
        cmocka_unit_test(test_escapers),
        cmocka_unit_test(test_read_limits),
        cmocka_unit_test(test_read_roundtrip),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);

    free(template_text.data);
    return rc;
}
