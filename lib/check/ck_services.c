/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Services started at boot (EN 303 645 5.6-1, 5.6-2, 5.6-4, 5.6-5, 5.5-5).
 *
 * boot_collect() follows what an init system would run, from the system
 * root of one file system: inittab (or busybox's default rcS), the
 * scripts those start (rcS loops over /etc/init.d/S??*), sysvinit rc?.d
 * and OpenWrt rc.d links, rc.local, systemd units wanted by a target,
 * and, when inetd/xinetd/crond is itself started, their tables. Only
 * what is reached this way is "started": a telnetd binary that nothing
 * starts is inventory, not a finding. Scripts are read, never run.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "assay/ics.h"

#include "check_private.h"
#include "initsvc.h"

#define BOOT_MAX_FILES 512
#define BOOT_MAX_CMDS  8192
#define BOOT_MAX_FILE  (1u << 20)

struct boot_cmd {
    const struct svc_cmd *cmd;
    const struct assay_node *file; /* where it is started */
    enum svc_kind kind;            /* what kind of file that is */
};

struct boot {
    struct check_ctx *c;
    const struct assay_node *sys;                   /* system root folder */
    const struct assay_node *files[BOOT_MAX_FILES]; /* parsed already */
    size_t nfiles;
    struct boot_cmd *cmds;
    size_t ncmds;
    enum assay_status rc;
};

static bool
boot_seen(struct boot *b, const struct assay_node *n)
{
    for (size_t i = 0; i < b->nfiles; i++) {
        if (b->files[i] == n)
            return true;
    }
    return false;
}

static void boot_file(struct boot *b, const struct assay_node *n,
    enum svc_kind kind, unsigned depth);

/* The node a program name runs: absolute from the system root, else on
 * the usual PATH. NULL when it is not in the image. */
static const struct assay_node *
boot_resolve(const struct boot *b, const char *prog)
{
    static const char *const path[] = {
        "bin/", "sbin/", "usr/bin/", "usr/sbin/", "etc/init.d/"};
    char rel[512];
    const struct assay_node *n;

    if (prog[0] == '/')
        return assay_node_lookup(b->sys, prog + 1, true);
    if (strchr(prog, '/') != NULL)
        return NULL;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(path); i++) {
        snprintf(rel, sizeof(rel), "%s%s", path[i], prog);
        n = assay_node_lookup(b->sys, rel, true);
        if (n != NULL)
            return n;
    }
    return NULL;
}

/* Is 'n' a shell script (text with a #! or an init-script look)? */
static bool
boot_is_script(const struct assay_node *n)
{
    const uint8_t *d;
    size_t len = 0;

    if (n == NULL || assay_node_type(n) != ASSAY_NODE_FILE)
        return false;
    d = assay_node_data(n, &len);
    if (d == NULL || len < 2 || len > BOOT_MAX_FILE)
        return false;
    return (d[0] == '#' && d[1] == '!') || check_is_text(d, len);
}

/* Every S* entry of folder 'rel' (sorted by the tree) as scripts. */
static void
boot_folder(struct boot *b, const char *rel, bool s_only, enum svc_kind kind,
    unsigned depth)
{
    const struct assay_node *d = assay_node_lookup(b->sys, rel, true);

    if (d == NULL || assay_node_type(d) != ASSAY_NODE_DIR)
        return;
    for (const struct assay_node *e = assay_node_child(d); e != NULL;
         e = assay_node_next(e)) {
        const struct assay_node *t = e;

        if (s_only && assay_node_name(e)[0] != 'S')
            continue;
        if (assay_node_type(e) == ASSAY_NODE_SYMLINK) {
            char p[1024];

            snprintf(p, sizeof(p), "%s/%s", rel, assay_node_name(e));
            t = assay_node_lookup(b->sys, p, true);
        }
        if (kind == SVC_SYSTEMD
                ? (t != NULL && assay_node_type(t) == ASSAY_NODE_FILE)
                : boot_is_script(t))
            boot_file(b, t, kind, depth + 1);
    }
}

