/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TLS assessment with OpenSSL (5.5-1, 5.5-7): which protocol versions the
 * service accepts, whether weak cipher classes are accepted, the key
 * exchange, and the certificate's key size, signature algorithm,
 * validity and issuer. Each question is one handshake with the client
 * restricted to it, at security level 0 so that the client itself
 * refuses nothing. The whole assessment of one port is held to
 * TLS_BUDGET_MS (the target is under 5 s).
 */
#include "assay_config.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "probe_private.h"

#define TLS_BUDGET_MS 4500u
#define TLS_STEP_MS   1500u

struct tls_result {
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
 * One handshake limited to [ver_min, ver_max] and 'ciphers' (TLS <= 1.2
 * list; NULL = everything). true when it completed; 'r' (may be NULL)
 * gets what was negotiated.
 */
static bool
tls_try(struct probe_ctx *c, uint16_t port, int ver_min, int ver_max,
    const char *ciphers, struct tls_result *r)
{
    SSL_CTX *ctx;
    SSL *ssl = NULL;
    bool ok = false;
    uint64_t deadline;
    struct in6_addr tmp;
    int fd;

    ctx = SSL_CTX_new(TLS_client_method());
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
    if (net_connect(c, port, false, &fd) != ASSAY_OK)
        goto out_ctx;
    ssl = SSL_new(ctx);
    if (ssl == NULL || !SSL_set_fd(ssl, fd))
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
            if (!net_wait(fd, POLLIN, deadline))
                break;
        } else if (e == SSL_ERROR_WANT_WRITE) {
            if (!net_wait(fd, POLLOUT, deadline))
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
    return tls_try(c, port, 0, 0, NULL, NULL);
}

static bool
tls_applies(const struct probe_service *svc)
{
    return svc->transport == ASSAY_PROBE_TCP && svc->tls;
}

static const char *const prov_tls[] = {"5.5-1", NULL};

/* Append 'item' to a space-separated list in dst[cap]. */
static void
tls_list_add(char *dst, size_t cap, const char *item)
{
    size_t used = strlen(dst);

    snprintf(dst + used, cap - used, "%s%s", used > 0 ? " " : "", item);
}

/* Certificate: key, signature, validity, issuer. */
static void
tls_cert(struct probe_ctx *c, struct probe_service *svc, X509 *x)
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
            prov_tls, "TLS certificate key is too small", ev,
            "use RSA keys of at least 2048 bits or EC keys of at least 256 "
            "bits");
    }
    if (OBJ_find_sigid_algs(sig, &md, &pk) &&
        (md == NID_md5 || md == NID_sha1 || md == NID_md4)) {
        ev = assay_arena_printf(c->arena, "certificate '%s' is signed with %s",
            subj, OBJ_nid2ln(sig));
        probe_report(c, svc, "NET-TLS-004", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov_tls, "TLS certificate uses a weak signature algorithm", ev,
            "sign certificates with SHA-256 or stronger");
    }
    if (X509_cmp_current_time(X509_get0_notAfter(x)) < 0 ||
        X509_cmp_current_time(X509_get0_notBefore(x)) > 0) {
        ev = assay_arena_printf(
            c->arena, "certificate '%s' is outside its validity period", subj);
        probe_report(c, svc, "NET-TLS-005", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov_tls, "TLS certificate is expired or not yet valid", ev,
            "renew the certificate and keep the device clock set");
    }
    if (X509_check_issued(x, x) == X509_V_OK && k != NULL &&
        X509_verify(x, k) == 1) {
        ev = assay_arena_printf(c->arena,
            "certificate '%s' is self-signed (issuer '%s')", subj, iss);
        probe_report(c, svc, "NET-TLS-006", ASSAY_SEV_LOW, ASSAY_CONF_HIGH,
            prov_self, "TLS certificate is self-signed", ev,
            "give clients a way to authenticate the device: a per-device "
            "certificate from a manufacturer CA, or key pinning at pairing");
    }
}

