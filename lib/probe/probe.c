/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The probe runner: option checks, resolving the one target, the probe
 * registry (probes.def), the scan, identification, the comparison of
 * open services with the IXIT (5.6-1), and the services every probe uses
 * to report. The registry is const data; what runs is decided per run
 * (intrusive probes only with opts->intrusive).
 */
#include "assay_config.h"

#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/random.h>

#include "probe_private.h"

#define ASSAY_PROBE(id) extern const struct assay_probe pr_##id;
#include "probes.def"
#undef ASSAY_PROBE

static const struct assay_probe *const probes[] = {
#define ASSAY_PROBE(id) &pr_##id,
#include "probes.def"
#undef ASSAY_PROBE
};

/* The dictionary the static checks crack hashes with (lib/check). */
static const struct assay_probe_cred builtin_creds[] = {
#define CRED_DEFAULT(user, password, source) {user, password},
#include "../check/creds_default.def"
#undef CRED_DEFAULT
};

const char *
assay_probe_name(size_t i)
{
    return i < ASSAY_ARRAY_LEN(probes) ? probes[i]->name : NULL;
}

const char *
assay_probe_summary(size_t i)
{
    return i < ASSAY_ARRAY_LEN(probes) ? probes[i]->summary : NULL;
}

bool
assay_probe_is_intrusive(size_t i)
{
    return i < ASSAY_ARRAY_LEN(probes) &&
           (probes[i]->flags & PROBE_INTRUSIVE) != 0;
}

/* ---- option parsing ---------------------------------------------------- */

static bool
ports_num(const char **p, uint32_t *out)
{
    uint32_t v = 0;
    const char *s = *p;

    if (*s < '0' || *s > '9')
        return false;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (uint32_t)(*s - '0');
        if (v > 65535)
            return false;
        s++;
    }
    if (v == 0)
        return false;
    *p = s;
    *out = v;
    return true;
}

enum assay_status
assay_probe_ports_parse(
    const char *list, struct assay_probe_port **out, size_t *count)
{
    struct assay_probe_port *v = NULL;
    size_t n = 0, alloc = 0;
    const char *p = list;

    *out = NULL;
    *count = 0;
    if (list == NULL || *list == '\0')
        return ASSAY_E_USAGE;
    while (*p != '\0') {
        enum assay_probe_transport t = ASSAY_PROBE_TCP;
        uint32_t lo, hi;

        if ((p[0] == 'U' || p[0] == 'u') && p[1] == ':') {
            t = ASSAY_PROBE_UDP;
            p += 2;
        } else if ((p[0] == 'T' || p[0] == 't') && p[1] == ':') {
            p += 2;
        }
        if (!ports_num(&p, &lo))
            goto out_usage;
        hi = lo;
        if (*p == '-') {
            p++;
            if (!ports_num(&p, &hi) || hi < lo)
                goto out_usage;
        }
        if (*p == ',')
            p++;
        else if (*p != '\0')
            goto out_usage;
        for (uint32_t k = lo; k <= hi; k++) {
            if (n == ASSAY_PROBE_MAX_PORTS * 2u)
                goto out_usage;
            if (n == alloc) {
                size_t na = alloc == 0 ? 64 : alloc * 2;
                struct assay_probe_port *nv =
                    assay_realloc(v, na * sizeof(*nv));

                if (nv == NULL) {
                    assay_free(v);
                    return ASSAY_E_NOMEM;
                }
                v = nv;
                alloc = na;
            }
            v[n].port = (uint16_t)k;
            v[n].transport = t;
            n++;
        }
    }
    *out = v;
    *count = n;
    return ASSAY_OK;

out_usage:
    assay_free(v);
    return ASSAY_E_USAGE;
}

void
assay_probe_ports_free(struct assay_probe_port *p)
{
    assay_free(p);
}

