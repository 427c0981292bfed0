/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TLS and DTLS assessment with OpenSSL (5.5-1, 5.5-7): which protocol
 * versions the service accepts, whether weak cipher classes are accepted,
 * the key exchange, and the certificate's key size, signature algorithm,
 * validity and issuer. Each question is one handshake with the client
 * restricted to it, at security level 0 so that the client itself
 * refuses nothing. TLS runs over TCP, DTLS over a connected UDP socket
 * with OpenSSL's retransmission timer; the questions, checks and
 * evidence are the same. The whole assessment of one port is held to
 * TLS_BUDGET_MS (the target is under 5 s).
 *
 * Discovery borrows two helpers from here: a DTLS ClientHello built by
 * OpenSSL, and the reader that recognises a DTLS server's first answer
 * (fuzzed: fuzz_probe_udp).
 */
#include "assay_config.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "probe_private.h"

#define TLS_BUDGET_MS 4500u
#define TLS_STEP_MS   1500u
/* Largest DTLS datagram we send: below any IPv4/IPv6 path MTU worth
 * assessing, so that a ClientHello is never fragmented. */
#define DTLS_MTU 1200

struct tls_result {
    bool coap;         /* in: over DTLS, ask CoAP once the handshake is done */
    uint8_t app[512];  /* out: the first answer to that question */
    size_t app_len;    /* bytes of app, 0 when none came */
    X509 *cert;        /* peer certificate, caller frees; may be NULL */
    char cipher[64];   /* negotiated suite */
    char version[16];  /* negotiated version */
    int kex_bits;      /* ephemeral key bits, 0 when none */
    char kex_name[24]; /* ephemeral key type */
};

static void
tls_result_release(struct tls_result *r)
{
    X509_free(r->cert);
    r->cert = NULL;
}

/*
 * Wait for 'events' on the handshake's socket until 'deadline'. DTLS has
 * no transport to resend lost datagrams: when OpenSSL's retransmission
 * timer ends before the deadline, the last flight is sent again
 * (DTLSv1_handle_timeout) and the wait goes on. false when the deadline
 * passed or the retransmission failed.
 */
static bool
tls_wait(SSL *ssl, int fd, bool dtls, short events, uint64_t deadline)
{
    struct timeval tv;
    uint64_t until = deadline;

    if (dtls && DTLSv1_get_timeout(ssl, &tv) == 1) {
        uint64_t t = probe_now_ms() + (uint64_t)tv.tv_sec * 1000u +
                     ((uint64_t)tv.tv_usec + 999u) / 1000u;

        if (t < until)
            until = t;
    }
    if (net_wait(fd, events, until))
        return true;
    if (!dtls || probe_now_ms() >= deadline)
        return false;
    return DTLSv1_handle_timeout(ssl) >= 0;
}

/*
 * Give 'ssl' the socket 'fd': a stream BIO for TLS, a datagram BIO bound
 * to the connected peer for DTLS. false when OpenSSL refused.
 */
static bool
tls_attach(SSL *ssl, int fd, bool dtls)
{
    struct sockaddr_storage peer;
    socklen_t len = sizeof(peer);
    BIO *bio;

    if (!dtls)
        return SSL_set_fd(ssl, fd) == 1;
    if (getpeername(fd, (struct sockaddr *)&peer, &len) != 0)
        return false;
    bio = BIO_new_dgram(fd, BIO_NOCLOSE);
    if (bio == NULL)
        return false;
    BIO_ctrl(bio, BIO_CTRL_DGRAM_SET_CONNECTED, 0, &peer);
    SSL_set_bio(ssl, bio, bio);
    return true;
}

/*
 * Over a completed DTLS handshake, the CoAP question discovery asks in
 * the clear (GET /.well-known/core): a CoAP answer names the service
 * "coaps". The answer (the first record, at most sizeof(r->app) bytes)
 * goes to r->app; every wait is bounded by the probe's deadline.
 */
