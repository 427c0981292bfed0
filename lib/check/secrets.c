/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Secret detection (secrets.h). The Hyperscan database is built once per
 * process with pthread_once and is immutable afterwards, so worker
 * threads share it; each scan allocates its own scratch. Hyperscan
 * reports every end offset of an open-ended pattern, so events with the
 * same pattern and start are merged into one candidate before any
 * confirmation runs. A PEM header alone (crypto libraries carry those as
 * strings) is never a finding: the block must parse.
 */
#include "assay_config.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <hs/hs.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "check_private.h"
#include "secrets.h"

#define SECRET_MAX_CAND 512
#define SECRET_MAX_HITS 64
#define SECRET_PEM_MAX  (64u << 10) /* longest PEM block looked at */

enum {
    PAT_PEM_KEY = 0,
    PAT_PEM_CERT,
    PAT_AWS_ID,
    PAT_AWS_SECRET,
    PAT_GOOGLE,
    PAT_SLACK,
    PAT_STRIPE,
    PAT_GITHUB,
    PAT_GITHUB_PAT,
    PAT_AZURE,
    PAT_SENDGRID,
    PAT_TWILIO,
    PAT_GENERIC,
    PAT_COUNT
};

static const char *const pat_expr[PAT_COUNT] = {
    "-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----",
    "-----BEGIN CERTIFICATE-----",
    "\\b(AKIA|ASIA)[0-9A-Z]{16}\\b",
    "aws_?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9/+=]{40}",
    "\\bAIza[0-9A-Za-z_\\-]{35}",
    "\\bxox[abprs]-[0-9A-Za-z\\-]{10,}",
    "\\b[rs]k_live_[0-9A-Za-z]{24,}",
    "\\bgh[pousr]_[A-Za-z0-9]{36}",
    "\\bgithub_pat_[A-Za-z0-9_]{60,}",
    "AccountKey=[A-Za-z0-9+/]{86}==",
    "\\bSG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}",
    "\\bSK[0-9a-f]{32}\\b",
    "(secret|token|api[_\\-]?key|client[_\\-]?secret|access[_\\-]?key|"
    "auth[_\\-]?key|private[_\\-]?key|signing[_\\-]?key|encryption[_\\-]?key|"
    "aes[_\\-]?key|hmac[_\\-]?key)[\"']?\\s*[:=]\\s*[\"']?"
    "[A-Za-z0-9+/=_\\-]{16,}",
};

static const char *const pat_what[PAT_COUNT] = {
    "private key",
    "certificate",
    "AWS access key id",
    "AWS secret access key",
    "Google API key",
    "Slack token",
    "Stripe live secret key",
    "GitHub token",
    "GitHub fine-grained token",
    "Azure storage account key",
    "SendGrid API key",
    "Twilio API key",
    "secret value",
};

static pthread_once_t hs_once = PTHREAD_ONCE_INIT;
static hs_database_t *hs_db; /* immutable once built */
static char hs_error[256];   /* why it could not be built */

static void
secret_compile(void)
{
    unsigned flags[PAT_COUNT], ids[PAT_COUNT];
    hs_compile_error_t *err = NULL;

    for (unsigned i = 0; i < PAT_COUNT; i++) {
        ids[i] = i;
        flags[i] = 0; /* no SOM: see secret_start() */
        if (i == PAT_GENERIC || i == PAT_AWS_SECRET)
            flags[i] |= HS_FLAG_CASELESS;
    }
    if (hs_compile_multi(pat_expr, flags, ids, PAT_COUNT, HS_MODE_BLOCK, NULL,
            &hs_db, &err) != HS_SUCCESS) {
        snprintf(hs_error, sizeof(hs_error), "hyperscan: %s (pattern %d)",
            err != NULL ? err->message : "compile failed",
            err != NULL ? err->expression : -1);
        hs_free_compile_error(err);
        hs_db = NULL;
    }
}

struct secret_cand {
    unsigned id;
    uint64_t from, to;
};