enum assay_status
assay_probe_creds_parse(struct assay_session *s, const char *name,
    const char *data, size_t len, const struct assay_probe_cred **out,
    size_t *count)
{
    struct assay_arena *a = assay_session_arena(s);
    struct assay_probe_cred *v;
    size_t n = 0, i = 0;
    uint32_t line = 0;
    bool bad = false;

    *out = NULL;
    *count = 0;
    v = assay_arena_array(a, ASSAY_PROBE_MAX_CREDS, sizeof(*v));
    if (v == NULL)
        return ASSAY_E_NOMEM;
    while (i < len) {
        size_t start = i, end, sep;

        line++;
        while (i < len && data[i] != '\n')
            i++;
        end = i;
        i++;
        if (end > start && data[end - 1] == '\r')
            end--;
        if (end == start || data[start] == '#')
            continue;
        for (sep = start; sep < end; sep++) {
            if (data[sep] == ':' || data[sep] == ' ' || data[sep] == '\t')
                break;
        }
        if (sep == end || memchr(data + start, '\0', end - start) != NULL) {
            assay_diag_at(s, ASSAY_DIAG_ERROR, "probe", name, line, 1,
                "credential line is neither 'user:password' nor 'user password'");
            bad = true;
            continue;
        }
        if (n == ASSAY_PROBE_MAX_CREDS)
            return assay_err_set(assay_session_err(s), ASSAY_E_LIMIT,
                "probe: more than %d credential pairs in '%s'",
                ASSAY_PROBE_MAX_CREDS, name);
        v[n].user = assay_arena_strndup(a, data + start, sep - start);
        v[n].password = assay_arena_strndup(a, data + sep + 1, end - sep - 1);
        if (v[n].user == NULL || v[n].password == NULL)
            return ASSAY_E_NOMEM;
        n++;
    }
    if (bad)
        return ASSAY_E_INVALID;
    *out = v;
    *count = n;
    return ASSAY_OK;
}

/* ---- services for probes ----------------------------------------------- */

static const char *const proto_names[PROTO_COUNT] = {
    [PROTO_UNKNOWN] = "unknown",
    [PROTO_TELNET] = "telnet",
    [PROTO_SSH] = "ssh",
    [PROTO_HTTP] = "http",
    [PROTO_FTP] = "ftp",
    [PROTO_MQTT] = "mqtt",
    [PROTO_RTSP] = "rtsp",
    [PROTO_SMTP] = "smtp",
    [PROTO_SNMP] = "snmp",
    [PROTO_SSDP] = "ssdp",
    [PROTO_MDNS] = "mdns",
    [PROTO_TFTP] = "tftp",
    [PROTO_COAP] = "coap",
};

const char *
probe_proto_name(enum probe_proto p)
{
    return (unsigned)p < PROTO_COUNT ? proto_names[p] : "unknown";
}

const char *
probe_svc_name(const struct probe_service *svc, char *buf, size_t cap)
{
    if (!svc->tls)
        return probe_proto_name(svc->proto);
    if (svc->proto == PROTO_UNKNOWN)
        return svc->transport == ASSAY_PROBE_UDP ? "dtls" : "tls";
    snprintf(buf, cap, "%ss", probe_proto_name(svc->proto));
    return buf;
}

uint64_t
probe_deadline(const struct probe_ctx *c, uint32_t ms)
{
    uint64_t d = probe_now_ms() + ms;

    if (c->probe_end_ms != 0 && c->probe_end_ms < d)
        d = c->probe_end_ms;
    return d;
}

bool
probe_budget_over(const struct probe_ctx *c)
{
    return c->probe_end_ms != 0 && probe_now_ms() >= c->probe_end_ms;
}

void
probe_token(struct probe_ctx *c, char *out, size_t len)
{
    static const char set[] = "abcdefghijklmnopqrstuvwxyz0123456789";

    if (len == 0)
        return;
    for (size_t i = 0; i + 1 < len; i++) {
        uint64_t x = c->rand_state;

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        c->rand_state = x;
        out[i] = set[x % (sizeof(set) - 1)];
    }
    out[len - 1] = '\0';
}

char *
probe_quote(struct probe_ctx *c, const void *p, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const uint8_t *b = p;
    char tmp[PROBE_EVIDENCE_MAX * 4 + 8];
    size_t k = 0;

    if (len > PROBE_EVIDENCE_MAX)
        len = PROBE_EVIDENCE_MAX;
    for (size_t i = 0; i < len; i++) {
        uint8_t ch = b[i];

        if (ch == '\r' || ch == '\n') {
            tmp[k++] = '\\';
            tmp[k++] = ch == '\r' ? 'r' : 'n';
        } else if (ch < 0x20 || ch >= 0x7f) {
            tmp[k++] = '\\';
            tmp[k++] = 'x';
            tmp[k++] = hex[ch >> 4];
            tmp[k++] = hex[ch & 15];
        } else {
            tmp[k++] = (char)ch;
        }
    }
    tmp[k] = '\0';
    return assay_arena_strdup(c->arena, tmp);
}