static void
boot_add(struct boot *b, const struct svc_cmd *cmd,
    const struct assay_node *file, enum svc_kind kind, unsigned depth)
{
    const struct assay_node *t;
    const char *name = cmd->name;

    if (b->ncmds < BOOT_MAX_CMDS)
        b->cmds[b->ncmds++] = (struct boot_cmd){cmd, file, kind};
    /* Follow scripts the command runs: "/etc/init.d/foo start", rcS. */
    if (depth >= 6 || strcmp(name, "sh") == 0)
        return;
    t = boot_resolve(b, cmd->program);
    if (t != NULL && boot_is_script(t) && !boot_seen(b, t)) {
        const uint8_t *d;
        size_t len = 0;

        d = assay_node_data(t, &len);
        if (len >= 2 && d[0] == '#' && d[1] == '!')
            boot_file(b, t, SVC_SCRIPT, depth + 1);
    }
}

static void
boot_file(struct boot *b, const struct assay_node *n, enum svc_kind kind,
    unsigned depth)
{
    struct svc_cmd *v;
    size_t nv = 0, len = 0;
    const uint8_t *d;
    enum assay_status rc;

    if (n == NULL || b->rc != ASSAY_OK || b->nfiles >= BOOT_MAX_FILES ||
        boot_seen(b, n) || depth > 8)
        return;
    b->files[b->nfiles++] = n;
    d = assay_node_data(n, &len);
    if (d == NULL || len == 0 || len > BOOT_MAX_FILE)
        return;
    rc = svc_parse(assay_session_arena(b->c->s), kind, d, len, &v, &nv);
    if (rc != ASSAY_OK) {
        b->rc = rc;
        return;
    }
    for (size_t i = 0; i < nv; i++)
        boot_add(b, &v[i], n, kind, depth);
    /* rcS-style loops over S?? scripts */
    if (kind == SVC_SCRIPT &&
        (check_memcasestr((const char *)d, len, "/etc/init.d/S") ||
            check_memcasestr((const char *)d, len, "rc.d/S") ||
            check_memcasestr((const char *)d, len, "run-parts"))) {
        boot_folder(b, "etc/init.d", true, SVC_SCRIPT, depth);
        boot_folder(b, "etc/rc.d", true, SVC_SCRIPT, depth);
    }
}

static bool
boot_started(const struct boot *b, const char *name)
{
    for (size_t i = 0; i < b->ncmds; i++) {
        if (strcmp(b->cmds[i].cmd->name, name) == 0)
            return true;
    }
    return false;
}

/* Walk the boot path of the system under 'fsroot'. */
static enum assay_status
boot_collect(
    struct check_ctx *c, const struct assay_node *fsroot, struct boot *b)
{
    static const char *const rcdirs[] = {"etc/rcS.d", "etc/rc2.d", "etc/rc3.d",
        "etc/rc5.d", "etc/rc.d/rcS.d", "etc/rc.d/rc3.d", "etc/rc.d"};
    static const char *const wants[] = {
        "etc/systemd/system", "lib/systemd/system", "usr/lib/systemd/system"};
    const struct assay_node *n;

    memset(b, 0, sizeof(*b));
    b->c = c;
    b->sys = check_sysroot(fsroot);
    if (b->sys == NULL)
        return ASSAY_OK;
    b->cmds = assay_arena_array(
        assay_session_arena(c->s), BOOT_MAX_CMDS, sizeof(*b->cmds));
    if (b->cmds == NULL)
        return ASSAY_E_NOMEM;
    n = assay_node_lookup(b->sys, "etc/inittab", true);
    if (n != NULL && assay_node_type(n) == ASSAY_NODE_FILE)
        boot_file(b, n, SVC_INITTAB, 0);
    else
        boot_file(b, assay_node_lookup(b->sys, "etc/init.d/rcS", true),
            SVC_SCRIPT, 0);
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(rcdirs); i++)
        boot_folder(b, rcdirs[i], true, SVC_SCRIPT, 0);
    n = assay_node_lookup(b->sys, "etc/rc.local", true);
    if (boot_is_script(n))
        boot_file(b, n, SVC_SCRIPT, 0);
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(wants); i++) {
        const struct assay_node *d = assay_node_lookup(b->sys, wants[i], true);

        if (d == NULL)
            continue;
        for (const struct assay_node *e = assay_node_child(d); e != NULL;
             e = assay_node_next(e)) {
            char p[512];

            if (assay_node_type(e) != ASSAY_NODE_DIR ||
                !assay_str_ends(assay_node_name(e), ".wants"))
                continue;
            snprintf(p, sizeof(p), "%s/%s", wants[i], assay_node_name(e));
            boot_folder(b, p, false, SVC_SYSTEMD, 0);
        }
    }
    if (boot_started(b, "inetd")) {
        n = assay_node_lookup(b->sys, "etc/inetd.conf", true);
        if (n != NULL && assay_node_type(n) == ASSAY_NODE_FILE)
            boot_file(b, n, SVC_INETD, 0);
    }
    if (boot_started(b, "xinetd"))
        boot_folder(b, "etc/xinetd.d", false, SVC_XINETD, 0);
    if (boot_started(b, "crond") || boot_started(b, "cron")) {
        boot_folder(b, "etc/crontabs", false, SVC_CRONTAB, 0);
        boot_folder(b, "var/spool/cron/crontabs", false, SVC_CRONTAB, 0);
    }
    return b->rc;
}