struct secret_scan {
    struct secret_cand c[SECRET_MAX_CAND];
    size_t n;
    const uint8_t *data; /* the bytes being scanned */
};

/* Last case-insensitive occurrence of 'lit' ending at or before 'end'
 * and starting at or after 'lo'; its offset, or -1. */
static int64_t
secret_rfind(const uint8_t *d, uint64_t lo, uint64_t end, const char *lit)
{
    size_t n = strlen(lit);

    for (uint64_t i = end; i >= lo + n; i--) {
        if (strncasecmp((const char *)d + i - n, lit, n) == 0)
            return (int64_t)(i - n);
    }
    return -1;
}

/*
 * Where the match ending at 'to' starts. Leftmost start-of-match
 * tracking (HS_FLAG_SOM_LEFTMOST) made the database take 0.6 s to build,
 * so starts are recovered here from each pattern's fixed length or its
 * leading literal. -1 when it cannot be found (the event is dropped).
 */
static int64_t
secret_start(unsigned id, const uint8_t *d, uint64_t to)
{
    static const char *const keys[] = {"secret", "token", "api", "client",
        "access", "auth", "private", "signing", "encryption", "aes", "hmac"};
    uint64_t lo = to > 512 ? to - 512 : 0;
    int64_t best = -1;

    switch (id) {
    case PAT_PEM_KEY:
    case PAT_PEM_CERT:
        return secret_rfind(d, lo, to, "-----BEGIN");
    case PAT_AWS_ID:
        return to >= 20 ? (int64_t)(to - 20) : -1;
    case PAT_GOOGLE:
        return to >= 39 ? (int64_t)(to - 39) : -1;
    case PAT_GITHUB:
        return to >= 40 ? (int64_t)(to - 40) : -1;
    case PAT_TWILIO:
        return to >= 34 ? (int64_t)(to - 34) : -1;
    case PAT_SENDGRID:
        return to >= 69 ? (int64_t)(to - 69) : -1;
    case PAT_AZURE:
        return to >= 99 ? (int64_t)(to - 99) : -1;
    case PAT_SLACK:
        return secret_rfind(d, lo, to, "xox");
    case PAT_STRIPE:
        best = secret_rfind(d, lo, to, "k_live_");
        return best > 0 ? best - 1 : -1;
    case PAT_GITHUB_PAT:
        return secret_rfind(d, lo, to, "github_pat_");
    case PAT_AWS_SECRET:
        return secret_rfind(d, lo, to, "aws");
    default:
        /* the secret-named key: the leftmost keyword of the line part */
        {
            uint64_t ls = to;

            while (ls > lo && d[ls - 1] != '\n')
                ls--;
            lo = ls;
        }
        for (size_t k = 0; k < ASSAY_ARRAY_LEN(keys); k++) {
            int64_t at = secret_rfind(d, lo, to, keys[k]);

            if (at >= 0 && (best < 0 || at < best))
                best = at;
        }
        return best;
    }
}

static int
secret_on_match(unsigned int id, unsigned long long from_unused,
    unsigned long long to, unsigned int flags, void *ctx)
{
    struct secret_scan *st = ctx;
    int64_t start = secret_start(id, st->data, to);
    uint64_t from;

    (void)flags;
    (void)from_unused;
    if (start < 0)
        return 0;
    from = (uint64_t)start;
    for (size_t i = st->n; i > 0; i--) {
        struct secret_cand *c = &st->c[i - 1];

        if (c->id == id && c->from == from) {
            if (to > c->to)
                c->to = to;
            return 0;
        }
        if (st->n - i > 8)
            break; /* merges happen with recent events only */
    }
    if (st->n < SECRET_MAX_CAND)
        st->c[st->n++] = (struct secret_cand){id, from, to};
    return 0;
}

/* ---- confirmation helpers -------------------------------------------- */

static int
secret_no_password(char *buf, int size, int rw, void *u)
{
    (void)buf;
    (void)size;
    (void)rw;
    (void)u;
    return -1;
}

