/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The parsers of device answers in lib/probe, on well-formed answers,
 * look-alikes and cut or hostile ones: telnet negotiation, MQTT packets,
 * SNMP BER (built by us, then read back and corrupted), FTP replies, SSH
 * KEXINIT, HTTP-style headers and status lines, HTML login forms, XML
 * element text, the first answer of a DTLS server (from OpenSSL's own
 * server, with and without cookies, and crafted); and the option parsers
 * (port lists, credential lists).
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "probe/probe_private.h"
#include "test.h"

static void
test_telnet(void **state)
{
    static const uint8_t in[] = {255, 253, 24, 255, 251, 1, 'l', 'o', 255, 255,
        'g', 255, 250, 24, 1, 255, 240, 'i', 'n', ':', 0, 255, 253};
    struct assay_buf text, reply;
    size_t used;

    (void)state;
    assay_buf_init(&text, 1024);
    assay_buf_init(&reply, 1024);
    used = telnet_parse(in, sizeof(in), &text, &reply);
    /* the cut "IAC DO" at the end is left for later */
    assert_int_equal(used, sizeof(in) - 2);
    assert_int_equal(text.len, 7);
    assert_memory_equal(text.data, "lo\xffgin:", 7);
    /* DO 24 -> WONT 24, WILL 1 -> DONT 1 */
    assert_int_equal(reply.len, 6);
    assert_memory_equal(reply.data, "\xff\xfc\x18\xff\xfe\x01", 6);
    /* an unterminated subnegotiation consumes nothing */
    assay_buf_reset(&text);
    assert_int_equal(
        telnet_parse((const uint8_t *)"\xff\xfa\x18\x01", 4, &text, &reply), 0);
    assay_buf_release(&text);
    assay_buf_release(&reply);
}

static void
test_mqtt(void **state)
{
    uint8_t buf[300];
    struct mqtt_packet pk;
    const uint8_t *t, *p;
    size_t tl, pl, n;
    static const uint8_t pub[] = {0x32, 9, 0, 3, 'a', '/', 'b', 0, 7, 'h', 'i'};
    static const uint8_t big[] = {0x30, 0xff, 0xff, 0xff, 0xff, 0x7f};

    (void)state;
    n = mqtt_connect_build(buf, sizeof(buf), "cid", "u", "p");
    assert_true(n > 0);
    assert_int_equal(mqtt_packet_parse(buf, n, &pk), 1);
    assert_int_equal(pk.type, 1);
    assert_int_equal(pk.total, n);
    assert_int_equal(pk.body[7], 0xc2); /* user, password, clean */
    assert_int_equal(mqtt_connect_build(buf, 10, "cid", NULL, NULL), 0);

    assert_int_equal(mqtt_packet_parse(pub, sizeof(pub), &pk), 1);
    assert_true(mqtt_publish_parse(&pk, &t, &tl, &p, &pl));
    assert_int_equal(tl, 3);
    assert_memory_equal(t, "a/b", 3);
    assert_int_equal(pl, 2); /* QoS 1: packet id skipped */
    assert_memory_equal(p, "hi", 2);
    /* cut: need more; five length bytes: malformed */
    assert_int_equal(mqtt_packet_parse(pub, 5, &pk), 0);
    assert_int_equal(mqtt_packet_parse(big, sizeof(big), &pk), -1);
    /* topic longer than the packet */
    buf[0] = 0x30;
    buf[1] = 2;
    buf[2] = 0xff;
    buf[3] = 0xff;
    assert_int_equal(mqtt_packet_parse(buf, 4, &pk), 1);
    assert_false(mqtt_publish_parse(&pk, &t, &tl, &p, &pl));
}

