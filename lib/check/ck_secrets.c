/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Secrets and keys (EN 303 645 5.4-1, 5.4-3, 5.4-4, 5.5-1): private keys,
 * SSH host keys, service tokens, high-entropy secrets and certificate
 * notes. The five checks share one Hyperscan pass per file through the
 * worker's memo (check_ctx.memo): whichever of them runs first on a node
 * scans it, the others read the result.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_private.h"
#include "secrets.h"

#define SECRETS_MEMO_TAG 0x5ec
#define SECRETS_MAX_FILE (64u << 20)

/* Key files in binary form worth parsing (by name). */
static bool
secrets_keyfile_name(const char *path)
{
    static const char *const exts[] = {
        ".key", ".der", ".p12", ".pfx", ".pk8", ".p8"};
    const char *b = check_basename(path);

    if (strstr(b, "host_key") != NULL || assay_str_starts(b, "ssh_host_") ||
        strstr(path, "/dropbear/") != NULL)
        return true;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(exts); i++) {
        if (assay_str_ends(b, exts[i]))
            return true;
    }
    return false;
}

static bool
secrets_applies(const struct assay_node *n)
{
    const char *p = assay_node_path(n), *b = check_basename(p);

    if (assay_node_size(n) == 0 || assay_node_size(n) > SECRETS_MAX_FILE)
        return false;
    if (check_path_in(p, "/usr/share/doc") ||
        check_path_in(p, "/usr/share/man") ||
        check_path_in(p, "/usr/share/info") || assay_str_ends(b, ".md") ||
        assay_str_ends(b, ".html") || assay_str_ends(b, ".rst") ||
        assay_str_ends(b, ".pub"))
        return false;
    return true;
}

/* The hits of node 'n', scanning it if no sibling check did yet. */
static enum assay_status
secrets_of(struct check_ctx *c, const struct assay_node *n,
    const struct secret_hit **hits, size_t *count)
{
    const uint8_t *d;
    size_t len = 0, nh = 0;
    struct secret_hit *v = NULL;
    enum assay_status rc;

    if (c->memo_node == n && c->memo_tag == SECRETS_MEMO_TAG) {
        *hits = c->memo;
        *count = c->memo_len;
        return ASSAY_OK;
    }
    d = assay_node_data(n, &len);
    rc = d != NULL ? secret_scan(c->s, d, len, check_is_text(d, len), &v, &nh)
                   : ASSAY_OK;
    if (rc != ASSAY_OK)
        return rc;
    if (d != NULL && secrets_keyfile_name(assay_node_path(n)) &&
        !check_is_text(d, len)) {
        char what[256];

        if (secret_key_file(d, len, what, sizeof(what))) {
            struct secret_hit *w = assay_arena_array(
                assay_session_arena(c->s), nh + 1, sizeof(*w));

            if (w == NULL)
                return ASSAY_E_NOMEM;
            if (nh > 0)
                memcpy(w, v, nh * sizeof(*w));
            w[nh].kind = SECRET_PRIVATE_KEY;
            w[nh].what = assay_arena_strdup(assay_session_arena(c->s), what);
            w[nh].detail = "";
            w[nh].offset = 0;
            w[nh].line = 0;
            if (w[nh].what == NULL)
                return ASSAY_E_NOMEM;
            v = w;
            nh++;
        }
    }
    c->memo_node = n;
    c->memo_tag = SECRETS_MEMO_TAG;
    c->memo = v;
    c->memo_len = nh;
    *hits = v;
    *count = nh;
    return ASSAY_OK;
}

static bool
secrets_is_host_key(const char *path)
{
    const char *b = check_basename(path);

    return strstr(b, "host_key") != NULL || assay_str_starts(b, "ssh_host_") ||
           (strstr(path, "/dropbear/") != NULL && strstr(b, "key") != NULL);
}

/*
 * Report the hits of 'n' that belong to the running check: 'kind', and
 * for private keys whether host keys are wanted.
 */
static enum assay_status
secrets_report(struct check_ctx *c, const struct assay_node *n,
    enum secret_kind kind, int host, const char *title)
{
    const struct secret_hit *h = NULL;
    size_t nh = 0;
    enum assay_status rc = secrets_of(c, n, &h, &nh);
    bool is_host = secrets_is_host_key(assay_node_path(n));