static void
secret_describe_pkey(EVP_PKEY *k, const char *form, char *what, size_t size)
{
    const char *type = EVP_PKEY_get0_type_name(k);

    snprintf(what, size, "%s %d-bit private key (%s)",
        type != NULL ? type : "unknown", EVP_PKEY_get_bits(k), form);
}

/* Read a big-endian uint32-prefixed string from [*p, end). */
static bool
secret_ssh_string(
    const uint8_t **p, const uint8_t *end, const uint8_t **s, uint32_t *n)
{
    uint32_t len;

    if (end - *p < 4)
        return false;
    len = assay_be32(*p);
    if (!assay_range_ok(4, len, (uint64_t)(end - *p)))
        return false;
    *s = *p + 4;
    *n = len;
    *p += 4 + (size_t)len;
    return true;
}

bool
secret_openssh_key(const char *b64, size_t n, char *what, size_t size)
{
    static const char magic[] = "openssh-key-v1";
    unsigned char *raw, *clean;
    const uint8_t *p, *end, *cipher, *kdf, *kdfo, *pub, *type;
    uint32_t cl, kl, kol, pl, tl;
    size_t m = 0;
    int dl;
    bool ok = false;

    if (n == 0 || n > SECRET_PEM_MAX)
        return false;
    clean = assay_malloc(n + 1);
    raw = assay_malloc(n + 4);
    if (clean == NULL || raw == NULL)
        goto out_free;
    for (size_t i = 0; i < n; i++) {
        if (!isspace((unsigned char)b64[i]))
            clean[m++] = (unsigned char)b64[i];
    }
    if (m == 0 || m % 4 != 0)
        goto out_free;
    dl = EVP_DecodeBlock(raw, clean, (int)m);
    if (dl < (int)sizeof(magic) + 4)
        goto out_free;
    /* EVP_DecodeBlock counts '=' padding as zero bytes */
    for (size_t i = m; i > 0 && clean[i - 1] == '='; i--)
        dl--;
    if (memcmp(raw, magic, sizeof(magic)) != 0)
        goto out_free;
    p = raw + sizeof(magic);
    end = raw + dl;
    if (!secret_ssh_string(&p, end, &cipher, &cl) ||
        !secret_ssh_string(&p, end, &kdf, &kl) ||
        !secret_ssh_string(&p, end, &kdfo, &kol) || end - p < 4 ||
        assay_be32(p) == 0 || assay_be32(p) > 16)
        goto out_free;
    p += 4;
    if (!secret_ssh_string(&p, end, &pub, &pl))
        goto out_free;
    end = pub + pl;
    p = pub;
    if (!secret_ssh_string(&p, end, &type, &tl) || tl == 0 || tl > 64)
        goto out_free;
    snprintf(what, size, "%.*s private key (OpenSSH, %s)", (int)tl,
        (const char *)type,
        cl == 4 && memcmp(cipher, "none", 4) == 0 ? "unencrypted"
                                                  : "encrypted");
    ok = true;
out_free:
    assay_free(raw);
    assay_free(clean);
    return ok;
}

/* Dropbear's own host-key format: string type, then mpints. */
static bool
secret_dropbear_key(const uint8_t *d, size_t len, char *what, size_t size)
{
    static const char *const types[] = {"ssh-rsa", "ssh-dss", "ssh-ed25519",
        "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"};
    const uint8_t *p = d, *end = d + len, *t, *x;
    uint32_t tl, xl;
    unsigned parts = 0;

    if (!secret_ssh_string(&p, end, &t, &tl))
        return false;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(types); i++) {
        if (tl != strlen(types[i]) || memcmp(t, types[i], tl) != 0)
            continue;
        while (p < end && secret_ssh_string(&p, end, &x, &xl))
            parts++;
        if (p != end || parts < 2)
            return false;
        snprintf(what, size, "%s private key (dropbear)", types[i]);
        return true;
    }
    return false;
}