static void
tls_ask_coap(struct probe_ctx *c, SSL *ssl, int fd, struct tls_result *r)
{
    uint64_t deadline = probe_deadline(c, TLS_STEP_MS);
    uint8_t req[64];
    size_t n = coap_request(req, sizeof(req));

    if (n == 0 || SSL_write(ssl, req, (int)n) != (int)n)
        return;
    for (;;) {
        int got = SSL_read(ssl, r->app, (int)sizeof(r->app));

        if (got > 0) {
            r->app_len = (size_t)got;
            return;
        }
        if (SSL_get_error(ssl, got) != SSL_ERROR_WANT_READ ||
            !tls_wait(ssl, fd, true, POLLIN, deadline))
            return;
    }
}

/*
 * One handshake on 'port', over UDP with DTLS when 'dtls', limited to
 * [ver_min, ver_max] and 'ciphers' ((D)TLS <= 1.2 list; NULL =
 * everything). true when it completed; 'r' (may be NULL) gets what was
 * negotiated. A completed DTLS handshake is closed with close_notify:
 * UDP has no connection whose end the server would see.
 */
static bool
tls_try(struct probe_ctx *c, uint16_t port, bool dtls, int ver_min, int ver_max,
    const char *ciphers, struct tls_result *r)
{
    SSL_CTX *ctx;
    SSL *ssl = NULL;
    bool ok = false;
    uint64_t deadline;
    struct in6_addr tmp;
    int fd;

    ctx = SSL_CTX_new(dtls ? DTLS_client_method() : TLS_client_method());
    if (ctx == NULL)
        return false;
    SSL_CTX_set_security_level(ctx, 0);
    SSL_CTX_set_options(ctx, SSL_OP_LEGACY_SERVER_CONNECT);
    if (!SSL_CTX_set_min_proto_version(ctx, ver_min) ||
        !SSL_CTX_set_max_proto_version(ctx, ver_max) ||
        !SSL_CTX_set_cipher_list(
            ctx, ciphers != NULL ? ciphers : "ALL:COMPLEMENTOFALL:@SECLEVEL=0"))
        goto out_ctx;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    if (net_connect(c, port, dtls, &fd) != ASSAY_OK)
        goto out_ctx;
    ssl = SSL_new(ctx);
    if (ssl == NULL || !tls_attach(ssl, fd, dtls))
        goto out_fd;
    if (inet_pton(AF_INET, c->host, &tmp) != 1 &&
        inet_pton(AF_INET6, c->host, &tmp) != 1) {
        char sni[256]; /* the macro wants a mutable pointer */

        snprintf(sni, sizeof(sni), "%s", c->host);
        SSL_set_tlsext_host_name(ssl, sni);
    }
    deadline = probe_deadline(c, TLS_STEP_MS);
    for (;;) {
        int rc = SSL_connect(ssl), e;

        if (rc == 1) {
            ok = true;
            break;
        }
        e = SSL_get_error(ssl, rc);
        if (e == SSL_ERROR_WANT_READ) {
            if (!tls_wait(ssl, fd, dtls, POLLIN, deadline))
                break;
        } else if (e == SSL_ERROR_WANT_WRITE) {
            if (!tls_wait(ssl, fd, dtls, POLLOUT, deadline))
                break;
        } else {
            break;
        }
    }
    if (ok && r != NULL) {
        EVP_PKEY *k = NULL;
        const char *cn = SSL_get_cipher_name(ssl);

        r->cert = SSL_get1_peer_certificate(ssl);
        strncpy(r->cipher, cn != NULL ? cn : "?", sizeof(r->cipher) - 1);
        strncpy(r->version, SSL_get_version(ssl), sizeof(r->version) - 1);
        if (SSL_get_peer_tmp_key(ssl, &k) && k != NULL) {
            const char *tn = OBJ_nid2sn(EVP_PKEY_get_base_id(k));

            r->kex_bits = EVP_PKEY_get_bits(k);
            strncpy(
                r->kex_name, tn != NULL ? tn : "?", sizeof(r->kex_name) - 1);
            EVP_PKEY_free(k);
        }
    }
    if (ok && dtls && r != NULL && r->coap)
        tls_ask_coap(c, ssl, fd, r);
    if (ok && dtls)
        SSL_shutdown(ssl); /* one datagram, never waited for */
out_fd:
    SSL_free(ssl); /* does not close fd */
    close(fd);
out_ctx:
    SSL_CTX_free(ctx);
    ERR_clear_error();
    return ok;
}

