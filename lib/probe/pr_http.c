/* SPDX-License-Identifier: Apache-2.0 */
/*
 * HTTP and HTTPS through libcurl: login surfaces (Basic, Digest, HTML
 * forms), default credentials (5.1-1, 5.1-2), logins in clear text
 * (5.5-7), configuration read or changed without authentication (5.5-4,
 * 5.5-5, 5.6-2) and version disclosure in headers (5.6-2).
 *
 * False positives are the enemy here: many embedded servers answer 200
 * (or 401) to everything. So every verdict is relative to baselines
 * taken on the same service: a random path for "does this page exist",
 * and two logins with random credentials for "was this login accepted".
 * A login counts as accepted only when its answer differs from both
 * baselines in a way that means something (status, redirect target, the
 * password form disappearing) while the baselines agree with each other.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "probe_private.h"

#define HTTP_HEAD_CAP (16u * 1024u)
#define HTTP_BODY_CAP (64u * 1024u)

void
http_resp_init(struct http_resp *r)
{
    r->status = 0;
    assay_buf_init(&r->head, HTTP_HEAD_CAP);
    assay_buf_init(&r->body, HTTP_BODY_CAP);
}

void
http_resp_release(struct http_resp *r)
{
    assay_buf_release(&r->head);
    assay_buf_release(&r->body);
}

static size_t
http_on_body(char *p, size_t size, size_t n, void *arg)
{
    struct assay_buf *b = arg;

    /* keep what fits and stop reading: the cap is the evidence we need */
    if (assay_buf_append(b, p, n * size) != ASSAY_OK)
        return 0;
    return n * size;
}

static size_t
http_on_header(char *p, size_t size, size_t n, void *arg)
{
    struct assay_buf *b = arg;

    /* keep only the last response's block (Digest makes two) */
    if (n * size >= 5 && memcmp(p, "HTTP/", 5) == 0)
        assay_buf_reset(b);
    if (assay_buf_append(b, p, n * size) != ASSAY_OK)
        return 0;
    return n * size;
}

