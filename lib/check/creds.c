/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Credential-store parsers, the configuration password scanner and the
 * dictionary cracker (creds.h). Every field is copied out of the file's
 * bytes into the arena with a length cap, so later code works on short C
 * strings whatever the image holds. Cracking uses crypt_rn() with one
 * struct crypt_data per thread (libxcrypt; thread-safe, no static
 * buffer), and htdigest entries are checked with OpenSSL's MD5.
 */
#include "assay_config.h"

#include <crypt.h>
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>

#include "check_private.h"
#include "creds.h"

#define CRED_MAX_ENTRIES 4096
#define CRED_MAX_PAIRS   1024
#define CRED_FIELD_MAX   512 /* longest field kept, bytes */

struct cred_default {
    const char *user;
    const char *password;
    const char *source;
};

static const struct cred_default cred_defaults[] = {
#define CRED_DEFAULT(u, p, s) {u, p, s},
#include "creds_default.def"
#undef CRED_DEFAULT
};

size_t
cred_default_count(void)
{
    return ASSAY_ARRAY_LEN(cred_defaults);
}

bool
cred_default_known(const char *user, const char *password, const char **source)
{
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(cred_defaults); i++) {
        const struct cred_default *d = &cred_defaults[i];

        if (strcmp(d->password, password) != 0)
            continue;
        if (user != NULL && strcasecmp(d->user, user) != 0)
            continue;
        if (source != NULL)
            *source = d->source;
        return true;
    }
    return false;
}

/* ---- schemes -------------------------------------------------------- */

static bool
cred_is_b64crypt(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];

        if (!(isalnum((unsigned char)c) || c == '.' || c == '/'))
            return false;
    }
    return true;
}

enum cred_scheme
cred_scheme_of(const char *f)
{
    size_t n = strlen(f);

    if (n == 0)
        return CRED_EMPTY;
    if (f[0] == '!' || f[0] == '*')
        return CRED_LOCKED;
    if (strcmp(f, "x") == 0)
        return CRED_SHADOWED;
    if (assay_str_starts(f, "$1$"))
        return CRED_MD5;
    if (assay_str_starts(f, "$apr1$"))
        return CRED_APR1;
    if (assay_str_starts(f, "{SHA}"))
        return CRED_SHA1;
    if (assay_str_starts(f, "$5$"))
        return CRED_SHA256;
    if (assay_str_starts(f, "$6$"))
        return CRED_SHA512;
    if (assay_str_starts(f, "$2a$") || assay_str_starts(f, "$2b$") ||
        assay_str_starts(f, "$2y$"))
        return CRED_BCRYPT;
    if (assay_str_starts(f, "$y$") || assay_str_starts(f, "$gy$") ||
        assay_str_starts(f, "$7$"))
        return CRED_YESCRYPT;
    if (f[0] == '$' && n > 3 && strchr(f + 1, '$') != NULL)
        return CRED_OTHER;
    if (n == 13 && cred_is_b64crypt(f, 13))
        return CRED_DES;
    if (n == 20 && f[0] == '_' && cred_is_b64crypt(f + 1, 19))
        return CRED_BSDI;
    /* crypt alphabet with '.' or '/', 13+ long: a hash of a scheme we do
     * not know (vendor DES variants), not a password */
    if (n >= 13 && cred_is_b64crypt(f, n) &&
        (strchr(f, '.') != NULL || strchr(f, '/') != NULL))
        return CRED_OTHER;
    return CRED_PLAIN;
}

const char *
cred_scheme_name(enum cred_scheme s)
{
    static const char *const names[] = {"empty", "locked", "shadowed",
        "des-crypt", "bsdi-crypt", "md5-crypt", "apache-md5", "sha1",
        "sha256-crypt", "sha512-crypt", "bcrypt", "yescrypt",
        "unrecognised hash", "plain text"};

    return (size_t)s < ASSAY_ARRAY_LEN(names) ? names[s] : "unknown";
}

bool
cred_scheme_weak(enum cred_scheme s)
{
    return s == CRED_DES || s == CRED_BSDI || s == CRED_MD5 || s == CRED_APR1 ||
           s == CRED_SHA1;
}

bool
cred_scheme_crackable(enum cred_scheme s)
{
    return s == CRED_DES || s == CRED_BSDI || s == CRED_MD5 ||
           s == CRED_SHA256 || s == CRED_SHA512 || s == CRED_BCRYPT ||
           s == CRED_YESCRYPT || s == CRED_OTHER;
}

