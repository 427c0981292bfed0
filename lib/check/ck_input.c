/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Input handling of web handlers (EN 303 645 5.13-1).
 *
 * FW-INP-001 reads CGI and handler scripts (shell, Lua, PHP) in web
 * folders and follows request data (QUERY_STRING, REQUEST_URI, HTTP_*,
 * FORM_* variables, `read` of the request body, Lua formvalue/getenv,
 * PHP $_GET/$_POST/$_REQUEST) into a shell: eval, sh -c, command
 * substitution, os.execute/io.popen, system/exec/passthru. Only one level
 * of assignment is followed in shell (X=...$QUERY_STRING... makes X
 * tainted). FW-INP-002 looks at compiled web handlers and can only say
 * that a program reads request data and also calls a shell or an
 * unbounded copy: low confidence, and it says so.
 */
#include "assay_config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_private.h"

#define INP_MAX_FILE  (2u << 20)
#define INP_MAX_TAINT 32

static bool
inp_web_path(const char *p)
{
    return strstr(p, "/cgi-bin/") != NULL || check_path_in(p, "/www") ||
           check_path_in(p, "/web") || check_path_in(p, "/htdocs") ||
           check_path_in(p, "/var/www") || check_path_in(p, "/usr/www") ||
           check_path_in(p, "/home/httpd") ||
           check_path_in(p, "/usr/lib/lua/luci") || assay_str_ends(p, ".cgi");
}

static bool
inp_script_applies(const struct assay_node *n)
{
    return assay_node_size(n) > 0 && assay_node_size(n) <= INP_MAX_FILE &&
           inp_web_path(assay_node_path(n));
}

struct taint {
    char names[INP_MAX_TAINT][48];
    size_t n;
};

static bool
inp_is_source(const char *s)
{
    static const char *const src[] = {"QUERY_STRING", "REQUEST_URI", "$HTTP_",
        "${HTTP_", "$FORM_", "${FORM_", "POST_DATA", "$GET_", "$POST_",
        "PATH_INFO", "HTTP_COOKIE"};

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(src); i++) {
        if (strstr(s, src[i]) != NULL)
            return true;
    }
    return false;
}

/* Does 's' use a tainted variable ($X or ${X})? Its name to 'which'. */
static bool
inp_uses_taint(const struct taint *t, const char *s, const char **which)
{
    if (inp_is_source(s)) {
        *which = "request data";
        return true;
    }
    for (size_t i = 0; i < t->n; i++) {
        char a[56], b[56];
        const char *p;
        size_t al;

        snprintf(a, sizeof(a), "$%s", t->names[i]);
        snprintf(b, sizeof(b), "${%s}", t->names[i]);
        al = strlen(a);
        for (p = s; (p = strstr(p, a)) != NULL; p += al) {
            if (!isalnum((unsigned char)p[al]) && p[al] != '_') {
                *which = t->names[i];
                return true;
            }
        }
        if (strstr(s, b) != NULL) {
            *which = t->names[i];
            return true;
        }
    }
    return false;
}

/* "X=..." or "read X" with request data: remember X. */
static void
inp_taint_line(struct taint *t, const char *s)
{
    const char *eq = strchr(s, '=');
    size_t n = 0;
    const char *dummy;

    while (*s == ' ' || *s == '\t')
        s++;
    if (strncmp(s, "export ", 7) == 0 || strncmp(s, "local ", 6) == 0)
        s = strchr(s, ' ') + 1;
    if (strncmp(s, "read ", 5) == 0) {
        s += 5;
        while (*s == '-') { /* read -r X */
            while (*s != '\0' && *s != ' ')
                s++;
            while (*s == ' ')
                s++;
        }
        eq = NULL;
    } else if (eq == NULL || !inp_uses_taint(t, eq + 1, &dummy)) {
        return;
    }
    while (isalnum((unsigned char)s[n]) || s[n] == '_')
        n++;
    if (n == 0 || n >= sizeof(t->names[0]) || t->n >= INP_MAX_TAINT ||
        (eq != NULL && s + n != eq))
        return;
    for (size_t i = 0; i < t->n; i++) {
        if (strncmp(t->names[i], s, n) == 0 && t->names[i][n] == '\0')
            return;
    }
    memcpy(t->names[t->n], s, n);
    t->names[t->n][n] = '\0';
    t->n++;
}

