/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The check runner and registry (check_private.h, assay/scan.h).
 *
 * The registry is checks.def included twice (YARA's module list): once
 * for the extern declarations, once for a const pointer table. A scan
 * turns the selection (--only/--skip) into three lists by scope and makes
 * one work list: every FS job (check x file-system root) and IMAGE job
 * first, then one unit per tree node. Worker threads (2 by default) take
 * units from an atomic counter, so files are spread over the cores while
 * a slow FS job (cracking) runs on one of them. Each worker has its own
 * check_ctx; findings go to the report, which is thread-safe, and the
 * report's canonical sort makes the output deterministic whatever the
 * interleaving was.
 */
#include "assay_config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>

#include "assay/extract.h"
#include "assay/scan.h"

#include "../report/report_private.h"
#include "check_private.h"

#define ASSAY_CHECK(id) extern const struct assay_check ck_##id;
#include "checks.def"
#undef ASSAY_CHECK

static const struct assay_check *const check_table[] = {
#define ASSAY_CHECK(id) &ck_##id,
#include "checks.def"
#undef ASSAY_CHECK
};

#define SCAN_MAX_THREADS  8
#define SCAN_EVIDENCE_MAX 1024

size_t
check_registry_count(void)
{
    return ASSAY_ARRAY_LEN(check_table);
}

const struct assay_check *
check_registry_get(size_t i)
{
    return i < ASSAY_ARRAY_LEN(check_table) ? check_table[i] : NULL;
}

const struct assay_check *
check_registry_find(const char *id)
{
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(check_table); i++) {
        if (strcasecmp(check_table[i]->id, id) == 0)
            return check_table[i];
    }
    return NULL;
}

bool
assay_check_info(size_t i, struct assay_check_info *out)
{
    static const char *const scopes[] = {"file", "fs", "image"};
    const struct assay_check *c = check_registry_get(i);

    if (c == NULL)
        return false;
    out->id = c->id;
    out->title = c->title;
    out->provisions = c->provisions;
    out->severity = c->severity;
    out->scope = scopes[c->scope];
    return true;
}

enum assay_status
assay_check_doc(const char *id, assay_sink_fn fn, void *ctx)
{
    static const char *const scopes[] = {"file", "fs", "image"};
    const struct assay_check *c = id != NULL ? check_registry_find(id) : NULL;
    const char *body = c != NULL ? report_check_doc(c->id) : NULL;
    struct assay_buf b;
    enum assay_status rc;

    if (body == NULL)
        return ASSAY_E_NOTFOUND;
    assay_buf_init(&b, 1u << 20);
    rc = assay_buf_printf(&b,
        "---\nid: %s\ntitle: %s\nseverity: %s\n"
        "provisions: [",
        c->id, c->title, assay_severity_name(c->severity));
    for (size_t k = 0; rc == ASSAY_OK && c->provisions[k] != NULL; k++)
        rc = assay_buf_printf(&b, "%s%s", k > 0 ? ", " : "", c->provisions[k]);
    if (rc == ASSAY_OK)
        rc = assay_buf_printf(
            &b, "]\nscope: %s\n---\n\n%s\n", scopes[c->scope], body);
    if (rc == ASSAY_OK)
        rc = fn(ctx, b.data, b.len);
    assay_buf_release(&b);
    return rc;
}

/* check_report() with 'sev_given': keep f->severity even when INFO. */
static enum assay_status
check_add(struct check_ctx *c, const struct assay_node *n,
    const struct assay_finding *f, bool sev_given)
{
    struct assay_finding x = *f;
    const struct assay_check *ck = c->check;

    if (x.check == NULL)
        x.check = ck->id;
    if (x.provision_count == 0) {
        for (size_t i = 0;
             ck->provisions[i] != NULL && i < ASSAY_FINDING_MAX_PROVISIONS; i++)
            x.provisions[x.provision_count++] = ck->provisions[i];
    }
    if (x.severity == ASSAY_SEV_INFO && !sev_given)
        x.severity = ck->severity;
    if (x.title == NULL)
        x.title = ck->title;
    if (x.path == NULL && n != NULL)
        x.path = assay_node_path(n);
    if (x.container == NULL && n != NULL)
        x.container = assay_node_container(n);
    if (x.offset == 0)
        x.offset = -1;
    if (x.source == NULL)
        x.source = "static";
    return assay_report_add_finding(assay_session_report(c->s), &x);
}

