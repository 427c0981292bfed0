/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Credential checks (EN 303 645 5.1-1, 5.1-3, 5.4-1): default and empty
 * passwords, plain-text passwords in configuration, weak hash schemes,
 * hashes in world-readable files and extra superuser accounts.
 *
 * The FS-scope checks gather every credential store of one file system
 * (passwd, shadow, group and their backups in any "etc" folder; htpasswd,
 * htdigest and busybox httpd.conf files anywhere) by name, so a passwd
 * that is a symlink into /tmp (TP-Link) costs nothing and its shadow is
 * still read. Cracking tries the built-in dictionary (creds_default.def)
 * with both cores under the scan's time budget.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_private.h"
#include "creds.h"

#define CREDS_MAX_STORES 64
#define CREDS_MAX_FILE   (4u << 20) /* larger files are not credential stores */
#define CREDS_CONFIG_MAX (1u << 20)

struct cred_store {
    const struct assay_node *n;
    enum cred_format fmt;
    struct cred_entry *e;
    size_t count;
};

/* Which store format a file name implies, or -1. */
static int
creds_format_of(const char *path)
{
    const char *b = check_basename(path);
    size_t dl = (size_t)(b - path);
    bool in_etc = dl >= 5 && memcmp(b - 5, "/etc/", 5) == 0;

    (void)dl;
    if (in_etc) {
        if (strcmp(b, "shadow") == 0 || strcmp(b, "shadow-") == 0 ||
            strcmp(b, "shadow.bak") == 0 || strcmp(b, "shadow.orig") == 0)
            return CRED_FMT_SHADOW;
        if (strcmp(b, "passwd") == 0 || strcmp(b, "passwd-") == 0 ||
            strcmp(b, "passwd.bak") == 0 || strcmp(b, "passwd.orig") == 0)
            return CRED_FMT_PASSWD;
        if (strcmp(b, "group") == 0 || strcmp(b, "gshadow") == 0 ||
            strcmp(b, "group-") == 0)
            return CRED_FMT_GROUP;
    }
    if (strcmp(b, ".htpasswd") == 0 || strcmp(b, "htpasswd") == 0 ||
        assay_str_ends(b, ".htpasswd") || strcmp(b, "lighttpd.user") == 0 ||
        strcmp(b, "boa.passwd") == 0 || strcmp(b, "nginx.passwd") == 0 ||
        (!in_etc && assay_str_ends(b, ".passwd")))
        return CRED_FMT_HTPASSWD;
    if (strcmp(b, ".htdigest") == 0 || strcmp(b, "htdigest") == 0 ||
        assay_str_ends(b, ".htdigest") || strcmp(b, "lighttpd.htdigest") == 0)
        return CRED_FMT_HTDIGEST;
    if (strcmp(b, "httpd.conf") == 0 || strcmp(b, "uhttpd.conf") == 0 ||
        strcmp(b, "httpd.users") == 0)
        return CRED_FMT_BBHTTPD;
    return -1;
}

/* Parse every credential store of the file system rooted at 'root'. */
static enum assay_status
creds_collect(struct check_ctx *c, const struct assay_node *root,
    struct cred_store *st, size_t *count)
{
    struct assay_arena *a = assay_session_arena(c->s);
    size_t n = assay_tree_node_count(c->tree), k = 0;

    for (size_t i = 0; i < n && k < CREDS_MAX_STORES; i++) {
        const struct assay_node *x = assay_tree_node(c->tree, i);
        const uint8_t *d;
        size_t len = 0;
        int fmt;
        enum assay_status rc;

        if (assay_node_type(x) != ASSAY_NODE_FILE ||
            assay_node_fs_root(x) != root)
            continue;
        fmt = creds_format_of(assay_node_path(x));
        if (fmt < 0)
            continue;
        d = assay_node_data(x, &len);
        if (d == NULL || len == 0 || len > CREDS_MAX_FILE ||
            !check_is_text(d, len))
            continue;
        st[k].n = x;
        st[k].fmt = (enum cred_format)fmt;
        rc = cred_parse(a, st[k].fmt, d, len, &st[k].e, &st[k].count);
        if (rc != ASSAY_OK)
            return rc;
        if (st[k].count > 0)
            k++;
    }
    *count = k;
    return ASSAY_OK;
}