bool
secret_key_file(const uint8_t *d, size_t len, char *what, size_t size)
{
    const unsigned char *p = d;
    EVP_PKEY *k;
    PKCS12 *p12;

    if (len < 16 || len > SECRET_PEM_MAX)
        return false;
    if (d[0] == 0x30) {
        k = d2i_AutoPrivateKey(NULL, &p, (long)len);
        if (k != NULL) {
            secret_describe_pkey(k, "DER", what, size);
            EVP_PKEY_free(k);
            return true;
        }
        p = d;
        p12 = d2i_PKCS12(NULL, &p, (long)len);
        if (p12 != NULL) {
            snprintf(what, size, "PKCS#12 bundle%s",
                PKCS12_verify_mac(p12, "", 0) == 1 ||
                        PKCS12_verify_mac(p12, NULL, 0) == 1
                    ? " with an empty password"
                    : "");
            PKCS12_free(p12);
            return true;
        }
        ERR_clear_error();
    }
    return secret_dropbear_key(d, len, what, size);
}

/* The PEM block starting at 'from': [from, end of the END line). */
static size_t
secret_pem_block(const uint8_t *d, size_t len, uint64_t from)
{
    size_t lim = len - from < SECRET_PEM_MAX ? len - from : SECRET_PEM_MAX;
    const uint8_t *s = d + from;

    for (size_t i = 11; i + 9 <= lim; i++) {
        if (s[i] == '-' && memcmp(s + i, "-----END ", 9) == 0) {
            const uint8_t *nl = memchr(s + i, '\n', lim - i);

            return nl != NULL ? (size_t)(nl - s) + 1 : lim;
        }
    }
    return 0;
}

static bool
secret_pem_key(const uint8_t *blk, size_t n, char *what, size_t size)
{
    BIO *b = BIO_new_mem_buf(blk, (int)n);
    EVP_PKEY *k;
    X509_SIG *sig;
    bool ok = false;

    if (b == NULL)
        return false;
    k = PEM_read_bio_PrivateKey(b, NULL, secret_no_password, NULL);
    if (k != NULL) {
        secret_describe_pkey(k, "PEM, unencrypted", what, size);
        EVP_PKEY_free(k);
        ok = true;
    } else if (BIO_reset(b) == 1 && (sig = PEM_read_bio_PKCS8(b, NULL,
                                         secret_no_password, NULL)) != NULL) {
        snprintf(what, size, "encrypted PKCS#8 private key (PEM)");
        X509_SIG_free(sig);
        ok = true;
    } else if (memmem(blk, n, "Proc-Type: 4,ENCRYPTED", 22) != NULL) {
        snprintf(what, size, "encrypted private key (legacy PEM)");
        ok = true;
    }
    BIO_free(b);
    ERR_clear_error();
    return ok;
}

/* Notes worth reporting about a certificate, "" when none. */
static bool
secret_pem_cert(const uint8_t *blk, size_t n, char *what, size_t size,
    char *detail, size_t dsize)
{
    BIO *b = BIO_new_mem_buf(blk, (int)n);
    X509 *x;
    EVP_PKEY *pk;
    char subj[200] = "";
    int bits = 0, nid;
    bool expired, weak = false, self, weak_sig;

    if (b == NULL)
        return false;
    x = PEM_read_bio_X509(b, NULL, secret_no_password, NULL);
    BIO_free(b);
    if (x == NULL) {
        ERR_clear_error();
        return false;
    }
    X509_NAME_oneline(X509_get_subject_name(x), subj, (int)sizeof(subj));
    expired = X509_cmp_current_time(X509_get0_notAfter(x)) < 0;
    pk = X509_get0_pubkey(x);
    if (pk != NULL) {
        bits = EVP_PKEY_get_bits(pk);
        weak = (EVP_PKEY_get_base_id(pk) == EVP_PKEY_RSA ||
                   EVP_PKEY_get_base_id(pk) == EVP_PKEY_DSA)
                   ? bits < 2048
                   : bits < 224;
    }
    nid = X509_get_signature_nid(x);
    weak_sig = nid == NID_md5WithRSAEncryption ||
               nid == NID_sha1WithRSAEncryption ||
               nid == NID_md2WithRSAEncryption;
    self = X509_check_issued(x, x) == X509_V_OK && X509_check_ca(x) == 0;
    X509_free(x);
    ERR_clear_error();
    if (!expired && !weak && !self && !weak_sig)
        return false;
    snprintf(what, size, "certificate %s", subj);
    snprintf(detail, dsize, "%s%s%s%s", expired ? "expired; " : "",
        weak ? "weak key; " : "", weak_sig ? "weak signature hash; " : "",
        self ? "self-signed end-entity certificate; " : "");
    return true;
}