/* application/x-www-form-urlencoded value of 's' appended to 'b'. */
static enum assay_status
http_urlenc(struct assay_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    enum assay_status rc = ASSAY_OK;

    for (; *s != '\0' && rc == ASSAY_OK; s++) {
        unsigned char ch = (unsigned char)*s;

        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
            (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.')
            rc = assay_buf_putc(b, (char)ch);
        else
            rc = assay_buf_printf(b, "%%%c%c", hex[ch >> 4], hex[ch & 15]);
    }
    return rc;
}

/* Resolve a form action against the page path into out (from the root). */
static void
http_action_path(const struct http_login *l, char *out, size_t cap)
{
    const char *a = l->form.action;
    const char *slash;

    if (a[0] == '\0') {
        snprintf(out, cap, "%s", l->path);
        return;
    }
    if (a[0] == '/') {
        snprintf(out, cap, "%s", a);
        return;
    }
    if (strstr(a, "://") != NULL) {
        /* absolute URL: only its path, we never leave the target host */
        const char *p = strchr(strstr(a, "://") + 3, '/');

        snprintf(out, cap, "%s", p != NULL ? p : "/");
        return;
    }
    slash = strrchr(l->path, '/');
    snprintf(out, cap, "%.*s/%s", slash != NULL ? (int)(slash - l->path) : 0,
        l->path, a);
}

static enum assay_status
http_req(struct probe_ctx *c, const struct probe_service *svc,
    const char *method, const char *path, const char *ctype, const char *extra,
    const char *body, const struct http_login *login, const char *user,
    const char *password, struct http_resp *r)
{
    struct curl_slist *hdrs = NULL;
    struct assay_buf form;
    char url[512], apath[300], hct[128];
    enum assay_status rc = ASSAY_OK;
    uint64_t deadline = probe_deadline(c, c->lim->read_ms);
    uint64_t now = probe_now_ms();
    CURLcode cc;
    CURL *h;

    assay_buf_reset(&r->head);
    assay_buf_reset(&r->body);
    r->status = 0;
    if (deadline <= now)
        return ASSAY_E_TIMEOUT;
    assay_buf_init(&form, 4096);
    if (login != NULL && login->kind == HTTP_LOGIN_FORM) {
        http_action_path(login, apath, sizeof(apath));
        path = apath;
        method = login->form.post ? "POST" : "GET";
        ctype = "application/x-www-form-urlencoded";
        if (assay_buf_printf(&form, "%s=", login->form.user_field) !=
                ASSAY_OK ||
            http_urlenc(&form, user) != ASSAY_OK ||
            assay_buf_printf(&form, "&%s=", login->form.pass_field) !=
                ASSAY_OK ||
            http_urlenc(&form, password) != ASSAY_OK) {
            assay_buf_release(&form);
            return ASSAY_E_NOMEM;
        }
        body = form.data;
    } else if (login != NULL && method == NULL) {
        /* Basic and Digest: the protected page itself */
        method = "GET";
        path = login->path;
    }
    if (method == NULL || path == NULL) {
        assay_buf_release(&form);
        return ASSAY_E_USAGE;
    }
    if (strcmp(method, "GET") == 0 && body != NULL)
        snprintf(url, sizeof(url), "%s://%s:%u%s%s%s",
            svc->tls ? "https" : "http", c->url_host, svc->port, path,
            strchr(path, '?') != NULL ? "&" : "?", body);
    else
        snprintf(url, sizeof(url), "%s://%s:%u%s", svc->tls ? "https" : "http",
            c->url_host, svc->port, path);
    h = curl_easy_init();
    if (h == NULL) {
        assay_buf_release(&form);
        return ASSAY_E_NOMEM;
    }
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
    /* reach legacy devices too: TLS is judged by pr_tls, not here */
    curl_easy_setopt(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1);
    curl_easy_setopt(h, CURLOPT_SSL_CIPHER_LIST, "ALL:@SECLEVEL=0");
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)c->lim->connect_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)(deadline - now));
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE, (long)HTTP_BODY_CAP);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "assay-probe");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, http_on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &r->body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, http_on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &r->head);
    if (strcmp(method, "POST") == 0) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body != NULL ? body : "");
        if (ctype != NULL) {
            snprintf(hct, sizeof(hct), "Content-Type: %s", ctype);
            hdrs = curl_slist_append(hdrs, hct);
        }
    }
    if (extra != NULL)
        hdrs = curl_slist_append(hdrs, extra);
    if (hdrs != NULL)
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    if (login != NULL &&
        (login->kind == HTTP_LOGIN_BASIC || login->kind == HTTP_LOGIN_DIGEST)) {
        curl_easy_setopt(h, CURLOPT_HTTPAUTH,
            login->kind == HTTP_LOGIN_BASIC ? CURLAUTH_BASIC : CURLAUTH_DIGEST);
        curl_easy_setopt(h, CURLOPT_USERNAME, user);
        curl_easy_setopt(h, CURLOPT_PASSWORD, password);
    }
    net_pace(c);
    cc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
    if (cc != CURLE_OK && cc != CURLE_WRITE_ERROR &&
        cc != CURLE_FILESIZE_EXCEEDED && r->status == 0)
        rc = cc == CURLE_OPERATION_TIMEDOUT ? ASSAY_E_TIMEOUT : ASSAY_E_NETWORK;
    curl_easy_cleanup(h);
    curl_slist_free_all(hdrs);
    assay_buf_release(&form);
    if (rc == ASSAY_OK && r->status == 0)
        rc = ASSAY_E_NETWORK;
    return rc;
}

enum assay_status
http_do(struct probe_ctx *c, const struct probe_service *svc,
    const char *method, const char *path, const char *ctype, const char *body,
    const struct http_login *login, const char *user, const char *password,
    struct http_resp *r)
{
    return http_req(
        c, svc, method, path, ctype, NULL, body, login, user, password, r);
}

enum assay_status
http_do_hdr(struct probe_ctx *c, const struct probe_service *svc,
    const char *method, const char *path, const char *ctype, const char *extra,
    const char *body, struct http_resp *r)
{
    return http_req(
        c, svc, method, path, ctype, extra, body, NULL, NULL, NULL, r);
}

long
http_tls_status(struct probe_ctx *c, uint16_t port)
{
    struct probe_service svc = {.port = port, .tls = true};
    struct http_resp r;
    long st = -1;

    http_resp_init(&r);
    if (http_do(c, &svc, "GET", "/", NULL, NULL, NULL, NULL, NULL, &r) ==
        ASSAY_OK)
        st = r.status;
    http_resp_release(&r);
    return st;
}

/* ---- HTML forms ---------------------------------------------------------- */

/* Value of attribute 'name' inside the tag text [p, end). */
static bool
form_attr(
    const char *p, const char *end, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);

    for (const char *q = p; q + nl < end; q++) {
        const char *v;
        size_t k = 0;
        char quote = 0;

        if ((q != p && q[-1] != ' ' && q[-1] != '\t' && q[-1] != '\n') ||
            !probe_memcasemem(q, nl, name) || q[nl] != '=')
            continue;
        v = q + nl + 1;
        if (v < end && (*v == '"' || *v == '\''))
            quote = *v++;
        while (v < end && k + 1 < cap &&
               (quote != 0 ? *v != quote
                           : (*v != ' ' && *v != '>' && *v != '/'))) {
            out[k++] = *v++;
        }
        out[k] = '\0';
        return true;
    }
    return false;
}