/* Is the account's password field the effective one (not "x")? */
static bool
creds_is_login_shell(const char *shell)
{
    if (shell == NULL || *shell == '\0')
        return true; /* default shell */
    return !(assay_str_ends(shell, "nologin") ||
             assay_str_ends(shell, "/false") ||
             assay_str_ends(shell, "/sync") || assay_str_ends(shell, "/halt") ||
             assay_str_ends(shell, "/shutdown"));
}

/* The passwd entry for 'user' among the stores, NULL when none. */
static const struct cred_entry *
creds_passwd_of(const struct cred_store *st, size_t count, const char *user)
{
    for (size_t i = 0; i < count; i++) {
        if (st[i].fmt != CRED_FMT_PASSWD)
            continue;
        for (size_t k = 0; k < st[i].count; k++) {
            if (strcmp(st[i].e[k].user, user) == 0)
                return &st[i].e[k];
        }
    }
    return NULL;
}

/*
 * One entry of the stores of a file system, for a check to judge: the
 * store it is in (st[i]) and all stores (st, ns) for cross-references
 * such as passwd against shadow.
 */
struct creds_visit {
    const struct cred_store *st; /* every store of the file system */
    size_t ns;                   /* stores in st */
    size_t i;                    /* the store holding e */
    const struct cred_entry *e;  /* the entry */
};

typedef enum assay_status (*creds_visit_fn)(
    struct check_ctx *c, const struct creds_visit *v);

/* Collect the stores under 'root' and hand every entry to 'fn'. */
static enum assay_status
creds_each(
    struct check_ctx *c, const struct assay_node *root, creds_visit_fn fn)
{
    struct cred_store st[CREDS_MAX_STORES];
    struct creds_visit v = {st, 0, 0, NULL};
    enum assay_status rc;

    rc = creds_collect(c, root, st, &v.ns);
    if (rc != ASSAY_OK)
        return rc;
    for (v.i = 0; v.i < v.ns; v.i++) {
        for (size_t k = 0; k < st[v.i].count; k++) {
            v.e = &st[v.i].e[k];
            rc = fn(c, &v);
            if (check_rc(rc) != ASSAY_OK)
                return rc;
        }
    }
    return ASSAY_OK;
}

/* ---- FW-CRED-001: default password ------------------------------------ */

static enum assay_status
cred_default_run(struct check_ctx *c, const struct assay_node *root)
{
    struct cred_store st[CREDS_MAX_STORES];
    struct cred_job *jobs;
    size_t ns = 0, nj = 0, total = 0;
    uint64_t tried = 0;
    enum assay_status rc;

    rc = creds_collect(c, root, st, &ns);
    if (rc != ASSAY_OK)
        return rc;
    for (size_t i = 0; i < ns; i++)
        total += st[i].count;
    if (total == 0)
        return ASSAY_OK;
    jobs = assay_arena_array(assay_session_arena(c->s), total, sizeof(*jobs));
    if (jobs == NULL)
        return ASSAY_E_NOMEM;
    for (size_t i = 0; i < ns; i++) {
        for (size_t k = 0; k < st[i].count; k++) {
            const struct cred_entry *e = &st[i].e[k];
            enum cred_scheme sc = cred_scheme_of(e->secret);
            bool dup = false;

            if (st[i].fmt == CRED_FMT_GROUP)
                continue;
            if (st[i].fmt == CRED_FMT_HTDIGEST) {
                if (strlen(e->secret) != 32)
                    continue;
            } else if (!cred_scheme_crackable(sc)) {
                continue;
            }
            for (size_t j = 0; j < nj && !dup; j++)
                dup = strcmp(jobs[j].hash, e->secret) == 0 &&
                      strcmp(jobs[j].user, e->user) == 0;
            if (dup)
                continue;
            jobs[nj].user = e->user;
            jobs[nj].hash = e->secret;
            jobs[nj].realm = e->realm;
            nj++;
        }
    }
    rc = cred_crack(jobs, nj, c->deadline, 2, &tried);
    if (rc == ASSAY_E_NOMEM)
        return rc;
    if (rc == ASSAY_E_TIMEOUT)
        assay_diag(c->s, ASSAY_DIAG_NOTE, c->check->id,
            assay_node_container(root), -1,
            "password cracking stopped at the time budget after %llu "
            "candidates (raise it with --crack-seconds)",
            (unsigned long long)tried);
    /* Report every store entry whose hash was cracked. */
    for (size_t i = 0; i < ns; i++) {
        for (size_t k = 0; k < st[i].count; k++) {
            const struct cred_entry *e = &st[i].e[k];

            for (size_t j = 0; j < nj; j++) {
                const char *src = NULL;
                char how[64];

                if (jobs[j].found == NULL ||
                    strcmp(jobs[j].hash, e->secret) != 0 ||
                    strcmp(jobs[j].user, e->user) != 0)
                    continue;
                if (jobs[j].found != jobs[j].user)
                    (void)cred_default_known(NULL, jobs[j].found, &src);
                if (src != NULL)
                    snprintf(how, sizeof(how),
                        "found in the %s default-credential list", src);
                else
                    snprintf(how, sizeof(how), "the account name itself");
                rc = check_reportf(c, st[i].n, e->line,
                    "universal default password",
                    "account '%s' has password '%s' (%s, %s)", e->user,
                    jobs[j].found,
                    st[i].fmt == CRED_FMT_HTDIGEST
                        ? "htdigest md5"
                        : cred_scheme_name(cred_scheme_of(e->secret)),
                    how);
                if (check_rc(rc) != ASSAY_OK)
                    return rc;
                break;
            }
        }
    }
    return ASSAY_OK;
}