static double
secret_entropy(const char *s, size_t n)
{
    unsigned counts[256] = {0};
    double h = 0;

    for (size_t i = 0; i < n; i++)
        counts[(unsigned char)s[i]]++;
    for (size_t i = 0; i < 256; i++) {
        if (counts[i] != 0) {
            double p = (double)counts[i] / (double)n;

            h -= p * log2(p);
        }
    }
    return h;
}

/* The value of a "name = value" generic match, checked for randomness. */
static bool
secret_generic_value(
    const uint8_t *d, const struct secret_cand *c, char *v, size_t size)
{
    static const char *const fake[] = {"example", "your", "changeme", "dummy",
        "placeholder", "xxxx", "test", "sample", "secret", "token", "null",
        "undefined", "replace", "insert"};
    const char *m = (const char *)d + c->from;
    size_t n = (size_t)(c->to - c->from), i = 0, vn;
    bool digit = false, alpha = false, hex = true;

    while (i < n && m[i] != '=' && m[i] != ':')
        i++;
    i++;
    while (
        i < n && (m[i] == ' ' || m[i] == '\t' || m[i] == '"' || m[i] == '\''))
        i++;
    if (i >= n)
        return false;
    vn = n - i;
    if (vn >= size)
        vn = size - 1;
    memcpy(v, m + i, vn);
    v[vn] = '\0';
    for (size_t k = 0; k < vn; k++) {
        digit |= isdigit((unsigned char)v[k]) != 0;
        alpha |= isalpha((unsigned char)v[k]) != 0;
        hex &= isxdigit((unsigned char)v[k]) != 0;
    }
    for (size_t k = 0; k < ASSAY_ARRAY_LEN(fake); k++) {
        if (strcasestr(v, fake[k]) != NULL)
            return false;
    }
    if (!digit || !alpha)
        return false;
    return hex ? vn >= 32 && secret_entropy(v, vn) >= 3.0
               : secret_entropy(v, vn) >= 3.5;
}

/* "AKIA************WXYZ": enough to find it, not enough to use it. */
static void
secret_mask(
    const uint8_t *d, uint64_t from, uint64_t to, char *out, size_t size)
{
    size_t n = (size_t)(to - from), k = 0;

    for (size_t i = 0; i < n && k + 1 < size && i < 96; i++) {
        char ch = (char)d[from + i];

        out[k++] = (i < 4 || i + 4 >= n || !isalnum((unsigned char)ch)) &&
                           isprint((unsigned char)ch)
                       ? ch
                       : '*';
    }
    out[k] = '\0';
}

static uint32_t
secret_line(const uint8_t *d, uint64_t off)
{
    uint32_t line = 1;

    for (uint64_t i = 0; i < off; i++)
        line += d[i] == '\n';
    return line;
}

enum assay_status
secret_scan(struct assay_session *s, const uint8_t *data, size_t len, bool text,
    struct secret_hit **out, size_t *n)
{
    struct assay_arena *a = assay_session_arena(s);
    struct secret_scan *st;
    struct secret_hit *v;
    hs_scratch_t *scratch = NULL;
    enum assay_status rc = ASSAY_OK;
    size_t k = 0;