typedef enum assay_status (*boot_visit_fn)(
    struct check_ctx *c, const struct boot *b, size_t i);

/* Walk the boot path under 'root' and hand every started command (index
 * into b->cmds) to 'fn'. */
static enum assay_status
boot_each(struct check_ctx *c, const struct assay_node *root, boot_visit_fn fn)
{
    struct boot b;
    enum assay_status rc = boot_collect(c, root, &b);

    for (size_t i = 0; rc == ASSAY_OK && i < b.ncmds; i++)
        rc = check_rc(fn(c, &b, i));
    return rc;
}

/* The program a busybox tcpsvd/udpsvd/inetd line really runs. */
static const char *
boot_effective(const struct svc_cmd *cmd, char *buf, size_t size)
{
    if (strcmp(cmd->name, "tcpsvd") == 0 || strcmp(cmd->name, "udpsvd") == 0) {
        /* tcpsvd [opts] IP PORT PROG ARGS */
        const char *a = cmd->args;
        size_t words = 0;

        while (*a != '\0') {
            while (*a == ' ')
                a++;
            if (*a == '-') {
                while (*a != '\0' && *a != ' ')
                    a++;
                continue;
            }
            if (words++ == 2) {
                size_t n = strcspn(a, " ");
                const char *s;

                snprintf(buf, size, "%.*s", (int)n, a);
                s = strrchr(buf, '/');
                return s != NULL ? s + 1 : buf;
            }
            while (*a != '\0' && *a != ' ')
                a++;
        }
    }
    return cmd->name;
}

/* ---- FW-SVC-001: insecure service started ---------------------------- */

struct svc_risk {
    const char *name;
    enum assay_severity sev;
    const char *what;
};

static const struct svc_risk svc_risky[] = {
    {"telnetd", ASSAY_SEV_HIGH, "telnet server (plain-text logins)"},
    {"utelnetd", ASSAY_SEV_HIGH, "telnet server (plain-text logins)"},
    {"in.telnetd", ASSAY_SEV_HIGH, "telnet server (plain-text logins)"},
    {"rlogind", ASSAY_SEV_HIGH, "rlogin server"},
    {"in.rlogind", ASSAY_SEV_HIGH, "rlogin server"},
    {"rshd", ASSAY_SEV_HIGH, "rsh server"},
    {"in.rshd", ASSAY_SEV_HIGH, "rsh server"},
    {"rexecd", ASSAY_SEV_HIGH, "rexec server"},
    {"in.rexecd", ASSAY_SEV_HIGH, "rexec server"},
    {"adbd", ASSAY_SEV_HIGH, "Android debug bridge"},
    {"gdbserver", ASSAY_SEV_HIGH, "remote debugger"},
    {"ftpd", ASSAY_SEV_MEDIUM, "FTP server (plain-text logins)"},
    {"vsftpd", ASSAY_SEV_MEDIUM, "FTP server (plain-text logins)"},
    {"proftpd", ASSAY_SEV_MEDIUM, "FTP server (plain-text logins)"},
    {"pure-ftpd", ASSAY_SEV_MEDIUM, "FTP server (plain-text logins)"},
    {"bftpd", ASSAY_SEV_MEDIUM, "FTP server (plain-text logins)"},
    {"in.ftpd", ASSAY_SEV_MEDIUM, "FTP server (plain-text logins)"},
    {"tftpd", ASSAY_SEV_MEDIUM, "TFTP server (no authentication)"},
    {"in.tftpd", ASSAY_SEV_MEDIUM, "TFTP server (no authentication)"},
    {"atftpd", ASSAY_SEV_MEDIUM, "TFTP server (no authentication)"},
    {"miniupnpd", ASSAY_SEV_MEDIUM, "UPnP IGD daemon"},
    {"upnpd", ASSAY_SEV_MEDIUM, "UPnP daemon"},
    {"bcmupnp", ASSAY_SEV_MEDIUM, "UPnP daemon"},
    {"upnp", ASSAY_SEV_MEDIUM, "UPnP daemon"},
    {"igd", ASSAY_SEV_MEDIUM, "UPnP IGD daemon"},
};

