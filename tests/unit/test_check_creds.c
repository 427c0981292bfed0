/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Credential parsers, the configuration password scanner and the
 * dictionary cracker, on hashes made here with libcrypt (so every scheme
 * is a real crypt(3) string) and on the TP-Link WR841N root hash.
 */
#include <crypt.h>

#include <openssl/evp.h>

#include "check/check_private.h"
#include "check/creds.h"
#include "check_fixture.h"

/* A fresh crypt(3) hash of 'pw' with the scheme of 'prefix'. */
static char *
mkhash(const char *prefix, unsigned long cost, const char *pw)
{
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    struct crypt_data cd;
    const char *h;

    memset(&cd, 0, sizeof(cd));
    assert_non_null(
        crypt_gensalt_rn(prefix, cost, NULL, 0, setting, (int)sizeof(setting)));
    h = crypt_rn(pw, setting, &cd, (int)sizeof(cd));
    assert_non_null(h);
    assert_true(h[0] != '*');
    return assay_arena_strdup(assay_session_arena(sess), h);
}

static void
test_schemes(void **state)
{
    (void)state;
    assert_int_equal(cred_scheme_of(""), CRED_EMPTY);
    assert_int_equal(cred_scheme_of("!"), CRED_LOCKED);
    assert_int_equal(cred_scheme_of("*"), CRED_LOCKED);
    assert_int_equal(cred_scheme_of("!!"), CRED_LOCKED);
    assert_int_equal(cred_scheme_of("!$6$abc$def"), CRED_LOCKED);
    assert_int_equal(cred_scheme_of("x"), CRED_SHADOWED);
    assert_int_equal(cred_scheme_of("abJnggxhB/yWI"), CRED_DES);
    assert_int_equal(
        cred_scheme_of("$1$GTN.gpri$DlSyKvZKMR9A9Uj9e9wR3/"), CRED_MD5);
    assert_int_equal(cred_scheme_of("$5$salt$hash"), CRED_SHA256);
    assert_int_equal(cred_scheme_of("$6$salt$hash"), CRED_SHA512);
    assert_int_equal(
        cred_scheme_of("$2b$05$abcdefghijklmnopqrstuv"), CRED_BCRYPT);
    assert_int_equal(cred_scheme_of("$y$j9T$salt$hash"), CRED_YESCRYPT);
    assert_int_equal(cred_scheme_of("$apr1$salt$hash"), CRED_APR1);
    assert_int_equal(
        cred_scheme_of("{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g="), CRED_SHA1);
    /* 12 characters is not DES: plain text. */
    assert_int_equal(cred_scheme_of("admin1234567"), CRED_PLAIN);
    assert_true(cred_scheme_weak(CRED_DES));
    assert_true(cred_scheme_weak(CRED_MD5));
    assert_false(cred_scheme_weak(CRED_SHA512));
    assert_false(cred_scheme_weak(CRED_YESCRYPT));
}

static void
test_parse_variants(void **state)
{
    struct assay_arena *a = assay_session_arena(sess);
    struct cred_entry *e;
    size_t n;

    (void)state;
    assert_int_equal(cred_parse(a, CRED_FMT_PASSWD,
                         BYTES("root:x:0:0:root:/root:/bin/sh\n"
                               "# comment\n"
                               "broken line\n"
                               "Admin:abJnggxhB/yWI:0:0::/:/bin/sh\r\n"
                               "nobody:*:65534:65534::/:/bin/false\n"
                               "huge:x:99999999999:0::/:/bin/sh\n"
                               "guest::1000:1000::/home:/bin/sh"),
                         &e, &n),
        ASSAY_OK);
    assert_int_equal(n, 5);
    assert_string_equal(e[0].user, "root");
    assert_int_equal(e[0].uid, 0);
    assert_string_equal(e[1].user, "Admin");
    assert_string_equal(e[1].secret, "abJnggxhB/yWI");
    assert_int_equal(e[1].line, 4);
    assert_string_equal(e[2].shell, "/bin/false");
    assert_int_equal(e[3].uid, -1); /* out of range */
    assert_string_equal(e[4].secret, "");
    assert_int_equal(e[4].line, 7);

    assert_int_equal(cred_parse(a, CRED_FMT_HTDIGEST,
                         BYTES("admin:Router:0123456789abcdef0123456789abcdef\n"
                               "bad:line\n"),
                         &e, &n),
        ASSAY_OK);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].realm, "Router");

    assert_int_equal(cred_parse(a, CRED_FMT_BBHTTPD,
                         BYTES("A:*\nH:/www\n/cgi-bin:admin:admin\n"
                               ".au:audio/basic\n/adm:root:$1$x$y\n"),
                         &e, &n),
        ASSAY_OK);
    assert_int_equal(n, 2);
    assert_string_equal(e[0].user, "admin");
    assert_string_equal(e[0].secret, "admin");
    assert_string_equal(e[1].secret, "$1$x$y");

    /* Garbage never crashes and yields nothing usable. */
    assert_int_equal(
        cred_parse(a, CRED_FMT_SHADOW, BYTES("\0\0:\n:::\n\n"), &e, &n),
        ASSAY_OK);
    assert_int_equal(n, 0);
}

