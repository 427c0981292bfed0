/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The report model and its JSON and text writers: canonical order, byte-
 * identical output for the same content whatever the insertion order,
 * valid JSON from hostile bytes, limits counted as dropped.
 */
#include <cjson/cJSON.h>

#include "test.h"

static void
add_findings(struct assay_report *r, bool reverse)
{
    struct assay_finding f[3];

    memset(f, 0, sizeof(f));
    for (int i = 0; i < 3; i++) {
        f[i].check = "FW-TEST-001";
        f[i].provisions[0] = "5.1-1";
        f[i].provision_count = 1;
        f[i].offset = -1;
        f[i].title = "universal default password";
        f[i].confidence = ASSAY_CONF_HIGH;
    }
    f[0].severity = ASSAY_SEV_LOW;
    f[0].path = "/etc/b";
    f[1].severity = ASSAY_SEV_CRITICAL;
    f[1].path = "/etc/shadow";
    f[1].line = 1;
    f[1].evidence = "root:sohoadmin";
    f[1].container = "fw.bin > squashfs@0x120200";
    f[2].severity = ASSAY_SEV_LOW;
    f[2].path = "/etc/a";
    for (int i = 0; i < 3; i++)
        assert_int_equal(
            assay_report_add_finding(r, &f[reverse ? 2 - i : i]), ASSAY_OK);
}

static char *
render(struct assay_report *r, const char *format)
{
    struct t_out o = {0};

    assert_int_equal(
        assay_report_write(r, format, NULL, t_out_sink, &o), ASSAY_OK);
    return o.data;
}

static void
test_order_and_determinism(void **state)
{
    struct assay_session *a = assay_session_new(NULL);
    struct assay_session *b = assay_session_new(NULL);
    char *ja, *jb;

    (void)state;
    add_findings(assay_session_report(a), false);
    add_findings(assay_session_report(b), true);
    ja = render(assay_session_report(a), "json");
    jb = render(assay_session_report(b), "json");
    assert_string_equal(ja, jb);
    /* critical first, then the two low ones by path */
    assay_report_sort(assay_session_report(a));
    assert_int_equal(assay_report_finding(assay_session_report(a), 0)->severity,
        ASSAY_SEV_CRITICAL);
    assert_string_equal(
        assay_report_finding(assay_session_report(a), 1)->path, "/etc/a");
    assert_int_equal(
        assay_report_max_severity(assay_session_report(a)), ASSAY_SEV_CRITICAL);
    free(ja);
    free(jb);
    assay_session_free(a);
    assay_session_free(b);
}

static void
test_json_shape(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_report *r = assay_session_report(s);
    struct assay_provision_verdict v = {0};
    struct assay_component c = {0};
    struct assay_target t = {"image", "fw.bin", 4063744, NULL};
    cJSON *doc, *f;
    char *js;

    (void)state;
    add_findings(r, false);
    v.id = "5.10-1";
    v.status = "R C (6)";
    v.verdict = ASSAY_VERDICT_NOT_APPLICABLE;
    v.basis[0].kind = ASSAY_BASIS_RULE;
    v.basis[0].ref = "applicability";
    v.basis[0].text = "condition 6 does not hold";
    v.basis_count = 1;
    assert_int_equal(assay_report_set_verdict(r, &v), ASSAY_OK);
    v.id = "5.9-1";
    v.status = "R";
    v.applicable = true;
    v.verdict = ASSAY_VERDICT_INCONCLUSIVE;
    assert_int_equal(assay_report_set_verdict(r, &v), ASSAY_OK);
    c.name = "busybox";
    c.version = "1.01";
    c.path = "/bin/busybox";
    c.evidence = "BusyBox v1.01 (2015.03.10-02:23+0000)";
    c.purl = "pkg:generic/busybox@1.01";
    assert_int_equal(assay_report_add_component(r, &c), ASSAY_OK);
    assert_int_equal(assay_report_set_target(r, &t), ASSAY_OK);
    assert_int_equal(assay_report_set_standard(r, "2.1.1"), ASSAY_OK);
    js = render(r, "json");
    doc = cJSON_Parse(js);
    assert_non_null(doc);
    assert_string_equal(
        cJSON_GetObjectItem(doc, "schema")->valuestring, "assay-report/1");
    assert_null(cJSON_GetObjectItem(doc, "generated"));
    f = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "findings"), 0);
    assert_string_equal(
        cJSON_GetObjectItem(f, "severity")->valuestring, "critical");
    assert_string_equal(cJSON_GetObjectItem(f, "container")->valuestring,
        "fw.bin > squashfs@0x120200");
    assert_int_equal(cJSON_GetObjectItem(f, "line")->valueint, 1);
    assert_null(cJSON_GetObjectItem(f, "offset"));
    /* verdicts sort by numeric id: 5.9-1 before 5.10-1 */
    assert_string_equal(
        cJSON_GetObjectItem(
            cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "provisions"), 0), "id")
            ->valuestring,
        "5.9-1");
    assert_int_equal(cJSON_GetObjectItem(
                         cJSON_GetObjectItem(
                             cJSON_GetObjectItem(doc, "summary"), "verdicts"),
                         "NOT_APPLICABLE")
                         ->valueint,
        1);
    cJSON_Delete(doc);
    free(js);
    /* a timestamp only when asked */
    assay_report_set_timestamp(r, true);
    js = render(r, "json");
    assert_non_null(strstr(js, "\"generated\": \"20"));
    free(js);
    assay_session_free(s);
}