enum assay_status
check_report(struct check_ctx *c, const struct assay_node *n,
    const struct assay_finding *f)
{
    return check_add(c, n, f, false);
}

static enum assay_status check_vreport(struct check_ctx *c,
    const struct assay_node *n, uint32_t line, enum assay_severity sev,
    enum assay_confidence conf, const char *title, const char *fmt, va_list ap)
    ASSAY_PRINTF(7, 0);

static enum assay_status
check_vreport(struct check_ctx *c, const struct assay_node *n, uint32_t line,
    enum assay_severity sev, enum assay_confidence conf, const char *title,
    const char *fmt, va_list ap)
{
    struct assay_finding f = {0};
    char ev[SCAN_EVIDENCE_MAX];

    vsnprintf(ev, sizeof(ev), fmt, ap);
    f.severity = sev;
    f.confidence = conf;
    f.title = title;
    f.line = line;
    f.offset = -1;
    f.evidence = ev;
    f.path = n != NULL ? assay_node_path(n) : NULL;
    return check_add(c, n, &f, true);
}

enum assay_status
check_reportf(struct check_ctx *c, const struct assay_node *n, uint32_t line,
    const char *title, const char *fmt, ...)
{
    enum assay_status rc;
    va_list ap;

    va_start(ap, fmt);
    rc = check_vreport(
        c, n, line, c->check->severity, ASSAY_CONF_HIGH, title, fmt, ap);
    va_end(ap);
    return rc;
}

enum assay_status
check_reportf_sev(struct check_ctx *c, const struct assay_node *n,
    uint32_t line, enum assay_severity sev, enum assay_confidence conf,
    const char *title, const char *fmt, ...)
{
    enum assay_status rc;
    va_list ap;

    va_start(ap, fmt);
    rc = check_vreport(c, n, line, sev, conf, title, fmt, ap);
    va_end(ap);
    return rc;
}

/* ---- tree helpers ----------------------------------------------------- */

/* Does folder 'd' look like the top of a Linux system? */
static bool
sysroot_is(const struct assay_node *d)
{
    static const char *const marks[] = {"bin", "sbin", "lib", "usr"};
    const struct assay_node *etc = assay_node_lookup(d, "etc", true);

    if (etc == NULL || assay_node_type(etc) != ASSAY_NODE_DIR)
        return false;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(marks); i++) {
        if (assay_node_lookup(d, marks[i], false) != NULL)
            return true;
    }
    return false;
}

static const struct assay_node *
sysroot_find(const struct assay_node *d, unsigned depth)
{
    if (sysroot_is(d))
        return d;
    if (depth == 0)
        return NULL;
    for (const struct assay_node *c = assay_node_child(d); c != NULL;
         c = assay_node_next(c)) {
        const struct assay_node *r;

        if (assay_node_type(c) != ASSAY_NODE_DIR)
            continue;
        r = sysroot_find(c, depth - 1);
        if (r != NULL)
            return r;
    }
    return NULL;
}

const struct assay_node *
check_sysroot(const struct assay_node *fsroot)
{
    const struct assay_node *r = sysroot_find(fsroot, 3);

    if (r == NULL && assay_node_lookup(fsroot, "etc", true) != NULL)
        r = fsroot; /* a partial tree: etc/ alone */
    return r;
}

const uint8_t *
check_read(const struct assay_node *sysroot, const char *rel, size_t *len,
    const struct assay_node **node)
{
    const struct assay_node *n = assay_node_lookup(sysroot, rel, true);
    const uint8_t *d;

    *len = 0;
    if (node != NULL)
        *node = n;
    if (n == NULL || assay_node_type(n) != ASSAY_NODE_FILE)
        return NULL;
    d = assay_node_data(n, len);
    if (d == NULL || *len == 0)
        return NULL;
    return d;
}

/* ---- selection -------------------------------------------------------- */