    if (rc != ASSAY_OK)
        return rc;
    for (size_t i = 0; i < nh; i++) {
        struct assay_finding f = {0};
        char ev[512];

        if (h[i].kind != kind || (host >= 0 && is_host != (host == 1)))
            continue;
        snprintf(ev, sizeof(ev), "%s%s%s", h[i].what,
            h[i].detail[0] != '\0' ? ": " : "", h[i].detail);
        f.title = title;
        f.line = h[i].line;
        f.offset = (int64_t)h[i].offset;
        f.evidence = ev;
        f.confidence =
            kind == SECRET_GENERIC ? ASSAY_CONF_LOW : ASSAY_CONF_HIGH;
        rc = check_report(c, n, &f);
        if (rc == ASSAY_E_NOMEM)
            return rc;
    }
    return ASSAY_OK;
}

static enum assay_status
sec_key_run(struct check_ctx *c, const struct assay_node *n)
{
    return secrets_report(
        c, n, SECRET_PRIVATE_KEY, 0, "private key in the image");
}

static enum assay_status
sec_hostkey_run(struct check_ctx *c, const struct assay_node *n)
{
    return secrets_report(
        c, n, SECRET_PRIVATE_KEY, 1, "SSH host key shipped in the image");
}

static enum assay_status
sec_token_run(struct check_ctx *c, const struct assay_node *n)
{
    return secrets_report(
        c, n, SECRET_TOKEN, -1, "cloud or service credential in the image");
}

static enum assay_status
sec_generic_run(struct check_ctx *c, const struct assay_node *n)
{
    return secrets_report(
        c, n, SECRET_GENERIC, -1, "high-entropy secret in configuration");
}

static enum assay_status
sec_cert_run(struct check_ctx *c, const struct assay_node *n)
{
    const char *p = assay_node_path(n);

    /* trust stores are full of self-signed roots by design */
    if (check_path_in(p, "/etc/ssl/certs") ||
        check_path_in(p, "/usr/share/ca-certificates") ||
        strstr(p, "ca-bundle") != NULL || strstr(p, "ca-certificates") != NULL)
        return ASSAY_OK;
    return secrets_report(c, n, SECRET_CERT, -1, "embedded certificate notes");
}

static const char *const prov_sec_key[] = {"5.4-3", "5.4-4", NULL};
static const char *const prov_sec_hostkey[] = {"5.4-4", "5.4-3", NULL};
static const char *const prov_sec_token[] = {"5.4-3", "5.4-1", NULL};
static const char *const prov_sec_generic[] = {"5.4-3", NULL};
static const char *const prov_sec_cert[] = {"5.5-1", NULL};

const struct assay_check ck_sec_key = {
    .id = "FW-SEC-001",
    .title = "private key in the image",
    .provisions = prov_sec_key,
    .severity = ASSAY_SEV_HIGH,
    .scope = CHECK_FILE,
    .applies = secrets_applies,
    .run = sec_key_run,
};

const struct assay_check ck_sec_hostkey = {
    .id = "FW-SEC-002",
    .title = "SSH host key shipped in the image",
    .provisions = prov_sec_hostkey,
    .severity = ASSAY_SEV_HIGH,
    .scope = CHECK_FILE,
    .applies = secrets_applies,
    .run = sec_hostkey_run,
};

const struct assay_check ck_sec_token = {
    .id = "FW-SEC-003",
    .title = "cloud or service credential in the image",
    .provisions = prov_sec_token,
    .severity = ASSAY_SEV_HIGH,
    .scope = CHECK_FILE,
    .applies = secrets_applies,
    .run = sec_token_run,
};

const struct assay_check ck_sec_generic = {
    .id = "FW-SEC-004",
    .title = "high-entropy secret in configuration",
    .provisions = prov_sec_generic,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FILE,
    .applies = secrets_applies,
    .run = sec_generic_run,
};

const struct assay_check ck_sec_cert = {
    .id = "FW-SEC-005",
    .title = "embedded certificate notes",
    .provisions = prov_sec_cert,
    .severity = ASSAY_SEV_INFO,
    .scope = CHECK_FILE,
    .applies = secrets_applies,
    .run = sec_cert_run,
};