bool
http_form_parse(const char *html, size_t len, struct http_form *out)
{
    const char *end = html + len, *form = NULL;
    char user[64] = "", type[32], name[64], method[16];

    memset(out, 0, sizeof(*out));
    for (const char *p = html; p < end; p++) {
        const char *tag_end;

        if (*p != '<')
            continue;
        tag_end = memchr(p, '>', (size_t)(end - p));
        if (tag_end == NULL)
            return false;
        if ((size_t)(tag_end - p) >= 5 && probe_memcasemem(p, 5, "<form")) {
            form = p;
            user[0] = '\0';
            if (!form_attr(
                    p, tag_end, "action", out->action, sizeof(out->action)))
                out->action[0] = '\0';
            out->post =
                form_attr(p, tag_end, "method", method, sizeof(method)) &&
                probe_memcasemem(method, strlen(method), "post");
        } else if ((size_t)(tag_end - p) >= 6 &&
                   probe_memcasemem(p, 6, "<input")) {
            if (!form_attr(p, tag_end, "name", name, sizeof(name)) ||
                name[0] == '\0')
                continue;
            if (!form_attr(p, tag_end, "type", type, sizeof(type)))
                snprintf(type, sizeof(type), "text");
            if (probe_memcasemem(type, strlen(type), "password")) {
                if (form == NULL)
                    return false;
                snprintf(out->pass_field, sizeof(out->pass_field), "%s", name);
                snprintf(out->user_field, sizeof(out->user_field), "%s",
                    user[0] != '\0' ? user : "username");
                return true;
            }
            if (strcmp(type, "text") == 0 || strcmp(type, "email") == 0)
                snprintf(user, sizeof(user), "%s", name);
        }
        p = tag_end;
    }
    return false;
}

/* ---- login surfaces ----------------------------------------------------- */

static const char *const login_paths[] = {
    "/",
    "/login",
    "/login.html",
    "/login.htm",
    "/admin",
    "/admin/",
    "/cgi-bin/login.cgi",
    "/cgi-bin/admin",
    "/index.html",
    "/web/",
};

bool
http_login_find(struct probe_ctx *c, const struct probe_service *svc,
    struct http_login *out)
{
    struct http_resp r;
    bool found = false;
    char auth[128];

    http_resp_init(&r);
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(login_paths) && !found; i++) {
        if (probe_budget_over(c))
            break;
        if (http_do(c, svc, "GET", login_paths[i], NULL, NULL, NULL, NULL, NULL,
                &r) != ASSAY_OK)
            continue;
        if (r.status == 401 && http_header_get(r.head.data, r.head.len,
                                   "WWW-Authenticate", auth, sizeof(auth))) {
            if (probe_memcasemem(auth, 6, "basic "))
                out->kind = HTTP_LOGIN_BASIC;
            else if (probe_memcasemem(auth, 7, "digest "))
                out->kind = HTTP_LOGIN_DIGEST;
        } else if (r.status == 200 && r.body.len > 0 &&
                   http_form_parse(r.body.data, r.body.len, &out->form)) {
            out->kind = HTTP_LOGIN_FORM;
        }
        if (out->kind != HTTP_LOGIN_NONE) {
            snprintf(out->path, sizeof(out->path), "%s", login_paths[i]);
            found = true;
        }
    }
    http_resp_release(&r);
    return found;
}

/* Is the password form still in the answer? */
static bool
resp_has_form(const struct http_resp *r)
{
    struct http_form f;

    return r->body.len > 0 && http_form_parse(r->body.data, r->body.len, &f);
}

static bool
resp_location(const struct http_resp *r, char *out, size_t cap)
{
    if (!http_header_get(r->head.data, r->head.len, "Location", out, cap))
        out[0] = '\0';
    return out[0] != '\0';
}

