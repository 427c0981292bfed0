/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Telnet: option negotiation (every option refused), login prompt (a
 * login in clear text, 5.5-7), default credentials (5.1-1, 5.1-2) and a
 * shell offered without any login (5.5-4, 5.5-5).
 *
 * A shell is believed only when it computes: we send
 * "echo ASSAY$((A+B))" and look for the sum, which the echo of our own
 * input cannot contain. Each credential is tried on a fresh connection,
 * and a random pair is tried first: if that "works" the device takes
 * anything and we say nothing about defaults.
 */
#include "assay_config.h"

#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probe_private.h"

#define IAC  255
#define DONT 254
#define DO   253
#define WONT 252
#define WILL 251
#define SB   250
#define SE   240

size_t
telnet_parse(const uint8_t *in, size_t len, struct assay_buf *text,
    struct assay_buf *reply)
{
    size_t i = 0;

    while (i < len) {
        if (in[i] != IAC) {
            if (in[i] != 0)
                assay_buf_putc(text, (char)in[i]);
            i++;
            continue;
        }
        if (i + 1 >= len)
            break;
        switch (in[i + 1]) {
        case IAC:
            assay_buf_putc(text, (char)IAC);
            i += 2;
            break;
        case DO:
        case DONT:
        case WILL:
        case WONT:
            if (i + 2 >= len)
                return i;
            if (in[i + 1] == DO || in[i + 1] == WILL) {
                uint8_t r[3] = {IAC, in[i + 1] == DO ? WONT : DONT, in[i + 2]};

                assay_buf_append(reply, r, sizeof(r));
            }
            i += 3;
            break;
        case SB: {
            size_t k = i + 2;

            while (k + 1 < len && !(in[k] == IAC && in[k + 1] == SE))
                k++;
            if (k + 1 >= len)
                return i;
            i = k + 2;
            break;
        }
        default:
            i += 2;
            break;
        }
    }
    return i;
}

/* A telnet session: raw bytes, parsed text, the socket. */
struct tn {
    int fd;                 /* connected socket */
    struct assay_buf raw;   /* bytes not yet parsed */
    struct assay_buf text;  /* everything said, minus commands */
    struct assay_buf reply; /* scratch for negotiation answers */
};

/* Does the text end (blanks ignored) with one of the prompts? */
static bool
tn_ends_with(const struct assay_buf *t, const char *const *prompts)
{
    size_t n = t->len;

    while (n > 0 && (t->data[n - 1] == ' ' || t->data[n - 1] == '\r' ||
                        t->data[n - 1] == '\n' || t->data[n - 1] == '\t'))
        n--;
    for (size_t i = 0; prompts[i] != NULL; i++) {
        size_t pl = strlen(prompts[i]);

        if (n >= pl && probe_memcasemem(t->data + n - pl, pl, prompts[i]))
            return true;
    }
    return false;
}

static const char *const p_login[] = {
    "login:", "username:", "user:", "user name:", NULL};
static const char *const p_pass[] = {"password:", NULL};
static const char *const p_shell[] = {"#", "$", ">", "% ", NULL};
static const char *const p_any[] = {
    "login:", "username:", "user:", "user name:", "#", "$", ">", "% ", NULL};

/*
 * Read until the text ends with a prompt of 'prompts' (NULL: until
 * 'marker' appears), or until 'ms' passes. Negotiation is answered.
 */
static bool
tn_wait(struct probe_ctx *c, struct tn *t, const char *const *prompts,
    const char *marker, uint32_t ms)
{
    uint64_t deadline = probe_deadline(c, ms);
    size_t from = t->text.len;

    for (;;) {
        size_t used;

        if (prompts != NULL && t->text.len > from &&
            tn_ends_with(&t->text, prompts))
            return true;
        if (marker != NULL && t->text.len > 0 &&
            probe_memcasemem(t->text.data, t->text.len, marker))
            return true;
        if (net_recv(t->fd, &t->raw, 4096, deadline, NULL, NULL) != ASSAY_OK)
            return false;
        assay_buf_reset(&t->reply);
        used = telnet_parse(
            (const uint8_t *)t->raw.data, t->raw.len, &t->text, &t->reply);
        memmove(t->raw.data, t->raw.data + used, t->raw.len - used);
        t->raw.len -= used;
        if (t->reply.len > 0)
            net_send(t->fd, t->reply.data, t->reply.len, deadline);
        if (t->text.len >= PROBE_READ_CAP / 2)
            return false;
    }
}

static enum assay_status
tn_open(struct probe_ctx *c, const struct probe_service *svc, struct tn *t)
{
    assay_buf_init(&t->raw, 8192);
    assay_buf_init(&t->text, PROBE_READ_CAP);
    assay_buf_init(&t->reply, 1024);
    return net_connect(c, svc->port, false, &t->fd);
}