bool
tls_handshake_ok(struct probe_ctx *c, uint16_t port)
{
    return tls_try(c, port, false, 0, 0, NULL, NULL);
}

size_t
dtls_hello_build(uint8_t *out, size_t cap)
{
    SSL_CTX *ctx = SSL_CTX_new(DTLS_client_method());
    SSL *ssl = NULL;
    BIO *rb = NULL, *wb = NULL;
    size_t n = 0, pending;
    int rc;

    if (ctx == NULL)
        return 0;
    SSL_CTX_set_security_level(ctx, 0);
    if (!SSL_CTX_set_cipher_list(ctx, "ALL:@SECLEVEL=0"))
        goto out;
    ssl = SSL_new(ctx);
    rb = BIO_new(BIO_s_mem());
    wb = BIO_new(BIO_s_mem());
    if (ssl == NULL || rb == NULL || wb == NULL) {
        BIO_free(rb);
        BIO_free(wb);
        goto out;
    }
    BIO_set_mem_eof_return(rb, -1); /* "nothing yet", not end of file */
    SSL_set_bio(ssl, rb, wb);       /* ssl owns both now */
    SSL_set_options(ssl, SSL_OP_NO_QUERY_MTU);
    if (!DTLS_set_link_mtu(ssl, DTLS_MTU))
        goto out;
    rc = SSL_connect(ssl);
    if (rc == 1 || SSL_get_error(ssl, rc) != SSL_ERROR_WANT_READ)
        goto out;
    pending = BIO_ctrl_pending(wb);
    if (pending > 0 && pending <= cap &&
        BIO_read(wb, out, (int)pending) == (int)pending)
        n = pending;
out:
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    ERR_clear_error();
    return n;
}

/* Is 'hi','lo' a DTLS version (1.0 or 1.2) on the wire? */
static bool
dtls_wire_version(uint8_t hi, uint8_t lo)
{
    return hi == 0xfe && (lo == 0xff || lo == 0xfd);
}