void
probe_progress(
    struct probe_ctx *c, const char *phase, uint64_t done, uint64_t total)
{
    if (c->o->progress != NULL)
        c->o->progress(c->o->progress_ctx, phase, done, total);
}

enum assay_status
probe_report(struct probe_ctx *c, const struct probe_service *svc,
    const char *check, enum assay_severity sev, enum assay_confidence conf,
    const char *const *provisions, const char *title, const char *evidence,
    const char *remediation)
{
    struct assay_finding f = {0};
    char where[64], name[24];

    f.check = check;
    for (size_t i = 0; provisions != NULL && provisions[i] != NULL &&
                       i < ASSAY_FINDING_MAX_PROVISIONS;
         i++) {
        f.provisions[i] = provisions[i];
        f.provision_count = i + 1;
    }
    f.severity = sev;
    f.confidence = conf;
    f.title = title;
    if (svc != NULL) {
        snprintf(where, sizeof(where), "%s %s", svc->label,
            probe_svc_name(svc, name, sizeof(name)));
        f.path = where;
    }
    f.container = c->host;
    f.offset = -1;
    f.evidence = evidence;
    f.remediation = remediation;
    f.source = "dynamic";
    return assay_report_add_finding(assay_session_report(c->s), &f);
}

void
probe_diag(struct probe_ctx *c, const struct probe_service *svc,
    enum assay_diag_level level, const char *fmt, ...)
{
    char msg[512], src[48];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(
        src, sizeof(src), "probe/%s", c->running != NULL ? c->running : "run");
    assay_diag(
        c->s, level, src, svc != NULL ? svc->label : c->host, -1, "%s", msg);
}

void
probe_default_creds(struct probe_ctx *c, struct probe_service *svc,
    const char *what, probe_login_fn fn, void *arg)
{
    static const char *const prov[] = {"5.1-1", "5.1-2", NULL};
    char u[13], p[17], proof[256];

    if (c->creds == NULL)
        return;
    probe_token(c, u, sizeof(u));
    probe_token(c, p, sizeof(p));
    if (fn(c, svc, u, p, arg, proof, sizeof(proof)) != 0) {
        probe_diag(c, svc, ASSAY_DIAG_NOTE,
            "%s did not refuse a random user name and password: default "
            "credentials not assessed",
            what);
        return;
    }
    for (size_t i = 0; i < c->cred_count; i++) {
        const struct assay_probe_cred *cr = &c->creds[i];

        if (probe_budget_over(c))
            break;
        if (fn(c, svc, cr->user, cr->password, arg, proof, sizeof(proof)) != 1)
            continue;
        probe_report(c, svc, "NET-CRED-001", ASSAY_SEV_CRITICAL,
            ASSAY_CONF_HIGH, prov, "default credentials accepted",
            assay_arena_printf(c->arena,
                "%s login '%s' / '%s' %s; a random pair was refused", what,
                cr->user, cr->password, proof),
            "give every device a unique password, or make the user set one "
            "before the service can be used");
        break;
    }
}

/* ---- IXIT comparison (5.6-1) ------------------------------------------- */

static const struct assay_ixit_entry *
ixit_find(const struct assay_ics *ics, const struct probe_service *svc)
{
    static const enum assay_ixit_table_id tables[] = {
        ASSAY_IXIT_INTERFACES, ASSAY_IXIT_SERVICES};

    for (size_t t = 0; t < ASSAY_ARRAY_LEN(tables); t++) {
        size_t n = assay_ics_ixit_count(ics, tables[t]);

        for (size_t i = 0; i < n; i++) {
            const struct assay_ixit_entry *e =
                assay_ics_ixit(ics, tables[t], i);

            if (e != NULL && e->port == svc->port)
                return e;
        }
    }
    return NULL;
}

