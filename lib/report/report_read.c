/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading a saved assay-report/1 document back into a session report
 * (assay report, assay diff, assay assess --result).
 *
 * The document is untrusted (reports travel between machines and CI
 * jobs). Before cJSON sees it, a linear pre-scan bounds its size, its
 * nesting (cJSON's own limit is a compile-time 1000, deeper than the
 * session allows) and its number of values. Member by member, a wrong
 * type or an unknown name becomes a diagnostic naming the file and the
 * member ("findings[3].severity"), the record is skipped and reading goes
 * on. Unknown members are ignored, since later versions only add.
 */
#include "assay_config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "assay/catalogue.h"

#include "report_private.h"

struct rd_ctx {
    struct assay_session *s;
    struct assay_report *r;
    const char *name;
    size_t errors;
};

static void rd_error(struct rd_ctx *c, const char *where, size_t idx,
    const char *member, const char *fmt, ...) ASSAY_PRINTF(5, 6);

/* Diagnostic for 'where[idx].member' (idx SIZE_MAX: no index). */
static void
rd_error(struct rd_ctx *c, const char *where, size_t idx, const char *member,
    const char *fmt, ...)
{
    char msg[400], path[96];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (idx == SIZE_MAX)
        snprintf(path, sizeof(path), "%s%s%s", where, member != NULL ? "." : "",
            member != NULL ? member : "");
    else
        snprintf(path, sizeof(path), "%s[%zu]%s%s", where, idx,
            member != NULL ? "." : "", member != NULL ? member : "");
    c->errors++;
    assay_diag(
        c->s, ASSAY_DIAG_ERROR, "report", c->name, -1, "%s: %s", path, msg);
}

/*
 * Bound nesting and value count without parsing: brackets outside
 * strings open levels, and every bracket or comma starts at most one more
 * value. Returns the offset of the first violation, or -1.
 */
static int64_t
rd_prescan(const char *p, size_t len, uint32_t max_depth, uint64_t max_nodes,
    bool *too_deep)
{
    uint64_t depth = 0, nodes = 1;
    bool in_str = false;

    for (size_t i = 0; i < len; i++) {
        char ch = p[i];

        if (in_str) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_str = false;
            continue;
        }
        switch (ch) {
        case '"':
            in_str = true;
            break;
        case '{':
        case '[':
            if (++depth > max_depth) {
                *too_deep = true;
                return (int64_t)i;
            }
            nodes++;
            break;
        case '}':
        case ']':
            if (depth > 0)
                depth--;
            break;
        case ',':
            nodes++;
            break;
        default:
            break;
        }
        if (nodes > max_nodes) {
            *too_deep = false;
            return (int64_t)i;
        }
    }
    return -1;
}

/* A string member: NULL when absent or null; error on another type. */
static const char *
rd_str(struct rd_ctx *c, const cJSON *o, const char *key, const char *where,
    size_t idx, bool *bad)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);

    if (m == NULL || cJSON_IsNull(m))
        return NULL;
    if (!cJSON_IsString(m)) {
        rd_error(c, where, idx, key, "must be a string");
        *bad = true;
        return NULL;
    }
    return m->valuestring;
}

/* An integer member in [min, max]; 'dflt' when absent. */
static int64_t
rd_int(struct rd_ctx *c, const cJSON *o, const char *key, const char *where,
    size_t idx, int64_t min, int64_t max, int64_t dflt, bool *bad)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
    double d;

    if (m == NULL || cJSON_IsNull(m))
        return dflt;
    d = cJSON_IsNumber(m) ? m->valuedouble : (double)NAN;
    if (!(d >= (double)min && d <= (double)max) || d != floor(d)) {
        rd_error(c, where, idx, key, "must be a whole number in [%lld, %lld]",
            (long long)min, (long long)max);
        *bad = true;
        return dflt;
    }
    return (int64_t)d;
}

/* Largest integer a double holds exactly (2^53). */
#define RD_MAX_EXACT 9007199254740992LL

static void
rd_target(struct rd_ctx *c, const cJSON *root)
{
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, "target");
    struct assay_target t = {0};
    bool bad = false;

    if (o == NULL)
        return;
    if (!cJSON_IsObject(o)) {
        rd_error(c, "target", SIZE_MAX, NULL, "must be an object");
        return;
    }
    t.kind = rd_str(c, o, "kind", "target", SIZE_MAX, &bad);
    t.name = rd_str(c, o, "name", "target", SIZE_MAX, &bad);
    t.size = (uint64_t)rd_int(
        c, o, "size", "target", SIZE_MAX, 0, RD_MAX_EXACT, 0, &bad);
    t.sha256 = rd_str(c, o, "sha256", "target", SIZE_MAX, &bad);
    if (t.kind != NULL && strcmp(t.kind, "none") == 0)
        t.kind = NULL;
    (void)assay_report_set_target(c->r, &t);
}