/* inetd service names that are the same risks */
static const struct svc_risk svc_risky_inetd[] = {
    {"telnet", ASSAY_SEV_HIGH, "telnet service"},
    {"login", ASSAY_SEV_HIGH, "rlogin service"},
    {"shell", ASSAY_SEV_HIGH, "rsh service"},
    {"exec", ASSAY_SEV_HIGH, "rexec service"},
    {"ftp", ASSAY_SEV_MEDIUM, "FTP service"},
    {"tftp", ASSAY_SEV_MEDIUM, "TFTP service"},
};

static const struct svc_risk *
svc_risk_of(const struct svc_cmd *cmd, const char *name)
{
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(svc_risky); i++) {
        if (strcmp(name, svc_risky[i].name) == 0)
            return &svc_risky[i];
    }
    for (size_t i = 0; cmd->action != NULL && cmd->user != NULL &&
                       i < ASSAY_ARRAY_LEN(svc_risky_inetd);
         i++) {
        if (strcmp(cmd->action, svc_risky_inetd[i].name) == 0)
            return &svc_risky_inetd[i];
    }
    return NULL;
}

static enum assay_status
svc_insecure_visit(struct check_ctx *c, const struct boot *b, size_t i)
{
    const struct svc_cmd *cmd = b->cmds[i].cmd;
    char buf[256];
    const char *name = boot_effective(cmd, buf, sizeof(buf));
    const struct svc_risk *r = svc_risk_of(cmd, name);

    if (r == NULL || cmd->disabled)
        return ASSAY_OK;
    return check_reportf_sev(c, b->cmds[i].file, cmd->line, r->sev,
        ASSAY_CONF_HIGH, "insecure service started at boot",
        "%s '%s%s%s' started from %s", r->what, cmd->program,
        cmd->args[0] != '\0' ? " " : "", cmd->args,
        assay_node_path(b->cmds[i].file));
}

static enum assay_status
svc_insecure_run(struct check_ctx *c, const struct assay_node *root)
{
    return boot_each(c, root, svc_insecure_visit);
}

static const char *const prov_svc_insecure[] = {
    "5.6-1", "5.6-2", "5.6-5", NULL};

const struct assay_check ck_svc_insecure = {
    .id = "FW-SVC-001",
    .title = "insecure service started at boot",
    .provisions = prov_svc_insecure,
    .severity = ASSAY_SEV_HIGH,
    .scope = CHECK_FS,
    .run = svc_insecure_run,
};

/* ---- FW-SVC-002: shell without authentication ------------------------ */

static bool
svc_is_shell(const char *p)
{
    static const char *const shells[] = {
        "sh", "ash", "bash", "hush", "msh", "dash", "zsh"};
    const char *b = strrchr(p, '/');

    b = b != NULL ? b + 1 : p;
    if (*b == '-')
        b++;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(shells); i++) {
        if (strcmp(b, shells[i]) == 0)
            return true;
    }
    return false;
}