static void
test_snmp(void **state)
{
    uint8_t req[256], ans[256];
    struct snmp_answer a;
    size_t n;

    (void)state;
    n = snmp_get_build(req, sizeof(req), "public", 0x1234, "1.3.6.1.2.1.1.1.0");
    assert_true(n > 20);
    /* the request is not a response */
    assert_false(snmp_response_parse(req, n, &a));
    /* turn it into a GetResponse carrying an OCTET STRING value */
    memcpy(ans, req, n);
    for (size_t i = 0; i < n; i++) {
        if (ans[i] == 0xa0) {
            ans[i] = 0xa2;
            break;
        }
    }
    assert_int_equal(ans[n - 2], 0x05); /* NULL value at the end */
    ans[n - 2] = 0x04;
    assert_true(snmp_response_parse(ans, n, &a));
    assert_int_equal(a.request_id, 0x1234);
    assert_int_equal(a.error_status, 0);
    assert_string_equal(a.community, "public");
    /* every truncation is refused or parsed, never read past */
    for (size_t k = 0; k < n; k++)
        (void)snmp_response_parse(ans, k, &a);
    /* a length beyond the buffer */
    ans[1] = 0x82;
    assert_false(snmp_response_parse(ans, n, &a));
    /* bad OIDs do not build */
    assert_int_equal(snmp_get_build(req, sizeof(req), "p", 1, "3.1"), 0);
    assert_int_equal(snmp_get_build(req, sizeof(req), "p", 1, "1.3.x"), 0);
    assert_int_equal(snmp_get_build(req, 10, "public", 1, "1.3.6"), 0);
}

static void
test_ftp(void **state)
{
    static const char multi[] = "230-Welcome\r\n230-more\r\n230 ok\r\nrest";
    size_t used;

    (void)state;
    assert_int_equal(ftp_reply_parse("220 ready\r\n", 11, &used), 220);
    assert_int_equal(used, 11);
    assert_int_equal(ftp_reply_parse(multi, sizeof(multi) - 1, &used), 230);
    assert_int_equal(used, sizeof(multi) - 1 - 4);
    assert_int_equal(ftp_reply_parse("230-a\r\n231 b\r\n", 14, &used), 0);
    assert_int_equal(ftp_reply_parse("220 rea", 7, &used), 0);
    assert_int_equal(ftp_reply_parse("SSH-2.0-x\r\n", 11, &used), -1);
}

static void
test_kexinit(void **state)
{
    uint8_t p[200];
    struct ssh_kexinit kx;
    size_t o = 0;
    static const char *const lists[] = {"curve25519-sha256", "ssh-ed25519",
        "aes128-ctr", "aes128-ctr", "hmac-sha2-256", "hmac-sha2-256", "none",
        "none", "", ""};

    (void)state;
    memset(p, 0, sizeof(p));
    o = 6 + 16;
    for (size_t i = 0; i < 10; i++) {
        size_t n = strlen(lists[i]);

        p[o + 3] = (uint8_t)n;
        memcpy(p + o + 4, lists[i], n);
        o += 4 + n;
    }
    o += 5;
    p[3] = (uint8_t)(o - 4);
    p[4] = 4;
    p[5] = 20;
    assert_true(ssh_kexinit_parse(p, o, &kx));
    assert_string_equal(kx.kex, "curve25519-sha256");
    assert_string_equal(kx.hostkey, "ssh-ed25519");
    assert_string_equal(kx.cipher, "aes128-ctr");
    assert_string_equal(kx.mac, "hmac-sha2-256");
    for (size_t k = 0; k < 40; k++)
        assert_false(ssh_kexinit_parse(p, k, &kx));
    p[5] = 21;
    assert_false(ssh_kexinit_parse(p, o, &kx));
}

static void
test_http_text(void **state)
{
    static const char head[] = "HTTP/1.1 401 Unauthorized\r\n"
                               "Server: x\r\n"
                               "www-authenticate:   Basic realm=\"cam\"\r\n"
                               "\r\n"
                               "Location: /body-not-header\r\n";
    char v[64];

    (void)state;
    assert_int_equal(http_status_parse(head, sizeof(head) - 1, "HTTP"), 401);
    assert_int_equal(http_status_parse("RTSP/1.0 200 OK", 15, "RTSP"), 200);
    assert_int_equal(http_status_parse("HTTP/1.1 2x0", 12, "HTTP"), -1);
    assert_int_equal(http_status_parse("HTTP/1.1 20", 11, "HTTP"), -1);
    assert_true(http_header_get(
        head, sizeof(head) - 1, "WWW-Authenticate", v, sizeof(v)));
    assert_string_equal(v, "Basic realm=\"cam\"");
    assert_false(
        http_header_get(head, sizeof(head) - 1, "Location", v, sizeof(v)));
    assert_true(http_header_get(head, sizeof(head) - 1, "server", v, 2));
    assert_string_equal(v, "x");
    assert_true(xml_tag_text("<a><serialNumber>S1</serialNumber>", 34,
        "serialNumber", v, sizeof(v)));
    assert_string_equal(v, "S1");
    assert_false(xml_tag_text(
        "<serialNumberX>S1</serialNumberX>", 33, "serialNumber", v, sizeof(v)));
    assert_false(
        xml_tag_text("<serialNumber", 13, "serialNumber", v, sizeof(v)));
    assert_true(probe_memcasemem("xxLOGIN:", 8, "login:"));
    assert_false(probe_memcasemem("log", 3, "login:"));
}