static void
rd_product(struct rd_ctx *c, const cJSON *root)
{
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, "product");
    struct assay_product p = {0};
    bool bad = false;

    if (o == NULL)
        return;
    if (!cJSON_IsObject(o)) {
        rd_error(c, "product", SIZE_MAX, NULL, "must be an object");
        return;
    }
    p.manufacturer = rd_str(c, o, "manufacturer", "product", SIZE_MAX, &bad);
    p.model = rd_str(c, o, "model", "product", SIZE_MAX, &bad);
    p.hardware_version =
        rd_str(c, o, "hardware_version", "product", SIZE_MAX, &bad);
    p.software_version =
        rd_str(c, o, "software_version", "product", SIZE_MAX, &bad);
    (void)assay_report_set_product(c->r, &p);
}

static void
rd_standard(struct rd_ctx *c, const cJSON *root)
{
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, "standard");
    enum assay_standard std;
    const char *v;
    bool bad = false;

    if (o == NULL || cJSON_IsNull(o))
        return;
    if (!cJSON_IsObject(o)) {
        rd_error(c, "standard", SIZE_MAX, NULL, "must be an object or null");
        return;
    }
    v = rd_str(c, o, "version", "standard", SIZE_MAX, &bad);
    if (v == NULL || !assay_standard_parse(v, &std)) {
        rd_error(c, "standard", SIZE_MAX, "version", "must be 2.1.1 or 3.1.3");
        return;
    }
    (void)assay_report_set_standard(c->r, assay_standard_name(std));
}

static void
rd_inventory(struct rd_ctx *c, const cJSON *root)
{
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, "inventory");
    struct assay_inventory inv = {0};
    bool bad = false;

    if (o == NULL)
        return;
    if (!cJSON_IsObject(o)) {
        rd_error(c, "inventory", SIZE_MAX, NULL, "must be an object");
        return;
    }
    inv.files = (uint64_t)rd_int(
        c, o, "files", "inventory", SIZE_MAX, 0, RD_MAX_EXACT, 0, &bad);
    inv.directories = (uint64_t)rd_int(
        c, o, "directories", "inventory", SIZE_MAX, 0, RD_MAX_EXACT, 0, &bad);
    inv.symlinks = (uint64_t)rd_int(
        c, o, "symlinks", "inventory", SIZE_MAX, 0, RD_MAX_EXACT, 0, &bad);
    inv.devices = (uint64_t)rd_int(
        c, o, "devices", "inventory", SIZE_MAX, 0, RD_MAX_EXACT, 0, &bad);
    inv.executables = (uint64_t)rd_int(
        c, o, "executables", "inventory", SIZE_MAX, 0, RD_MAX_EXACT, 0, &bad);
    inv.bytes = (uint64_t)rd_int(
        c, o, "bytes", "inventory", SIZE_MAX, 0, RD_MAX_EXACT, 0, &bad);
    inv.containers = (uint32_t)rd_int(
        c, o, "containers", "inventory", SIZE_MAX, 0, UINT32_MAX, 0, &bad);
    assay_report_set_inventory(c->r, &inv);
}

/* The array member 'key', NULL (with a diagnostic if mistyped) if none. */
static const cJSON *
rd_array(struct rd_ctx *c, const cJSON *root, const char *key)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, key);

    if (a == NULL || cJSON_IsNull(a))
        return NULL;
    if (!cJSON_IsArray(a)) {
        rd_error(c, key, SIZE_MAX, NULL, "must be an array");
        return NULL;
    }
    return a;
}

/* Store a record; a limit counts it as dropped (the report knows). */
static enum assay_status
rd_keep(enum assay_status rc)
{
    return rc == ASSAY_E_LIMIT || rc == ASSAY_E_USAGE ? ASSAY_OK : rc;
}

