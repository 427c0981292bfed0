/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FTP: anonymous login (5.5-4, 5.6-2), credentials in clear text when the
 * server offers no AUTH TLS (5.5-7), and default credentials against a
 * random baseline (5.1-1, 5.1-2). The reply parser is fuzzed
 * (fuzz_probe_ftp).
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probe_private.h"

static int
ftp_code(const char *p)
{
    if (p[0] < '1' || p[0] > '5' || p[1] < '0' || p[1] > '9' || p[2] < '0' ||
        p[2] > '9')
        return -1;
    return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
}

int
ftp_reply_parse(const char *p, size_t len, size_t *used)
{
    size_t i = 0;
    int code;

    *used = 0;
    if (len < 4)
        return 0;
    code = ftp_code(p);
    if (code < 0 || (p[3] != ' ' && p[3] != '-' && p[3] != '\r'))
        return -1;
    while (i < len) {
        const char *nl = memchr(p + i, '\n', len - i);
        size_t line = i;

        if (nl == NULL)
            return 0;
        i = (size_t)(nl - p) + 1;
        if (line == 0 && p[3] != '-') {
            *used = i;
            return code;
        }
        if (line > 0 && i - line >= 4 && ftp_code(p + line) == code &&
            p[line + 3] == ' ') {
            *used = i;
            return code;
        }
        if (i > 64 * 1024)
            return -1;
    }
    return 0;
}

struct ftp {
    int fd;              /* control connection */
    struct assay_buf in; /* unparsed bytes */
    char last[160];      /* last reply's first line, for evidence */
    char text[1024];     /* last reply, all lines, truncated */
};

/* Next reply code, or -1. */
static int
ftp_reply(struct probe_ctx *c, struct ftp *f)
{
    uint64_t deadline = probe_deadline(c, c->lim->read_ms);

    for (;;) {
        size_t used;
        int code = ftp_reply_parse(
            f->in.data != NULL ? f->in.data : "", f->in.len, &used);

        if (code > 0) {
            size_t n = strcspn(f->in.data, "\r\n");

            snprintf(f->last, sizeof(f->last), "%.*s",
                (int)(n < used ? n : used), f->in.data);
            snprintf(f->text, sizeof(f->text), "%.*s", (int)used, f->in.data);
            memmove(f->in.data, f->in.data + used, f->in.len - used);
            f->in.len -= used;
            return code;
        }
        if (code < 0 ||
            net_recv(f->fd, &f->in, 8192, deadline, NULL, NULL) != ASSAY_OK)
            return -1;
    }
}

static int
ftp_cmd(struct probe_ctx *c, struct ftp *f, const char *verb, const char *arg)
{
    char line[300];
    int n = snprintf(line, sizeof(line), "%s%s%s\r\n", verb,
        arg != NULL ? " " : "", arg != NULL ? arg : "");

    if (n <= 0 || (size_t)n >= sizeof(line) ||
        strpbrk(arg != NULL ? arg : "", "\r\n") != NULL)
        return -1;
    if (net_send(f->fd, line, (size_t)n, probe_deadline(c, 2000)) != ASSAY_OK)
        return -1;
    return ftp_reply(c, f);
}

static bool
ftp_open(struct probe_ctx *c, const struct probe_service *svc, struct ftp *f)
{
    f->fd = -1;
    assay_buf_init(&f->in, 64 * 1024);
    if (net_connect(c, svc->port, false, &f->fd) != ASSAY_OK)
        return false;
    return ftp_reply(c, f) == 220;
}

static void
ftp_close(struct ftp *f)
{
    if (f->fd >= 0) {
        send(f->fd, "QUIT\r\n", 6, MSG_NOSIGNAL);
        close(f->fd);
    }
    assay_buf_release(&f->in);
}

/* USER and PASS on a fresh connection (probe_login_fn); 'last' gets the
 * final reply line. */
static int
ftp_login(struct probe_ctx *c, const struct probe_service *svc,
    const char *user, const char *pass, void *arg, char *last, size_t cap)
{
    struct ftp f;
    int code, out = -1;

    (void)arg;
    if (ftp_open(c, svc, &f)) {
        code = ftp_cmd(c, &f, "USER", user);
        if (code == 331 || code == 332)
            code = ftp_cmd(c, &f, "PASS", pass);
        out = code == 230 ? 1 : (code >= 400 && code < 600 ? 0 : -1);
        snprintf(last, cap, "%s", f.last);
    }
    ftp_close(&f);
    return out;
}

static bool
ftp_applies(const struct probe_service *svc)
{
    return svc->transport == ASSAY_PROBE_TCP && svc->proto == PROTO_FTP &&
           !svc->tls;
}

static enum assay_status
ftp_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const prov_anon[] = {"5.5-4", "5.6-2", NULL};
    static const char *const prov_clear[] = {"5.5-7", NULL};
    struct ftp f;
    char last[160];
    bool tls = false;
    int code;

    if (!ftp_open(c, svc, &f)) {
        ftp_close(&f);
        return ASSAY_E_NETWORK;
    }
    code = ftp_cmd(c, &f, "FEAT", NULL);
    tls = code == 211 && probe_memcasemem(f.text, strlen(f.text), "AUTH TLS");
    ftp_close(&f);
    svc->login_seen = true;
    if (ftp_login(c, svc, "anonymous", "assay@example.org", NULL, last,
            sizeof(last)) == 1)
        probe_report(c, svc, "NET-AUTH-007", ASSAY_SEV_HIGH, ASSAY_CONF_HIGH,
            prov_anon, "FTP allows anonymous login",
            assay_arena_printf(c->arena,
                "USER anonymous / PASS assay@example.org answered '%s'",
                probe_quote(c, last, strlen(last))),
            "disable anonymous FTP, or the FTP service");
    if (!tls)
        probe_report(c, svc, "NET-CLEAR-001", ASSAY_SEV_HIGH, ASSAY_CONF_HIGH,
            prov_clear, "login over unencrypted FTP",
            "FEAT lists no AUTH TLS: USER and PASS travel in clear text",
            "remove FTP or require FTPS (AUTH TLS) before USER");
    probe_default_creds(c, svc, "FTP", ftp_login, NULL);
    return ASSAY_OK;
}

static const char *const ftp_provisions[] = {
    "5.1-1", "5.5-4", "5.5-7", "5.6-2", NULL};

const struct assay_probe pr_ftp = {
    .name = "ftp",
    .summary = "FTP anonymous login, clear-text login, default credentials",
    .provisions = ftp_provisions,
    .flags = 0,
    .applies = ftp_applies,
    .run = ftp_run,
};
