/* SPDX-License-Identifier: Apache-2.0 */
/* Version ordering and CPE 2.3 parsing used by vulnerability matching. */
#include "test.h"
#include "vulndb/vulndb_private.h"

static void
test_version_order(void **state)
{
    static const char *const asc[][2] = {
        {"1.0", "1.0.1"},
        {"1.0.2k", "1.0.2l"},
        {"1.9", "1.10"},
        {"2012.55", "2016.73"},
        {"2.75-1ubuntu0.16.04.2", "2.75-1ubuntu0.16.04.3"},
        {"1.0~rc1", "1.0"},
        {"1:0.9", "2:0.1"},
        {"0.9", "1:0.1"},
        {"9.2p1", "9.3p1"},
        {"1.0a", "1.0b"},
        {"2.68-1", "2.68-1ubuntu0.2"},
        {"2022.83", "2022.83-1+deb12u3"},
    };

    (void)state;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(asc); i++) {
        assert_true(assay_version_compare(asc[i][0], asc[i][1]) < 0);
        assert_true(assay_version_compare(asc[i][1], asc[i][0]) > 0);
    }
    assert_int_equal(assay_version_compare("1.01", "1.1"), 0);
    assert_int_equal(assay_version_compare("v10", "10"), 0);
    assert_int_equal(assay_version_compare("3.16.9", "3.16.9"), 0);
}

static void
test_cpe_parse(void **state)
{
    struct cpe c;

    (void)state;
    assert_true(vulndb_cpe_parse(
        "cpe:2.3:o:tp-link:tl-wr841n_firmware:3.16.9:*:*:*:*:*:*:*", &c));
    assert_string_equal(c.part, "o");
    assert_string_equal(c.vendor, "tp-link");
    assert_string_equal(c.product, "tl-wr841n_firmware");
    assert_string_equal(c.version, "3.16.9");
    assert_true(vulndb_cpe_parse("cpe:2.3:a:x:y\\:z:1.0:*:*:*:*:*:*:*", &c));
    assert_string_equal(c.product, "y:z");
    assert_false(vulndb_cpe_parse("cpe:2.3:a:x", &c));
    assert_false(vulndb_cpe_parse("cpe:/a:x:y:1", &c));
    assert_false(vulndb_cpe_parse("cpe:2.3:a:x:y:1:*:*:*:*:*:*:*:extra", &c));
    assert_true(vulndb_cpe_wild("-"));
    assert_false(vulndb_cpe_wild("1.0"));
}

static void
test_cvss3(void **state)
{
    (void)state;
    assert_true(vulndb_cvss3_score(
                    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") == 9.8);
    assert_true(vulndb_cvss3_score(
                    "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H") == 7.2);
    assert_true(vulndb_cvss3_score(
                    "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N") == 6.1);
    assert_true(vulndb_cvss3_score(
                    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N") == 0.0);
    assert_true(vulndb_cvss3_score("CVSS:3.1/AV:N/AC:L") < 0);
    assert_true(vulndb_cvss3_score("AV:N/AC:L/Au:N/C:P/I:P/A:P") < 0);
    assert_true(
        vulndb_cvss3_score("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") < 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_order),
        cmocka_unit_test(test_cpe_parse),
        cmocka_unit_test(test_cvss3),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