static enum assay_status
svc_noauth_visit(struct check_ctx *c, const struct boot *b, size_t i)
{
    const struct svc_cmd *cmd = b->cmds[i].cmd;
    char val[256] = "";
    const char *why = NULL;

    if ((strcmp(cmd->name, "telnetd") == 0 ||
            strcmp(cmd->name, "utelnetd") == 0) &&
        svc_arg(cmd->args, "-l", val, sizeof(val)) && svc_is_shell(val))
        why = "telnet server runs a shell instead of login";
    else if (cmd->tty != NULL && svc_is_shell(cmd->program) &&
             cmd->action != NULL && strcmp(cmd->action, "sysinit") != 0 &&
             strcmp(cmd->action, "wait") != 0 &&
             strcmp(cmd->action, "once") != 0)
        why = "console shell without login";
    else if ((strcmp(cmd->name, "getty") == 0 ||
                 strcmp(cmd->name, "agetty") == 0) &&
             ((svc_arg(cmd->args, "-l", val, sizeof(val)) &&
                  svc_is_shell(val)) ||
                 svc_arg(cmd->args, "--autologin", NULL, 0)))
        why = "serial getty logs in without a password";
    if (why == NULL)
        return ASSAY_OK;
    return check_reportf(c, b->cmds[i].file, cmd->line,
        "shell access without authentication", "%s: '%s%s%s'%s%s", why,
        cmd->program, cmd->args[0] != '\0' ? " " : "", cmd->args,
        cmd->tty != NULL && cmd->tty[0] != '\0' ? " on " : "",
        cmd->tty != NULL ? cmd->tty : "");
}

static enum assay_status
svc_noauth_run(struct check_ctx *c, const struct assay_node *root)
{
    const struct assay_node *sys = check_sysroot(root), *init;
    const char *target;

    /*
     * busybox init without /etc/inittab runs its built-in table, which
     * starts "askfirst" shells on the console and tty2-4: no login.
     */
    if (sys != NULL && assay_node_lookup(sys, "etc/inittab", true) == NULL &&
        (init = assay_node_lookup(sys, "sbin/init", false)) != NULL &&
        assay_node_type(init) == ASSAY_NODE_SYMLINK &&
        (target = assay_node_link(init)) != NULL &&
        strcmp(check_basename(target), "busybox") == 0) {
        enum assay_status rc =
            check_reportf(c, init, 0, "shell access without authentication",
                "busybox init without /etc/inittab: its built-in table starts "
                "shells on the console and tty2-4 without login ('%s' -> '%s')",
                assay_node_path(init), target);

        if (check_rc(rc) != ASSAY_OK)
            return rc;
    }
    return boot_each(c, root, svc_noauth_visit);
}

static const char *const prov_svc_noauth[] = {"5.5-5", "5.6-4", "5.6-1", NULL};

const struct assay_check ck_svc_noauth = {
    .id = "FW-SVC-002",
    .title = "shell access without authentication",
    .provisions = prov_svc_noauth,
    .severity = ASSAY_SEV_CRITICAL,
    .scope = CHECK_FS,
    .run = svc_noauth_run,
};

/* ---- FW-SVC-003: SSH password logins as root ------------------------- */

/* Value of setting 'key' in an sshd_config or UCI file, or NULL. */
static bool
svc_conf_get(const uint8_t *d, size_t len, const char *key, bool uci, char *val,
    size_t size)
{
    struct check_line l = {0};
    size_t pos = 0;
    bool found = false;
    char buf[512];

    while (check_line_next(d, len, &pos, &l)) {
        char *s, *v;
        size_t kl = strlen(key);

        if (l.len >= sizeof(buf))
            continue;
        s = check_line_copy(&l, buf, sizeof(buf));
        if (uci) {
            if (strncmp(s, "option", 6) != 0)
                continue;
            s += 6;
            while (*s == ' ' || *s == '\t')
                s++;
        }
        if (strncasecmp(s, key, kl) != 0 || (s[kl] != ' ' && s[kl] != '\t'))
            continue;
        v = s + kl;
        while (*v == ' ' || *v == '\t')
            v++;
        if (*v == '\'' || *v == '"') {
            char q = *v++;
            char *e = strchr(v, q);

            if (e != NULL)
                *e = '\0';
        }
        snprintf(val, size, "%s", v);
        found = true;
        if (!uci)
            break; /* sshd: the first value wins */
    }
    return found;
}

static bool
svc_yes(const char *v)
{
    return strcasecmp(v, "yes") == 0 || strcasecmp(v, "on") == 0 ||
           strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0;
}

