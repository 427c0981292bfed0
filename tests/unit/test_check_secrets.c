/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Secret detection on keys and certificates made here with OpenSSL:
 * PEM and DER private keys are confirmed with type and size, an OpenSSH
 * key blob is described, tokens are found and masked, and look-alikes
 * (a bare PEM header, a public key, documentation keys, placeholders,
 * low-entropy values) are not reported.
 */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "check/check_private.h"
#include "check/secrets.h"
#include "check_fixture.h"

static EVP_PKEY *
ec_key(void)
{
    EVP_PKEY *k = EVP_EC_gen("P-256");

    assert_non_null(k);
    return k;
}

/* Bytes written by 'fn' into a memory BIO, as a NUL-terminated copy. */
static char *
bio_text(BIO *b, size_t *len)
{
    char *p = NULL;
    long n = BIO_get_mem_data(b, &p);
    char *copy = calloc(1, (size_t)n + 1);

    memcpy(copy, p, (size_t)n);
    *len = (size_t)n;
    return copy;
}

static size_t
scan(const char *data, size_t len, bool text, struct secret_hit **h)
{
    size_t n = 0;

    assert_int_equal(
        secret_scan(sess, (const uint8_t *)data, len, text, h, &n), ASSAY_OK);
    return n;
}

static void
test_pem_keys(void **state)
{
    EVP_PKEY *k = ec_key();
    BIO *b = BIO_new(BIO_s_mem());
    struct secret_hit *h;
    size_t len;
    char *pem;

    (void)state;
    BIO_puts(b, "# device key\n");
    assert_int_equal(
        PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL), 1);
    pem = bio_text(b, &len);
    assert_int_equal(scan(pem, len, true, &h), 1);
    assert_int_equal(h[0].kind, SECRET_PRIVATE_KEY);
    assert_string_equal(h[0].what, "EC 256-bit private key (PEM, unencrypted)");
    assert_int_equal(h[0].line, 2);
    free(pem);
    BIO_free(b);

    /* the public half is not a finding */
    b = BIO_new(BIO_s_mem());
    assert_int_equal(PEM_write_bio_PUBKEY(b, k), 1);
    pem = bio_text(b, &len);
    assert_int_equal(scan(pem, len, true, &h), 0);
    free(pem);
    BIO_free(b);
    EVP_PKEY_free(k);
}

static void
test_lookalikes(void **state)
{
    static const char strtab[] =
        "\177ELF\0-----BEGIN RSA PRIVATE KEY-----\0-----END RSA PRIVATE "
        "KEY-----\0-----BEGIN PRIVATE KEY-----\nnot base64 at all\n"
        "-----END PRIVATE KEY-----\n";
    static const char conf[] = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                               "api_key = your_api_key_here_0123456789\n"
                               "token = aaaaaaaaaaaaaaaaaaaaaaaa\n"
                               "secret_len = 32\n";
    struct secret_hit *h;

    (void)state;
    assert_int_equal(scan(strtab, sizeof(strtab) - 1, false, &h), 0);
    assert_int_equal(scan(conf, sizeof(conf) - 1, true, &h), 0);
}

static void
test_tokens(void **state)
{
    static const char conf[] = "[default]\n"
                               "aws_access_key_id=AKIAZ7Q4M2XK9P3LRT8W\n"
                               "slack = \"xoxb-2231234567-Zq8mK2pLx9TvB4n\"\n"
                               "client_secret: \"f9K2mQ7xL4pZ8vB3nR6tY1wC\"\n";
    struct secret_hit *h;
    size_t n;

    (void)state;
    n = scan(conf, sizeof(conf) - 1, true, &h);
    assert_int_equal(n, 3);
    assert_int_equal(h[0].kind, SECRET_TOKEN);
    assert_string_equal(h[0].what, "AWS access key id");
    assert_string_equal(h[0].detail, "AKIA************RT8W");
    assert_int_equal(h[0].line, 2);
    assert_string_equal(h[1].what, "Slack token");
    assert_int_equal(h[2].kind, SECRET_GENERIC);
    assert_int_equal(h[2].line, 4);
    /* binary files: named tokens yes, generic assignments no */
    n = scan(conf, sizeof(conf) - 1, false, &h);
    assert_int_equal(n, 2);
}

static void
test_der_and_openssh(void **state)
{
    EVP_PKEY *k = ec_key();
    unsigned char *der = NULL;
    int dl = i2d_PrivateKey(k, &der);
    char what[256];
    /* An OpenSSH ed25519 key made with ssh-keygen for this test only. */
    static const char ossh[] =
        "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
        "QyNTUxOQAAACBHSl26WyyeVG272qyOv5idYDDwKd52UPo/WaOnfJcTlwAAAIiz5V+Cs+Vf\n"
        "ggAAAAtzc2gtZWQyNTUxOQAAACBHSl26WyyeVG272qyOv5idYDDwKd52UPo/WaOnfJcTlw\n"
        "AAAEDJTi+mUDqjQJRSrlkhHs2daqxs9PmqXAVbHEhheHhbYUdKXbpbLJ5UbbvarI6/mJ1g\n"
        "MPAp3nZQ+j9Zo6d8lxOXAAAAAAECAwQF\n";

    (void)state;
    assert_true(dl > 0);
    assert_true(secret_key_file(der, (size_t)dl, what, sizeof(what)));
    assert_string_equal(what, "EC 256-bit private key (DER)");
    assert_false(secret_key_file(der + 1, (size_t)dl - 1, what, sizeof(what)));
    OPENSSL_free(der);
    EVP_PKEY_free(k);

    assert_true(secret_openssh_key(ossh, sizeof(ossh) - 1, what, sizeof(what)));
    assert_string_equal(what, "ssh-ed25519 private key (OpenSSH, unencrypted)");
    assert_false(secret_openssh_key(ossh, 40, what, sizeof(what)));
    assert_false(secret_openssh_key("AAAA", 4, what, sizeof(what)));
}

static void
test_certificate_notes(void **state)
{
    EVP_PKEY *k = ec_key();
    X509 *x = X509_new();
    BIO *b = BIO_new(BIO_s_mem());
    struct secret_hit *h;
    size_t len, n;
    char *pem;

    (void)state;
    /* a self-signed end-entity certificate that expired yesterday */
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), -3 * 86400);
    X509_gmtime_adj(X509_getm_notAfter(x), -86400);
    X509_set_pubkey(x, k);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
        (const unsigned char *)"cam.local", -1, -1, 0);
    X509_set_issuer_name(x, X509_get_subject_name(x));
    assert_true(X509_sign(x, k, EVP_sha256()) > 0);
    PEM_write_bio_X509(b, x);
    pem = bio_text(b, &len);
    n = scan(pem, len, true, &h);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].kind, SECRET_CERT);
    assert_string_equal(h[0].what, "certificate /CN=cam.local");
    assert_non_null(strstr(h[0].detail, "expired"));
    assert_non_null(strstr(h[0].detail, "self-signed"));
    free(pem);
    BIO_free(b);
    X509_free(x);
    EVP_PKEY_free(k);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pem_keys),
        cmocka_unit_test(test_lookalikes),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_der_and_openssh),
        cmocka_unit_test(test_certificate_notes),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
