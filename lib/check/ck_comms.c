/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Communications (EN 303 645 5.5-1, 5.5-7, 5.3-10): plain-text endpoints,
 * TLS certificate verification turned off, and weak TLS settings in
 * server configurations. Scripts and configuration files are read line
 * by line; compiled programs only for endpoint URLs, at low confidence,
 * because their string tables also hold help texts and examples. URLs
 * that name XML namespaces, schemas, licences, certificate status
 * services or example hosts identify documents, not connections.
 */
#include "assay_config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_private.h"

#define COMMS_MAX_FILE     (8u << 20)
#define COMMS_MAX_PER_FILE 20

/* Pages a browser renders: their links are for the user, not the device. */
static bool
comms_is_web_page(const char *p)
{
    static const char *const exts[] = {".asp", ".htm", ".html", ".js", ".css",
        ".xml", ".xsl", ".php", ".stm", ".shtml", ".json", ".svg"};
    const char *b = check_basename(p);

    if (!(check_path_in(p, "/www") || check_path_in(p, "/web") ||
            check_path_in(p, "/htdocs") || check_path_in(p, "/var/www") ||
            check_path_in(p, "/usr/www") || check_path_in(p, "/webroot")))
        return false;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(exts); i++) {
        if (assay_str_ends(b, exts[i]))
            return true;
    }
    return false;
}

static bool
comms_is_doc(const char *p)
{
    const char *b = check_basename(p);

    return check_path_in(p, "/usr/share/doc") ||
           check_path_in(p, "/usr/share/man") ||
           check_path_in(p, "/usr/share/info") ||
           check_path_in(p, "/usr/share/licenses") ||
           check_path_in(p, "/usr/include") || assay_str_ends(b, ".md") ||
           assay_str_ends(b, ".txt") || assay_str_ends(b, ".html") ||
           assay_str_ends(b, ".htm") || assay_str_ends(b, ".xsd") ||
           assay_str_ends(b, ".h") || strcasestr(b, "licen") != NULL ||
           strcasestr(b, "copying") != NULL || strcasestr(b, "readme") != NULL;
}

/* Text files worth reading: scripts and configuration, not docs. */
static bool
comms_text_applies(const struct assay_node *n)
{
    const char *p = assay_node_path(n);

    return assay_node_size(n) > 0 && assay_node_size(n) <= COMMS_MAX_FILE &&
           !comms_is_doc(p) && !comms_is_web_page(p);
}

/* ---- FW-COM-001: plain-text endpoints ------------------------------- */

static bool
comms_host_ignored(const char *h, size_t n)
{
    static const char *const hosts[] = {"w3.org", "xmlsoap.org", "purl.org",
        "xmlns.com", "adobe.com/", "gnu.org", "fsf.org", "apache.org",
        "opensource.org", "creativecommons.org", "example.com", "example.org",
        "example.net", "localhost", "127.0.0.1", "0.0.0.0", "openssl.org",
        "upnp.org", "dlna.org", "ietf.org", "iana.org", "json-schema.org",
        "schemas.", "ocsp", "crl.", "/pki/", "microsoft.com", "mozilla.org",
        "freedesktop.org", "kernel.org", "busybox.net", "tldp.org",
        "openwrt.org", "netfilter.org", "sourceforge.net", "xml.org",
        "oasis-open.org", "openid.net", "ns.", "[::1]", "169.254.",
        "tempuri.org", "255.255.255.255", "url.here", "your.", "yourdomain",
        "domain.com", "host:port", "ip:port", "xxx.", "x.x.x.x"};

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(hosts); i++) {
        size_t hl = strlen(hosts[i]);

        for (size_t k = 0; k + hl <= n; k++) {
            if (strncasecmp(h + k, hosts[i], hl) == 0)
                return true;
        }
    }
    return false;
}

static bool
comms_urlchar(char c)
{
    return isalnum((unsigned char)c) ||
           strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL;
}