/* A shell sink on this line using tainted data: what it is, or NULL. */
static const char *
inp_shell_sink(const struct taint *t, const char *s, const char **which)
{
    const char *p;

    if ((strncmp(s, "eval ", 5) == 0 || strstr(s, " eval ") != NULL ||
            strstr(s, ";eval ") != NULL) &&
        inp_uses_taint(t, strstr(s, "eval ") + 5, which))
        return "eval";
    if ((p = strstr(s, "sh -c")) != NULL && inp_uses_taint(t, p, which))
        return "sh -c";
    /* command substitution that runs something other than echo/printf
     * on tainted data: `cmd $X` or $(cmd $X) */
    for (p = s; (p = strpbrk(p, "`$")) != NULL; p++) {
        const char *body = NULL, *end;
        char inner[256];

        if (*p == '`') {
            body = p + 1;
            end = strchr(body, '`');
        } else if (p[1] == '(' && p[2] != '(') {
            body = p + 2;
            end = strchr(body, ')');
        } else {
            continue;
        }
        if (end == NULL)
            break;
        snprintf(inner, sizeof(inner), "%.*s", (int)(end - body), body);
        p = end;
        while (inner[0] == ' ')
            memmove(inner, inner + 1, strlen(inner));
        if (strncmp(inner, "echo ", 5) == 0 ||
            strncmp(inner, "printf ", 7) == 0 ||
            strncmp(inner, "cat ", 4) == 0 || strstr(inner, "| ") != NULL ||
            strchr(inner, '|') != NULL)
            continue; /* a filter on the data, not a command built from it */
        if (inp_uses_taint(t, inner, which))
            return "command substitution";
    }
    return NULL;
}

static enum assay_status
inp_script_run(struct check_ctx *c, const struct assay_node *n)
{
    static const char *const php_sinks[] = {
        "system(", "exec(", "shell_exec(", "passthru(", "popen(", "proc_open("};
    static const char *const php_src[] = {
        "$_GET", "$_POST", "$_REQUEST", "$_COOKIE", "$_SERVER"};
    struct taint t = {0};
    struct check_line l = {0};
    size_t len = 0, pos = 0, found = 0;
    const uint8_t *d = assay_node_data(n, &len);
    bool lua_src;

    if (d == NULL || len < 2 || !check_is_text(d, len))
        return ASSAY_OK;
    lua_src = memmem(d, len, "formvalue", 9) != NULL ||
              memmem(d, len, "getenv(\"QUERY_STRING\")", 22) != NULL ||
              memmem(d, len, "getenv('QUERY_STRING')", 22) != NULL;
    while (check_line_next(d, len, &pos, &l) && found < 20) {
        char buf[1024];
        const char *s, *sink = NULL, *which = "request data";
        size_t sn;
        enum assay_status rc;

        if (l.len >= sizeof(buf))
            continue;
        s = check_line_copy(&l, buf, sizeof(buf));
        sn = strlen(s);
        if (s[0] == '#' || (s[0] == '-' && s[1] == '-') ||
            (s[0] == '/' && s[1] == '/'))
            continue;
        /* PHP */
        for (size_t i = 0; i < ASSAY_ARRAY_LEN(php_sinks) && sink == NULL;
             i++) {
            if (strstr(s, php_sinks[i]) == NULL)
                continue;
            for (size_t k = 0; k < ASSAY_ARRAY_LEN(php_src); k++) {
                if (strstr(s, php_src[k]) != NULL) {
                    sink = php_sinks[i];
                    which = php_src[k];
                }
            }
        }
        /* Lua */
        if (sink == NULL && lua_src &&
            (strstr(s, "os.execute(") != NULL ||
                strstr(s, "io.popen(") != NULL) &&
            strstr(s, "..") != NULL)
            sink = strstr(s, "os.execute(") != NULL ? "os.execute" : "io.popen";
        /* shell */
        if (sink == NULL) {
            sink = inp_shell_sink(&t, s, &which);
            inp_taint_line(&t, s);
        }
        if (sink == NULL)
            continue;
        (void)sn;
        rc = check_reportf_sev(c, n, l.no, ASSAY_SEV_HIGH,
            lua_src || strchr(sink, '(') != NULL || strcmp(sink, "eval") == 0
                ? ASSAY_CONF_MEDIUM
                : ASSAY_CONF_LOW,
            "request data reaches a shell", "%s passes %s to %s: %s",
            check_basename(assay_node_path(n)), which, sink, s);
        if (check_rc(rc) != ASSAY_OK)
            return rc;
        found++;
    }
    return ASSAY_OK;
}