static void
test_crack_schemes(void **state)
{
    struct cred_job jobs[7] = {
        {.user = "root"},    /* md5 sohoadmin (the WR841N hash) */
        {.user = "admin"},   /* sha512 admin */
        {.user = "root"},    /* DES xc3511 */
        {.user = "ubnt"},    /* yescrypt ubnt */
        {.user = "support"}, /* bcrypt support */
        {.user = "root"},    /* sha256 of a strong password: not found */
        {.user = "admin"},   /* htdigest admin:Router:password */
    };
    unsigned char md[16];
    char hex[33];
    uint64_t tried = 0;

    (void)state;
    jobs[0].hash = "$1$GTN.gpri$DlSyKvZKMR9A9Uj9e9wR3/";
    jobs[1].hash = mkhash("$6$", 5000, "admin");
    jobs[2].hash = mkhash("", 0, "xc3511");
    jobs[3].hash = mkhash("$y$", 5, "ubnt");
    jobs[4].hash = mkhash("$2b$", 5, "support");
    jobs[5].hash = mkhash("$5$", 5000, "k7#Qv9!pLw2$zR");
    assert_int_equal(
        EVP_Digest("admin:Router:password", 21, md, NULL, EVP_md5(), NULL), 1);
    assay_hex(md, 16, hex);
    jobs[6].hash = hex;
    jobs[6].realm = "Router";

    assert_int_equal(cred_crack(jobs, 7, 0, 2, &tried), ASSAY_OK);
    assert_string_equal(jobs[0].found, "sohoadmin");
    assert_string_equal(jobs[1].found, "admin");
    assert_string_equal(jobs[2].found, "xc3511");
    assert_string_equal(jobs[3].found, "ubnt");
    assert_string_equal(jobs[4].found, "support");
    assert_null(jobs[5].found);
    assert_string_equal(jobs[6].found, "password");
    assert_true(tried > cred_default_count());
}

static void
test_crack_deadline(void **state)
{
    struct cred_job job = {.user = "nobodyknows"};
    uint64_t tried = 0;

    (void)state;
    job.hash = mkhash("$2b$", 12, "not in any list 1");
    /* A deadline in the past stops before the first candidate. */
    assert_int_equal(
        cred_crack(&job, 1, check_now() - 1, 2, &tried), ASSAY_E_TIMEOUT);
    assert_null(job.found);
    assert_int_equal(tried, 0);
}

static void
test_default_known(void **state)
{
    const char *src = NULL;

    (void)state;
    assert_true(cred_default_known("root", "xc3511", &src));
    assert_string_equal(src, "mirai");
    assert_true(cred_default_known("root", "sohoadmin", &src));
    assert_string_equal(src, "vendor");
    assert_true(cred_default_known(NULL, "7ujMko0vizxv", NULL));
    assert_false(cred_default_known("root", "k7#Qv9!pLw2", NULL));
    assert_false(cred_default_known("nobody", "xc3511", NULL));
}

static const struct cred_pair *
find_pair(const struct cred_pair *p, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(p[i].key, key) == 0)
            return &p[i];
    }
    return NULL;
}

static void
test_config_forms(void **state)
{
    static const char conf[] =
        "# NVRAM defaults\n"
        "http_username=admin\n"
        "http_passwd=admin\n"
        "wl0_wpa_psk=\"12345678\"\n"
        "config login\n"
        "\toption username 'root'\n"
        "\toption password 'Zte521'\n"
        "<Account><UserName>support</UserName><Password>support</Password></Account>\n"
        "{\"user\": \"tech\", \"password\": \"tech\"}\n"
        "user name=guest password=guest\n"
        "export ADMIN_PASS=hunter22\n"
        "<login user=\"ops\" password=\"ops123\"/>\n";
    const struct cred_pair *p;
    struct cred_pair *v;
    size_t n;

    (void)state;
    assert_int_equal(
        cred_scan_config(assay_session_arena(sess), BYTES(conf), &v, &n),
        ASSAY_OK);
    p = find_pair(v, n, "http_passwd");
    assert_non_null(p);
    assert_string_equal(p->password, "admin");
    assert_string_equal(p->user, "admin");
    assert_int_equal(p->line, 3);
    p = find_pair(v, n, "wl0_wpa_psk");
    assert_non_null(p);
    assert_string_equal(p->password, "12345678");
    p = find_pair(v, n, "password");
    assert_non_null(p);
    assert_string_equal(p->password, "Zte521");
    assert_string_equal(p->user, "root");
    p = find_pair(v, n, "Password");
    assert_non_null(p);
    assert_string_equal(p->password, "support");
    assert_string_equal(p->user, "support");
    p = find_pair(v, n, "ADMIN_PASS");
    assert_non_null(p);
    assert_string_equal(p->password, "hunter22");
    assert_int_equal(n, 8);
}

static void
test_config_lookalikes(void **state)
{
    /* None of these is a literal password. */
    static const char conf[] = "password_min_length=8\n"
                               "PASSWORD=$(head -c 12 /dev/urandom | base64)\n"
                               "pass=${ROOT_PASS}\n"
                               "http_passwd=\n"
                               "admin_password=********\n"
                               "passwd_file=/etc/passwd\n"
                               "# password=admin\n"
                               "<Password></Password>\n"
                               "option password ''\n"
                               "\"password\": \"\"\n"
                               "passive_mode=yes\n"
                               "bypass=on\n"
                               "PasswordAuthentication no\n";
    struct cred_pair *v;
    size_t n = 99;

    (void)state;
    assert_int_equal(
        cred_scan_config(assay_session_arena(sess), BYTES(conf), &v, &n),
        ASSAY_OK);
    for (size_t i = 0; i < n; i++)
        print_message("unexpected: %s=%s\n", v[i].key, v[i].password);
    assert_int_equal(n, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schemes),
        cmocka_unit_test(test_parse_variants),
        cmocka_unit_test(test_crack_schemes),
        cmocka_unit_test(test_crack_deadline),
        cmocka_unit_test(test_default_known),
        cmocka_unit_test(test_config_forms),
        cmocka_unit_test(test_config_lookalikes),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