/* ---- store parsers ---------------------------------------------------- */

/* Split l at ':' into at most 'max' fields (arena copies). */
static size_t
cred_split(struct assay_arena *a, const struct check_line *l, char **f,
    size_t max, bool *nomem)
{
    size_t count = 0, start = 0;

    for (size_t i = 0; i <= l->len && count < max; i++) {
        if (i < l->len && l->text[i] != ':')
            continue;
        if (i - start > CRED_FIELD_MAX) {
            f[count++] = NULL;
        } else {
            f[count] = assay_arena_strndup(a, l->text + start, i - start);
            if (f[count] == NULL) {
                *nomem = true;
                return 0;
            }
            count++;
        }
        start = i + 1;
    }
    return count;
}

static bool
cred_name_ok(const char *s)
{
    if (s == NULL || *s == '\0' || *s == '#')
        return false;
    for (; *s != '\0'; s++) {
        if (isspace((unsigned char)*s) || (unsigned char)*s < 0x20)
            return false;
    }
    return true;
}

enum assay_status
cred_parse(struct assay_arena *a, enum cred_format fmt, const uint8_t *data,
    size_t len, struct cred_entry **out, size_t *n)
{
    struct check_line l = {0};
    struct cred_entry *v;
    size_t pos = 0, cnt = 0,
           cap = check_reserve(data, len, 1, CRED_MAX_ENTRIES);
    bool nomem = false;

    *out = NULL;
    *n = 0;
    v = assay_arena_array(a, cap, sizeof(*v));
    if (v == NULL)
        return ASSAY_E_NOMEM;
    while (cnt < cap && check_line_next(data, len, &pos, &l)) {
        char *f[8];
        size_t nf, ui = 0, si = 1;
        struct cred_entry *e = &v[cnt];
        uint64_t uid;

        if (l.len == 0 || l.text[0] == '#')
            continue;
        nf = cred_split(a, &l, f, 8, &nomem);
        if (nomem)
            return ASSAY_E_NOMEM;
        switch (fmt) {
        case CRED_FMT_PASSWD:
            if (nf < 7)
                continue;
            break;
        case CRED_FMT_SHADOW:
        case CRED_FMT_GROUP:
        case CRED_FMT_HTPASSWD:
            if (nf < 2)
                continue;
            break;
        case CRED_FMT_HTDIGEST:
            if (nf != 3)
                continue;
            si = 2;
            break;
        case CRED_FMT_BBHTTPD:
            /* "/path:user:pass"; "A:ip" / "D:ip" / "I:index" / ".ext:type"
             * lines are not credentials. */
            if (nf != 3 || f[0] == NULL || f[0][0] != '/')
                continue;
            ui = 1;
            si = 2;
            break;
        }
        if (!cred_name_ok(f[ui]) || f[si] == NULL)
            continue;
        memset(e, 0, sizeof(*e));
        e->user = f[ui];
        e->secret = f[si];
        e->uid = -1;
        e->line = l.no;
        if (fmt == CRED_FMT_HTDIGEST)
            e->realm = f[1];
        if (fmt == CRED_FMT_PASSWD) {
            if (f[2] != NULL && assay_parse_u64(f[2], 0, UINT32_MAX, &uid))
                e->uid = (int64_t)uid;
            e->shell = f[6];
        }
        cnt++;
    }
    *out = v;
    *n = cnt;
    return ASSAY_OK;
}

/* ---- configuration scanner ------------------------------------------- */

static bool
cred_key_has(const char *key, const char *const *words, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (strcasestr(key, words[i]) != NULL)
            return true;
    }
    return false;
}

/*
 * Does 'key' have one of 'words' as a whole word? Words are runs of
 * letters, split at other characters and at camelCase humps
 * ("passwordMinLength" = password, min, length).
 */
static bool
cred_key_word(const char *key, const char *const *words, size_t count)
{
    const char *p = key;

    while (*p != '\0') {
        char w[32];
        size_t n = 0;

        while (*p != '\0' && !isalpha((unsigned char)*p))
            p++;
        while (isalpha((unsigned char)*p)) {
            if (n > 0 && isupper((unsigned char)*p) &&
                islower((unsigned char)p[-1]))
                break;
            if (n + 1 < sizeof(w))
                w[n++] = (char)tolower((unsigned char)*p);
            p++;
        }
        w[n] = '\0';
        for (size_t i = 0; n > 0 && i < count; i++) {
            if (strcmp(w, words[i]) == 0)
                return true;
        }
    }
    return false;
}