static const char *const prov_cred_default[] = {"5.1-1", "5.1-2", NULL};

const struct assay_check ck_cred_default = {
    .id = "FW-CRED-001",
    .title = "universal default password",
    .provisions = prov_cred_default,
    .severity = ASSAY_SEV_CRITICAL,
    .scope = CHECK_FS,
    .run = cred_default_run,
};

/* ---- FW-CRED-002: empty password -------------------------------------- */

static enum assay_status
cred_empty_visit(struct check_ctx *c, const struct creds_visit *v)
{
    const struct cred_store *s = &v->st[v->i];
    const struct cred_entry *pw = v->e;

    if ((s->fmt != CRED_FMT_PASSWD && s->fmt != CRED_FMT_SHADOW &&
            s->fmt != CRED_FMT_HTPASSWD && s->fmt != CRED_FMT_BBHTTPD) ||
        cred_scheme_of(v->e->secret) != CRED_EMPTY)
        return ASSAY_OK;
    if (s->fmt == CRED_FMT_SHADOW)
        pw = creds_passwd_of(v->st, v->ns, v->e->user);
    if (pw != NULL && pw->shell != NULL && !creds_is_login_shell(pw->shell))
        return ASSAY_OK;
    return check_reportf(c, s->n, v->e->line, "account without a password",
        "account '%s' has an empty password field%s", v->e->user,
        pw != NULL && pw->uid == 0 ? " (uid 0)" : "");
}

static enum assay_status
cred_empty_run(struct check_ctx *c, const struct assay_node *root)
{
    return creds_each(c, root, cred_empty_visit);
}

static const char *const prov_cred_empty[] = {"5.1-1", NULL};

const struct assay_check ck_cred_empty = {
    .id = "FW-CRED-002",
    .title = "account without a password",
    .provisions = prov_cred_empty,
    .severity = ASSAY_SEV_CRITICAL,
    .scope = CHECK_FS,
    .run = cred_empty_run,
};

/* ---- FW-CRED-003: plain-text password in configuration ---------------- */

static bool
cred_plain_applies(const struct assay_node *n)
{
    static const char *const exts[] = {".conf", ".cfg", ".ini", ".xml", ".json",
        ".default", ".defaults", ".config", ".properties", ".txt", ".env",
        ".yaml", ".yml", ".dat"};
    const char *p = assay_node_path(n), *b = check_basename(p);

    if (assay_node_size(n) == 0 || assay_node_size(n) > CREDS_CONFIG_MAX)
        return false;
    if (check_path_in(p, "/usr/share/doc") ||
        check_path_in(p, "/usr/share/man") || strstr(p, "/doc/") != NULL ||
        strstr(p, "/locale") != NULL)
        return false;
    /* Files whose "passwd" keys name databases or policies, not secrets. */
    if (strcmp(b, "nsswitch.conf") == 0 || strcmp(b, "login.defs") == 0 ||
        strcmp(b, "sshd_config") == 0 || strcmp(b, "ssh_config") == 0 ||
        strcmp(b, "services") == 0 || strcmp(b, "protocols") == 0 ||
        check_path_in(p, "/etc/pam.d") || strstr(b, "pam") != NULL)
        return false;
    if (creds_format_of(p) == CRED_FMT_HTPASSWD ||
        creds_format_of(p) == CRED_FMT_BBHTTPD)
        return true;
    if (strstr(p, "/etc/config/") != NULL || strcasestr(b, "nvram") != NULL ||
        strcasestr(b, "default") != NULL)
        return true;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(exts); i++) {
        if (assay_str_ends(b, exts[i]))
            return true;
    }
    return false;
}