static const char *const prov_inp[] = {"5.13-1", NULL};

const struct assay_check ck_inp_script = {
    .id = "FW-INP-001",
    .title = "request data reaches a shell",
    .provisions = prov_inp,
    .severity = ASSAY_SEV_HIGH,
    .scope = CHECK_FILE,
    .applies = inp_script_applies,
    .run = inp_script_run,
};

/* ---- FW-INP-002: compiled web handlers ------------------------------- */

static bool
inp_elf_applies(const struct assay_node *n)
{
    const char *b = assay_node_name(n), *p = assay_node_path(n);

    if (assay_node_size(n) < 64 || assay_node_size(n) > (32u << 20))
        return false;
    return inp_web_path(p) ||
           ((check_path_in(p, "/usr/sbin") || check_path_in(p, "/sbin") ||
                check_path_in(p, "/usr/bin") || check_path_in(p, "/bin")) &&
               (strstr(b, "httpd") != NULL || strstr(b, "webs") != NULL ||
                   strstr(b, "goahead") != NULL || strcmp(b, "boa") == 0 ||
                   strstr(b, "cgi") != NULL || strstr(b, "miniweb") != NULL ||
                   strstr(b, "lightsrv") != NULL));
}

/* Is NUL-delimited symbol 'sym' in the bytes (a dynamic string table)? */
static bool
inp_has_sym(const uint8_t *d, size_t len, const char *sym)
{
    char pat[40];
    size_t n = (size_t)snprintf(pat, sizeof(pat), "%c%s", 0, sym) + 1;

    return memmem(d, len, pat, n) != NULL;
}

static enum assay_status
inp_elf_run(struct check_ctx *c, const struct assay_node *n)
{
    static const char *const req[] = {"QUERY_STRING", "REQUEST_METHOD",
        "websGetVar", "CONTENT_LENGTH", "HTTP_COOKIE"};
    static const char *const shell[] = {"system", "popen", "execl", "execv",
        "doSystemCmd", "twsystem", "_eval"};
    static const char *const copy[] = {"strcpy", "strcat", "sprintf", "gets"};
    size_t len = 0;
    const uint8_t *d = assay_node_data(n, &len);
    char shells[128] = "", copies[128] = "";
    const char *reqs = NULL;
    size_t ks = 0, kc = 0;

    if (d == NULL || len < 64 || memcmp(d, "\177ELF", 4) != 0)
        return ASSAY_OK;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(req) && reqs == NULL; i++) {
        if (memmem(d, len, req[i], strlen(req[i])) != NULL)
            reqs = req[i];
    }
    if (reqs == NULL)
        return ASSAY_OK;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(shell); i++) {
        if (inp_has_sym(d, len, shell[i]) && ks < sizeof(shells))
            ks += (size_t)snprintf(shells + ks, sizeof(shells) - ks, "%s%s",
                ks > 0 ? ", " : "", shell[i]);
    }
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(copy); i++) {
        if (inp_has_sym(d, len, copy[i]) && kc < sizeof(copies))
            kc += (size_t)snprintf(copies + kc, sizeof(copies) - kc, "%s%s",
                kc > 0 ? ", " : "", copy[i]);
    }
    if (ks == 0 && kc == 0)
        return ASSAY_OK;
    return check_rc(check_reportf_sev(c, n, 0, ASSAY_SEV_MEDIUM, ASSAY_CONF_LOW,
        "web handler calls a shell or unbounded copy",
        "reads request data (%s) and imports %s%s%s; whether request data "
        "reaches them is not established (static strings only)",
        reqs, shells[0] ? shells : "", shells[0] && copies[0] ? "; " : "",
        copies));
}

const struct assay_check ck_inp_binary = {
    .id = "FW-INP-002",
    .title = "web handler calls a shell or unbounded copy",
    .provisions = prov_inp,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FILE,
    .applies = inp_elf_applies,
    .run = inp_elf_run,
};