bool
http_login_accepted(const struct http_login *l, const struct http_resp *r,
    const struct http_resp *base1, const struct http_resp *base2)
{
    char loc[256], loc1[256], loc2[256];

    if (r->status == 0 || base1->status == 0 || base2->status == 0)
        return false;
    if (l->kind == HTTP_LOGIN_BASIC || l->kind == HTTP_LOGIN_DIGEST)
        return r->status >= 200 && r->status < 400 &&
               (base1->status == 401 || base1->status == 403) &&
               base2->status == base1->status;
    /* forms: the baselines must agree, the answer must differ */
    resp_location(r, loc, sizeof(loc));
    resp_location(base1, loc1, sizeof(loc1));
    resp_location(base2, loc2, sizeof(loc2));
    if (base1->status != base2->status || strcmp(loc1, loc2) != 0 ||
        resp_has_form(base1) != resp_has_form(base2))
        return false;
    if (r->status >= 400)
        return false;
    if (r->status != base1->status)
        return true;
    if (strcmp(loc, loc1) != 0)
        return true;
    return resp_has_form(base1) && !resp_has_form(r) && r->body.len > 0;
}

/* ---- the probe ---------------------------------------------------------- */

static bool
http_applies(const struct probe_service *svc)
{
    return svc->transport == ASSAY_PROBE_TCP && svc->proto == PROTO_HTTP;
}

static const char *
login_kind_name(enum http_login_kind k)
{
    switch (k) {
    case HTTP_LOGIN_BASIC:
        return "HTTP Basic";
    case HTTP_LOGIN_DIGEST:
        return "HTTP Digest";
    case HTTP_LOGIN_FORM:
        return "HTML form";
    default:
        return "none";
    }
}

static void
http_disclosure(struct probe_ctx *c, const struct probe_service *svc,
    const struct http_resp *r)
{
    static const char *const prov[] = {"5.6-2", NULL};
    static const char *const names[] = {"Server", "X-Powered-By"};
    char v[160];

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(names); i++) {
        if (!http_header_get(
                r->head.data, r->head.len, names[i], v, sizeof(v)) ||
            strpbrk(v, "0123456789") == NULL)
            continue;
        probe_report(c, svc, "NET-INFO-001", ASSAY_SEV_LOW, ASSAY_CONF_HIGH,
            prov, "software version disclosed before authentication",
            assay_arena_printf(c->arena, "GET / answered '%s: %s'", names[i],
                probe_quote(c, v, strlen(v))),
            "do not announce product or component versions to "
            "unauthenticated clients");
    }
}

struct http_cred_arg {
    const struct http_login *l; /* the surface */
    struct http_resp *b1, *b2;  /* answers to two random pairs */
    struct http_resp *r;        /* scratch */
};

/* One login (probe_login_fn), judged against the two baselines. */
static int
http_login_try(struct probe_ctx *c, const struct probe_service *svc,
    const char *user, const char *pass, void *arg, char *proof, size_t cap)
{
    struct http_cred_arg *a = arg;
    char loc[128];

    if (http_do(c, svc, NULL, NULL, NULL, NULL, a->l, user, pass, a->r) !=
        ASSAY_OK)
        return -1;
    if (!http_login_accepted(a->l, a->r, a->b1, a->b2))
        return 0;
    resp_location(a->r, loc, sizeof(loc));
    snprintf(proof, cap, "answered %ld%s%s (random pairs: %ld and %ld)",
        a->r->status, loc[0] != '\0' ? " Location: " : "", loc, a->b1->status,
        a->b2->status);
    return 1;
}

static void
http_default_creds(
    struct probe_ctx *c, struct probe_service *svc, const struct http_login *l)
{
    struct http_resp b1, b2, r;
    struct http_cred_arg a = {l, &b1, &b2, &r};
    char u[13], p[17], what[320];

    if (c->creds == NULL)
        return;
    http_resp_init(&b1);
    http_resp_init(&b2);
    http_resp_init(&r);
    probe_token(c, u, sizeof(u));
    probe_token(c, p, sizeof(p));
    if (http_do(c, svc, NULL, NULL, NULL, NULL, l, u, p, &b1) == ASSAY_OK) {
        probe_token(c, u, sizeof(u));
        probe_token(c, p, sizeof(p));
        if (http_do(c, svc, NULL, NULL, NULL, NULL, l, u, p, &b2) == ASSAY_OK) {
            snprintf(what, sizeof(what), "%s at '%s'", login_kind_name(l->kind),
                l->path);
            probe_default_creds(c, svc, what, http_login_try, &a);
        }
    }
    http_resp_release(&r);
    http_resp_release(&b2);
    http_resp_release(&b1);
}

static const char *const config_paths[] = {
    "/api/config",
    "/config",
    "/cgi-bin/config.cgi",
    "/admin/config",
    "/system.ini",
    "/config.bin",
    "/backup.cfg",
    "/cgi-bin/config.exp",
    "/api/system/config",
    "/goform/getSysConfig",
};