const char *
dtls_answer_kind(const uint8_t *p, size_t len)
{
    const uint8_t *h, *b;
    size_t rec, body, frag;

    /* A fatal or warning alert in an epoch-0 record of exactly its two
     * bytes: a server that refuses what we offered (a PSK-only device
     * answers handshake_failure), still a DTLS service. */
    if (len == DTLS1_RT_HEADER_LENGTH + 2 && p[0] == SSL3_RT_ALERT &&
        dtls_wire_version(p[1], p[2]) && p[3] == 0 && p[4] == 0 &&
        assay_be16(p + 11) == 2 &&
        (p[13] == SSL3_AL_WARNING || p[13] == SSL3_AL_FATAL) && p[14] <= 120)
        return "Alert";
    /* record header: type, version, epoch, sequence (6), length; the
     * server's first flight is a handshake record of epoch 0 */
    if (len < DTLS1_RT_HEADER_LENGTH + DTLS1_HM_HEADER_LENGTH ||
        p[0] != SSL3_RT_HANDSHAKE || !dtls_wire_version(p[1], p[2]) ||
        p[3] != 0 || p[4] != 0)
        return NULL;
    rec = assay_be16(p + 11);
    if (rec < DTLS1_HM_HEADER_LENGTH || rec > len - DTLS1_RT_HEADER_LENGTH)
        return NULL;
    /* handshake header: type, length (3), message_seq, fragment offset
     * (3) and length (3): the first fragment, inside the record */
    h = p + DTLS1_RT_HEADER_LENGTH;
    b = h + DTLS1_HM_HEADER_LENGTH;
    body = ((size_t)h[1] << 16) | ((size_t)h[2] << 8) | h[3];
    frag = ((size_t)h[9] << 16) | ((size_t)h[10] << 8) | h[11];
    if (h[6] != 0 || h[7] != 0 || h[8] != 0 || frag > body ||
        frag > rec - DTLS1_HM_HEADER_LENGTH)
        return NULL;
    switch (h[0]) {
    case DTLS1_MT_HELLO_VERIFY_REQUEST:
        /* server_version, cookie<0..255>: always one whole fragment */
        if (frag != body || body < 3 || !dtls_wire_version(b[0], b[1]) ||
            3u + b[2] != body)
            return NULL;
        return "HelloVerifyRequest";
    case SSL3_MT_SERVER_HELLO:
        /* server_version, random, session_id<0..32>, ... */
        if (frag < 2 + SSL3_RANDOM_SIZE + 1 || !dtls_wire_version(b[0], b[1]) ||
            b[2 + SSL3_RANDOM_SIZE] > SSL_MAX_SSL_SESSION_ID_LENGTH)
            return NULL;
        return "ServerHello";
    default:
        return NULL;
    }
}

/* TLS on TCP, DTLS on UDP: discovery sets svc->tls for both. */
static bool
tls_applies(const struct probe_service *svc)
{
    return svc->tls;
}

static const char *const prov_tls[] = {"5.5-1", NULL};

/* Append 'item' to a space-separated list in dst[cap]. */
static void
tls_list_add(char *dst, size_t cap, const char *item)
{
    size_t used = strlen(dst);

    snprintf(dst + used, cap - used, "%s%s", used > 0 ? " " : "", item);
}

/* Certificate: key, signature, validity, issuer. 'proto' is "TLS" or
 * "DTLS", for the titles. */
static void
tls_cert(
    struct probe_ctx *c, struct probe_service *svc, const char *proto, X509 *x)
{
    static const char *const prov_self[] = {"5.5-1", "5.5-7", NULL};
    EVP_PKEY *k = X509_get0_pubkey(x);
    int bits = k != NULL ? EVP_PKEY_get_bits(k) : 0;
    int kid = k != NULL ? EVP_PKEY_get_base_id(k) : 0;
    int sig = X509_get_signature_nid(x), md = 0, pk = 0;
    char subj[256] = "", iss[256] = "";
    const char *ev;