static void
test_form(void **state)
{
    static const char page[] =
        "<html><form method='POST' action=\"/cgi-bin/auth\">"
        "<input name=user type=text><input type=\"hidden\" name=\"t\">"
        "<INPUT TYPE=\"password\" NAME=\"pw\"></form>";
    static const char nopw[] = "<form><input name=q></form>";
    static const char orphan[] = "<input type=password name=p>";
    struct http_form f;

    (void)state;
    assert_true(http_form_parse(page, sizeof(page) - 1, &f));
    assert_string_equal(f.action, "/cgi-bin/auth");
    assert_string_equal(f.user_field, "user");
    assert_string_equal(f.pass_field, "pw");
    assert_true(f.post);
    assert_false(http_form_parse(nopw, sizeof(nopw) - 1, &f));
    assert_false(http_form_parse(orphan, sizeof(orphan) - 1, &f));
    for (size_t k = 0; k < sizeof(page) - 1; k++)
        (void)http_form_parse(page, k, &f);
}

static void
test_login_verdict(void **state)
{
    struct http_login l = {.kind = HTTP_LOGIN_FORM};
    struct http_resp ok, b1, b2;

    (void)state;
    http_resp_init(&ok);
    http_resp_init(&b1);
    http_resp_init(&b2);
    /* catch-all: every answer the same */
    ok.status = b1.status = b2.status = 200;
    assay_buf_puts(&ok.body, "<form><input type=password name=p></form>");
    assay_buf_puts(&b1.body, "<form><input type=password name=p></form>");
    assay_buf_puts(&b2.body, "<form><input type=password name=p></form>");
    assert_false(http_login_accepted(&l, &ok, &b1, &b2));
    /* a redirect where the baselines showed the form again */
    ok.status = 302;
    assay_buf_reset(&ok.head);
    assay_buf_puts(&ok.head, "HTTP/1.1 302 Found\r\nLocation: /admin\r\n\r\n");
    assert_true(http_login_accepted(&l, &ok, &b1, &b2));
    /* baselines that disagree prove nothing */
    b2.status = 302;
    assert_false(http_login_accepted(&l, &ok, &b1, &b2));
    /* Basic: 200 only counts against 401 baselines */
    l.kind = HTTP_LOGIN_BASIC;
    ok.status = 200;
    b1.status = b2.status = 401;
    assert_true(http_login_accepted(&l, &ok, &b1, &b2));
    b1.status = b2.status = 200;
    assert_false(http_login_accepted(&l, &ok, &b1, &b2));
    http_resp_release(&ok);
    http_resp_release(&b1);
    http_resp_release(&b2);
}

static void
test_udp(void **state)
{
    static const uint8_t coap[] = {
        0x61, 0x45, 0x41, 0x53, 0x07, 0xc1, 0x28, 0xff, '<', '/', '>'};
    static const uint8_t badopt[] = {0x60, 0x45, 0x41, 0x53, 0xd5, 0x00};
    static const uint8_t dns[] = {0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 'a',
        5, 'l', 'o', 'c', 'a', 'l', 0, 0, 12, 0, 1, 0, 0, 0, 9, 0, 4, 1, 'b',
        0xc0, 14};
    static const uint8_t loop[] = {0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0,
        12, 0, 12, 0, 1, 0, 0, 0, 9, 0, 0};
    const uint8_t *pl;
    size_t pll;
    uint8_t code;
    char out[128];

    (void)state;
    assert_true(
        coap_response_parse(coap, sizeof(coap), 0x4153, &code, &pl, &pll));
    assert_int_equal(code, 0x45);
    assert_int_equal(pll, 3);
    assert_memory_equal(pl, "</>", 3);
    assert_false(
        coap_response_parse(coap, sizeof(coap), 0x4154, &code, &pl, &pll));
    assert_false(
        coap_response_parse(badopt, sizeof(badopt), 0x4153, &code, &pl, &pll));
    assert_int_equal(mdns_answer_names(dns, sizeof(dns), out, sizeof(out)), 1);
    assert_string_equal(out, "a.local. -> b.local.");
    for (size_t k = 0; k < sizeof(dns); k++)
        assert_true(mdns_answer_names(dns, k, out, sizeof(out)) <= 0);
    /* a pointer to itself is refused, not followed forever */
    assert_int_equal(
        mdns_answer_names(loop, sizeof(loop), out, sizeof(out)), -1);
}