static bool
cred_key_is_password(const char *key)
{
    static const char *const yes[] = {"pass", "pwd", "psk"};
    static const char *const not_sub[] = {
        "passive", "bypass", "compass", "passthrough", "passage"};
    static const char *const not_word[] = {"len", "length", "min", "max",
        "policy", "timeout", "retry", "retries", "expire", "expires", "age",
        "change", "enable", "enabled", "hint", "prompt", "label", "type",
        "mode", "format", "file", "path", "dir", "cmd", "hash", "salt", "check",
        "strength", "required", "tip", "encrypt", "encrypted", "auth",
        "authentication", "complexity", "history", "reset", "count", "warn",
        "lock", "lockout", "algorithm", "through", "thru"};

    return cred_key_has(key, yes, ASSAY_ARRAY_LEN(yes)) &&
           !cred_key_has(key, not_sub, ASSAY_ARRAY_LEN(not_sub)) &&
           !cred_key_word(key, not_word, ASSAY_ARRAY_LEN(not_word));
}

static bool
cred_key_is_user(const char *key)
{
    static const char *const yes[] = {
        "user", "login", "account", "admin_name", "adminname", "uname"};
    static const char *const no[] = {
        "agent", "group", "file", "path", "max", "enable", "len"};

    return cred_key_has(key, yes, ASSAY_ARRAY_LEN(yes)) &&
           !cred_key_has(key, no, ASSAY_ARRAY_LEN(no));
}

/* Values that are not literal passwords. */
static bool
cred_value_is_literal(const char *v)
{
    static const char *const placeholders[] = {"none", "null", "nil",
        "undefined", "empty", "disabled", "changeme_at_setup", "true", "false",
        "yes", "no", "on", "off", "required", "optional"};
    size_t n = strlen(v), masked = 0;

    if (n == 0 || n > 128)
        return false;
    if (strchr("$%<{[@/`&(\\", v[0]) != NULL)
        return false;
    if (strstr(v, "$(") != NULL || strstr(v, "${") != NULL ||
        strstr(v, "{{") != NULL)
        return false;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(placeholders); i++) {
        if (strcasecmp(v, placeholders[i]) == 0)
            return false;
    }
    for (size_t i = 0; i < n; i++)
        masked += v[i] == '*' || v[i] == 'x' || v[i] == 'X' || v[i] == '#';
    if (masked == n && n >= 3)
        return false;
    return true;
}

/* Unquote [p, p + n) into buf. */
static void
cred_unquote(const char *p, size_t n, char *buf, size_t size)
{
    while (n > 0 && isspace((unsigned char)*p)) {
        p++;
        n--;
    }
    while (n > 0 && (isspace((unsigned char)p[n - 1]) || p[n - 1] == ';' ||
                        p[n - 1] == ','))
        n--;
    if (n >= 2 && (p[0] == '"' || p[0] == '\'') && p[n - 1] == p[0]) {
        p++;
        n -= 2;
    }
    if (n >= size)
        n = size - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
}

struct cred_scan {
    struct assay_arena *a;
    struct cred_pair *v;
    size_t n;
    size_t cap;         /* entries in v */
    char user[128];     /* last user-like value */
    uint32_t user_line; /* where it was, 0 none */
    bool nomem;
};

static void
cred_scan_kv(
    struct cred_scan *st, const char *key, const char *val, uint32_t line)
{
    struct cred_pair *p;

    if (key[0] == '\0')
        return;
    if (cred_key_is_user(key) && !cred_key_is_password(key)) {
        if (cred_value_is_literal(val) && strlen(val) < sizeof(st->user)) {
            memcpy(st->user, val, strlen(val) + 1);
            st->user_line = line;
        }
        return;
    }
    if (!cred_key_is_password(key) || !cred_value_is_literal(val) ||
        st->n >= st->cap)
        return;
    p = &st->v[st->n];
    p->key = assay_arena_strdup(st->a, key);
    p->password = assay_arena_strdup(st->a, val);
    p->user = NULL;
    if (st->user_line != 0 && line - st->user_line <= 5)
        p->user = assay_arena_strdup(st->a, st->user);
    p->line = line;
    if (p->key == NULL || p->password == NULL ||
        (st->user_line != 0 && line - st->user_line <= 5 && p->user == NULL)) {
        st->nomem = true;
        return;
    }
    st->n++;
}