/* Mark the ids of comma list 'list' in 'mark'; ASSAY_E_USAGE if unknown. */
static enum assay_status
scan_mark(struct assay_session *s, const char *list, bool *mark)
{
    const char *p = list;

    while (p != NULL && *p != '\0') {
        const char *e = strchr(p, ',');
        size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
        char id[64];
        bool hit = false;

        if (n > 0 && n < sizeof(id)) {
            memcpy(id, p, n);
            id[n] = '\0';
            for (size_t i = 0; i < ASSAY_ARRAY_LEN(check_table); i++) {
                if (strcasecmp(check_table[i]->id, id) == 0 ||
                    (id[n - 1] == '*' &&
                        strncasecmp(check_table[i]->id, id, n - 1) == 0)) {
                    mark[i] = true;
                    hit = true;
                }
            }
        }
        if (!hit && n > 0)
            return assay_err_set(assay_session_err(s), ASSAY_E_USAGE,
                "scan: unknown check '%.*s' (see: assay list checks)",
                (int)(n < 64 ? n : 64), p);
        p = e != NULL ? e + 1 : NULL;
    }
    return ASSAY_OK;
}

/* ---- running ---------------------------------------------------------- */

/* Record that every selected check ran, provision by provision. */
static enum assay_status
scan_coverage(struct assay_session *s, const struct assay_scan_opts *o,
    const bool *only, const bool *skip)
{
    struct assay_report *r = assay_session_report(s);

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(check_table); i++) {
        const struct assay_check *ck = check_table[i];

        if ((o->only != NULL && !only[i]) || skip[i])
            continue;
        for (size_t k = 0; ck->provisions[k] != NULL; k++) {
            struct assay_coverage cv = {ck->provisions[k], ck->id};
            enum assay_status rc = assay_report_add_coverage(r, &cv);

            if (rc == ASSAY_E_NOMEM)
                return rc;
        }
    }
    return ASSAY_OK;
}

struct scan_unit {
    const struct assay_check *ck; /* FS/IMAGE job; NULL: node unit */
    const struct assay_node *n;
};

struct scan_run {
    struct assay_session *s;
    const struct assay_tree *t;
    const struct assay_ics *ics;
    const struct assay_check *files[ASSAY_ARRAY_LEN(check_table)];
    size_t nfiles;          /* FILE-scope checks selected */
    struct scan_unit *jobs; /* FS and IMAGE jobs */
    size_t njobs;
    size_t nnodes;       /* tree nodes */
    _Atomic size_t next; /* next unit: jobs, then nodes */
    _Atomic bool nomem;
    double deadline;
};

static void
scan_one(struct scan_run *r, struct check_ctx *c, const struct assay_check *ck,
    const struct assay_node *n)
{
    enum assay_status rc;

    c->check = ck;
    rc = ck->run(c, n);
    if (rc == ASSAY_OK)
        return;
    if (rc == ASSAY_E_NOMEM) {
        r->nomem = true;
        return;
    }
    assay_diag(r->s, ASSAY_DIAG_WARNING, ck->id,
        n != NULL ? assay_node_container(n) : NULL, -1,
        "could not evaluate '%s': %s", n != NULL ? assay_node_path(n) : "/",
        assay_status_str(rc));
}

static void *
scan_worker(void *arg)
{
    struct scan_run *r = arg;
    struct check_ctx c = {0};

    c.s = r->s;
    c.tree = r->t;
    c.ics = r->ics;
    c.deadline = r->deadline;
    for (;;) {
        size_t i = atomic_fetch_add(&r->next, 1);
        const struct assay_node *n;

        if (i >= r->njobs + r->nnodes || r->nomem)
            break;
        if (i < r->njobs) {
            scan_one(r, &c, r->jobs[i].ck, r->jobs[i].n);
            continue;
        }
        n = assay_tree_node(r->t, i - r->njobs);
        if (n == NULL || assay_node_type(n) != ASSAY_NODE_FILE)
            continue;
        for (size_t k = 0; k < r->nfiles && !r->nomem; k++) {
            if (r->files[k]->applies == NULL || r->files[k]->applies(n))
                scan_one(r, &c, r->files[k], n);
        }
    }
    return NULL;
}

