/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Start-up file parsers (initsvc.h). Shell is not evaluated: a command
 * behind an "if" counts as started, which is what an assessor wants to
 * see (the condition is usually a config switch with a default). Words
 * are split on blanks with simple quote handling; anything longer than
 * the field caps is cut, never overrun.
 */
#include "assay_config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "check_private.h"
#include "initsvc.h"

#define SVC_MAX_CMDS 2048
#define SVC_LINE_MAX 4096
#define SVC_WORD_MAX 256

struct svc_out {
    struct assay_arena *a;
    struct svc_cmd *v;
    size_t n;
    size_t cap; /* entries in v */
    bool nomem;
};

static char *
svc_dup(struct svc_out *o, const char *s, size_t n)
{
    char *d;

    if (s == NULL)
        return NULL;
    if (n > SVC_WORD_MAX * 4)
        n = SVC_WORD_MAX * 4;
    d = assay_arena_strndup(o->a, s, n);
    if (d == NULL)
        o->nomem = true;
    return d;
}

/* Next blank-separated word of s at *p (quotes kept out); false at end. */
static bool
svc_word(const char *s, size_t *p, char *w, size_t size)
{
    size_t i = *p, n = 0;
    char q = 0;

    while (s[i] == ' ' || s[i] == '\t')
        i++;
    if (s[i] == '\0')
        return false;
    for (; s[i] != '\0'; i++) {
        char ch = s[i];

        if (q != 0) {
            if (ch == q) {
                q = 0;
                continue;
            }
        } else if (ch == '"' || ch == '\'') {
            q = ch;
            continue;
        } else if (ch == ' ' || ch == '\t') {
            break;
        }
        if (n + 1 < size)
            w[n++] = ch;
    }
    w[n] = '\0';
    *p = i;
    return true;
}

static const char *
svc_base(const char *p)
{
    const char *s = strrchr(p, '/');

    return s != NULL ? s + 1 : p;
}

/* Add the command 'cmd' (program + args). */
static void
svc_add(struct svc_out *o, const char *cmd, uint32_t line, const char *tty,
    const char *action, const char *user)
{
    static const char *const wrappers[] = {"exec", "nohup", "env", "nice",
        "sudo", "setsid", "chroot", "timeout", "busybox", "command", "then",
        "else", "do", "!", "{", "(", "time", "ionice", "taskset"};
    char w[SVC_WORD_MAX];
    size_t p = 0, start;
    struct svc_cmd *c;
    bool skip_next = false;

    if (o->n >= o->cap || o->nomem)
        return;
    for (;;) {
        start = p;
        if (!svc_word(cmd, &p, w, sizeof(w)))
            return;
        if (skip_next) { /* argument of a wrapper (chroot DIR, nice -n N) */
            skip_next = false;
            continue;
        }
        if (strchr(w, '=') != NULL && w[0] != '-' && w[0] != '/' &&
            (isalpha((unsigned char)w[0]) || w[0] == '_'))
            continue; /* VAR=value prefix */
        if (w[0] == '-' && start > 0)
            continue; /* wrapper option, e.g. nice -n */
        bool wrapper = false;
        for (size_t i = 0; i < ASSAY_ARRAY_LEN(wrappers); i++) {
            if (strcmp(svc_base(w), wrappers[i]) == 0)
                wrapper = true;
        }
        if (wrapper) {
            skip_next = strcmp(w, "chroot") == 0 || strcmp(w, "timeout") == 0;
            continue;
        }
        break;
    }
    if (w[0] == '\0' || w[0] == '#' || w[0] == '$' || w[0] == '`' ||
        strchr("}|;&)<>", w[0]) != NULL)
        return;
    c = &o->v[o->n];
    memset(c, 0, sizeof(*c));
    c->program = svc_dup(o, w, strlen(w));
    c->name = svc_dup(o, svc_base(w), strlen(svc_base(w)));
    while (cmd[p] == ' ' || cmd[p] == '\t')
        p++;
    {
        size_t al = strlen(cmd + p);

        while (al > 0 && (cmd[p + al - 1] == ' ' || cmd[p + al - 1] == '\t'))
            al--;
        c->args = svc_dup(o, cmd + p, al);
    }
    c->tty = tty != NULL ? svc_dup(o, tty, strlen(tty)) : NULL;
    c->action = action != NULL ? svc_dup(o, action, strlen(action)) : NULL;
    c->user = user != NULL ? svc_dup(o, user, strlen(user)) : NULL;
    c->line = line;
    if (!o->nomem)
        o->n++;
}