static bool
cred_keychar(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.';
}

/* XML: <key>value</key> and key="value" attributes. */
static void
cred_scan_xml(struct cred_scan *st, const char *s, uint32_t line)
{
    char key[96], val[160];

    for (const char *p = s; (p = strchr(p, '<')) != NULL; p++) {
        const char *k = p + 1, *ke = k, *ve, *close;
        size_t kn;

        while (cred_keychar(*ke) || *ke == ':')
            ke++;
        kn = (size_t)(ke - k);
        if (kn == 0 || kn >= sizeof(key) || *ke != '>')
            continue;
        ve = strchr(ke + 1, '<');
        if (ve == NULL || ve[1] != '/')
            continue;
        close = ve + 2;
        if (strncmp(close, k, kn) != 0 || close[kn] != '>')
            continue;
        memcpy(key, k, kn);
        key[kn] = '\0';
        cred_unquote(ke + 1, (size_t)(ve - ke - 1), val, sizeof(val));
        cred_scan_kv(st, key, val, line);
    }
    for (const char *p = s; (p = strchr(p, '=')) != NULL; p++) {
        const char *ke = p, *kb = p, *ve;
        char q = p[1];

        if (q != '"' && q != '\'')
            continue;
        while (kb > s && cred_keychar(kb[-1]))
            kb--;
        if (kb == ke || (size_t)(ke - kb) >= sizeof(key) ||
            (kb > s && kb[-1] != ' ' && kb[-1] != '\t'))
            continue;
        ve = strchr(p + 2, q);
        if (ve == NULL)
            continue;
        memcpy(key, kb, (size_t)(ke - kb));
        key[ke - kb] = '\0';
        cred_unquote(p + 2, (size_t)(ve - p - 2), val, sizeof(val));
        cred_scan_kv(st, key, val, line);
    }
}

/*
 * One line of a non-XML config: JSON members ("k": "v"), UCI
 * ("option k 'v'"), key=value tokens (several per line: goahead's
 * "user name=admin password=admin"), "key: value" and "key value".
 */
static void
cred_scan_line(struct cred_scan *st, const char *s, uint32_t line)
{
    char key[96], val[160];
    const char *p = s;

    while (isspace((unsigned char)*p))
        p++;
    if (*p == '#' || *p == ';' || (p[0] == '/' && p[1] == '/') || *p == '\0')
        return;
    if (strncmp(p, "export ", 7) == 0)
        p += 7;
    if (strncmp(p, "option ", 7) == 0 || strncmp(p, "option\t", 7) == 0) {
        const char *k = p + 7, *ke;

        while (isspace((unsigned char)*k))
            k++;
        ke = k;
        while (cred_keychar(*ke))
            ke++;
        if (ke == k || (size_t)(ke - k) >= sizeof(key))
            return;
        memcpy(key, k, (size_t)(ke - k));
        key[ke - k] = '\0';
        cred_unquote(ke, strlen(ke), val, sizeof(val));
        cred_scan_kv(st, key, val, line);
        return;
    }
    if (*p == '"' || *p == '{' || *p == ',') {
        /* JSON: "key" : "value" members, possibly several per line. */
        for (const char *q = p; (q = strchr(q, '"')) != NULL;) {
            const char *ke = strchr(q + 1, '"'), *c, *vb, *ve;

            if (ke == NULL)
                return;
            c = ke + 1;
            while (isspace((unsigned char)*c))
                c++;
            if (*c != ':') {
                q = ke + 1;
                continue;
            }
            c++;
            while (isspace((unsigned char)*c))
                c++;
            if (*c != '"') {
                q = c;
                continue;
            }
            vb = c + 1;
            ve = strchr(vb, '"');
            if (ve == NULL)
                return;
            if ((size_t)(ke - q - 1) < sizeof(key)) {
                memcpy(key, q + 1, (size_t)(ke - q - 1));
                key[ke - q - 1] = '\0';
                cred_unquote(vb, (size_t)(ve - vb), val, sizeof(val));
                cred_scan_kv(st, key, val, line);
            }
            q = ve + 1;
        }
        return;
    }
    /* key=value tokens, or "key: value", or "key value". */
    for (const char *q = p; *q != '\0';) {
        const char *kb = q, *ke, *vb, *ve;

        while (cred_keychar(*q))
            q++;
        ke = q;
        if (ke == kb) {
            q++;
            continue;
        }
        while (*q == ' ' || *q == '\t')
            q++;
        if (*q == '=' || *q == ':') {
            q++;
        } else if (kb != p || *q == '\0') {
            /* "key value" only as the whole line's first word */
            continue;
        }
        while (*q == ' ' || *q == '\t')
            q++;
        vb = q;
        if (*q == '"' || *q == '\'') {
            const char *e = strchr(q + 1, *q);

            ve = e != NULL ? e + 1 : q + strlen(q);
        } else {
            while (*q != '\0' && *q != ' ' && *q != '\t')
                q++;
            ve = q;
        }
        q = ve;
        if ((size_t)(ke - kb) >= sizeof(key))
            continue;
        memcpy(key, kb, (size_t)(ke - kb));
        key[ke - kb] = '\0';
        cred_unquote(vb, (size_t)(ve - vb), val, sizeof(val));
        cred_scan_kv(st, key, val, line);
    }
}