static enum assay_status
rd_finding(struct rd_ctx *c, const cJSON *o, size_t i)
{
    static const char W[] = "findings";
    struct assay_finding f = {0};
    const cJSON *provs, *sev, *conf, *cvss;
    const char *name;
    bool bad = false;

    if (!cJSON_IsObject(o)) {
        rd_error(c, W, i, NULL, "must be an object");
        return ASSAY_OK;
    }
    f.check = rd_str(c, o, "check", W, i, &bad);
    f.title = rd_str(c, o, "title", W, i, &bad);
    if (f.check == NULL || f.title == NULL) {
        rd_error(c, W, i, NULL, "needs check and title");
        return ASSAY_OK;
    }
    provs = cJSON_GetObjectItemCaseSensitive(o, "provisions");
    if (provs != NULL && !cJSON_IsArray(provs)) {
        rd_error(c, W, i, "provisions", "must be an array");
        bad = true;
    } else if (provs != NULL) {
        const cJSON *p;

        cJSON_ArrayForEach(p, provs)
        {
            if (!cJSON_IsString(p) ||
                f.provision_count == ASSAY_FINDING_MAX_PROVISIONS) {
                rd_error(c, W, i, "provisions", "must be at most %d strings",
                    ASSAY_FINDING_MAX_PROVISIONS);
                bad = true;
                break;
            }
            f.provisions[f.provision_count++] = p->valuestring;
        }
    }
    sev = cJSON_GetObjectItemCaseSensitive(o, "severity");
    name = cJSON_IsString(sev) ? sev->valuestring : "";
    if (!assay_severity_parse(name, &f.severity)) {
        rd_error(c, W, i, "severity", "unknown severity");
        bad = true;
    }
    conf = cJSON_GetObjectItemCaseSensitive(o, "confidence");
    f.confidence = ASSAY_CONF_MEDIUM;
    if (conf != NULL &&
        (!cJSON_IsString(conf) ||
            !report_confidence_parse(conf->valuestring, &f.confidence))) {
        rd_error(c, W, i, "confidence", "unknown confidence");
        bad = true;
    }
    f.source = rd_str(c, o, "source", W, i, &bad);
    f.path = rd_str(c, o, "path", W, i, &bad);
    f.container = rd_str(c, o, "container", W, i, &bad);
    f.line = (uint32_t)rd_int(c, o, "line", W, i, 0, UINT32_MAX, 0, &bad);
    f.offset = rd_int(c, o, "offset", W, i, 0, RD_MAX_EXACT, -1, &bad);
    f.evidence = rd_str(c, o, "evidence", W, i, &bad);
    f.remediation = rd_str(c, o, "remediation", W, i, &bad);
    f.vuln_id = rd_str(c, o, "vuln_id", W, i, &bad);
    f.component = rd_str(c, o, "component", W, i, &bad);
    cvss = cJSON_GetObjectItemCaseSensitive(o, "cvss");
    if (cvss != NULL) {
        if (!cJSON_IsNumber(cvss) ||
            !(cvss->valuedouble >= 0.0 && cvss->valuedouble <= 10.0)) {
            rd_error(c, W, i, "cvss", "must be a number in [0, 10]");
            bad = true;
        } else {
            f.cvss = cvss->valuedouble;
        }
    }
    if (bad)
        return ASSAY_OK;
    return rd_keep(assay_report_add_finding(c->r, &f));
}

static enum assay_status
rd_verdict(struct rd_ctx *c, const cJSON *o, size_t i)
{
    static const char W[] = "provisions";
    struct assay_provision_verdict *v;
    const cJSON *basis, *b, *app, *vd;
    bool bad = false;
    enum assay_status rc;

    if (!cJSON_IsObject(o)) {
        rd_error(c, W, i, NULL, "must be an object");
        return ASSAY_OK;
    }
    v = assay_calloc(1, sizeof(*v));
    if (v == NULL)
        return ASSAY_E_NOMEM;
    v->id = rd_str(c, o, "id", W, i, &bad);
    v->status = rd_str(c, o, "status", W, i, &bad);
    v->support = rd_str(c, o, "support", W, i, &bad);
    v->detail = rd_str(c, o, "detail", W, i, &bad);
    vd = cJSON_GetObjectItemCaseSensitive(o, "verdict");
    if (!cJSON_IsString(vd) ||
        !report_verdict_parse(vd->valuestring, &v->verdict)) {
        rd_error(c, W, i, "verdict", "unknown verdict");
        bad = true;
    }
    app = cJSON_GetObjectItemCaseSensitive(o, "applicable");
    v->applicable = app == NULL ? v->verdict != ASSAY_VERDICT_NOT_APPLICABLE
                                : cJSON_IsTrue(app);
    basis = cJSON_GetObjectItemCaseSensitive(o, "basis");
    if (basis != NULL && !cJSON_IsArray(basis)) {
        rd_error(c, W, i, "basis", "must be an array");
        bad = true;
        basis = NULL;
    }
    cJSON_ArrayForEach(b, basis)
    {
        struct assay_basis *e = &v->basis[v->basis_count];
        const cJSON *kind = cJSON_GetObjectItemCaseSensitive(b, "kind");

        if (v->basis_count == ASSAY_VERDICT_MAX_BASIS) {
            rd_error(c, W, i, "basis", "more than %d entries",
                ASSAY_VERDICT_MAX_BASIS);
            bad = true;
            break;
        }
        if (!cJSON_IsObject(b) || !cJSON_IsString(kind) ||
            !report_basis_kind_parse(kind->valuestring, &e->kind)) {
            rd_error(c, W, i, "basis", "entries need a known kind");
            bad = true;
            break;
        }
        /* Writers take basis strings as text: never NULL. */
        e->ref = rd_str(c, b, "ref", W, i, &bad);
        e->text = rd_str(c, b, "text", W, i, &bad);
        if (e->ref == NULL)
            e->ref = "";
        if (e->text == NULL)
            e->text = "";
        v->basis_count++;
    }
    if (v->id == NULL || v->status == NULL) {
        rd_error(c, W, i, NULL, "needs id and status");
        bad = true;
    }
    rc = bad ? ASSAY_OK : rd_keep(assay_report_set_verdict(c->r, v));
    assay_free(v);
    return rc;
}