static enum assay_status
svc_ssh_run(struct check_ctx *c, const struct assay_node *root)
{
    struct boot b;
    enum assay_status rc = boot_collect(c, root, &b);
    const struct assay_node *n;
    const uint8_t *d;
    size_t len = 0;
    char v[128];

    if (rc != ASSAY_OK || b.sys == NULL)
        return rc;
    /* dropbear on its command line (busybox/sysvinit style) */
    for (size_t i = 0; i < b.ncmds; i++) {
        const struct svc_cmd *cmd = b.cmds[i].cmd;

        if (strcmp(cmd->name, "dropbear") != 0 || cmd->args[0] == '$')
            continue;
        if (svc_arg(cmd->args, "-B", NULL, 0))
            rc = check_reportf_sev(c, b.cmds[i].file, cmd->line, ASSAY_SEV_HIGH,
                ASSAY_CONF_HIGH,
                "SSH server allows logins with a blank password",
                "dropbear started with -B: '%s %s'", cmd->program, cmd->args);
        else if (!svc_arg(cmd->args, "-s", NULL, 0) &&
                 !svc_arg(cmd->args, "-g", NULL, 0) &&
                 assay_node_lookup(b.sys, "etc/config/dropbear", true) == NULL)
            rc = check_reportf(c, b.cmds[i].file, cmd->line,
                "SSH server allows password logins as root",
                "dropbear started without -s or -g: '%s%s%s'", cmd->program,
                cmd->args[0] != '\0' ? " " : "", cmd->args);
        if (check_rc(rc) != ASSAY_OK)
            return rc;
    }
    /* OpenWrt UCI: RootPasswordAuth defaults to on */
    d = check_read(b.sys, "etc/config/dropbear", &len, &n);
    if (d != NULL && boot_started(&b, "dropbear") == false) {
        const struct assay_node *init =
            assay_node_lookup(b.sys, "etc/init.d/dropbear", true);

        if (init != NULL && boot_seen(&b, init))
            ; /* started by its procd script, handled below */
        else
            d = NULL;
    }
    if (d != NULL && check_is_text(d, len)) {
        bool pw = !svc_conf_get(d, len, "PasswordAuth", true, v, sizeof(v)) ||
                  svc_yes(v);
        bool rootpw =
            !svc_conf_get(d, len, "RootPasswordAuth", true, v, sizeof(v)) ||
            svc_yes(v);

        if (pw && rootpw)
            rc = check_reportf(c, n, 0,
                "SSH server allows password logins as root",
                "dropbear UCI: PasswordAuth and RootPasswordAuth are on");
        if (check_rc(rc) != ASSAY_OK)
            return rc;
    }
    /* OpenSSH */
    d = check_read(b.sys, "etc/ssh/sshd_config", &len, &n);
    if (d != NULL && check_is_text(d, len) && boot_started(&b, "sshd")) {
        bool empty =
            svc_conf_get(d, len, "PermitEmptyPasswords", false, v, sizeof(v)) &&
            svc_yes(v);
        bool pw = !svc_conf_get(
                      d, len, "PasswordAuthentication", false, v, sizeof(v)) ||
                  svc_yes(v);
        bool rootok =
            svc_conf_get(d, len, "PermitRootLogin", false, v, sizeof(v)) &&
            svc_yes(v);

        if (empty && pw)
            rc = check_reportf_sev(c, n, 0, ASSAY_SEV_HIGH, ASSAY_CONF_HIGH,
                "SSH server allows logins with a blank password",
                "sshd_config: PermitEmptyPasswords yes");
        else if (rootok && pw)
            rc = check_reportf(c, n, 0,
                "SSH server allows password logins as root",
                "sshd_config: PermitRootLogin yes with password "
                "authentication on");
        if (check_rc(rc) != ASSAY_OK)
            return rc;
    }
    return ASSAY_OK;
}

static const char *const prov_svc_ssh[] = {"5.1-5", "5.6-7", NULL};

const struct assay_check ck_svc_ssh = {
    .id = "FW-SVC-003",
    .title = "SSH server allows password logins as root",
    .provisions = prov_svc_ssh,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FS,
    .run = svc_ssh_run,
};

/* ---- FW-SVC-004: started network service not in the statement -------- */