/* NVRAM blobs are NUL-separated "key=value" records: make them lines. */
static const uint8_t *
cred_plain_text(struct check_ctx *c, const struct assay_node *n,
    const uint8_t *d, size_t len)
{
    uint8_t *copy;
    size_t eq = 0;

    if (check_is_text(d, len))
        return d;
    if (strcasestr(assay_node_name(n), "nvram") == NULL &&
        strcasestr(assay_node_name(n), "default") == NULL)
        return NULL;
    for (size_t i = 0; i < len; i++)
        eq += d[i] == '=';
    if (eq < 4)
        return NULL;
    copy = assay_arena_alloc(assay_session_arena(c->s), len);
    if (copy == NULL)
        return NULL;
    for (size_t i = 0; i < len; i++)
        copy[i] = d[i] == 0 ? '\n' : d[i];
    return copy;
}

static enum assay_status
cred_plain_run(struct check_ctx *c, const struct assay_node *n)
{
    struct assay_arena *a = assay_session_arena(c->s);
    const uint8_t *d;
    size_t len = 0, np = 0;
    struct cred_pair *p;
    int fmt = creds_format_of(assay_node_path(n));
    enum assay_status rc;

    d = assay_node_data(n, &len);
    if (d == NULL || len == 0)
        return ASSAY_OK;
    if (fmt == CRED_FMT_HTPASSWD || fmt == CRED_FMT_BBHTTPD) {
        struct cred_entry *e;
        size_t ne = 0;

        if (!check_is_text(d, len))
            return ASSAY_OK;
        rc = cred_parse(a, (enum cred_format)fmt, d, len, &e, &ne);
        if (rc != ASSAY_OK)
            return rc;
        for (size_t i = 0; i < ne; i++) {
            const char *src = NULL;
            bool dflt;

            if (cred_scheme_of(e[i].secret) != CRED_PLAIN)
                continue;
            dflt = cred_default_known(NULL, e[i].secret, &src);
            rc = check_reportf_sev(c, n, e[i].line,
                dflt ? ASSAY_SEV_CRITICAL : ASSAY_SEV_HIGH, ASSAY_CONF_HIGH,
                "plain-text password in configuration",
                "web account '%s' has plain-text password '%s'%s", e[i].user,
                e[i].secret, dflt ? " (a well-known default)" : "");
            if (check_rc(rc) != ASSAY_OK)
                return rc;
        }
        if (fmt == CRED_FMT_HTPASSWD)
            return ASSAY_OK;
    }
    d = cred_plain_text(c, n, d, len);
    if (d == NULL)
        return ASSAY_OK;
    rc = cred_scan_config(a, d, len, &p, &np);
    if (rc != ASSAY_OK)
        return rc;
    for (size_t i = 0; i < np; i++) {
        bool dflt = cred_default_known(NULL, p[i].password, NULL);

        /* A hash in a config is a stored credential, not plain text. */
        if (cred_scheme_crackable(cred_scheme_of(p[i].password)) &&
            strlen(p[i].password) > 13)
            continue;
        rc = check_reportf_sev(c, n, p[i].line,
            dflt ? ASSAY_SEV_CRITICAL : ASSAY_SEV_HIGH, ASSAY_CONF_MEDIUM,
            "plain-text password in configuration", "%s%s%s%s = '%s'%s",
            p[i].user != NULL ? "user '" : "",
            p[i].user != NULL ? p[i].user : "", p[i].user != NULL ? "', " : "",
            p[i].key, p[i].password, dflt ? " (a well-known default)" : "");
        if (check_rc(rc) != ASSAY_OK)
            return rc;
    }
    return ASSAY_OK;
}

static const char *const prov_cred_plain[] = {"5.1-1", "5.4-1", NULL};

const struct assay_check ck_cred_plain = {
    .id = "FW-CRED-003",
    .title = "plain-text password in configuration",
    .provisions = prov_cred_plain,
    .severity = ASSAY_SEV_HIGH,
    .scope = CHECK_FILE,
    .applies = cred_plain_applies,
    .run = cred_plain_run,
};

/* ---- FW-CRED-004: weak password hash scheme --------------------------- */