static enum assay_status
comms_plain_run(struct check_ctx *c, const struct assay_node *n)
{
    static const char *const schemes[] = {
        "http://", "ftp://", "telnet://", "mqtt://", "ws://", "tftp://"};
    const uint8_t *d;
    size_t len = 0, found = 0;
    bool text, elf;
    enum assay_status rc;
    char seen[COMMS_MAX_PER_FILE][96];

    d = assay_node_data(n, &len);
    if (d == NULL || len == 0)
        return ASSAY_OK;
    elf = len >= 4 && memcmp(d, "\177ELF", 4) == 0;
    text = !elf && check_is_text(d, len);
    if (!text && !elf)
        return ASSAY_OK;
    if (elf && (check_path_in(assay_node_path(n), "/lib") ||
                   check_path_in(assay_node_path(n), "/usr/lib")))
        return ASSAY_OK; /* libraries: protocol tables, not endpoints */
    /* every "://", then the scheme in front of it */
    for (const uint8_t *q = d;
         found < COMMS_MAX_PER_FILE &&
         (q = memmem(q, len - (size_t)(q - d), "://", 3)) != NULL;
         q += 3) {
        size_t at = (size_t)(q - d), i = 0, sl = 0, hl = 0;
        const char *s;
        char url[96];
        bool dup = false;
        uint32_t line = 0;

        for (size_t k = 0; k < ASSAY_ARRAY_LEN(schemes) && sl == 0; k++) {
            size_t nl = strlen(schemes[k]) - 3; /* name without "://" */

            if (at >= nl &&
                strncasecmp((const char *)q - nl, schemes[k], nl) == 0) {
                i = at - nl;
                sl = nl + 3;
            }
        }
        if (sl == 0 || (i > 0 && isalnum(d[i - 1])))
            continue;
        s = (const char *)d + i;
        while (i + sl + hl < len && comms_urlchar(s[sl + hl]) && hl < 200)
            hl++;
        if (hl < 4 || !isalnum((unsigned char)s[sl]) ||
            comms_host_ignored(s + sl, hl))
            continue;
        {
            size_t host = 0;

            /* file bytes are not NUL-terminated: stay inside the URL */
            while (host < hl && strchr("/:?#", s[sl + host]) == NULL)
                host++;
            if (memchr(s + sl, '.', host) == NULL)
                continue; /* "http://router": a single label is a name */
            /* one finding per scheme and host in a file */
            snprintf(url, sizeof(url), "%.*s", (int)(sl + host), s);
        }
        if (text) {
            size_t ls = i;

            while (ls > 0 && d[ls - 1] != '\n')
                ls--;
            if (check_memcasestr((const char *)d + ls, i - ls, "xmlns") ||
                check_memcasestr((const char *)d + ls, i - ls, "DOCTYPE") ||
                check_memcasestr((const char *)d + ls, i - ls, "licen"))
                continue;
            line = 1;
            for (size_t k = 0; k < i; k++)
                line += d[k] == '\n';
        }
        for (size_t k = 0; k < found && !dup; k++)
            dup = strcmp(seen[k], url) == 0;
        if (dup)
            continue;
        snprintf(seen[found++], sizeof(seen[0]), "%s", url);
        rc = check_reportf_sev(c, n, line,
            text ? ASSAY_SEV_MEDIUM : ASSAY_SEV_LOW,
            text ? ASSAY_CONF_MEDIUM : ASSAY_CONF_LOW,
            "plain-text network endpoint", "%.*s%s", (int)(sl + hl), s,
            elf ? " (string in a program)" : "");
        if (check_rc(rc) != ASSAY_OK)
            return rc;
        q = d + i + sl + hl - 3; /* resume after this URL */
    }
    return ASSAY_OK;
}

/* mosquitto: a listener without certfile is plain MQTT. */
static enum assay_status
comms_mqtt_run(struct check_ctx *c, const struct assay_node *n,
    const uint8_t *d, size_t len)
{
    struct check_line l = {0};
    size_t pos = 0;
    uint32_t at = 0;
    bool cert = false, tls_port = false;
    char buf[256], port[32] = "";

    while (check_line_next(d, len, &pos, &l)) {
        char *s = check_line_copy(&l, buf, sizeof(buf));

        if (strncmp(s, "listener ", 9) == 0 || strncmp(s, "port ", 5) == 0) {
            if (at != 0 && !cert && !tls_port)
                break;
            at = l.no;
            cert = false;
            snprintf(port, sizeof(port), "%s", s + (s[0] == 'l' ? 9 : 5));
            port[strcspn(port, " \t")] = '\0';
            tls_port = strcmp(port, "8883") == 0;
        } else if (strncmp(s, "certfile ", 9) == 0 ||
                   strncmp(s, "psk_hint ", 9) == 0) {
            cert = true;
        }
    }
    if (at == 0 || cert || tls_port)
        return ASSAY_OK;
    return check_rc(check_reportf(c, n, at, "plain-text network endpoint",
        "MQTT listener on port %s without TLS (no certfile)", port));
}