static void
tn_close(struct tn *t)
{
    if (t->fd >= 0)
        close(t->fd);
    t->fd = -1;
    assay_buf_release(&t->raw);
    assay_buf_release(&t->text);
    assay_buf_release(&t->reply);
}

static bool
tn_say(struct probe_ctx *c, struct tn *t, const char *line)
{
    char buf[160];
    int n = snprintf(buf, sizeof(buf), "%s\r\n", line);

    return n > 0 && (size_t)n < sizeof(buf) &&
           net_send(t->fd, buf, (size_t)n, probe_deadline(c, 2000)) == ASSAY_OK;
}

/* Does the peer run our arithmetic? Then it is a shell. */
static bool
tn_shell_works(struct probe_ctx *c, struct tn *t, char *proof, size_t cap)
{
    uint32_t a = (uint32_t)(c->rand_state % 5000u) + 1000u;
    uint32_t b = (uint32_t)((c->rand_state >> 20) % 5000u) + 1000u;
    char cmd[64], marker[32];

    snprintf(cmd, sizeof(cmd), "echo ASSAY$((%u+%u))", a, b);
    snprintf(marker, sizeof(marker), "ASSAY%u", a + b);
    if (!tn_say(c, t, cmd))
        return false;
    if (!tn_wait(c, t, NULL, marker, 2500))
        return false;
    snprintf(proof, cap, "sent '%s', the device answered '%s'", cmd, marker);
    return true;
}

/* One login attempt on a fresh connection (probe_login_fn). */
static int
tn_login(struct probe_ctx *c, const struct probe_service *svc, const char *user,
    const char *pass, void *arg, char *proof, size_t cap)
{
    struct tn t = {.fd = -1};
    char shell[160];
    int ok = -1;

    (void)arg;
    if (tn_open(c, svc, &t) != ASSAY_OK)
        goto out;
    if (!tn_wait(c, &t, p_login, NULL, 3000) || !tn_say(c, &t, user))
        goto out;
    if (tn_wait(c, &t, p_pass, NULL, 3000) && !tn_say(c, &t, pass))
        goto out;
    /* wait for whatever follows, then ask for proof */
    tn_wait(c, &t, p_shell, NULL, 2500);
    ok = 0;
    if (tn_ends_with(&t.text, p_login))
        goto out;
    if (tn_shell_works(c, &t, shell, sizeof(shell))) {
        snprintf(proof, cap, "gave a shell: %s", shell);
        ok = 1;
    }
out:
    tn_close(&t);
    return ok;
}

static bool
telnet_applies(const struct probe_service *svc)
{
    return svc->transport == ASSAY_PROBE_TCP && svc->proto == PROTO_TELNET &&
           !svc->tls;
}

static enum assay_status
telnet_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const prov_shell[] = {"5.5-4", "5.5-5", "5.1-1", NULL};
    static const char *const prov_clear[] = {"5.5-7", NULL};
    struct tn t = {.fd = -1};
    char proof[160];
    enum assay_status rc;
    bool login;

    rc = tn_open(c, svc, &t);
    if (rc != ASSAY_OK) {
        tn_close(&t);
        return rc;
    }
    tn_wait(c, &t, p_any, NULL, 3000);
    login = tn_ends_with(&t.text, p_login);
    if (!login) {
        if (tn_shell_works(c, &t, proof, sizeof(proof)))
            probe_report(c, svc, "NET-AUTH-001", ASSAY_SEV_CRITICAL,
                ASSAY_CONF_HIGH, prov_shell,
                "shell offered without authentication",
                assay_arena_printf(c->arena, "telnet greeting '%s'; %s",
                    probe_quote(
                        c, t.text.data, t.text.len < 120 ? t.text.len : 120),
                    proof),
                "remove the telnet service, or require authentication "
                "with a unique credential");
        tn_close(&t);
        return ASSAY_OK;
    }
    svc->login_seen = true;
    probe_report(c, svc, "NET-CLEAR-001", ASSAY_SEV_HIGH, ASSAY_CONF_HIGH,
        prov_clear, "login over unencrypted telnet",
        assay_arena_printf(c->arena, "telnet asks '%s'",
            probe_quote(c, t.text.data, t.text.len < 160 ? t.text.len : 160)),
        "replace telnet with SSH, or remove the remote login");
    tn_close(&t);
    probe_default_creds(c, svc, "telnet", tn_login, NULL);
    return ASSAY_OK;
}

static const char *const telnet_provisions[] = {
    "5.1-1", "5.1-2", "5.5-4", "5.5-5", "5.5-7", "5.6-2", NULL};

const struct assay_probe pr_telnet = {
    .name = "telnet",
    .summary = "telnet negotiation, login prompt, default logins, open shells",
    .provisions = telnet_provisions,
    .flags = 0,
    .applies = telnet_applies,
    .run = telnet_run,
};