static enum assay_status
cred_weak_visit(struct check_ctx *c, const struct creds_visit *v)
{
    const struct cred_store *s = &v->st[v->i];
    enum cred_scheme sc =
        s->fmt == CRED_FMT_HTDIGEST ? CRED_MD5 : cred_scheme_of(v->e->secret);

    if (s->fmt == CRED_FMT_GROUP || !cred_scheme_weak(sc))
        return ASSAY_OK;
    return check_reportf(c, s->n, v->e->line, "weak password hash scheme",
        "account '%s' uses %s%s", v->e->user,
        s->fmt == CRED_FMT_HTDIGEST ? "htdigest md5" : cred_scheme_name(sc),
        sc == CRED_DES ? " (only the first 8 characters count)" : "");
}

static enum assay_status
cred_weak_run(struct check_ctx *c, const struct assay_node *root)
{
    return creds_each(c, root, cred_weak_visit);
}

static const char *const prov_cred_weak[] = {"5.1-3", "5.4-1", NULL};

const struct assay_check ck_cred_weak = {
    .id = "FW-CRED-004",
    .title = "weak password hash scheme",
    .provisions = prov_cred_weak,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FS,
    .run = cred_weak_run,
};

/* ---- FW-CRED-005: hash in a world-readable file ----------------------- */

static enum assay_status
cred_inline_visit(struct check_ctx *c, const struct creds_visit *v)
{
    const struct cred_store *s = &v->st[v->i];
    enum cred_scheme sc = cred_scheme_of(v->e->secret);

    if ((s->fmt != CRED_FMT_PASSWD && s->fmt != CRED_FMT_GROUP) ||
        strcmp(assay_node_name(s->n), "gshadow") == 0 || sc == CRED_EMPTY ||
        sc == CRED_LOCKED || sc == CRED_SHADOWED)
        return ASSAY_OK;
    return check_reportf(c, s->n, v->e->line,
        "password hash in a world-readable file",
        "%s '%s' keeps its %s password in %s instead of a shadow file",
        s->fmt == CRED_FMT_GROUP ? "group" : "account", v->e->user,
        cred_scheme_name(sc), assay_node_name(s->n));
}

static enum assay_status
cred_inline_run(struct check_ctx *c, const struct assay_node *root)
{
    return creds_each(c, root, cred_inline_visit);
}

static const char *const prov_cred_inline[] = {"5.4-1", NULL};

const struct assay_check ck_cred_inline = {
    .id = "FW-CRED-005",
    .title = "password hash in a world-readable file",
    .provisions = prov_cred_inline,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FS,
    .run = cred_inline_run,
};

/* ---- FW-CRED-006: extra superuser account ----------------------------- */

/* The shadow field of 'user', or NULL. */
static const char *
creds_shadow_of(const struct cred_store *st, size_t count, const char *user)
{
    for (size_t i = 0; i < count; i++) {
        if (st[i].fmt != CRED_FMT_SHADOW)
            continue;
        for (size_t k = 0; k < st[i].count; k++) {
            if (strcmp(st[i].e[k].user, user) == 0)
                return st[i].e[k].secret;
        }
    }
    return NULL;
}

static enum assay_status
cred_uid0_visit(struct check_ctx *c, const struct creds_visit *v)
{
    const struct cred_store *s = &v->st[v->i];
    const char *pw = v->e->secret;

    if (s->fmt != CRED_FMT_PASSWD ||
        strcmp(assay_node_name(s->n), "passwd") != 0 || v->e->uid != 0 ||
        strcmp(v->e->user, "root") == 0 || !creds_is_login_shell(v->e->shell))
        return ASSAY_OK;
    if (cred_scheme_of(pw) == CRED_SHADOWED)
        pw = creds_shadow_of(v->st, v->ns, v->e->user);
    if (pw != NULL && cred_scheme_of(pw) == CRED_LOCKED)
        return ASSAY_OK;
    return check_reportf(c, s->n, v->e->line, "additional superuser account",
        "account '%s' has uid 0 and can log in (%s)", v->e->user,
        pw == NULL ? "no shadow entry" : cred_scheme_name(cred_scheme_of(pw)));
}

static enum assay_status
cred_uid0_run(struct check_ctx *c, const struct assay_node *root)
{
    return creds_each(c, root, cred_uid0_visit);
}

static const char *const prov_cred_uid0[] = {"5.1-1", "5.6-7", NULL};

const struct assay_check ck_cred_uid0 = {
    .id = "FW-CRED-006",
    .title = "additional superuser account",
    .provisions = prov_cred_uid0,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FS,
    .run = cred_uid0_run,
};
