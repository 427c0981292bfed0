/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SSH: the algorithms the server offers (5.5-1) read from its KEXINIT on
 * a raw connection (libssh negotiates but does not show the server's
 * whole offer), then through libssh whether password authentication is
 * allowed and whether default credentials log in (5.1-1, 5.1-2), with a
 * random pair tried first as the baseline.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libssh/libssh.h>

#include "probe_private.h"

/* Copy an SSH string (uint32 length + bytes) at *off into out. */
static bool
kex_namelist(const uint8_t *p, size_t len, size_t *off, char *out, size_t cap)
{
    uint32_t n;
    size_t k;

    if (!assay_range_ok(*off, 4, len))
        return false;
    n = assay_be32(p + *off);
    *off += 4;
    if (!assay_range_ok(*off, n, len))
        return false;
    k = n < cap - 1 ? n : cap - 1;
    for (size_t i = 0; i < k; i++) {
        uint8_t ch = p[*off + i];

        out[i] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
    }
    out[k] = '\0';
    *off += n;
    return true;
}

bool
ssh_kexinit_parse(const uint8_t *p, size_t len, struct ssh_kexinit *out)
{
    char skip[1024];
    uint32_t plen;
    size_t off = 6 + 16, end;

    memset(out, 0, sizeof(*out));
    if (len < 6 + 17)
        return false;
    plen = assay_be32(p);
    if (plen < 1 + 17 || plen > 35000 || p[5] != 20)
        return false;
    /* parse only inside the packet, and only what arrived */
    end = (size_t)plen + 4 < len ? (size_t)plen + 4 : len;
    return kex_namelist(p, end, &off, out->kex, sizeof(out->kex)) &&
           kex_namelist(p, end, &off, out->hostkey, sizeof(out->hostkey)) &&
           kex_namelist(p, end, &off, skip, sizeof(skip)) &&
           kex_namelist(p, end, &off, out->cipher, sizeof(out->cipher)) &&
           kex_namelist(p, end, &off, skip, sizeof(skip)) &&
           kex_namelist(p, end, &off, out->mac, sizeof(out->mac));
}

/* Names in comma list 'list' that are in 'weak' (NULL-terminated),
 * written comma-separated to out. */
static void
ssh_pick_weak(const char *list, const char *const *weak, char *out, size_t cap)
{
    size_t used = strlen(out);

    for (size_t i = 0; weak[i] != NULL; i++) {
        const char *p = list;
        size_t wl = strlen(weak[i]);

        while ((p = strstr(p, weak[i])) != NULL) {
            bool start = p == list || p[-1] == ',';
            bool stop = p[wl] == '\0' || p[wl] == ',';

            if (start && stop) {
                snprintf(out + used, cap - used, "%s%s", used > 0 ? "," : "",
                    weak[i]);
                used = strlen(out);
                break;
            }
            p += wl;
        }
    }
}

static bool
ssh_until_line(const struct assay_buf *b, void *arg)
{
    (void)arg;
    return memchr(b->data, '\n', b->len) != NULL;
}

/* Banner and KEXINIT over a raw connection. */
static enum assay_status
ssh_offer(struct probe_ctx *c, struct probe_service *svc,
    struct ssh_kexinit *kx, char *banner, size_t cap)
{
    static const char hello[] = "SSH-2.0-assay_probe\r\n";
    struct assay_buf b;
    enum assay_status rc;
    uint64_t deadline = probe_deadline(c, c->lim->read_ms);
    const char *line = NULL;
    size_t off = 0;
    int fd;

    rc = net_connect(c, svc->port, false, &fd);
    if (rc != ASSAY_OK)
        return rc;
    assay_buf_init(&b, 64 * 1024);
    rc = net_send(fd, hello, sizeof(hello) - 1, deadline);
    /* identification line: possibly after other lines (RFC 4253 4.2) */
    while (rc == ASSAY_OK && line == NULL) {
        const char *nl;

        rc = net_recv(fd, &b, 8192, deadline, ssh_until_line, NULL);
        while (rc == ASSAY_OK &&
               (nl = memchr(b.data + off, '\n', b.len - off)) != NULL) {
            if (b.len - off >= 4 && memcmp(b.data + off, "SSH-", 4) == 0) {
                size_t n = (size_t)(nl - (b.data + off));

                if (n > 0 && b.data[off + n - 1] == '\r')
                    n--;
                snprintf(banner, cap, "%.*s", (int)n, b.data + off);
                line = b.data + off;
                off = (size_t)(nl - b.data) + 1;
                break;
            }
            off = (size_t)(nl - b.data) + 1;
        }
        if (off > 16 * 1024)
            rc = ASSAY_E_CORRUPT;
    }
    /* then the binary KEXINIT packet */
    while (rc == ASSAY_OK &&
           !ssh_kexinit_parse((const uint8_t *)b.data + off, b.len - off, kx)) {
        size_t before = b.len;

        rc = net_recv(fd, &b, 35000, deadline, NULL, NULL);
        if (b.len == before)
            rc = ASSAY_E_TRUNCATED;
    }
    close(fd);
    assay_buf_release(&b);
    return rc;
}