/* Network-facing daemons worth comparing with the IXIT lists. */
static bool
svc_is_network(const char *name)
{
    static const char *const net[] = {"telnetd", "utelnetd", "ftpd", "vsftpd",
        "proftpd", "tftpd", "atftpd", "httpd", "lighttpd", "uhttpd", "nginx",
        "boa", "goahead", "webs", "mini_httpd", "thttpd", "dropbear", "sshd",
        "miniupnpd", "upnpd", "dnsmasq", "snmpd", "mosquitto", "avahi-daemon",
        "mdnsd", "smbd", "nmbd", "rtspd", "onvif", "adbd", "gdbserver", "inetd",
        "xinetd", "rlogind", "lighttpd-angel", "hostapd", "udhcpd", "dhcpd",
        "ntpd", "cwmpd", "tr069", "lightsrv", "miniweb"};

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(net); i++) {
        if (strcmp(name, net[i]) == 0)
            return true;
    }
    return false;
}

/* Does an IXIT entry name this program? */
static bool
svc_declared(const struct assay_ics *ics, const char *name)
{
    static const enum assay_ixit_table_id tables[] = {
        ASSAY_IXIT_SERVICES, ASSAY_IXIT_INTERFACES};

    for (size_t t = 0; t < ASSAY_ARRAY_LEN(tables); t++) {
        for (size_t i = 0; i < assay_ics_ixit_count(ics, tables[t]); i++) {
            const struct assay_ixit_entry *e =
                assay_ics_ixit(ics, tables[t], i);
            const char *bin =
                e->binary != NULL ? strrchr(e->binary, '/') : NULL;

            char named[128];

            snprintf(named, sizeof(named), "%sd", e->name);
            if (strcasecmp(e->name, name) == 0 ||
                strcasecmp(named, name) == 0 ||
                (e->binary != NULL &&
                    strcmp(bin != NULL ? bin + 1 : e->binary, name) == 0) ||
                (e->description != NULL &&
                    strcasestr(e->description, name) != NULL))
                return true;
        }
    }
    return false;
}

static enum assay_status
svc_undeclared_visit(struct check_ctx *c, const struct boot *b, size_t i)
{
    const struct svc_cmd *cmd = b->cmds[i].cmd;
    char buf[256];
    const char *name = boot_effective(cmd, buf, sizeof(buf));
    bool dup = false;

    if (!svc_is_network(name) || svc_declared(c->ics, name))
        return ASSAY_OK;
    for (size_t k = 0; k < i && !dup; k++) {
        char b2[256];

        dup = strcmp(boot_effective(b->cmds[k].cmd, b2, sizeof(b2)), name) == 0;
    }
    if (dup)
        return ASSAY_OK;
    return check_reportf(c, b->cmds[i].file, cmd->line,
        "undeclared service started at boot",
        "'%s' is started at boot but no IXIT service or interface "
        "names it",
        name);
}

static enum assay_status
svc_undeclared_run(struct check_ctx *c, const struct assay_node *root)
{
    if (c->ics == NULL)
        return ASSAY_OK;
    return boot_each(c, root, svc_undeclared_visit);
}

static const char *const prov_svc_undeclared[] = {"5.6-1", "5.6-5", NULL};

const struct assay_check ck_svc_undeclared = {
    .id = "FW-SVC-004",
    .title = "undeclared service started at boot",
    .provisions = prov_svc_undeclared,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FS,
    .run = svc_undeclared_run,
};

/* ---- FW-PRIV-004: network daemon run as root by its init system ------ */

static enum assay_status
svc_root_visit(struct check_ctx *c, const struct boot *b, size_t i)
{
    const struct boot_cmd *bc = &b->cmds[i];
    char buf[256];
    const char *name = boot_effective(bc->cmd, buf, sizeof(buf));
    const char *how;

    if (!svc_is_network(name) || bc->cmd->disabled)
        return ASSAY_OK;
    if (bc->kind == SVC_SYSTEMD && bc->cmd->user == NULL)
        how = "its systemd unit sets no User=";
    else if ((bc->kind == SVC_INETD || bc->kind == SVC_XINETD) &&
             (bc->cmd->user == NULL || strcmp(bc->cmd->user, "root") == 0))
        how = bc->kind == SVC_INETD ? "inetd.conf runs it as root"
                                    : "its xinetd service runs as root";
    else
        return ASSAY_OK;
    return check_reportf(c, bc->file, bc->cmd->line,
        "network daemon runs as root", "'%s': %s", name, how);
}

