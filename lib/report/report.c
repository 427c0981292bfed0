/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The in-memory report. Records are copied into the session arena; the
 * report keeps growable arrays of pointers to them (heap, capped by the
 * session limits). Sorting gives every writer the same canonical order:
 * findings by severity (highest first), then check, container, path, line,
 * offset and evidence, which is a total order on what a writer prints, so
 * the same input always gives the same bytes.
 */
#include "assay_config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report_private.h"

struct ptr_vec {
    void **items; /* heap */
    size_t len;
    size_t alloc;
};

struct assay_report {
    pthread_mutex_t lock;
    struct assay_arena *arena;      /* the session's */
    const struct assay_limits *lim; /* the session's */
    struct ptr_vec findings;        /* struct assay_finding * */
    struct ptr_vec components;      /* struct assay_component * */
    struct ptr_vec diags;           /* struct assay_diag * */
    struct ptr_vec verdicts;        /* struct assay_provision_verdict * */
    struct ptr_vec coverage;        /* struct assay_coverage * */
    struct assay_target target;
    struct assay_product product;
    struct assay_inventory inventory;
    const char *standard; /* "2.1.1", "3.1.3" or NULL */
    uint64_t dropped;     /* records refused by a limit */
    bool timestamp;       /* emit "generated" */
    char generated[32];   /* RFC 3339, set when first asked */
};

static enum assay_status
vec_push(struct ptr_vec *v, void *p, size_t max)
{
    void **ni;
    size_t na;

    if (v->len >= max)
        return ASSAY_E_LIMIT;
    if (v->len == v->alloc) {
        na = v->alloc == 0 ? 64 : v->alloc * 2;
        ni = assay_realloc(v->items, na * sizeof(*ni));
        if (ni == NULL)
            return ASSAY_E_NOMEM;
        v->items = ni;
        v->alloc = na;
    }
    v->items[v->len++] = p;
    return ASSAY_OK;
}

struct assay_report *
report_new(struct assay_arena *a, const struct assay_limits *lim)
{
    struct assay_report *r = assay_arena_zalloc(a, sizeof(*r));

    if (r == NULL)
        return NULL;
    if (pthread_mutex_init(&r->lock, NULL) != 0)
        return NULL;
    r->arena = a;
    r->lim = lim;
    return r;
}

void
report_free(struct assay_report *r)
{
    if (r == NULL)
        return;
    assay_free(r->findings.items);
    assay_free(r->components.items);
    assay_free(r->diags.items);
    assay_free(r->verdicts.items);
    assay_free(r->coverage.items);
    pthread_mutex_destroy(&r->lock);
}

/* Copy a string into the arena; sets *bad when the copy failed. */
static const char *
dup_str(struct assay_report *r, const char *s, bool *bad)
{
    char *p;

    if (s == NULL)
        return NULL;
    p = assay_arena_strdup(r->arena, s);
    if (p == NULL)
        *bad = true;
    return p;
}

enum assay_status
assay_report_add_finding(struct assay_report *r, const struct assay_finding *f)
{
    struct assay_finding *c;
    bool bad = false;
    enum assay_status rc;

    if (f->check == NULL || f->title == NULL ||
        f->provision_count > ASSAY_FINDING_MAX_PROVISIONS)
        return ASSAY_E_USAGE;
    c = assay_arena_zalloc(r->arena, sizeof(*c));
    if (c == NULL)
        return ASSAY_E_NOMEM;
    *c = *f;
    c->check = dup_str(r, f->check, &bad);
    for (size_t i = 0; i < f->provision_count; i++)
        c->provisions[i] = dup_str(r, f->provisions[i], &bad);
    c->title = dup_str(r, f->title, &bad);
    c->path = dup_str(r, f->path, &bad);
    c->container = dup_str(r, f->container, &bad);
    c->evidence = dup_str(r, f->evidence, &bad);
    c->remediation = dup_str(r, f->remediation, &bad);
    c->source = dup_str(r, f->source, &bad);
    c->vuln_id = dup_str(r, f->vuln_id, &bad);
    c->component = dup_str(r, f->component, &bad);
    if (bad)
        return ASSAY_E_NOMEM;
    pthread_mutex_lock(&r->lock);
    rc = vec_push(&r->findings, c, r->lim->max_findings);
    if (rc == ASSAY_E_LIMIT)
        r->dropped++;
    pthread_mutex_unlock(&r->lock);
    return rc;
}