static void
probe_compare_ixit(struct probe_ctx *c)
{
    static const char *const prov[] = {"5.6-1", NULL};

    for (size_t i = 0; i < c->svc_count; i++) {
        const struct probe_service *svc = &c->svc[i];
        const struct assay_ixit_entry *e = ixit_find(c->o->ics, svc);
        const char *ev;
        char name[24];

        if (e == NULL) {
            ev = assay_arena_printf(c->arena,
                "%s answers as %s; no entry of IXIT 15-Intf or 13-SoftServ "
                "declares port %u (test unit 5.6-1-2b)",
                svc->label, probe_svc_name(svc, name, sizeof(name)), svc->port);
            probe_report(c, svc, "NET-SURF-001", ASSAY_SEV_MEDIUM,
                ASSAY_CONF_HIGH, prov,
                "open network service not declared in the IXIT", ev,
                "disable the service or declare it in the IXIT interface "
                "list with its purpose and authentication");
        } else if (e->status != NULL && strcmp(e->status, "disabled") == 0) {
            ev = assay_arena_printf(c->arena,
                "IXIT entry '%s' (line %u) says disabled, yet %s answers "
                "as %s (test unit 5.6-1-2a)",
                e->name, e->line, svc->label,
                probe_svc_name(svc, name, sizeof(name)));
            probe_report(c, svc, "NET-SURF-002", ASSAY_SEV_HIGH,
                ASSAY_CONF_HIGH, prov, "interface declared disabled is open",
                ev, "disable the interface in the initialized state");
        }
    }
}

/* ---- the run ----------------------------------------------------------- */

static enum assay_status
probe_resolve(struct probe_ctx *c)
{
    struct addrinfo hints = {0}, *res = NULL;
    int e;

    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    e = getaddrinfo(c->host, NULL, &hints, &res);
    if (e != 0 || res == NULL)
        return assay_err_set(assay_session_err(c->s), ASSAY_E_NETWORK,
            "probe: cannot resolve '%s': %s", c->host, gai_strerror(e));
    /* One address, resolved once: never a sweep over several. */
    memcpy(&c->addr, res->ai_addr, res->ai_addrlen);
    c->addr_len = res->ai_addrlen;
    freeaddrinfo(res);
    if (c->addr.ss_family == AF_INET) {
        inet_ntop(AF_INET, &((struct sockaddr_in *)&c->addr)->sin_addr,
            c->addr_text, sizeof(c->addr_text));
        snprintf(c->url_host, sizeof(c->url_host), "%s", c->addr_text);
    } else if (c->addr.ss_family == AF_INET6) {
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&c->addr)->sin6_addr,
            c->addr_text, sizeof(c->addr_text));
        snprintf(c->url_host, sizeof(c->url_host), "[%s]", c->addr_text);
    } else {
        return assay_err_set(assay_session_err(c->s), ASSAY_E_NOTFOUND,
            "probe: '%s' resolves to an unsupported address family", c->host);
    }
    return ASSAY_OK;
}

/* Record that 'pr' assessed its provisions (one record per pair). */
static enum assay_status
probe_coverage(struct probe_ctx *c, const struct assay_probe *pr)
{
    char check[64];

    snprintf(check, sizeof(check), "probe/%s", pr->name);
    for (size_t k = 0; pr->provisions[k] != NULL; k++) {
        struct assay_coverage cv = {pr->provisions[k], check};
        enum assay_status rc =
            assay_report_add_coverage(assay_session_report(c->s), &cv);

        if (rc != ASSAY_OK)
            return rc;
    }
    return ASSAY_OK;
}

static void
probe_run_all(struct probe_ctx *c)
{
    size_t total = 0, done = 0;

    for (size_t p = 0; p < ASSAY_ARRAY_LEN(probes); p++)
        for (size_t i = 0; i < c->svc_count; i++)
            total += probes[p]->applies(&c->svc[i]) ? 1 : 0;
    for (size_t p = 0; p < ASSAY_ARRAY_LEN(probes); p++) {
        const struct assay_probe *pr = probes[p];

        if ((pr->flags & PROBE_INTRUSIVE) != 0 && !c->o->intrusive)
            continue;
        for (size_t i = 0; i < c->svc_count; i++) {
            enum assay_status rc;

            if (!pr->applies(&c->svc[i]))
                continue;
            c->running = pr->name;
            probe_progress(c, pr->name, done++, total);
            c->probe_end_ms = probe_now_ms() + c->lim->probe_ms;
            rc = pr->run(c, &c->svc[i]);
            if (rc == ASSAY_OK)
                rc = probe_coverage(c, pr);
            if (rc == ASSAY_E_NOMEM)
                return;
            if (rc != ASSAY_OK)
                probe_diag(c, &c->svc[i], ASSAY_DIAG_WARNING,
                    "%s could not be assessed: %s", pr->name,
                    assay_status_str(rc));
            c->probe_end_ms = 0;
        }
    }
    c->running = NULL;
}