enum assay_status
cred_scan_config(struct assay_arena *a, const uint8_t *data, size_t len,
    struct cred_pair **out, size_t *n)
{
    struct cred_scan st = {0};
    struct check_line l = {0};
    size_t pos = 0;
    char buf[1024];

    *out = NULL;
    *n = 0;
    st.a = a;
    st.cap = check_reserve(data, len, 8, CRED_MAX_PAIRS);
    st.v = assay_arena_array(a, st.cap, sizeof(*st.v));
    if (st.v == NULL)
        return ASSAY_E_NOMEM;
    while (check_line_next(data, len, &pos, &l) && !st.nomem) {
        if (l.len == 0 || l.len >= sizeof(buf))
            continue;
        check_line_copy(&l, buf, sizeof(buf));
        if (memchr(buf, '\0', strlen(buf)) != NULL)
            continue;
        if (strchr(buf, '<') != NULL && strchr(buf, '>') != NULL)
            cred_scan_xml(&st, buf, l.no);
        else
            cred_scan_line(&st, buf, l.no);
    }
    if (st.nomem)
        return ASSAY_E_NOMEM;
    *out = st.v;
    *n = st.n;
    return ASSAY_OK;
}

/* ---- cracking -------------------------------------------------------- */

struct crack_item {
    uint32_t job; /* index into jobs */
    int32_t cand; /* dictionary index, -1: the user name */
};

struct crack_run {
    struct cred_job *jobs;
    struct crack_item *items;
    size_t count;
    _Atomic size_t next;
    _Atomic uint64_t tried;
    _Atomic bool *done; /* per job */
    _Atomic bool timed_out;
    _Atomic bool nomem;
    pthread_mutex_t lock; /* guards jobs[].found */
    double deadline;
};

static bool
crack_digest(const struct cred_job *j, const char *pw)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    char hex[2 * EVP_MAX_MD_SIZE + 1];
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    bool ok = false;

    if (m == NULL)
        return false;
    if (EVP_DigestInit_ex(m, EVP_md5(), NULL) == 1 &&
        EVP_DigestUpdate(m, j->user, strlen(j->user)) == 1 &&
        EVP_DigestUpdate(m, ":", 1) == 1 &&
        EVP_DigestUpdate(m, j->realm, strlen(j->realm)) == 1 &&
        EVP_DigestUpdate(m, ":", 1) == 1 &&
        EVP_DigestUpdate(m, pw, strlen(pw)) == 1 &&
        EVP_DigestFinal_ex(m, md, &mdlen) == 1) {
        assay_hex(md, mdlen, hex);
        ok = strcasecmp(hex, j->hash) == 0;
    }
    EVP_MD_CTX_free(m);
    return ok;
}