enum assay_status
assay_report_add_component(
    struct assay_report *r, const struct assay_component *comp)
{
    struct assay_component *c;
    bool bad = false;
    enum assay_status rc;

    if (comp->name == NULL)
        return ASSAY_E_USAGE;
    c = assay_arena_zalloc(r->arena, sizeof(*c));
    if (c == NULL)
        return ASSAY_E_NOMEM;
    *c = *comp;
    c->name = dup_str(r, comp->name, &bad);
    c->version = dup_str(r, comp->version, &bad);
    c->path = dup_str(r, comp->path, &bad);
    c->evidence = dup_str(r, comp->evidence, &bad);
    c->purl = dup_str(r, comp->purl, &bad);
    c->cpe = dup_str(r, comp->cpe, &bad);
    c->sha256 = dup_str(r, comp->sha256, &bad);
    c->requires = dup_str(r, comp->requires, &bad);
    if (bad)
        return ASSAY_E_NOMEM;
    pthread_mutex_lock(&r->lock);
    rc = vec_push(&r->components, c, r->lim->max_findings);
    if (rc == ASSAY_E_LIMIT)
        r->dropped++;
    pthread_mutex_unlock(&r->lock);
    return rc;
}

enum assay_status
assay_report_add_diag(struct assay_report *r, const struct assay_diag *d)
{
    struct assay_diag *c;
    bool bad = false;
    enum assay_status rc;

    if (d->message == NULL || d->source == NULL)
        return ASSAY_E_USAGE;
    pthread_mutex_lock(&r->lock);
    if (r->diags.len >= r->lim->max_diags) {
        r->dropped++;
        pthread_mutex_unlock(&r->lock);
        return ASSAY_E_LIMIT;
    }
    pthread_mutex_unlock(&r->lock);
    c = assay_arena_zalloc(r->arena, sizeof(*c));
    if (c == NULL)
        return ASSAY_E_NOMEM;
    *c = *d;
    c->source = dup_str(r, d->source, &bad);
    c->file = dup_str(r, d->file, &bad);
    c->message = dup_str(r, d->message, &bad);
    if (bad)
        return ASSAY_E_NOMEM;
    pthread_mutex_lock(&r->lock);
    rc = vec_push(&r->diags, c, r->lim->max_diags);
    if (rc == ASSAY_E_LIMIT)
        r->dropped++;
    pthread_mutex_unlock(&r->lock);
    return rc;
}

enum assay_status
assay_report_set_verdict(
    struct assay_report *r, const struct assay_provision_verdict *v)
{
    struct assay_provision_verdict *c;
    bool bad = false;
    enum assay_status rc = ASSAY_OK;

    if (v->id == NULL || v->status == NULL ||
        v->basis_count > ASSAY_VERDICT_MAX_BASIS)
        return ASSAY_E_USAGE;
    c = assay_arena_zalloc(r->arena, sizeof(*c));
    if (c == NULL)
        return ASSAY_E_NOMEM;
    *c = *v;
    c->id = dup_str(r, v->id, &bad);
    c->status = dup_str(r, v->status, &bad);
    c->support = dup_str(r, v->support, &bad);
    c->detail = dup_str(r, v->detail, &bad);
    for (size_t i = 0; i < v->basis_count; i++) {
        c->basis[i].ref = dup_str(r, v->basis[i].ref, &bad);
        c->basis[i].text = dup_str(r, v->basis[i].text, &bad);
    }
    if (bad)
        return ASSAY_E_NOMEM;
    pthread_mutex_lock(&r->lock);
    for (size_t i = 0; i < r->verdicts.len; i++) {
        struct assay_provision_verdict *old = r->verdicts.items[i];

        if (strcmp(old->id, c->id) == 0) {
            r->verdicts.items[i] = c;
            goto out_unlock;
        }
    }
    rc = vec_push(&r->verdicts, c, SIZE_MAX);
out_unlock:
    pthread_mutex_unlock(&r->lock);
    return rc;
}