static enum assay_status
svc_root_run(struct check_ctx *c, const struct assay_node *root)
{
    return boot_each(c, root, svc_root_visit);
}

static const char *const prov_svc_root[] = {"5.6-7", NULL};

const struct assay_check ck_priv_root_daemon = {
    .id = "FW-PRIV-004",
    .title = "network daemon runs as root",
    .provisions = prov_svc_root,
    .severity = ASSAY_SEV_LOW,
    .scope = CHECK_FS,
    .run = svc_root_run,
};

/* ---- FW-DBG-002: login prompt on a serial port ----------------------- */

static bool
svc_serial_tty(const char *t)
{
    static const char *const serial[] = {"ttyS", "ttyAMA", "ttyMSM", "ttyHS",
        "ttyO", "ttymxc", "ttyUSB", "ttyATH", "ttyMT", "ttySAC", "ttyLP"};

    if (strncmp(t, "/dev/", 5) == 0)
        t += 5;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(serial); i++) {
        if (strncmp(t, serial[i], strlen(serial[i])) == 0)
            return true;
    }
    return false;
}

/* Does the IXIT declare a debug or serial interface (15-Intf)? */
static bool
svc_debug_declared(const struct assay_ics *ics)
{
    static const char *const words[] = {"uart", "serial", "console", "tty"};

    for (size_t i = 0; i < assay_ics_ixit_count(ics, ASSAY_IXIT_INTERFACES);
         i++) {
        const struct assay_ixit_entry *e =
            assay_ics_ixit(ics, ASSAY_IXIT_INTERFACES, i);

        if (e->debug)
            return true;
        for (size_t k = 0; k < ASSAY_ARRAY_LEN(words); k++) {
            if ((e->protocol != NULL && strcasestr(e->protocol, words[k])) ||
                strcasestr(e->name, words[k]))
                return true;
        }
    }
    return false;
}

static enum assay_status
svc_serial_visit(struct check_ctx *c, const struct boot *b, size_t i)
{
    const struct svc_cmd *cmd = b->cmds[i].cmd;
    char w[64] = "";
    const char *tty = NULL;
    size_t p = 0;
    enum assay_status rc;

    if (strcmp(cmd->name, "getty") != 0 && strcmp(cmd->name, "agetty") != 0)
        return ASSAY_OK;
    if (cmd->tty != NULL && svc_serial_tty(cmd->tty))
        tty = cmd->tty;
    /* the tty among getty's words: "-L ttyS0 115200 vt100" */
    while (tty == NULL && cmd->args[p] != '\0') {
        size_t n = strcspn(cmd->args + p, " \t");

        snprintf(w, sizeof(w), "%.*s", (int)n, cmd->args + p);
        if (svc_serial_tty(w))
            tty = w;
        p += n;
        while (cmd->args[p] == ' ' || cmd->args[p] == '\t')
            p++;
    }
    if (tty == NULL)
        return ASSAY_OK;
    rc = check_reportf(c, b->cmds[i].file, cmd->line,
        "login prompt on a serial port", "'%s %s' on %s", cmd->program,
        cmd->args, tty);
    /* TS 103 701 5.6-4: the debug interface must be in IXIT 15-Intf. */
    if (rc == ASSAY_OK && c->ics != NULL && !svc_debug_declared(c->ics))
        rc = check_reportf_sev(c, b->cmds[i].file, cmd->line, ASSAY_SEV_MEDIUM,
            ASSAY_CONF_HIGH, "undeclared debug interface: serial console",
            "%s has a login prompt but no IXIT interface is a debug or serial interface",
            tty);
    return rc;
}

static enum assay_status
svc_serial_run(struct check_ctx *c, const struct assay_node *root)
{
    return boot_each(c, root, svc_serial_visit);
}

static const char *const prov_svc_serial[] = {"5.6-4", NULL};

const struct assay_check ck_dbg_serial = {
    .id = "FW-DBG-002",
    .title = "login prompt on a serial port",
    .provisions = prov_svc_serial,
    .severity = ASSAY_SEV_LOW,
    .scope = CHECK_FS,
    .run = svc_serial_run,
};