static void
test_hostile_bytes(void **state)
{
    static const char evil[] = "a\"b\\c\n\x01\xff\xc3\x28\xe2\x82\xac\x7f";
    struct assay_session *s = assay_session_new(NULL);
    struct assay_report *r = assay_session_report(s);
    struct assay_finding f = {0};
    cJSON *doc, *ev;
    char *js, *tx;

    (void)state;
    f.check = "FW-TEST-002";
    f.title = "t";
    f.offset = 16;
    f.evidence = evil;
    assert_int_equal(assay_report_add_finding(r, &f), ASSAY_OK);
    js = render(r, "json");
    doc = cJSON_Parse(js);
    assert_non_null(doc);
    ev = cJSON_GetObjectItem(
        cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "findings"), 0),
        "evidence");
    /* quote, backslash, newline and U+0001 escaped; invalid UTF-8
     * replaced by U+FFFD; the euro sign kept */
    assert_string_equal(ev->valuestring,
        "a\"b\\c\n\x01\xef\xbf\xbd\xef\xbf\xbd(\xe2\x82\xac\x7f");
    cJSON_Delete(doc);
    /* the text writer turns control bytes into '?' */
    tx = render(r, "text");
    assert_null(strchr(tx, '\x01'));
    assert_null(strstr(tx, "\033["));
    free(tx);
    free(js);
    assay_session_free(s);
}

static void
test_limits(void **state)
{
    const struct assay_limits lim = {.max_findings = 2, .max_diags = 1};
    struct assay_session *s = assay_session_new(&lim);
    struct assay_report *r = assay_session_report(s);
    struct assay_diag d = {0};
    struct assay_finding f = {0};

    (void)state;
    f.check = "FW-TEST-003";
    f.title = "t";
    f.offset = -1;
    assert_int_equal(assay_report_add_finding(r, &f), ASSAY_OK);
    assert_int_equal(assay_report_add_finding(r, &f), ASSAY_OK);
    assert_int_equal(assay_report_add_finding(r, &f), ASSAY_E_LIMIT);
    assert_int_equal(assay_report_finding_count(r), 2);
    d.source = "test";
    d.message = "one";
    d.offset = -1;
    assert_int_equal(assay_report_add_diag(r, &d), ASSAY_OK);
    assert_int_equal(assay_report_add_diag(r, &d), ASSAY_E_LIMIT);
    assert_int_equal(assay_report_dropped(r), 2);
    assay_session_free(s);
}

static void
test_writers(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct t_out o = {0};

    (void)state;
    assert_string_equal(assay_writer_name(0), "text");
    assert_non_null(assay_writer_ext(1));
    assert_int_equal(assay_report_write(
                         assay_session_report(s), "nope", NULL, t_out_sink, &o),
        ASSAY_E_NOTFOUND);
    free(o.data);
    assay_session_free(s);
}

/* A diagnostic's place names a container and an offset once each. */
static void
test_diag_where(void **state)
{
    struct assay_diag d = {.level = ASSAY_DIAG_WARNING,
        .source = "uimage",
        .file = "fw.bin > uimage@0x0",
        .offset = 0,
        .message = "uimage: header crc mismatch"};
    char b[64];

    (void)state;
    assert_string_equal(
        assay_diag_where(&d, b, sizeof(b)), "fw.bin > uimage@0x0+0x0");
    d.offset = -1;
    assert_string_equal(
        assay_diag_where(&d, b, sizeof(b)), "fw.bin > uimage@0x0");
    d.file = "fw.bin";
    d.offset = 0x40;
    assert_string_equal(assay_diag_where(&d, b, sizeof(b)), "fw.bin@0x40");
    d.line = 3;
    d.column = 7;
    assert_string_equal(assay_diag_where(&d, b, sizeof(b)), "fw.bin:3:7");
    assert_string_equal(assay_diag_where(&d, b, 4), "fw.");
    d.file = NULL;
    assert_string_equal(assay_diag_where(&d, b, sizeof(b)), "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_determinism),
        cmocka_unit_test(test_json_shape),
        cmocka_unit_test(test_hostile_bytes),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_writers),
        cmocka_unit_test(test_diag_where),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