static enum assay_status
tls_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const struct {
        int v;
        const char *name;
        bool legacy;
    } versions[] = {
        {SSL3_VERSION, "SSLv3", true},
        {TLS1_VERSION, "TLSv1.0", true},
        {TLS1_1_VERSION, "TLSv1.1", true},
        {TLS1_2_VERSION, "TLSv1.2", false},
        {TLS1_3_VERSION, "TLSv1.3", false},
    };
    static const struct {
        const char *list;
        const char *what;
    } weak[] = {
        {"eNULL:@SECLEVEL=0", "no encryption (NULL)"},
        {"aNULL:@SECLEVEL=0", "no authentication (anonymous)"},
        {"RC4:@SECLEVEL=0", "RC4"},
        {"DES:3DES:@SECLEVEL=0", "DES or 3DES"},
        {"EXP:@SECLEVEL=0", "export grade"},
        {"kRSA:@SECLEVEL=0", "static RSA key exchange (no forward secrecy)"},
    };
    struct tls_result best = {0};
    char accepted[128] = "", legacy[64] = "", weakset[256] = "";
    int top12 = 0;
    const char *ev;
    uint64_t end = probe_now_ms() + TLS_BUDGET_MS;

    if (c->probe_end_ms == 0 || end < c->probe_end_ms)
        c->probe_end_ms = end;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(versions); i++) {
        if (!tls_try(c, svc->port, versions[i].v, versions[i].v, NULL, NULL))
            continue;
        tls_list_add(accepted, sizeof(accepted), versions[i].name);
        if (versions[i].legacy)
            tls_list_add(legacy, sizeof(legacy), versions[i].name);
        if (versions[i].v <= TLS1_2_VERSION)
            top12 = versions[i].v;
    }
    if (!tls_try(c, svc->port, 0, 0, NULL, &best)) {
        tls_result_release(&best);
        return probe_budget_over(c) ? ASSAY_E_TIMEOUT : ASSAY_E_NETWORK;
    }
    if (legacy[0] != '\0') {
        ev = assay_arena_printf(c->arena,
            "handshakes completed with %s (accepted: %s)", legacy, accepted);
        probe_report(c, svc, "NET-TLS-001", ASSAY_SEV_HIGH, ASSAY_CONF_HIGH,
            prov_tls, "TLS service accepts deprecated protocol versions", ev,
            "accept TLS 1.2 and 1.3 only");
    }
    for (size_t i = 0; top12 != 0 && i < ASSAY_ARRAY_LEN(weak); i++) {
        struct tls_result r = {0};

        if (tls_try(c, svc->port, 0, top12, weak[i].list, &r)) {
            size_t used = strlen(weakset);

            snprintf(weakset + used, sizeof(weakset) - used, "%s%s (%s)",
                used > 0 ? ", " : "", weak[i].what, r.cipher);
        }
        tls_result_release(&r);
    }
    if (weakset[0] != '\0') {
        ev =
            assay_arena_printf(c->arena, "cipher suites accepted: %s", weakset);
        probe_report(c, svc, "NET-TLS-002", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov_tls, "TLS service accepts weak cipher suites", ev,
            "offer only AEAD suites with ephemeral (EC)DH key exchange");
    }
    if (best.kex_bits > 0 &&
        ((strcmp(best.kex_name, "DH") == 0 && best.kex_bits < 2048) ||
            best.kex_bits < 224)) {
        ev = assay_arena_printf(c->arena, "ephemeral %s key of %d bits",
            best.kex_name, best.kex_bits);
        probe_report(c, svc, "NET-TLS-003", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov_tls, "TLS key exchange is too weak", ev,
            "use X25519 or P-256 or stronger, or DH groups of 2048 bits "
            "or more");
    }
    if (best.cert != NULL)
        tls_cert(c, svc, best.cert);
    ev = assay_arena_printf(c->arena,
        "versions: %s; negotiated %s %s; key exchange %s %d bits", accepted,
        best.version, best.cipher,
        best.kex_name[0] != '\0' ? best.kex_name : "none", best.kex_bits);
    probe_report(c, svc, "NET-TLS-000", ASSAY_SEV_INFO, ASSAY_CONF_HIGH,
        prov_tls, "TLS configuration", ev, NULL);
    tls_result_release(&best);
    return ASSAY_OK;
}

static const char *const tls_provisions[] = {"5.5-1", "5.5-7", NULL};

const struct assay_probe pr_tls = {
    .name = "tls",
    .summary = "TLS versions, cipher suites, key exchange and certificate",
    .provisions = tls_provisions,
    .flags = 0,
    .applies = tls_applies,
    .run = tls_run,
};