/*
 * A shell line: split into simple commands at ; & | and look through
 * daemon launchers for the program they start.
 */
static void
svc_shell_line(struct svc_out *o, char *s, uint32_t line)
{
    char *seg = s;
    char q = 0;

    for (char *p = s;; p++) {
        char ch = *p;

        if (q != 0 && ch != '\0') {
            if (ch == q)
                q = 0;
            continue;
        }
        if (ch == '"' || ch == '\'') {
            q = ch;
            continue;
        }
        if (ch == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t'))
            ch = *p = '\0'; /* comment */
        if (ch != '\0' && ch != ';' && ch != '&' && ch != '|')
            continue;
        *p = '\0';
        {
            char w[SVC_WORD_MAX], v[SVC_WORD_MAX];
            size_t wp = 0;
            const char *rest;

            while (*seg == ' ' || *seg == '\t')
                seg++;
            if (svc_word(seg, &wp, w, sizeof(w))) {
                rest = seg + wp;
                if (strcmp(svc_base(w), "start-stop-daemon") == 0) {
                    if (svc_arg(rest, "--exec", v, sizeof(v)) ||
                        svc_arg(rest, "-x", v, sizeof(v)) ||
                        svc_arg(rest, "--startas", v, sizeof(v)) ||
                        svc_arg(rest, "-a", v, sizeof(v))) {
                        const char *dd = strstr(rest, " -- ");
                        char buf[SVC_LINE_MAX];

                        snprintf(buf, sizeof(buf), "%s %s", v,
                            dd != NULL ? dd + 4 : "");
                        svc_add(o, buf, line, NULL, NULL, NULL);
                    }
                } else if (strcmp(w, "procd_set_param") == 0) {
                    size_t rp = 0;

                    if (svc_word(rest, &rp, v, sizeof(v)) &&
                        strcmp(v, "command") == 0)
                        svc_add(o, rest + rp, line, NULL, NULL, NULL);
                } else if (strcmp(w, "service_start") == 0) {
                    svc_add(o, rest, line, NULL, NULL, NULL);
                } else if (strcmp(w, "if") == 0 || strcmp(w, "while") == 0 ||
                           strcmp(w, "elif") == 0 || strcmp(w, "until") == 0) {
                    svc_add(o, rest, line, NULL, NULL, NULL);
                } else {
                    svc_add(o, seg, line, NULL, NULL, NULL);
                }
            }
        }
        if (ch == '\0')
            break;
        if ((ch == '&' || ch == '|') && (p[1] == '&' || p[1] == '|'))
            p++;
        seg = p + 1;
    }
}

static void
svc_inittab_line(struct svc_out *o, char *s, uint32_t line)
{
    char *f[4];
    size_t k = 0;

    f[0] = s;
    for (char *p = s; *p != '\0' && k < 3; p++) {
        if (*p == ':') {
            *p = '\0';
            f[++k] = p + 1;
        }
    }
    if (k != 3 || f[3][0] == '\0')
        return;
    /* busybox "-/bin/sh" means a login shell: still a shell */
    if (f[3][0] == '-')
        f[3]++;
    svc_add(o, f[3], line, f[0], f[2], NULL);
}

static void
svc_inetd_line(struct svc_out *o, char *s, uint32_t line)
{
    char w[7][SVC_WORD_MAX];
    size_t p = 0, k = 0;

    while (k < 6 && svc_word(s, &p, w[k], sizeof(w[k])))
        k++;
    if (k < 6)
        return;
    /* user may be "root.root"; server "internal" is built in */
    if (strcmp(w[5], "internal") == 0)
        return;
    {
        char *dot = strchr(w[4], '.');
        char cmd[SVC_LINE_MAX];

        if (dot != NULL)
            *dot = '\0';
        snprintf(cmd, sizeof(cmd), "%s %s", w[5], s + p);
        svc_add(o, cmd, line, NULL, w[0], w[4]);
    }
}

static void
svc_cron_line(struct svc_out *o, char *s, uint32_t line, bool with_user)
{
    char w[SVC_WORD_MAX], user[SVC_WORD_MAX] = "";
    size_t p = 0, fields = s[0] == '@' ? 1 : 5;

    if (strchr(s, '=') != NULL && strchr(s, ' ') == NULL)
        return; /* MAILTO=... */
    for (size_t i = 0; i < fields; i++) {
        if (!svc_word(s, &p, w, sizeof(w)))
            return;
    }
    if (with_user && !svc_word(s, &p, user, sizeof(user)))
        return;
    svc_add(o, s + p, line, NULL, NULL, with_user ? user : NULL);
}

/* systemd: ExecStart= lines and User= of the unit. */
static void
svc_systemd(struct svc_out *o, const uint8_t *data, size_t len)
{
    struct check_line l = {0};
    size_t pos = 0, first = o->n;
    char buf[SVC_LINE_MAX], user[SVC_WORD_MAX] = "";

    while (check_line_next(data, len, &pos, &l)) {
        char *s;

        if (l.len >= sizeof(buf))
            continue;
        s = check_line_copy(&l, buf, sizeof(buf));
        if (strncmp(s, "User=", 5) == 0) {
            snprintf(user, sizeof(user), "%s", s + 5);
        } else if (strncmp(s, "ExecStart=", 10) == 0) {
            s += 10;
            while (
                *s == '-' || *s == '@' || *s == '+' || *s == '!' || *s == ':')
                s++; /* systemd exec prefixes */
            svc_add(o, s, l.no, NULL, NULL, NULL);
        }
    }
    for (size_t i = first; i < o->n && user[0] != '\0'; i++)
        o->v[i].user = svc_dup(o, user, strlen(user));
}

/* xinetd: "service name { key = value ... }" blocks. */
static void
svc_xinetd(struct svc_out *o, const uint8_t *data, size_t len)
{
    struct check_line l = {0};
    size_t pos = 0;
    char buf[SVC_LINE_MAX], name[SVC_WORD_MAX] = "", server[SVC_WORD_MAX] = "";
    char args[SVC_WORD_MAX] = "", user[SVC_WORD_MAX] = "";
    uint32_t at = 0;
    bool disabled = false, in = false;

    while (check_line_next(data, len, &pos, &l)) {
        char *s, *eq, *k, *v;

        if (l.len >= sizeof(buf))
            continue;
        s = check_line_copy(&l, buf, sizeof(buf));
        if (strncmp(s, "service ", 8) == 0) {
            snprintf(name, sizeof(name), "%s", s + 8);
            server[0] = args[0] = user[0] = '\0';
            disabled = false;
            at = l.no;
            continue;
        }
        if (s[0] == '{') {
            in = true;
            continue;
        }
        if (s[0] == '}' && in) {
            in = false;
            if (server[0] != '\0') {
                char cmd[SVC_LINE_MAX];

                snprintf(cmd, sizeof(cmd), "%s %s", server, args);
                svc_add(o, cmd, at, NULL, name, user[0] ? user : NULL);
                if (o->n > 0 && !o->nomem)
                    o->v[o->n - 1].disabled = disabled;
            }
            continue;
        }
        eq = strchr(s, '=');
        if (!in || eq == NULL)
            continue;
        *eq = '\0';
        k = s;
        v = eq + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        for (size_t e = (size_t)(eq - k);
             e > 0 && (k[e - 1] == ' ' || k[e - 1] == '\t' || k[e - 1] == '+');
             e--)
            k[e - 1] = '\0';
        if (strcmp(k, "server") == 0)
            snprintf(server, sizeof(server), "%s", v);
        else if (strcmp(k, "server_args") == 0)
            snprintf(args, sizeof(args), "%s", v);
        else if (strcmp(k, "user") == 0)
            snprintf(user, sizeof(user), "%s", v);
        else if (strcmp(k, "disable") == 0)
            disabled = strcmp(v, "yes") == 0;
    }
}

enum assay_status
svc_parse(struct assay_arena *a, enum svc_kind kind, const uint8_t *data,
    size_t len, struct svc_cmd **out, size_t *n)
{
    struct svc_out o = {0};
    struct check_line l = {0};
    size_t pos = 0;
    char buf[SVC_LINE_MAX], heredoc[64] = "";

    *out = NULL;
    *n = 0;
    o.a = a;
    o.cap = check_reserve(data, len, 16, SVC_MAX_CMDS);
    o.v = assay_arena_array(a, o.cap, sizeof(*o.v));
    if (o.v == NULL)
        return ASSAY_E_NOMEM;
    if (kind == SVC_SYSTEMD)
        svc_systemd(&o, data, len);
    else if (kind == SVC_XINETD)
        svc_xinetd(&o, data, len);
    while ((kind != SVC_SYSTEMD && kind != SVC_XINETD) &&
           check_line_next(data, len, &pos, &l) && !o.nomem) {
        char *s;

        if (l.len >= sizeof(buf) || memchr(l.text, '\0', l.len) != NULL)
            continue;
        s = check_line_copy(&l, buf, sizeof(buf));
        if (heredoc[0] != '\0') {
            if (strcmp(s, heredoc) == 0)
                heredoc[0] = '\0';
            continue;
        }
        if (s[0] == '#' || s[0] == '\0')
            continue;
        switch (kind) {
        case SVC_INITTAB:
            svc_inittab_line(&o, s, l.no);
            break;
        case SVC_SCRIPT: {
            char *h = strstr(s, "<<");

            if (h != NULL) {
                size_t hp = 0;
                char w[64];

                h += 2;
                if (*h == '-')
                    h++;
                if (svc_word(h, &hp, w, sizeof(w)))
                    snprintf(heredoc, sizeof(heredoc), "%s", w);
                h[-2] = '\0';
            }
            svc_shell_line(&o, s, l.no);
            break;
        }
        case SVC_INETD:
            svc_inetd_line(&o, s, l.no);
            break;
        case SVC_CRONTAB:
            svc_cron_line(&o, s, l.no, false);
            break;
        case SVC_SYSTEMD:
        case SVC_XINETD:
            break;
        }
    }
    if (o.nomem)
        return ASSAY_E_NOMEM;
    *out = o.v;
    *n = o.n;
    return ASSAY_OK;
}

bool
svc_arg(const char *args, const char *flag, char *val, size_t size)
{
    char w[SVC_WORD_MAX];
    size_t p = 0, fl = strlen(flag);
    bool single = fl == 2 && flag[0] == '-' && flag[1] != '-';

    if (args == NULL)
        return false;
    while (svc_word(args, &p, w, sizeof(w))) {
        bool hit = false;
        const char *inl = NULL;

        if (strcmp(w, flag) == 0) {
            hit = true;
        } else if (!single && strncmp(w, flag, fl) == 0 && w[fl] == '=') {
            hit = true;
            inl = w + fl + 1;
        } else if (single && w[0] == '-' && w[1] != '-' && w[1] != '\0') {
            const char *c = strchr(w + 1, flag[1]);

            if (c != NULL) {
                hit = true;
                if (c[1] != '\0' && c == w + 1)
                    inl = c + 1; /* "-l/bin/sh" */
            }
        }
        if (!hit)
            continue;
        if (val != NULL && size > 0) {
            val[0] = '\0';
            if (inl != NULL)
                snprintf(val, size, "%s", inl);
            else if (svc_word(args, &p, w, sizeof(w)) && w[0] != '-')
                snprintf(val, size, "%s", w);
        }
        return true;
    }
    return false;
}