static void *
crack_worker(void *arg)
{
    struct crack_run *r = arg;
    struct crypt_data *cd = assay_calloc(1, sizeof(*cd));

    if (cd == NULL) {
        r->nomem = true;
        return NULL;
    }
    for (;;) {
        size_t i = atomic_fetch_add(&r->next, 1);
        const struct crack_item *it;
        struct cred_job *j;
        const char *pw, *h;
        bool hit;

        if (i >= r->count)
            break;
        if (r->deadline > 0 && check_now() > r->deadline) {
            r->timed_out = true;
            break;
        }
        it = &r->items[i];
        if (r->done[it->job])
            continue;
        j = &r->jobs[it->job];
        pw = it->cand < 0 ? j->user : cred_defaults[it->cand].password;
        if (j->realm != NULL) {
            hit = crack_digest(j, pw);
        } else {
            h = crypt_rn(pw, j->hash, cd, (int)sizeof(*cd));
            hit = h != NULL && h[0] != '*' && strcmp(h, j->hash) == 0;
        }
        r->tried++;
        if (hit) {
            pthread_mutex_lock(&r->lock);
            if (j->found == NULL)
                j->found = pw;
            r->done[it->job] = true;
            pthread_mutex_unlock(&r->lock);
        }
    }
    assay_free(cd);
    return NULL;
}

/* Has password 'pw' already been queued for job 'j'? (dedup) */
static bool
crack_seen(const struct crack_item *items, size_t from, size_t to,
    const char *pw, const struct cred_job *j)
{
    for (size_t k = from; k < to; k++) {
        const char *q =
            items[k].cand < 0 ? j->user : cred_defaults[items[k].cand].password;

        if (strcmp(q, pw) == 0)
            return true;
    }
    return false;
}

enum assay_status
cred_crack(struct cred_job *jobs, size_t n, double deadline, unsigned threads,
    uint64_t *tried)
{
    struct crack_run r = {0};
    pthread_t tid[8];
    size_t per = ASSAY_ARRAY_LEN(cred_defaults) + 1, cnt = 0;
    uint64_t bytes;
    unsigned started = 0;
    enum assay_status rc = ASSAY_OK;

    if (tried != NULL)
        *tried = 0;
    if (n == 0)
        return ASSAY_OK;
    if (threads == 0)
        threads = 1;
    if (threads > ASSAY_ARRAY_LEN(tid))
        threads = ASSAY_ARRAY_LEN(tid);
    if (assay_mul_ovf(n, per, &bytes) || bytes > SIZE_MAX)
        return ASSAY_E_NOMEM;
    r.items = assay_calloc((size_t)bytes, sizeof(*r.items));
    r.done = assay_calloc(n, sizeof(*r.done));
    if (r.items == NULL || r.done == NULL) {
        rc = ASSAY_E_NOMEM;
        goto out_free;
    }
    /* Per job: pairs for its user, the user name, then the rest; jobs
     * with fast schemes first so a slow bcrypt cannot starve them. */
    for (size_t jj = 0; jj < 2 * n; jj++) {
        size_t j = jj % n, first = cnt;
        enum cred_scheme sc =
            jobs[j].realm != NULL ? CRED_MD5 : cred_scheme_of(jobs[j].hash);
        bool slow =
            sc == CRED_BCRYPT || sc == CRED_YESCRYPT || sc == CRED_OTHER;

        if (slow != (jj >= n))
            continue;
        jobs[j].found = NULL;
        for (int pass = 0; pass < 3; pass++) {
            if (pass == 1) {
                if (!crack_seen(r.items, first, cnt, jobs[j].user, &jobs[j]))
                    r.items[cnt++] = (struct crack_item){(uint32_t)j, -1};
                continue;
            }
            for (size_t k = 0; k < ASSAY_ARRAY_LEN(cred_defaults); k++) {
                bool mine =
                    strcasecmp(cred_defaults[k].user, jobs[j].user) == 0;

                if ((pass == 0) != mine)
                    continue;
                if (crack_seen(r.items, first, cnt, cred_defaults[k].password,
                        &jobs[j]))
                    continue;
                r.items[cnt++] = (struct crack_item){(uint32_t)j, (int32_t)k};
            }
        }
    }
    r.jobs = jobs;
    r.count = cnt;
    r.deadline = deadline;
    pthread_mutex_init(&r.lock, NULL);
    for (unsigned t = 0; t < threads; t++) {
        if (pthread_create(&tid[t], NULL, crack_worker, &r) != 0)
            break;
        started++;
    }
    if (started == 0)
        crack_worker(&r);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&r.lock);
    if (tried != NULL)
        *tried = r.tried;
    if (r.nomem)
        rc = ASSAY_E_NOMEM;
    else if (r.timed_out)
        rc = ASSAY_E_TIMEOUT;
out_free:
    assay_free(r.items);
    assay_free((void *)(uintptr_t)r.done);
    return rc;
}