    *out = NULL;
    *n = 0;
    pthread_once(&hs_once, secret_compile);
    if (hs_db == NULL)
        return assay_err_set(
            assay_session_err(s), ASSAY_E_INTERNAL, "%s", hs_error);
    if (len == 0 || len > UINT32_MAX)
        return ASSAY_OK;
    st = assay_malloc(sizeof(*st));
    if (st == NULL)
        return ASSAY_E_NOMEM;
    v = NULL; /* allocated at the first confirmed hit: most files have none */
    st->n = 0;
    st->data = data;
    if (hs_alloc_scratch(hs_db, &scratch) != HS_SUCCESS) {
        assay_free(st);
        return ASSAY_E_NOMEM;
    }
    if (hs_scan(hs_db, (const char *)data, (unsigned int)len, 0, scratch,
            secret_on_match, st) != HS_SUCCESS) {
        rc = assay_err_set(
            assay_session_err(s), ASSAY_E_INTERNAL, "hyperscan: scan failed");
        goto out_free;
    }
    for (size_t i = 0; i < st->n && k < SECRET_MAX_HITS; i++) {
        const struct secret_cand *c = &st->c[i];
        char what[256] = "", detail[256] = "";
        enum secret_kind kind = SECRET_TOKEN;
        size_t blk;

        switch (c->id) {
        case PAT_PEM_KEY:
            blk = secret_pem_block(data, len, c->from);
            if (blk <= c->to - c->from)
                continue; /* no END line after the header */
            if (memmem(data + c->from, (size_t)(c->to - c->from), "OPENSSH",
                    7) != NULL) {
                const uint8_t *b = data + c->to;
                const uint8_t *e =
                    memmem(b, blk - (size_t)(c->to - c->from), "-----END", 8);

                if (e == NULL || !secret_openssh_key((const char *)b,
                                     (size_t)(e - b), what, sizeof(what)))
                    continue;
            } else if (!secret_pem_key(
                           data + c->from, blk, what, sizeof(what))) {
                continue;
            }
            kind = SECRET_PRIVATE_KEY;
            break;
        case PAT_PEM_CERT:
            blk = secret_pem_block(data, len, c->from);
            if (blk == 0 || !secret_pem_cert(data + c->from, blk, what,
                                sizeof(what), detail, sizeof(detail)))
                continue;
            kind = SECRET_CERT;
            break;
        case PAT_GENERIC: {
            char val[160];
            bool token = false;

            /* a named token on the same bytes says more */
            for (size_t j = 0; j < st->n && !token; j++)
                token = st->c[j].id != PAT_GENERIC &&
                        st->c[j].id != PAT_PEM_KEY &&
                        st->c[j].id != PAT_PEM_CERT && st->c[j].from < c->to &&
                        c->from < st->c[j].to;
            if (token || !text ||
                !secret_generic_value(data, c, val, sizeof(val)))
                continue;
            kind = SECRET_GENERIC;
            snprintf(what, sizeof(what), "%s", pat_what[c->id]);
            secret_mask(data, c->from, c->to, detail, sizeof(detail));
            break;
        }
        default:
            if (memmem(data + c->from, (size_t)(c->to - c->from), "EXAMPLE",
                    7) != NULL)
                continue; /* documentation keys (AKIAIOSFODNN7EXAMPLE) */
            snprintf(what, sizeof(what), "%s", pat_what[c->id]);
            secret_mask(data, c->from, c->to, detail, sizeof(detail));
            break;
        }
        if (v == NULL) {
            v = assay_arena_array(a, SECRET_MAX_HITS, sizeof(*v));
            if (v == NULL) {
                rc = ASSAY_E_NOMEM;
                goto out_free;
            }
        }
        v[k].kind = kind;
        v[k].what = assay_arena_strdup(a, what);
        v[k].detail = assay_arena_strdup(a, detail);
        v[k].offset = c->from;
        v[k].line = text ? secret_line(data, c->from) : 0;
        if (v[k].what == NULL || v[k].detail == NULL) {
            rc = ASSAY_E_NOMEM;
            goto out_free;
        }
        k++;
    }
    *out = v;
    *n = k;
out_free:
    hs_free_scratch(scratch);
    assay_free(st);
    return rc;
}