static enum assay_status
comms_plain_dispatch(struct check_ctx *c, const struct assay_node *n)
{
    size_t len = 0;
    const uint8_t *d = assay_node_data(n, &len);

    if (d != NULL && strcmp(assay_node_name(n), "mosquitto.conf") == 0 &&
        check_is_text(d, len)) {
        enum assay_status rc = comms_mqtt_run(c, n, d, len);

        if (rc != ASSAY_OK)
            return rc;
    }
    return comms_plain_run(c, n);
}

static const char *const prov_com_plain[] = {"5.5-1", "5.5-7", NULL};

const struct assay_check ck_com_plain = {
    .id = "FW-COM-001",
    .title = "plain-text network endpoint",
    .provisions = prov_com_plain,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FILE,
    .applies = comms_text_applies,
    .run = comms_plain_dispatch,
};

/* ---- FW-COM-002: certificate verification off ------------------------ */

struct comms_rule {
    const char *cmd;    /* the line must hold this word (NULL: any) */
    const char *needle; /* and this text */
    bool word;          /* needle must stand alone (" -k ") */
};

static const struct comms_rule verify_rules[] = {
    {"curl", "-k", true},
    {"curl", "--insecure", false},
    {"wget", "--no-check-certificate", false},
    {"uclient-fetch", "--no-check-certificate", false},
    {NULL, "verify_peer = false", false},
    {NULL, "verify_peer=false", false},
    {NULL, "verify_peer = 0", false},
    {NULL, "ssl_verify = 0", false},
    {NULL, "ssl_verify=0", false},
    {NULL, "sslverify=false", false},
    {NULL, "sslverify = false", false},
    {NULL, "\"verify\": false", false},
    {NULL, "tls_insecure true", false},
    {NULL, "insecure-skip-verify", false},
    {NULL, "insecure_skip_verify: true", false},
    {NULL, "check_certificate = off", false},
    {NULL, "verify_ssl = false", false},
    {NULL, "ssl_verify_peer = no", false},
    {NULL, "\"SkipVerify\": true", false},
};

/* Is 'w' a whole word of [s, s + n)? */
static bool
comms_has_word(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);

    for (size_t i = 0; i + wl <= n; i++) {
        if (memcmp(s + i, w, wl) != 0)
            continue;
        if ((i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '/' ||
                s[i - 1] == '(' || s[i - 1] == '"') &&
            (i + wl == n || s[i + wl] == ' ' || s[i + wl] == '\t' ||
                s[i + wl] == '"' || s[i + wl] == ';'))
            return true;
    }
    return false;
}

static enum assay_status
comms_verify_run(struct check_ctx *c, const struct assay_node *n)
{
    struct check_line l = {0};
    size_t len = 0, pos = 0, found = 0;
    const uint8_t *d = assay_node_data(n, &len);

    if (d == NULL || !check_is_text(d, len))
        return ASSAY_OK;
    while (check_line_next(d, len, &pos, &l) && found < COMMS_MAX_PER_FILE) {
        char buf[512];
        const char *s;

        if (l.len >= sizeof(buf))
            continue;
        s = check_line_copy(&l, buf, sizeof(buf));
        if (s[0] == '#' || s[0] == ';')
            continue;
        for (size_t i = 0; i < ASSAY_ARRAY_LEN(verify_rules); i++) {
            const struct comms_rule *r = &verify_rules[i];
            size_t sn = strlen(s);
            enum assay_status rc;

            if (r->cmd != NULL && !comms_has_word(s, sn, r->cmd))
                continue;
            if (r->word ? !comms_has_word(s, sn, r->needle)
                        : !check_memcasestr(s, sn, r->needle))
                continue;
            rc = check_reportf(
                c, n, l.no, "TLS certificate verification turned off", "%s", s);
            if (check_rc(rc) != ASSAY_OK)
                return rc;
            found++;
            break;
        }
    }
    return ASSAY_OK;
}

static bool
comms_verify_applies(const struct assay_node *n)
{
    return comms_text_applies(n) && assay_node_size(n) <= (1u << 20);
}

static const char *const prov_com_verify[] = {"5.5-1", "5.3-10", NULL};

const struct assay_check ck_com_verify = {
    .id = "FW-COM-002",
    .title = "TLS certificate verification turned off",
    .provisions = prov_com_verify,
    .severity = ASSAY_SEV_HIGH,
    .scope = CHECK_FILE,
    .applies = comms_verify_applies,
    .run = comms_verify_run,
};