static ssh_session
ssh_open(struct probe_ctx *c, const struct probe_service *svc)
{
    ssh_session s = ssh_new();
    long secs = (long)(c->lim->read_ms + 999) / 1000;
    unsigned int port = svc->port;
    int no = 0;

    if (s == NULL)
        return NULL;
    ssh_options_set(s, SSH_OPTIONS_HOST, c->addr_text);
    ssh_options_set(s, SSH_OPTIONS_PORT, &port);
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &secs);
    ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
    ssh_options_set(s, SSH_OPTIONS_STRICTHOSTKEYCHECK, &no);
    ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
    ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
    net_pace(c);
    if (ssh_connect(s) != SSH_OK) {
        ssh_free(s);
        return NULL;
    }
    return s;
}

static void
ssh_close(ssh_session s)
{
    ssh_disconnect(s);
    ssh_free(s);
}

/* Password login on a fresh session (probe_login_fn). */
static int
ssh_try_password(struct probe_ctx *c, const struct probe_service *svc,
    const char *user, const char *pass, void *arg, char *proof, size_t cap)
{
    ssh_session s = ssh_open(c, svc);
    int rc, out;

    snprintf(proof, cap, "succeeded on '%s'", (const char *)arg);
    if (s == NULL)
        return -1;
    ssh_options_set(s, SSH_OPTIONS_USER, user);
    rc = ssh_userauth_password(s, NULL, pass);
    out = rc == SSH_AUTH_SUCCESS ? 1 : (rc == SSH_AUTH_DENIED ? 0 : -1);
    ssh_close(s);
    return out;
}

static bool
ssh_applies(const struct probe_service *svc)
{
    return svc->transport == ASSAY_PROBE_TCP && svc->proto == PROTO_SSH;
}

static enum assay_status
ssh_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const weak_kex[] = {"diffie-hellman-group1-sha1",
        "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1",
        "rsa1024-sha1", NULL};
    static const char *const weak_hk[] = {"ssh-dss", "ssh-rsa", NULL};
    static const char *const weak_ci[] = {"arcfour", "arcfour128", "arcfour256",
        "3des-cbc", "blowfish-cbc", "cast128-cbc", "des-cbc", "aes128-cbc",
        "aes192-cbc", "aes256-cbc", "none", NULL};
    static const char *const weak_mac[] = {"hmac-md5", "hmac-md5-96",
        "hmac-sha1-96", "hmac-md5-etm@openssh.com", "none", NULL};
    static const char *const prov_alg[] = {"5.5-1", NULL};
    static const char *const prov_cred[] = {"5.1-1", "5.1-2", NULL};
    struct ssh_kexinit kx;
    char banner[256] = "", weak[1024] = "", u[13];
    enum assay_status rc;
    ssh_session s;

    rc = ssh_offer(c, svc, &kx, banner, sizeof(banner));
    if (rc != ASSAY_OK)
        return rc;
    ssh_pick_weak(kx.kex, weak_kex, weak, sizeof(weak));
    ssh_pick_weak(kx.hostkey, weak_hk, weak, sizeof(weak));
    ssh_pick_weak(kx.cipher, weak_ci, weak, sizeof(weak));
    ssh_pick_weak(kx.mac, weak_mac, weak, sizeof(weak));
    if (weak[0] != '\0')
        probe_report(c, svc, "NET-SSH-002", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov_alg, "SSH server offers deprecated algorithms",
            assay_arena_printf(c->arena, "'%s' offers %s", banner, weak),
            "offer only curve25519/ECDH or DH group 14+ with SHA-2, "
            "rsa-sha2 or ed25519 host keys, AEAD or CTR ciphers and SHA-2 "
            "MACs");
    probe_report(c, svc, "NET-SSH-000", ASSAY_SEV_INFO, ASSAY_CONF_HIGH,
        prov_alg, "SSH algorithms offered",
        assay_arena_printf(c->arena,
            "%s; kex %s; host keys %s; ciphers %s; "
            "macs %s",
            banner, kx.kex, kx.hostkey, kx.cipher, kx.mac),
        NULL);

    s = ssh_open(c, svc);
    if (s == NULL)
        return ASSAY_OK; /* the offer above stands; libssh cannot agree */
    probe_token(c, u, sizeof(u));
    ssh_options_set(s, SSH_OPTIONS_USER, u);
    if (ssh_userauth_none(s, NULL) == SSH_AUTH_SUCCESS) {
        static const char *const prov_none[] = {"5.5-4", "5.1-1", NULL};

        probe_report(c, svc, "NET-AUTH-001", ASSAY_SEV_CRITICAL,
            ASSAY_CONF_HIGH, prov_none, "SSH login without authentication",
            assay_arena_printf(c->arena,
                "'%s' accepted method 'none' for random user '%s'", banner, u),
            "require authentication for every SSH user");
        ssh_close(s);
        return ASSAY_OK;
    }
    if ((ssh_userauth_list(s, NULL) & SSH_AUTH_METHOD_PASSWORD) == 0) {
        ssh_close(s);
        return ASSAY_OK;
    }
    ssh_close(s);
    svc->login_seen = true;
    probe_report(c, svc, "NET-SSH-001", ASSAY_SEV_INFO, ASSAY_CONF_HIGH,
        prov_cred, "SSH allows password authentication",
        assay_arena_printf(c->arena, "'%s' lists method 'password'", banner),
        NULL);
    probe_default_creds(c, svc, "ssh password", ssh_try_password, banner);
    return ASSAY_OK;
}

static const char *const ssh_provisions[] = {"5.1-1", "5.5-1", "5.5-4", NULL};

const struct assay_probe pr_ssh = {
    .name = "ssh",
    .summary =
        "SSH algorithms offered, password authentication, default logins",
    .provisions = ssh_provisions,
    .flags = 0,
    .applies = ssh_applies,
    .run = ssh_run,
};
