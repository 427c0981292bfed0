/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CycloneDX 1.5 JSON writer (--format cyclonedx).
 *
 * Components become CycloneDX components with purl, CPE, the SHA-256 of
 * the file that identified them and identity evidence (technique and
 * confidence); DT_NEEDED names become dependencies on the components whose
 * file carries that name; findings with a vuln_id become vulnerabilities
 * that affect their component, with VEX statements as analysis. The
 * product (or target) is metadata.component. Output is deterministic: no
 * serial number or timestamp unless the report has one, bom-refs built
 * from the sorted component list.
 */
#include "assay_config.h"

#include <string.h>

#include "assay/session.h"

#include "report_private.h"

static const char *
cdx_type(const struct assay_component *c)
{
    if (c->cpe != NULL && strncmp(c->cpe, "cpe:2.3:o:", 10) == 0)
        return strcmp(c->name, "linux") == 0 ? "operating-system" : "firmware";
    if (c->cpe != NULL && strncmp(c->cpe, "cpe:2.3:h:", 10) == 0)
        return "device";
    if (strcmp(c->name, "linux") == 0)
        return "operating-system";
    if (c->path != NULL && strstr(c->path, ".so") != NULL)
        return "library";
    return "application";
}

static double
cdx_confidence(enum assay_confidence c)
{
    switch (c) {
    case ASSAY_CONF_HIGH:
        return 0.9;
    case ASSAY_CONF_MEDIUM:
        return 0.6;
    case ASSAY_CONF_LOW:
        break;
    }
    return 0.3;
}

/* bom-ref of component i: stable for the same sorted report. */
static void
cdx_ref(struct assay_buf *tmp, size_t i, const struct assay_component *c)
{
    assay_buf_reset(tmp);
    (void)assay_buf_printf(tmp, "component-%zu-%s%s%s", i + 1, c->name,
        c->version != NULL ? "@" : "", c->version != NULL ? c->version : "");
}

/* Index of the component a finding is about, or SIZE_MAX. */
static size_t
cdx_find_component(const struct assay_report *r, const struct assay_finding *f)
{
    size_t n = assay_report_component_count(r), best = SIZE_MAX;

    for (size_t i = 0; i < n && f->component != NULL; i++) {
        const struct assay_component *c = assay_report_component(r, i);
        size_t nl = strlen(c->name);

        if (strncmp(f->component, c->name, nl) != 0 ||
            f->component[nl] != '@' ||
            strcmp(f->component + nl + 1,
                c->version != NULL ? c->version : "") != 0)
            continue;
        if (assay_strcmp_null(f->path, c->path) == 0)
            return i;
        if (best == SIZE_MAX)
            best = i;
    }
    return best;
}

/* Component whose file is named 'soname' (basename match). */
static size_t
cdx_provider(const struct assay_report *r, const char *soname, size_t len)
{
    for (size_t i = 0; i < assay_report_component_count(r); i++) {
        const struct assay_component *c = assay_report_component(r, i);
        const char *base;

        if (c->path == NULL)
            continue;
        base = strrchr(c->path, '/');
        base = base != NULL ? base + 1 : c->path;
        if (strlen(base) == len && memcmp(base, soname, len) == 0)
            return i;
    }
    return SIZE_MAX;
}

/* "hashes": [{"alg": "SHA-256", "content": hex}] */
static void
cdx_sha256(struct json_emit *j, const char *hex)
{
    json_key(j, "hashes");
    json_arr_begin(j);
    json_obj_begin(j);
    json_kv_str(j, "alg", "SHA-256");
    json_kv_str(j, "content", hex);
    json_obj_end(j);
    json_arr_end(j);
}