enum assay_status
assay_probe_run(struct assay_session *s, const struct assay_probe_opts *o)
{
    struct probe_ctx c = {0};
    struct assay_target tg = {0};
    enum assay_status rc;
    unsigned rate;

    if (o == NULL || o->host == NULL || o->host[0] == '\0' ||
        strlen(o->host) > 253)
        return assay_err_set(assay_session_err(s), ASSAY_E_USAGE,
            "probe: a host name or address is required");
    if (o->port_count > 2u * ASSAY_PROBE_MAX_PORTS ||
        (o->port_count > 0 && o->ports == NULL) ||
        (o->intrusive && o->attempts > ASSAY_PROBE_MAX_ATTEMPTS))
        return assay_err_set(assay_session_err(s), ASSAY_E_USAGE,
            "probe: invalid port list or attempt count");
    c.s = s;
    c.arena = assay_session_arena(s);
    c.lim = assay_session_limits(s);
    c.o = o;
    c.host = o->host;
    c.concurrency =
        o->concurrency != 0 ? o->concurrency : ASSAY_PROBE_DEFAULT_CONCURRENCY;
    if (c.concurrency > 1024)
        c.concurrency = 1024;
    rate = o->rate != 0 ? o->rate : ASSAY_PROBE_DEFAULT_RATE;
    c.gap_us = 1000000u / (rate > 100000 ? 100000 : rate);
    if (getrandom(&c.rand_state, sizeof(c.rand_state), 0) !=
        (ssize_t)sizeof(c.rand_state))
        c.rand_state = probe_now_us();
    c.rand_state |= 1;

    tg.kind = "device";
    tg.name = o->host;
    rc = assay_report_set_target(assay_session_report(s), &tg);
    if (rc != ASSAY_OK)
        return rc;
    rc = probe_resolve(&c);
    if (rc != ASSAY_OK)
        return rc;
    if (o->intrusive)
        assay_diag(s, ASSAY_DIAG_NOTE, "probe", o->host, -1,
            "intrusive tests ran: login series of at most %u attempts per "
            "login surface",
            o->attempts != 0 ? o->attempts : ASSAY_PROBE_DEFAULT_ATTEMPTS);
    else
        assay_diag(s, ASSAY_DIAG_NOTE, "probe", o->host, -1,
            "intrusive tests skipped (brute-force throttling, 5.1-5, not "
            "assessed): use --intrusive");
    if (o->no_default_creds) {
        assay_diag(s, ASSAY_DIAG_NOTE, "probe", o->host, -1,
            "default credentials (5.1-1, 5.1-2) not tried, as asked");
    } else if (o->creds != NULL) {
        c.creds = o->creds;
        c.cred_count = o->cred_count < ASSAY_PROBE_MAX_CREDS
                           ? o->cred_count
                           : ASSAY_PROBE_MAX_CREDS;
    } else {
        c.creds = builtin_creds;
        c.cred_count = ASSAY_ARRAY_LEN(builtin_creds);
        if (!o->intrusive && c.cred_count > ASSAY_PROBE_SAFE_CREDS)
            c.cred_count = ASSAY_PROBE_SAFE_CREDS;
        assay_diag(s, ASSAY_DIAG_NOTE, "probe", o->host, -1,
            "default credentials: the first %zu of %zu pairs of the built-in "
            "dictionary per login surface%s",
            c.cred_count, ASSAY_ARRAY_LEN(builtin_creds),
            o->intrusive ? "" : " (all of them with --intrusive)");
    }

    rc = probe_scan(&c);
    if (rc != ASSAY_OK)
        return rc;
    probe_identify(&c);
    if (o->ics != NULL)
        probe_compare_ixit(&c);
    probe_run_all(&c);
    probe_progress(&c, "done", 1, 1);
    return ASSAY_OK;
}