    X509_NAME_oneline(X509_get_subject_name(x), subj, sizeof(subj));
    X509_NAME_oneline(X509_get_issuer_name(x), iss, sizeof(iss));
    if (((kid == EVP_PKEY_RSA || kid == EVP_PKEY_DSA) && bits < 2048) ||
        (kid == EVP_PKEY_EC && bits < 224)) {
        ev =
            assay_arena_printf(c->arena, "certificate '%s' has a %d-bit %s key",
                subj, bits, OBJ_nid2sn(kid));
        probe_report(c, svc, "NET-TLS-003", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov_tls,
            assay_arena_printf(
                c->arena, "%s certificate key is too small", proto),
            ev,
            "use RSA keys of at least 2048 bits or EC keys of at least 256 "
            "bits");
    }
    if (OBJ_find_sigid_algs(sig, &md, &pk) &&
        (md == NID_md5 || md == NID_sha1 || md == NID_md4)) {
        ev = assay_arena_printf(c->arena, "certificate '%s' is signed with %s",
            subj, OBJ_nid2ln(sig));
        probe_report(c, svc, "NET-TLS-004", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov_tls,
            assay_arena_printf(c->arena,
                "%s certificate uses a weak signature algorithm", proto),
            ev, "sign certificates with SHA-256 or stronger");
    }
    if (X509_cmp_current_time(X509_get0_notAfter(x)) < 0 ||
        X509_cmp_current_time(X509_get0_notBefore(x)) > 0) {
        ev = assay_arena_printf(
            c->arena, "certificate '%s' is outside its validity period", subj);
        probe_report(c, svc, "NET-TLS-005", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov_tls,
            assay_arena_printf(
                c->arena, "%s certificate is expired or not yet valid", proto),
            ev, "renew the certificate and keep the device clock set");
    }
    if (X509_check_issued(x, x) == X509_V_OK && k != NULL &&
        X509_verify(x, k) == 1) {
        ev = assay_arena_printf(c->arena,
            "certificate '%s' is self-signed (issuer '%s')", subj, iss);
        probe_report(c, svc, "NET-TLS-006", ASSAY_SEV_LOW, ASSAY_CONF_HIGH,
            prov_self,
            assay_arena_printf(
                c->arena, "%s certificate is self-signed", proto),
            ev,
            "give clients a way to authenticate the device: a per-device "
            "certificate from a manufacturer CA, or key pinning at pairing");
    }
}

/*
 * Protocol versions, oldest first within each transport. 'suites': the
 * cipher list governs it (not TLS 1.3), so the weak-suite questions are
 * asked at the newest such version the service accepts. OpenSSL 3.0 has
 * no DTLS 1.3.
 */
static const struct tls_version {
    int v;
    const char *name;
    bool dtls;
    bool legacy;
    bool suites;
} tls_versions[] = {
    {SSL3_VERSION, "SSLv3", false, true, true},
    {TLS1_VERSION, "TLSv1.0", false, true, true},
    {TLS1_1_VERSION, "TLSv1.1", false, true, true},
    {TLS1_2_VERSION, "TLSv1.2", false, false, true},
    {TLS1_3_VERSION, "TLSv1.3", false, false, false},
    {DTLS1_VERSION, "DTLSv1.0", true, true, true},
    {DTLS1_2_VERSION, "DTLSv1.2", true, false, true},
};

/* Weak cipher classes (RC4 and export suites cannot be offered over
 * DTLS: those handshakes fail in the client and cost nothing). */
static const struct {
    const char *list;
    const char *what;
} tls_weak[] = {
    {"eNULL:@SECLEVEL=0", "no encryption (NULL)"},
    {"aNULL:@SECLEVEL=0", "no authentication (anonymous)"},
    {"RC4:@SECLEVEL=0", "RC4"},
    {"DES:3DES:@SECLEVEL=0", "DES or 3DES"},
    {"EXP:@SECLEVEL=0", "export grade"},
    {"kRSA:@SECLEVEL=0", "static RSA key exchange (no forward secrecy)"},
};