enum assay_status
assay_report_add_coverage(
    struct assay_report *r, const struct assay_coverage *cv)
{
    struct assay_coverage *c;
    bool bad = false;
    enum assay_status rc = ASSAY_OK;

    if (cv->provision == NULL || cv->check == NULL)
        return ASSAY_E_USAGE;
    pthread_mutex_lock(&r->lock);
    for (size_t i = 0; i < r->coverage.len; i++) {
        const struct assay_coverage *o = r->coverage.items[i];

        if (strcmp(o->provision, cv->provision) == 0 &&
            strcmp(o->check, cv->check) == 0)
            goto out_unlock;
    }
    c = assay_arena_zalloc(r->arena, sizeof(*c));
    if (c == NULL) {
        rc = ASSAY_E_NOMEM;
        goto out_unlock;
    }
    c->provision = dup_str(r, cv->provision, &bad);
    c->check = dup_str(r, cv->check, &bad);
    rc = bad ? ASSAY_E_NOMEM : vec_push(&r->coverage, c, r->lim->max_findings);
    if (rc == ASSAY_E_LIMIT)
        r->dropped++;
out_unlock:
    pthread_mutex_unlock(&r->lock);
    return rc;
}

/* Drop the diagnostics for which drop(d, arg) holds. */
static void
report_drop_diags_if(struct assay_report *r,
    bool (*drop)(const struct assay_diag *d, const char *arg), const char *arg)
{
    size_t k = 0;

    pthread_mutex_lock(&r->lock);
    for (size_t i = 0; i < r->diags.len; i++) {
        if (!drop(r->diags.items[i], arg))
            r->diags.items[k++] = r->diags.items[i];
    }
    r->diags.len = k;
    pthread_mutex_unlock(&r->lock);
}

static bool
diag_from(const struct assay_diag *d, const char *source)
{
    return strcmp(d->source, source) == 0;
}

static bool
diag_under(const struct assay_diag *d, const char *chain)
{
    return assay_chain_under(d->file, chain);
}

void
assay_report_drop_diags(struct assay_report *r, const char *source)
{
    report_drop_diags_if(r, diag_from, source);
}

void
report_drop_diags_under(struct assay_report *r, const char *chain)
{
    report_drop_diags_if(r, diag_under, chain);
}

void
report_clear_verdicts(struct assay_report *r)
{
    pthread_mutex_lock(&r->lock);
    r->verdicts.len = 0;
    pthread_mutex_unlock(&r->lock);
}

enum assay_status
assay_report_set_target(struct assay_report *r, const struct assay_target *t)
{
    bool bad = false;

    r->target.kind = dup_str(r, t->kind, &bad);
    r->target.name = dup_str(r, t->name, &bad);
    r->target.size = t->size;
    r->target.sha256 = dup_str(r, t->sha256, &bad);
    return bad ? ASSAY_E_NOMEM : ASSAY_OK;
}

enum assay_status
assay_report_set_product(struct assay_report *r, const struct assay_product *p)
{
    bool bad = false;

    r->product.manufacturer = dup_str(r, p->manufacturer, &bad);
    r->product.model = dup_str(r, p->model, &bad);
    r->product.hardware_version = dup_str(r, p->hardware_version, &bad);
    r->product.software_version = dup_str(r, p->software_version, &bad);
    return bad ? ASSAY_E_NOMEM : ASSAY_OK;
}

enum assay_status
assay_report_set_standard(struct assay_report *r, const char *version)
{
    bool bad = false;

    r->standard = dup_str(r, version, &bad);
    return bad ? ASSAY_E_NOMEM : ASSAY_OK;
}

void
assay_report_set_inventory(
    struct assay_report *r, const struct assay_inventory *inv)
{
    r->inventory = *inv;
}