static void
cdx_component(struct json_emit *j, struct assay_buf *tmp, size_t i,
    const struct assay_component *c)
{
    double conf = cdx_confidence(c->confidence);
    bool manifest =
        c->evidence != NULL && (strncmp(c->evidence, "dpkg ", 5) == 0 ||
                                   strncmp(c->evidence, "opkg ", 5) == 0);

    json_obj_begin(j);
    json_kv_str(j, "type", cdx_type(c));
    cdx_ref(tmp, i, c);
    json_kv_str(j, "bom-ref", tmp->data);
    json_kv_str(j, "name", c->name);
    json_kv_str_opt(j, "version", c->version);
    json_kv_str_opt(j, "cpe", c->cpe);
    json_kv_str_opt(j, "purl", c->purl);
    if (c->sha256 != NULL)
        cdx_sha256(j, c->sha256);
    json_key(j, "evidence");
    json_obj_begin(j);
    json_key(j, "identity");
    json_obj_begin(j);
    json_kv_str(j, "field", c->version != NULL ? "version" : "name");
    json_kv_cvss(j, "confidence", conf);
    json_key(j, "methods");
    json_arr_begin(j);
    json_obj_begin(j);
    json_kv_str(j, "technique",
        manifest          ? "manifest-analysis"
        : c->path != NULL ? "binary-analysis"
                          : "other");
    json_kv_cvss(j, "confidence", conf);
    json_kv_str_opt(j, "value", c->evidence);
    json_obj_end(j);
    json_arr_end(j);
    json_obj_end(j);
    if (c->path != NULL) {
        json_key(j, "occurrences");
        json_arr_begin(j);
        json_obj_begin(j);
        json_kv_str(j, "location", c->path);
        json_obj_end(j);
        json_arr_end(j);
    }
    json_obj_end(j);
    json_obj_end(j);
}

static void
cdx_dependencies(
    struct json_emit *j, struct assay_buf *tmp, const struct assay_report *r)
{
    size_t n = assay_report_component_count(r);

    json_key(j, "dependencies");
    json_arr_begin(j);
    for (size_t i = 0; i < n; i++) {
        const struct assay_component *c = assay_report_component(r, i);
        const char *p = c->requires;
        bool open = false;

        while (p != NULL && *p != '\0') {
            const char *comma = strchr(p, ',');
            size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
            size_t k = cdx_provider(r, p, len);

            if (k != SIZE_MAX && k != i) {
                if (!open) {
                    json_obj_begin(j);
                    cdx_ref(tmp, i, c);
                    json_kv_str(j, "ref", tmp->data);
                    json_key(j, "dependsOn");
                    json_arr_begin(j);
                    open = true;
                }
                cdx_ref(tmp, k, assay_report_component(r, k));
                json_str(j, tmp->data);
            }
            p = comma != NULL ? comma + 1 : NULL;
        }
        if (open) {
            json_arr_end(j);
            json_obj_end(j);
        }
    }
    json_arr_end(j);
}

static const char *
cdx_severity(enum assay_severity s)
{
    switch (s) {
    case ASSAY_SEV_CRITICAL:
        return "critical";
    case ASSAY_SEV_HIGH:
        return "high";
    case ASSAY_SEV_MEDIUM:
        return "medium";
    case ASSAY_SEV_LOW:
        return "low";
    case ASSAY_SEV_INFO:
        break;
    }
    return "info";
}