static int
dtls_cookie_make(SSL *ssl, unsigned char *cookie, unsigned int *len)
{
    (void)ssl;
    memcpy(cookie, "assay-cookie", 12);
    *len = 12;
    return 1;
}

static int
dtls_cookie_check(SSL *ssl, const unsigned char *cookie, unsigned int len)
{
    (void)ssl;
    return len == 12 && memcmp(cookie, "assay-cookie", 12) == 0;
}

/* What OpenSSL's DTLS server sends back to 'hello' (anonymous suites,
 * so no certificate is needed), with or without a cookie exchange. */
static size_t
dtls_server_answer(
    const uint8_t *hello, size_t len, bool cookies, uint8_t *out, size_t cap)
{
    SSL_CTX *ctx = SSL_CTX_new(DTLS_server_method());
    SSL *ssl;
    BIO *rb = BIO_new(BIO_s_mem()), *wb = BIO_new(BIO_s_mem());
    int n;

    assert_non_null(ctx);
    assert_non_null(rb);
    assert_non_null(wb);
    SSL_CTX_set_security_level(ctx, 0);
    assert_int_equal(SSL_CTX_set_cipher_list(ctx, "aNULL:@SECLEVEL=0"), 1);
    SSL_CTX_set_cookie_generate_cb(ctx, dtls_cookie_make);
    SSL_CTX_set_cookie_verify_cb(ctx, dtls_cookie_check);
    ssl = SSL_new(ctx);
    assert_non_null(ssl);
    assert_int_equal(BIO_write(rb, hello, (int)len), (int)len);
    BIO_set_mem_eof_return(rb, -1);
    SSL_set_bio(ssl, rb, wb);
    SSL_set_options(
        ssl, SSL_OP_NO_QUERY_MTU | (cookies ? SSL_OP_COOKIE_EXCHANGE : 0));
    DTLS_set_link_mtu(ssl, 1400);
    assert_int_equal(SSL_accept(ssl), -1);
    n = BIO_read(wb, out, (int)cap);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    ERR_clear_error();
    return n > 0 ? (size_t)n : 0;
}