/* ---- FW-COM-003: weak TLS settings ----------------------------------- */

static bool
comms_tls_applies(const struct assay_node *n)
{
    const char *b = assay_node_name(n), *p = assay_node_path(n);

    return assay_node_size(n) <= (1u << 20) &&
           (strstr(b, "lighttpd") != NULL || strstr(b, "nginx") != NULL ||
               strstr(b, "mosquitto") != NULL ||
               strcmp(b, "openssl.cnf") == 0 || strstr(b, "stunnel") != NULL ||
               strstr(p, "/nginx/") != NULL ||
               strstr(p, "/lighttpd/") != NULL ||
               strstr(p, "/mosquitto/") != NULL || strcmp(b, "uhttpd") == 0);
}

/* A cipher list naming a broken family without a '!' or '-' in front. */
static const char *
comms_weak_cipher(const char *s)
{
    static const char *const bad[] = {
        "RC4", "DES", "NULL", "EXPORT", "MD5", "aNULL", "eNULL", "3DES"};

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(bad); i++) {
        const char *p = s;
        size_t bl = strlen(bad[i]);

        while ((p = strstr(p, bad[i])) != NULL) {
            char before = p == s ? ':' : p[-1];

            if (before != '!' && before != '-' &&
                (before == ':' || before == ' ' || before == '"' ||
                    before == '\'' || before == '+' || before == ',') &&
                !isalnum((unsigned char)p[bl]))
                return bad[i];
            p += bl;
        }
    }
    return NULL;
}

static enum assay_status
comms_tls_run(struct check_ctx *c, const struct assay_node *n)
{
    struct check_line l = {0};
    size_t len = 0, pos = 0;
    const uint8_t *d = assay_node_data(n, &len);

    if (d == NULL || !check_is_text(d, len))
        return ASSAY_OK;
    while (check_line_next(d, len, &pos, &l)) {
        char buf[512], wbuf[64];
        const char *s, *why = NULL, *w;
        size_t sn;
        enum assay_status rc;

        if (l.len >= sizeof(buf))
            continue;
        s = check_line_copy(&l, buf, sizeof(buf));
        sn = strlen(s);
        if (s[0] == '#')
            continue;
        if ((strstr(s, "ssl.use-sslv3") != NULL ||
                strstr(s, "ssl.use-sslv2") != NULL) &&
            check_memcasestr(s, sn, "enable"))
            why = "SSLv2/SSLv3 enabled";
        else if (strncmp(s, "ssl_protocols", 13) == 0 &&
                 (comms_has_word(s, sn, "SSLv3") ||
                     comms_has_word(s, sn, "SSLv2") ||
                     comms_has_word(s, sn, "TLSv1") ||
                     comms_has_word(s, sn, "TLSv1.1")))
            why = "protocol older than TLS 1.2 allowed";
        else if (strncmp(s, "tls_version", 11) == 0 &&
                 (comms_has_word(s, sn, "tlsv1") ||
                     comms_has_word(s, sn, "tlsv1.1")))
            why = "protocol older than TLS 1.2 allowed";
        else if ((check_memcasestr(s, sn, "MinProtocol") ||
                     check_memcasestr(s, sn, "sslVersion")) &&
                 (check_memcasestr(s, sn, "SSLv3") ||
                     comms_has_word(s, sn, "TLSv1") ||
                     comms_has_word(s, sn, "TLSv1\"") ||
                     check_memcasestr(s, sn, "TLSv1.1")))
            why = "protocol older than TLS 1.2 allowed";
        else if ((strstr(s, "cipher") != NULL ||
                     strstr(s, "ciphers") != NULL) &&
                 (w = comms_weak_cipher(s)) != NULL) {
            snprintf(wbuf, sizeof(wbuf), "weak cipher family %s allowed", w);
            why = wbuf;
        }
        if (why == NULL)
            continue;
        rc = check_reportf(
            c, n, l.no, "weak TLS configuration", "%s: %s", why, s);
        if (check_rc(rc) != ASSAY_OK)
            return rc;
    }
    return ASSAY_OK;
}

static const char *const prov_com_tls[] = {"5.5-1", NULL};

const struct assay_check ck_com_tls = {
    .id = "FW-COM-003",
    .title = "weak TLS configuration",
    .provisions = prov_com_tls,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FILE,
    .applies = comms_tls_applies,
    .run = comms_tls_run,
};