static void
cdx_vulnerabilities(
    struct json_emit *j, struct assay_buf *tmp, const struct assay_report *r)
{
    json_key(j, "vulnerabilities");
    json_arr_begin(j);
    for (size_t i = 0; i < assay_report_finding_count(r); i++) {
        const struct assay_finding *f = assay_report_finding(r, i);
        size_t k;
        const char *vex;

        if (f->vuln_id == NULL)
            continue;
        k = cdx_find_component(r, f);
        vex = f->evidence != NULL ? strstr(f->evidence, "; vex: ") : NULL;
        json_obj_begin(j);
        assay_buf_reset(tmp);
        (void)assay_buf_printf(tmp, "vulnerability-%zu-%s", i + 1, f->vuln_id);
        json_kv_str(j, "bom-ref", tmp->data);
        json_kv_str(j, "id", f->vuln_id);
        json_key(j, "source");
        json_obj_begin(j);
        json_kv_str(
            j, "name", strncmp(f->vuln_id, "CVE-", 4) == 0 ? "NVD" : "OSV");
        json_obj_end(j);
        json_key(j, "ratings");
        json_arr_begin(j);
        json_obj_begin(j);
        if (f->cvss > 0)
            json_kv_cvss(j, "score", f->cvss);
        json_kv_str(j, "severity", cdx_severity(f->severity));
        json_obj_end(j);
        json_arr_end(j);
        json_kv_str(j, "description", f->title);
        json_kv_str_opt(j, "detail", f->evidence);
        if (vex != NULL) {
            json_key(j, "analysis");
            json_obj_begin(j);
            json_kv_str(j, "state",
                strncmp(vex + 7, "fixed", 5) == 0 ||
                        strncmp(vex + 7, "resolved", 8) == 0
                    ? "resolved"
                : strncmp(vex + 7, "false_positive", 14) == 0 ? "false_positive"
                                                              : "not_affected");
            json_obj_end(j);
        }
        if (k != SIZE_MAX) {
            json_key(j, "affects");
            json_arr_begin(j);
            json_obj_begin(j);
            cdx_ref(tmp, k, assay_report_component(r, k));
            json_kv_str(j, "ref", tmp->data);
            json_obj_end(j);
            json_arr_end(j);
        }
        json_obj_end(j);
    }
    json_arr_end(j);
}

static void
cdx_metadata(struct json_emit *j, const struct assay_report *r)
{
    const struct assay_product *p = assay_report_product(r);
    const struct assay_target *t = assay_report_target(r);
    const char *ts = report_timestamp(r);

    json_key(j, "metadata");
    json_obj_begin(j);
    json_kv_str_opt(j, "timestamp", ts);
    json_key(j, "tools");
    json_obj_begin(j);
    json_key(j, "components");
    json_arr_begin(j);
    json_obj_begin(j);
    json_kv_str(j, "type", "application");
    json_kv_str(j, "name", "assay");
    json_kv_str(j, "version", assay_version());
    json_obj_end(j);
    json_arr_end(j);
    json_obj_end(j);
    if ((p != NULL && p->model != NULL) || (t != NULL && t->name != NULL)) {
        json_key(j, "component");
        json_obj_begin(j);
        json_kv_str(j, "type", "firmware");
        json_kv_str(j, "bom-ref", "product");
        json_kv_str(
            j, "name", p != NULL && p->model != NULL ? p->model : t->name);
        json_kv_str_opt(j, "version", p != NULL ? p->software_version : NULL);
        if (p != NULL && p->manufacturer != NULL) {
            json_key(j, "supplier");
            json_obj_begin(j);
            json_kv_str(j, "name", p->manufacturer);
            json_obj_end(j);
        }
        if (t != NULL && t->sha256 != NULL)
            cdx_sha256(j, t->sha256);
        json_obj_end(j);
    }
    json_obj_end(j);
}

static enum assay_status
cdx_write(const struct assay_report *r, const struct assay_write_opts *opts,
    struct assay_buf *out)
{
    struct json_emit j;
    struct assay_buf tmp;
    enum assay_status rc;

    (void)opts;
    assay_buf_init(&tmp, 8192);
    json_init(&j, out);
    json_obj_begin(&j);
    json_kv_str(&j, "bomFormat", "CycloneDX");
    json_kv_str(&j, "specVersion", "1.5");
    json_kv_int(&j, "version", 1);
    cdx_metadata(&j, r);
    json_key(&j, "components");
    json_arr_begin(&j);
    for (size_t i = 0; i < assay_report_component_count(r); i++)
        cdx_component(&j, &tmp, i, assay_report_component(r, i));
    json_arr_end(&j);
    cdx_dependencies(&j, &tmp, r);
    cdx_vulnerabilities(&j, &tmp, r);
    json_obj_end(&j);
    rc = json_finish(&j);
    assay_buf_release(&tmp);
    return rc;
}

const struct assay_writer wr_cyclonedx = {
    .name = "cyclonedx",
    .ext = "cdx.json",
    .summary = "CycloneDX 1.5 JSON SBOM: components, dependencies, "
               "vulnerabilities",
    .write = cdx_write,
};