static void
test_dtls(void **state)
{
    /* record (handshake, DTLS 1.0, epoch 0, length 35), then
     * HelloVerifyRequest (length 23, one fragment), DTLS 1.0, cookie 20 */
    static const uint8_t hvr[] = {22, 0xfe, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 35,
        3, 0, 0, 23, 0, 0, 0, 0, 0, 0, 0, 23, 0xfe, 0xff, 20, 1, 2, 3, 4, 5, 6,
        7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    uint8_t hello[1500], ans[4096], bad[sizeof(hvr)];
    size_t n, k;

    (void)state;
    n = dtls_hello_build(hello, sizeof(hello));
    assert_true(n > 25 && n <= 1200);
    assert_int_equal(hello[0], 22); /* handshake record */
    assert_int_equal(hello[1], 0xfe);
    assert_int_equal(hello[13], 1); /* ClientHello */
    assert_int_equal(dtls_hello_build(hello, 20), 0);
    n = dtls_hello_build(hello, sizeof(hello));
    /* an echo of our own ClientHello is not a DTLS server */
    assert_null(dtls_answer_kind(hello, n));

    /* OpenSSL's server: a cookie first, else straight to ServerHello */
    k = dtls_server_answer(hello, n, true, ans, sizeof(ans));
    assert_string_equal(dtls_answer_kind(ans, k), "HelloVerifyRequest");
    k = dtls_server_answer(hello, n, false, ans, sizeof(ans));
    assert_string_equal(dtls_answer_kind(ans, k), "ServerHello");
    for (size_t cut = 0; cut < 13 + 12 + 35; cut++)
        assert_null(dtls_answer_kind(ans, cut));

    assert_string_equal(
        dtls_answer_kind(hvr, sizeof(hvr)), "HelloVerifyRequest");
    for (size_t cut = 0; cut < sizeof(hvr); cut++)
        assert_null(dtls_answer_kind(hvr, cut));
    /* TLS rather than DTLS version, a later epoch, a cookie longer than
     * the message, a record longer than the datagram, a later fragment */
    static const struct {
        size_t off;
        uint8_t v;
    } flips[] = {{1, 0x03}, {4, 1}, {27, 21}, {12, 36}, {21, 1}, {0, 23}};
    for (size_t i = 0; i < sizeof(flips) / sizeof(flips[0]); i++) {
        memcpy(bad, hvr, sizeof(hvr));
        bad[flips[i].off] = flips[i].v;
        assert_null(dtls_answer_kind(bad, sizeof(bad)));
    }

    /* A fatal handshake_failure alert (a PSK-only server): DTLS too; not
     * with a TLS version, a later epoch, another length, level 3 or
     * trailing bytes, nor cut short. */
    {
        static const uint8_t alert[] = {
            21, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 40, 0};
        static const struct {
            size_t off;
            uint8_t v;
        } aflips[] = {{1, 0x03}, {4, 1}, {12, 3}, {13, 3}, {14, 200}};

        assert_string_equal(dtls_answer_kind(alert, 15), "Alert");
        assert_null(dtls_answer_kind(alert, 16));
        for (size_t cut = 0; cut < 15; cut++)
            assert_null(dtls_answer_kind(alert, cut));
        for (size_t i = 0; i < sizeof(aflips) / sizeof(aflips[0]); i++) {
            memcpy(bad, alert, 15);
            bad[aflips[i].off] = aflips[i].v;
            assert_null(dtls_answer_kind(bad, 15));
        }
    }
}

static void
test_ports(void **state)
{
    struct assay_probe_port *p;
    size_t n;

    (void)state;
    assert_int_equal(
        assay_probe_ports_parse("22,80-82,U:161,T:8080", &p, &n), ASSAY_OK);
    assert_int_equal(n, 6);
    assert_int_equal(p[1].port, 80);
    assert_int_equal(p[3].port, 82);
    assert_int_equal(p[4].transport, ASSAY_PROBE_UDP);
    assert_int_equal(p[4].port, 161);
    assert_int_equal(p[5].transport, ASSAY_PROBE_TCP);
    assay_probe_ports_free(p);
    assert_int_equal(assay_probe_ports_parse("1-65535", &p, &n), ASSAY_OK);
    assert_int_equal(n, 65535);
    assay_probe_ports_free(p);
    assert_int_equal(assay_probe_ports_parse("0", &p, &n), ASSAY_E_USAGE);
    assert_int_equal(assay_probe_ports_parse("65536", &p, &n), ASSAY_E_USAGE);
    assert_int_equal(assay_probe_ports_parse("5-3", &p, &n), ASSAY_E_USAGE);
    assert_int_equal(assay_probe_ports_parse("80,,81", &p, &n), ASSAY_E_USAGE);
    assert_int_equal(assay_probe_ports_parse("X:80", &p, &n), ASSAY_E_USAGE);
    assert_int_equal(assay_probe_ports_parse("", &p, &n), ASSAY_E_USAGE);
}

static void
test_creds(void **state)
{
    static const char list[] = "# comment\r\nroot:xc3511\nadmin admin\n"
                               "user:\n\nsupport:pa:ss\n";
    struct assay_session *s = assay_session_new(NULL);
    const struct assay_probe_cred *c;
    size_t n;

    (void)state;
    assert_non_null(s);
    assert_int_equal(
        assay_probe_creds_parse(s, "t", list, sizeof(list) - 1, &c, &n),
        ASSAY_OK);
    assert_int_equal(n, 4);
    assert_string_equal(c[0].user, "root");
    assert_string_equal(c[0].password, "xc3511");
    assert_string_equal(c[1].password, "admin");
    assert_string_equal(c[2].password, "");
    assert_string_equal(c[3].password, "pa:ss");
    assert_int_equal(assay_probe_creds_parse(s, "bad", "nopair\n", 7, &c, &n),
        ASSAY_E_INVALID);
    assert_true(t_has_diag(s, "neither 'user:password'", 1));
    assay_session_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_telnet),
        cmocka_unit_test(test_mqtt),
        cmocka_unit_test(test_snmp),
        cmocka_unit_test(test_ftp),
        cmocka_unit_test(test_kexinit),
        cmocka_unit_test(test_http_text),
        cmocka_unit_test(test_form),
        cmocka_unit_test(test_login_verdict),
        cmocka_unit_test(test_udp),
        cmocka_unit_test(test_dtls),
        cmocka_unit_test(test_ports),
        cmocka_unit_test(test_creds),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