/* Configuration readable or changeable without credentials. */
static void
http_config(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const prov_read[] = {"5.5-4", "5.6-2", NULL};
    static const char *const prov_write[] = {"5.5-4", "5.5-5", NULL};
    struct http_resp base, pbase, r;
    char tok[17], path[40];

    http_resp_init(&base);
    http_resp_init(&pbase);
    http_resp_init(&r);
    probe_token(c, tok, sizeof(tok));
    snprintf(path, sizeof(path), "/%s", tok);
    if (http_do(c, svc, "GET", path, NULL, NULL, NULL, NULL, NULL, &base) !=
            ASSAY_OK ||
        http_do(c, svc, "POST", path, "application/json", "{}", NULL, NULL,
            NULL, &pbase) != ASSAY_OK)
        goto out;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(config_paths); i++) {
        const char *p = config_paths[i];

        if (probe_budget_over(c))
            break;
        if (http_do(c, svc, "GET", p, NULL, NULL, NULL, NULL, NULL, &r) !=
                ASSAY_OK ||
            r.status == 404)
            continue;
        if (r.status == 200 && r.body.len > 0 && !resp_has_form(&r) &&
            (base.status != 200 || base.body.len != r.body.len ||
                memcmp(base.body.data, r.body.data, r.body.len) != 0)) {
            probe_report(c, svc, "NET-AUTH-003", ASSAY_SEV_HIGH,
                ASSAY_CONF_MEDIUM, prov_read,
                "configuration readable without authentication",
                assay_arena_printf(c->arena,
                    "GET %s without credentials answered 200 with %zu "
                    "bytes: %s; a random path answered %ld",
                    p, r.body.len,
                    probe_quote(
                        c, r.body.data, r.body.len < 160 ? r.body.len : 160),
                    base.status),
                "require authentication for configuration pages and "
                "exports");
        }
        /* a change that changes nothing: an empty JSON object */
        if (http_do(c, svc, "POST", p, "application/json", "{}", NULL, NULL,
                NULL, &r) != ASSAY_OK)
            continue;
        if (r.status >= 200 && r.status < 300 &&
            !(pbase.status >= 200 && pbase.status < 300) &&
            !resp_has_form(&r)) {
            probe_report(c, svc, "NET-AUTH-002", ASSAY_SEV_HIGH,
                ASSAY_CONF_HIGH, prov_write,
                "configuration change accepted without authentication",
                assay_arena_printf(c->arena,
                    "POST %s with body '{}' and no credentials answered "
                    "%ld: %s; the same POST to a random path answered %ld",
                    p, r.status,
                    probe_quote(
                        c, r.body.data, r.body.len < 160 ? r.body.len : 160),
                    pbase.status),
                "authenticate every configuration change made over the "
                "network");
        }
    }
out:
    http_resp_release(&r);
    http_resp_release(&pbase);
    http_resp_release(&base);
}

static enum assay_status
http_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const prov_clear[] = {"5.5-7", NULL};
    struct http_login l;
    struct http_resp r;
    enum assay_status rc;

    http_resp_init(&r);
    rc = http_do(c, svc, "GET", "/", NULL, NULL, NULL, NULL, NULL, &r);
    if (rc == ASSAY_OK)
        http_disclosure(c, svc, &r);
    http_resp_release(&r);
    if (rc != ASSAY_OK)
        return rc;
    if (http_login_find(c, svc, &l)) {
        svc->login_seen = true;
        if (!svc->tls)
            probe_report(c, svc, "NET-CLEAR-001",
                l.kind == HTTP_LOGIN_DIGEST ? ASSAY_SEV_MEDIUM : ASSAY_SEV_HIGH,
                ASSAY_CONF_HIGH, prov_clear, "login over unencrypted HTTP",
                assay_arena_printf(c->arena,
                    "GET %s over plain HTTP asks for credentials by %s%s%s",
                    l.path, login_kind_name(l.kind),
                    l.kind == HTTP_LOGIN_FORM ? " posting to " : "",
                    l.kind == HTTP_LOGIN_FORM ? l.form.action : ""),
                "serve the login over HTTPS only and redirect HTTP to it");
        http_default_creds(c, svc, &l);
    }
    http_config(c, svc);
    return ASSAY_OK;
}

static const char *const http_provisions[] = {
    "5.1-1", "5.1-2", "5.5-4", "5.5-5", "5.5-7", "5.6-2", NULL};

const struct assay_probe pr_http = {
    .name = "http",
    .summary = "HTTP/HTTPS logins, default credentials, open config endpoints",
    .provisions = http_provisions,
    .flags = 0,
    .applies = http_applies,
    .run = http_run,
};