static enum assay_status
rd_component(struct rd_ctx *c, const cJSON *o, size_t i)
{
    static const char W[] = "components";
    struct assay_component comp = {0};
    const cJSON *conf;
    bool bad = false;

    if (!cJSON_IsObject(o)) {
        rd_error(c, W, i, NULL, "must be an object");
        return ASSAY_OK;
    }
    comp.name = rd_str(c, o, "name", W, i, &bad);
    comp.version = rd_str(c, o, "version", W, i, &bad);
    comp.path = rd_str(c, o, "path", W, i, &bad);
    comp.evidence = rd_str(c, o, "evidence", W, i, &bad);
    comp.purl = rd_str(c, o, "purl", W, i, &bad);
    comp.cpe = rd_str(c, o, "cpe", W, i, &bad);
    conf = cJSON_GetObjectItemCaseSensitive(o, "confidence");
    comp.confidence = ASSAY_CONF_MEDIUM;
    if (conf != NULL &&
        (!cJSON_IsString(conf) ||
            !report_confidence_parse(conf->valuestring, &comp.confidence))) {
        rd_error(c, W, i, "confidence", "unknown confidence");
        bad = true;
    }
    if (comp.name == NULL) {
        rd_error(c, W, i, "name", "is required");
        bad = true;
    }
    return bad ? ASSAY_OK : rd_keep(assay_report_add_component(c->r, &comp));
}

static enum assay_status
rd_diag(struct rd_ctx *c, const cJSON *o, size_t i)
{
    static const char W[] = "diagnostics";
    struct assay_diag d = {0};
    const cJSON *lvl;
    bool bad = false;

    if (!cJSON_IsObject(o)) {
        rd_error(c, W, i, NULL, "must be an object");
        return ASSAY_OK;
    }
    lvl = cJSON_GetObjectItemCaseSensitive(o, "level");
    if (!cJSON_IsString(lvl) ||
        !report_diag_level_parse(lvl->valuestring, &d.level)) {
        rd_error(c, W, i, "level", "unknown level");
        bad = true;
    }
    d.source = rd_str(c, o, "source", W, i, &bad);
    d.file = rd_str(c, o, "file", W, i, &bad);
    d.offset = rd_int(c, o, "offset", W, i, 0, RD_MAX_EXACT, -1, &bad);
    d.line = (uint32_t)rd_int(c, o, "line", W, i, 0, UINT32_MAX, 0, &bad);
    d.column = (uint32_t)rd_int(c, o, "column", W, i, 0, UINT32_MAX, 0, &bad);
    d.message = rd_str(c, o, "message", W, i, &bad);
    if (d.source == NULL || d.message == NULL) {
        rd_error(c, W, i, NULL, "needs source and message");
        bad = true;
    }
    return bad ? ASSAY_OK : rd_keep(assay_report_add_diag(c->r, &d));
}