static enum assay_status
tls_run(struct probe_ctx *c, struct probe_service *svc)
{
    bool dtls = svc->transport == ASSAY_PROBE_UDP;
    const char *proto = dtls ? "DTLS" : "TLS";
    struct tls_result best = {0};
    char accepted[128] = "", legacy[64] = "", weakset[256] = "";
    int top = 0;
    const char *ev, *coap_note = "";
    uint64_t end = probe_now_ms() + TLS_BUDGET_MS;

    if (c->probe_end_ms == 0 || end < c->probe_end_ms)
        c->probe_end_ms = end;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(tls_versions); i++) {
        const struct tls_version *v = &tls_versions[i];

        if (v->dtls != dtls ||
            !tls_try(c, svc->port, dtls, v->v, v->v, NULL, NULL))
            continue;
        tls_list_add(accepted, sizeof(accepted), v->name);
        if (v->legacy)
            tls_list_add(legacy, sizeof(legacy), v->name);
        if (v->suites)
            top = v->v;
    }
    best.coap = dtls;
    if (!tls_try(c, svc->port, dtls, 0, 0, NULL, &best)) {
        tls_result_release(&best);
        return probe_budget_over(c) ? ASSAY_E_TIMEOUT : ASSAY_E_NETWORK;
    }
    if (best.app_len > 0 && svc->proto == PROTO_UNKNOWN) {
        const uint8_t *pl;
        size_t pll;
        uint8_t code;

        if (coap_response_parse(
                best.app, best.app_len, COAP_MID, &code, &pl, &pll)) {
            /* CoAP inside: the service is CoAPS from here on */
            svc->proto = PROTO_COAP;
            coap_note = assay_arena_printf(c->arena,
                "; CoAP inside answered GET /.well-known/core with %u.%02u",
                (unsigned)(code >> 5), (unsigned)(code & 31));
        }
    }
    if (legacy[0] != '\0') {
        ev = assay_arena_printf(c->arena,
            "handshakes completed with %s (accepted: %s)", legacy, accepted);
        probe_report(c, svc, "NET-TLS-001", ASSAY_SEV_HIGH, ASSAY_CONF_HIGH,
            prov_tls,
            assay_arena_printf(c->arena,
                "%s service accepts deprecated protocol versions", proto),
            ev,
            dtls ? "accept DTLS 1.2 (or 1.3) only"
                 : "accept TLS 1.2 and 1.3 only");
    }
    for (size_t i = 0; top != 0 && i < ASSAY_ARRAY_LEN(tls_weak); i++) {
        struct tls_result r = {0};

        if (tls_try(c, svc->port, dtls, 0, top, tls_weak[i].list, &r)) {
            size_t used = strlen(weakset);

            snprintf(weakset + used, sizeof(weakset) - used, "%s%s (%s)",
                used > 0 ? ", " : "", tls_weak[i].what, r.cipher);
        }
        tls_result_release(&r);
    }
    if (weakset[0] != '\0') {
        ev =
            assay_arena_printf(c->arena, "cipher suites accepted: %s", weakset);
        probe_report(c, svc, "NET-TLS-002", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov_tls,
            assay_arena_printf(
                c->arena, "%s service accepts weak cipher suites", proto),
            ev, "offer only AEAD suites with ephemeral (EC)DH key exchange");
    }
    if (best.kex_bits > 0 &&
        ((strcmp(best.kex_name, "DH") == 0 && best.kex_bits < 2048) ||
            best.kex_bits < 224)) {
        ev = assay_arena_printf(c->arena, "ephemeral %s key of %d bits",
            best.kex_name, best.kex_bits);
        probe_report(c, svc, "NET-TLS-003", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov_tls,
            assay_arena_printf(c->arena, "%s key exchange is too weak", proto),
            ev,
            "use X25519 or P-256 or stronger, or DH groups of 2048 bits "
            "or more");
    }
    if (best.cert != NULL)
        tls_cert(c, svc, proto, best.cert);
    ev = assay_arena_printf(c->arena,
        "versions: %s; negotiated %s %s; key exchange %s %d bits%s", accepted,
        best.version, best.cipher,
        best.kex_name[0] != '\0' ? best.kex_name : "none", best.kex_bits,
        coap_note);
    probe_report(c, svc, "NET-TLS-000", ASSAY_SEV_INFO, ASSAY_CONF_HIGH,
        prov_tls, assay_arena_printf(c->arena, "%s configuration", proto), ev,
        NULL);
    tls_result_release(&best);
    return ASSAY_OK;
}

static const char *const tls_provisions[] = {"5.5-1", "5.5-7", NULL};

const struct assay_probe pr_tls = {
    .name = "tls",
    .summary =
        "TLS and DTLS versions, cipher suites, key exchange and certificate",
    .provisions = tls_provisions,
    .flags = 0,
    .applies = tls_applies,
    .run = tls_run,
};