enum assay_status
assay_scan_tree(struct assay_session *s, const struct assay_tree *t,
    const struct assay_scan_opts *o)
{
    static const struct assay_scan_opts none = {0};
    bool only[ASSAY_ARRAY_LEN(check_table)] = {0};
    bool skip[ASSAY_ARRAY_LEN(check_table)] = {0};
    const struct assay_check *fs[ASSAY_ARRAY_LEN(check_table)];
    const struct assay_check *img[ASSAY_ARRAY_LEN(check_table)];
    size_t nfs = 0, nimg = 0, nroots = 0;
    struct scan_run r = {0};
    pthread_t tid[SCAN_MAX_THREADS];
    unsigned threads, started = 0;
    uint32_t secs;
    enum assay_status rc;

    if (s == NULL || t == NULL)
        return ASSAY_E_USAGE;
    if (o == NULL)
        o = &none;
    if (o->only != NULL && (rc = scan_mark(s, o->only, only)) != ASSAY_OK)
        return rc;
    if (o->skip != NULL && (rc = scan_mark(s, o->skip, skip)) != ASSAY_OK)
        return rc;
    r.s = s;
    r.t = t;
    r.ics = o->ics;
    r.nnodes = assay_tree_node_count(t);
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(check_table); i++) {
        const struct assay_check *ck = check_table[i];

        if ((o->only != NULL && !only[i]) || skip[i])
            continue;
        if (ck->scope == CHECK_FILE)
            r.files[r.nfiles++] = ck;
        else if (ck->scope == CHECK_FS)
            fs[nfs++] = ck;
        else
            img[nimg++] = ck;
    }
    for (size_t i = 0; i < r.nnodes; i++)
        nroots += assay_node_is_fs_root(assay_tree_node(t, i));
    r.jobs = assay_arena_array(
        assay_session_arena(s), nroots * nfs + nimg + 1, sizeof(*r.jobs));
    if (r.jobs == NULL)
        return ASSAY_E_NOMEM;
    for (size_t k = 0; k < nimg; k++)
        r.jobs[r.njobs++] = (struct scan_unit){img[k], assay_tree_root(t)};
    for (size_t i = 0; i < r.nnodes && nfs > 0; i++) {
        const struct assay_node *n = assay_tree_node(t, i);

        if (!assay_node_is_fs_root(n))
            continue;
        for (size_t k = 0; k < nfs; k++)
            r.jobs[r.njobs++] = (struct scan_unit){fs[k], n};
    }
    secs =
        o->crack_seconds == 0 ? ASSAY_DEFAULT_CRACK_SECONDS : o->crack_seconds;
    r.deadline = secs == UINT32_MAX ? 0 : check_now() + (double)secs;
    threads = o->threads == 0 ? 2 : o->threads;
    if (threads > SCAN_MAX_THREADS)
        threads = SCAN_MAX_THREADS;
    for (unsigned i = 1; i < threads; i++) {
        if (pthread_create(&tid[i], NULL, scan_worker, &r) != 0)
            break;
        started++;
    }
    scan_worker(&r);
    for (unsigned i = 0; i < started; i++)
        pthread_join(tid[i + 1], NULL);
    if (r.nomem)
        return ASSAY_E_NOMEM;
    return scan_coverage(s, o, only, skip);
}

enum assay_status
assay_scan_evidence(
    struct assay_session *s, const struct assay_ics *ics, const char *target)
{
    struct assay_scan_opts o = {0};
    struct assay_tree *t = NULL;
    enum assay_status rc, unpacked;

    unpacked = assay_extract_file(s, target, &t);
    if (unpacked != ASSAY_OK && unpacked != ASSAY_E_LIMIT)
        return unpacked;
    o.ics = ics;
    rc = assay_scan_target(s, t, target);
    if (rc == ASSAY_OK)
        rc = assay_scan_tree(s, t, &o);
    return rc != ASSAY_OK ? rc : unpacked;
}

enum assay_status
assay_scan_target(
    struct assay_session *s, const struct assay_tree *t, const char *name)
{
    const struct assay_node *root = assay_tree_root(t);
    struct assay_inventory inv = {0};
    struct assay_target tg = {0};
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    char hex[2 * EVP_MAX_MD_SIZE + 1];
    const uint8_t *data;
    size_t len = 0;

    data = root != NULL ? assay_node_data(root, &len) : NULL;
    if (data != NULL) {
        if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1)
            return ASSAY_E_INTERNAL;
        assay_hex(md, mdlen, hex);
        tg.sha256 = hex;
    }
    tg.kind = "image";
    tg.name = name;
    tg.size = len;
    assay_tree_inventory(t, &inv);
    assay_report_set_inventory(assay_session_report(s), &inv);
    return assay_report_set_target(assay_session_report(s), &tg);
}