void
assay_report_set_timestamp(struct assay_report *r, bool on)
{
    r->timestamp = on;
    if (on && r->generated[0] == '\0') {
        time_t now = time(NULL);
        struct tm tm;

        gmtime_r(&now, &tm);
        strftime(r->generated, sizeof(r->generated), "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
}

const char *
report_timestamp(const struct assay_report *r)
{
    return r->timestamp ? r->generated : NULL;
}

/* ---- ordering ---------------------------------------------------------- */

static int
finding_cmp(const void *pa, const void *pb)
{
    const struct assay_finding *a = *(const struct assay_finding *const *)pa;
    const struct assay_finding *b = *(const struct assay_finding *const *)pb;
    int c;

    if (a->severity != b->severity)
        return a->severity > b->severity ? -1 : 1;
    if ((c = strcmp(a->check, b->check)) != 0)
        return c;
    if ((c = assay_strcmp_null(a->container, b->container)) != 0)
        return c;
    if ((c = assay_strcmp_null(a->path, b->path)) != 0)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    if ((c = assay_strcmp_null(a->evidence, b->evidence)) != 0)
        return c;
    if ((c = strcmp(a->title, b->title)) != 0)
        return c;
    return assay_strcmp_null(a->source, b->source);
}

static int
component_cmp(const void *pa, const void *pb)
{
    const struct assay_component *a =
        *(const struct assay_component *const *)pa;
    const struct assay_component *b =
        *(const struct assay_component *const *)pb;
    int c;

    if ((c = strcmp(a->name, b->name)) != 0)
        return c;
    if ((c = assay_strcmp_null(a->version, b->version)) != 0)
        return c;
    if ((c = assay_strcmp_null(a->path, b->path)) != 0)
        return c;
    return assay_strcmp_null(a->evidence, b->evidence);
}

static int
diag_cmp(const void *pa, const void *pb)
{
    const struct assay_diag *a = *(const struct assay_diag *const *)pa;
    const struct assay_diag *b = *(const struct assay_diag *const *)pb;
    int c;

    if ((c = assay_strcmp_null(a->file, b->file)) != 0)
        return c;
    if (a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    if ((c = strcmp(a->source, b->source)) != 0)
        return c;
    if (a->level != b->level)
        return a->level > b->level ? -1 : 1;
    return strcmp(a->message, b->message);
}

/*
 * Provision ids compare by their numeric parts, so "5.10-1" sorts after
 * "5.9-3" and "4-1" before "5.1-1"; a trailing letter sorts after the bare
 * number ("5.13-1" < "5.13-1A").
 */
int
report_provision_cmp(const char *a, const char *b)
{
    while (*a != '\0' && *b != '\0') {
        if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
            char *ea, *eb;
            unsigned long na = strtoul(a, &ea, 10);
            unsigned long nb = strtoul(b, &eb, 10);

            a = ea;
            b = eb;

            if (na != nb)
                return na < nb ? -1 : 1;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return (*a != '\0') - (*b != '\0');
}

static int
verdict_cmp(const void *pa, const void *pb)
{
    const struct assay_provision_verdict *a =
        *(const struct assay_provision_verdict *const *)pa;
    const struct assay_provision_verdict *b =
        *(const struct assay_provision_verdict *const *)pb;

    return report_provision_cmp(a->id, b->id);
}

static int
coverage_cmp(const void *pa, const void *pb)
{
    const struct assay_coverage *a = *(const struct assay_coverage *const *)pa;
    const struct assay_coverage *b = *(const struct assay_coverage *const *)pb;
    int c = report_provision_cmp(a->provision, b->provision);

    return c != 0 ? c : strcmp(a->check, b->check);
}

void
assay_report_sort(struct assay_report *r)
{
    pthread_mutex_lock(&r->lock);
    if (r->findings.len > 1)
        qsort(r->findings.items, r->findings.len, sizeof(void *), finding_cmp);
    if (r->components.len > 1)
        qsort(r->components.items, r->components.len, sizeof(void *),
            component_cmp);
    if (r->diags.len > 1)
        qsort(r->diags.items, r->diags.len, sizeof(void *), diag_cmp);
    if (r->verdicts.len > 1)
        qsort(r->verdicts.items, r->verdicts.len, sizeof(void *), verdict_cmp);
    if (r->coverage.len > 1)
        qsort(r->coverage.items, r->coverage.len, sizeof(void *), coverage_cmp);
    pthread_mutex_unlock(&r->lock);
}

/* ---- readers ----------------------------------------------------------- */

size_t
assay_report_finding_count(const struct assay_report *r)
{
    return r->findings.len;
}

const struct assay_finding *
assay_report_finding(const struct assay_report *r, size_t i)
{
    return i < r->findings.len ? r->findings.items[i] : NULL;
}

size_t
assay_report_component_count(const struct assay_report *r)
{
    return r->components.len;
}

const struct assay_component *
assay_report_component(const struct assay_report *r, size_t i)
{
    return i < r->components.len ? r->components.items[i] : NULL;
}

size_t
assay_report_diag_count(const struct assay_report *r)
{
    return r->diags.len;
}

const struct assay_diag *
assay_report_diag(const struct assay_report *r, size_t i)
{
    return i < r->diags.len ? r->diags.items[i] : NULL;
}

size_t
assay_report_verdict_count(const struct assay_report *r)
{
    return r->verdicts.len;
}

const struct assay_provision_verdict *
assay_report_verdict(const struct assay_report *r, size_t i)
{
    return i < r->verdicts.len ? r->verdicts.items[i] : NULL;
}

const struct assay_provision_verdict *
assay_report_verdict_find(const struct assay_report *r, const char *id)
{
    for (size_t i = 0; i < r->verdicts.len; i++) {
        const struct assay_provision_verdict *v = r->verdicts.items[i];

        if (strcmp(v->id, id) == 0)
            return v;
    }
    return NULL;
}

size_t
assay_report_coverage_count(const struct assay_report *r)
{
    return r->coverage.len;
}

const struct assay_coverage *
assay_report_coverage(const struct assay_report *r, size_t i)
{
    return i < r->coverage.len ? r->coverage.items[i] : NULL;
}

bool
assay_report_is_covered(const struct assay_report *r, const char *id)
{
    for (size_t i = 0; i < r->coverage.len; i++) {
        const struct assay_coverage *c = r->coverage.items[i];

        if (strcmp(c->provision, id) == 0)
            return true;
    }
    return false;
}

const struct assay_target *
assay_report_target(const struct assay_report *r)
{
    return &r->target;
}

const struct assay_product *
assay_report_product(const struct assay_report *r)
{
    return &r->product;
}

const char *
assay_report_standard(const struct assay_report *r)
{
    return r->standard;
}

const struct assay_inventory *
assay_report_inventory(const struct assay_report *r)
{
    return &r->inventory;
}

uint64_t
assay_report_dropped(const struct assay_report *r)
{
    return r->dropped;
}

int
assay_report_max_severity(const struct assay_report *r)
{
    int max = -1;

    for (size_t i = 0; i < r->findings.len; i++) {
        const struct assay_finding *f = r->findings.items[i];

        if ((int)f->severity > max)
            max = (int)f->severity;
    }
    return max;
}

size_t
assay_report_verdict_tally(const struct assay_report *r, enum assay_verdict v)
{
    size_t n = 0;

    for (size_t i = 0; i < r->verdicts.len; i++) {
        const struct assay_provision_verdict *pv = r->verdicts.items[i];

        n += pv->verdict == v;
    }
    return n;
}

/* ---- names ------------------------------------------------------------- */

static const char *const severity_names[] = {
    "info", "low", "medium", "high", "critical"};
static const char *const confidence_names[] = {"low", "medium", "high"};
static const char *const verdict_names[] = {
    "PASS", "FAIL", "INCONCLUSIVE", "NOT_APPLICABLE"};
static const char *const diag_names[] = {"note", "warning", "error"};
static const char *const basis_kind_names[] = {
    "finding", "ics", "assessor", "rule", "missing"};

/* Index of 'name' in 'names', or -1. */
static int
name_index(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(name, names[i]) == 0)
            return (int)i;
    }
    return -1;
}

const char *
assay_severity_name(enum assay_severity s)
{
    return (size_t)s < ASSAY_ARRAY_LEN(severity_names) ? severity_names[s]
                                                       : "unknown";
}

const char *
assay_confidence_name(enum assay_confidence c)
{
    return (size_t)c < ASSAY_ARRAY_LEN(confidence_names) ? confidence_names[c]
                                                         : "unknown";
}

const char *
assay_verdict_name(enum assay_verdict v)
{
    return (size_t)v < ASSAY_ARRAY_LEN(verdict_names) ? verdict_names[v]
                                                      : "unknown";
}

const char *
assay_diag_level_name(enum assay_diag_level l)
{
    return (size_t)l < ASSAY_ARRAY_LEN(diag_names) ? diag_names[l] : "unknown";
}

const char *
assay_diag_where(const struct assay_diag *d, char *buf, size_t cap)
{
    if (cap == 0)
        return buf;
    buf[0] = '\0';
    if (d->file == NULL)
        return buf;
    if (d->line > 0)
        snprintf(buf, cap, "%s:%u:%u", d->file, d->line, d->column);
    else if (d->offset >= 0)
        snprintf(buf, cap, "%s%s0x%llx", d->file,
            strstr(d->file, " > ") != NULL ? "+" : "@",
            (unsigned long long)d->offset);
    else
        snprintf(buf, cap, "%s", d->file);
    return buf;
}

bool
assay_severity_parse(const char *name, enum assay_severity *out)
{
    int i = name_index(severity_names, ASSAY_ARRAY_LEN(severity_names), name);

    if (i >= 0)
        *out = (enum assay_severity)i;
    return i >= 0;
}

const char *
report_basis_kind_name(enum assay_basis_kind k)
{
    return (size_t)k < ASSAY_ARRAY_LEN(basis_kind_names) ? basis_kind_names[k]
                                                         : "unknown";
}

bool
report_basis_kind_parse(const char *name, enum assay_basis_kind *out)
{
    int i =
        name_index(basis_kind_names, ASSAY_ARRAY_LEN(basis_kind_names), name);

    if (i >= 0)
        *out = (enum assay_basis_kind)i;
    return i >= 0;
}

bool
report_verdict_parse(const char *name, enum assay_verdict *out)
{
    int i = name_index(verdict_names, ASSAY_ARRAY_LEN(verdict_names), name);

    if (i >= 0)
        *out = (enum assay_verdict)i;
    return i >= 0;
}

bool
report_confidence_parse(const char *name, enum assay_confidence *out)
{
    int i =
        name_index(confidence_names, ASSAY_ARRAY_LEN(confidence_names), name);

    if (i >= 0)
        *out = (enum assay_confidence)i;
    return i >= 0;
}

bool
report_diag_level_parse(const char *name, enum assay_diag_level *out)
{
    int i = name_index(diag_names, ASSAY_ARRAY_LEN(diag_names), name);

    if (i >= 0)
        *out = (enum assay_diag_level)i;
    return i >= 0;
}

enum assay_status
report_put_safe(struct assay_buf *out, const char *s, size_t max)
{
    enum assay_status rc = ASSAY_OK;
    size_t n = 0;

    for (; s != NULL && *s != '\0' && rc == ASSAY_OK; s++, n++) {
        char c = *s;

        if (n == max)
            return assay_buf_puts(out, "...");
        if ((unsigned char)c < 0x20 || c == 0x7f)
            c = '?';
        rc = assay_buf_putc(out, c);
    }
    return rc;
}

const char *
report_check_doc(const char *id)
{
    for (size_t i = 0; report_check_docs[i].id != NULL; i++) {
        if (strcmp(report_check_docs[i].id, id) == 0)
            return report_check_docs[i].markdown;
    }
    return NULL;
}