static enum assay_status
rd_coverage(struct rd_ctx *c, const cJSON *o, size_t i)
{
    static const char W[] = "coverage";
    struct assay_coverage cv = {0};
    bool bad = false;

    if (!cJSON_IsObject(o)) {
        rd_error(c, W, i, NULL, "must be an object");
        return ASSAY_OK;
    }
    cv.provision = rd_str(c, o, "provision", W, i, &bad);
    cv.check = rd_str(c, o, "check", W, i, &bad);
    if (cv.provision == NULL || cv.check == NULL) {
        rd_error(c, W, i, NULL, "needs provision and check");
        return ASSAY_OK;
    }
    return rd_keep(assay_report_add_coverage(c->r, &cv));
}

typedef enum assay_status (*rd_record_fn)(
    struct rd_ctx *c, const cJSON *o, size_t i);

static enum assay_status
rd_records(
    struct rd_ctx *c, const cJSON *root, const char *key, rd_record_fn fn)
{
    const cJSON *a = rd_array(c, root, key), *o;
    enum assay_status rc = ASSAY_OK;
    size_t i = 0;

    cJSON_ArrayForEach(o, a)
    {
        rc = fn(c, o, i++);
        if (rc != ASSAY_OK)
            break;
    }
    return rc;
}

enum assay_status
assay_report_read(
    struct assay_session *s, const char *name, const void *data, size_t len)
{
    const struct assay_limits *lim = assay_session_limits(s);
    struct rd_ctx c = {.s = s, .r = assay_session_report(s), .name = name};
    const char *end = NULL;
    const cJSON *schema;
    cJSON *root;
    bool too_deep = false;
    int64_t at;
    enum assay_status rc;

    uint64_t max_nodes = (uint64_t)lim->max_doc_nodes +
                         32 * ((uint64_t)lim->max_findings + lim->max_diags);

    if (len > ASSAY_REPORT_MAX_BYTES) {
        assay_diag(s, ASSAY_DIAG_ERROR, "report", name, -1,
            "document is larger than %u bytes", ASSAY_REPORT_MAX_BYTES);
        return assay_err_set(assay_session_err(s), ASSAY_E_LIMIT,
            "report: %s: larger than %u bytes", name, ASSAY_REPORT_MAX_BYTES);
    }
    at = rd_prescan(data, len, lim->max_doc_depth, max_nodes, &too_deep);
    if (at >= 0) {
        assay_diag(s, ASSAY_DIAG_ERROR, "report", name, at,
            too_deep ? "nesting deeper than %llu levels"
                     : "more than %llu values",
            (unsigned long long)(too_deep ? lim->max_doc_depth : max_nodes));
        return assay_err_set(assay_session_err(s), ASSAY_E_LIMIT,
            "report: %s: %s at offset %lld", name,
            too_deep ? "nesting too deep" : "too many values", (long long)at);
    }
    root = cJSON_ParseWithLengthOpts(data, len, &end, false);
    if (root == NULL) {
        at = end != NULL ? (int64_t)(end - (const char *)data) : 0;
        if (at < 0 || (uint64_t)at > len)
            at = 0;
        assay_diag(s, ASSAY_DIAG_ERROR, "report", name, at, "not valid JSON");
        return assay_err_set(assay_session_err(s), ASSAY_E_INVALID,
            "report: %s: not valid JSON at offset %lld", name, (long long)at);
    }
    schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsString(schema) ||
        strcmp(schema->valuestring, ASSAY_REPORT_SCHEMA) != 0) {
        assay_diag(s, ASSAY_DIAG_ERROR, "report", name, -1,
            "not an %s document (schema member missing or different)",
            ASSAY_REPORT_SCHEMA);
        cJSON_Delete(root);
        return assay_err_set(assay_session_err(s), ASSAY_E_INVALID,
            "report: %s: not an %s document", name, ASSAY_REPORT_SCHEMA);
    }
    rd_target(&c, root);
    rd_product(&c, root);
    rd_standard(&c, root);
    rd_inventory(&c, root);
    rc = rd_records(&c, root, "findings", rd_finding);
    if (rc == ASSAY_OK)
        rc = rd_records(&c, root, "provisions", rd_verdict);
    if (rc == ASSAY_OK)
        rc = rd_records(&c, root, "components", rd_component);
    if (rc == ASSAY_OK)
        rc = rd_records(&c, root, "diagnostics", rd_diag);
    if (rc == ASSAY_OK)
        rc = rd_records(&c, root, "coverage", rd_coverage);
    cJSON_Delete(root);
    if (rc == ASSAY_OK && c.errors > 0)
        assay_diag(s, ASSAY_DIAG_WARNING, "report", name, -1,
            "%zu damaged member%s skipped", c.errors, c.errors == 1 ? "" : "s");
    return rc;
}
