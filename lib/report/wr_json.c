/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The JSON report, schema "assay-report/1" (docs/report-schema.md and
 * docs/assay-report.schema.json). Member order is fixed; arrays follow
 * the canonical report order; no timestamp unless one was asked for.
 */
#include "assay_config.h"

#include "report_private.h"

static void
json_write_target(struct json_emit *j, const struct assay_report *r)
{
    const struct assay_target *t = assay_report_target(r);

    json_key(j, "target");
    json_obj_begin(j);
    json_kv_str(j, "kind", t->kind != NULL ? t->kind : "none");
    json_kv_str(j, "name", t->name);
    json_kv_uint(j, "size", t->size);
    json_kv_str(j, "sha256", t->sha256);
    json_obj_end(j);
}

static void
json_write_product(struct json_emit *j, const struct assay_report *r)
{
    const struct assay_product *p = assay_report_product(r);

    json_key(j, "product");
    json_obj_begin(j);
    json_kv_str(j, "manufacturer", p->manufacturer);
    json_kv_str(j, "model", p->model);
    json_kv_str(j, "hardware_version", p->hardware_version);
    json_kv_str(j, "software_version", p->software_version);
    json_obj_end(j);
}

static void
json_write_summary(struct json_emit *j, const struct assay_report *r)
{
    uint64_t by_sev[5] = {0};
    size_t n = assay_report_finding_count(r);

    for (size_t i = 0; i < n; i++)
        by_sev[assay_report_finding(r, i)->severity]++;
    json_key(j, "summary");
    json_obj_begin(j);
    json_key(j, "findings");
    json_obj_begin(j);
    json_kv_uint(j, "total", n);
    for (int s = ASSAY_SEV_CRITICAL; s >= ASSAY_SEV_INFO; s--)
        json_kv_uint(j, assay_severity_name((enum assay_severity)s), by_sev[s]);
    json_obj_end(j);
    report_json_verdict_tally(j, r);
    json_kv_uint(j, "components", assay_report_component_count(r));
    json_kv_uint(j, "diagnostics", assay_report_diag_count(r));
    json_kv_uint(j, "dropped", assay_report_dropped(r));
    json_obj_end(j);
}

void
report_json_provisions(
    struct json_emit *j, const char *key, const struct assay_finding *f)
{
    json_key(j, key);
    json_arr_begin(j);
    for (size_t k = 0; k < f->provision_count; k++)
        json_str(j, f->provisions[k]);
    json_arr_end(j);
}

void
report_json_verdict_tally(struct json_emit *j, const struct assay_report *r)
{
    json_key(j, "verdicts");
    json_obj_begin(j);
    for (int v = ASSAY_VERDICT_PASS; v <= ASSAY_VERDICT_NOT_APPLICABLE; v++)
        json_kv_uint(j, assay_verdict_name((enum assay_verdict)v),
            assay_report_verdict_tally(r, (enum assay_verdict)v));
    json_obj_end(j);
}

void
report_json_finding(struct json_emit *j, const struct assay_finding *f)
{
    json_obj_begin(j);
    json_kv_str(j, "check", f->check);
    report_json_provisions(j, "provisions", f);
    json_kv_str(j, "severity", assay_severity_name(f->severity));
    json_kv_str(j, "confidence", assay_confidence_name(f->confidence));
    json_kv_str(j, "title", f->title);
    json_kv_str(j, "source", f->source != NULL ? f->source : "static");
    json_kv_str(j, "path", f->path);
    json_kv_str(j, "container", f->container);
    if (f->line > 0)
        json_kv_uint(j, "line", f->line);
    if (f->offset >= 0)
        json_kv_int(j, "offset", f->offset);
    json_kv_str(j, "evidence", f->evidence);
    json_kv_str(j, "remediation", f->remediation);
    json_kv_str_opt(j, "vuln_id", f->vuln_id);
    json_kv_str_opt(j, "component", f->component);
    if (f->cvss > 0.0)
        json_kv_cvss(j, "cvss", f->cvss);
    json_obj_end(j);
}

static void
json_write_findings(struct json_emit *j, const struct assay_report *r)
{
    json_key(j, "findings");
    json_arr_begin(j);
    for (size_t i = 0; i < assay_report_finding_count(r); i++) {
        report_json_finding(j, assay_report_finding(r, i));
    }
    json_arr_end(j);
}

static void
json_write_verdicts(struct json_emit *j, const struct assay_report *r)
{
    json_key(j, "provisions");
    json_arr_begin(j);
    for (size_t i = 0; i < assay_report_verdict_count(r); i++) {
        const struct assay_provision_verdict *v = assay_report_verdict(r, i);

        json_obj_begin(j);
        json_kv_str(j, "id", v->id);
        json_kv_str(j, "status", v->status);
        json_kv_bool(j, "applicable", v->applicable);
        json_kv_str(j, "verdict", assay_verdict_name(v->verdict));
        json_kv_str_opt(j, "support", v->support);
        json_kv_str_opt(j, "detail", v->detail);
        json_key(j, "basis");
        json_arr_begin(j);
        for (size_t k = 0; k < v->basis_count; k++) {
            json_obj_begin(j);
            json_kv_str(j, "kind", report_basis_kind_name(v->basis[k].kind));
            json_kv_str(j, "ref", v->basis[k].ref);
            json_kv_str(j, "text", v->basis[k].text);
            json_obj_end(j);
        }
        json_arr_end(j);
        json_obj_end(j);
    }
    json_arr_end(j);
}

static void
json_write_components(struct json_emit *j, const struct assay_report *r)
{
    json_key(j, "components");
    json_arr_begin(j);
    for (size_t i = 0; i < assay_report_component_count(r); i++) {
        const struct assay_component *c = assay_report_component(r, i);

        json_obj_begin(j);
        json_kv_str(j, "name", c->name);
        json_kv_str(j, "version", c->version);
        json_kv_str(j, "path", c->path);
        json_kv_str(j, "evidence", c->evidence);
        json_kv_str(j, "purl", c->purl);
        json_kv_str(j, "cpe", c->cpe);
        json_kv_str(j, "confidence", assay_confidence_name(c->confidence));
        json_kv_str_opt(j, "sha256", c->sha256);
        json_kv_str_opt(j, "requires", c->requires);
        json_obj_end(j);
    }
    json_arr_end(j);
}

/* Only when a scanner recorded coverage, so older documents keep their
 * exact bytes. */
static void
json_write_coverage(struct json_emit *j, const struct assay_report *r)
{
    size_t n = assay_report_coverage_count(r);

    if (n == 0)
        return;
    json_key(j, "coverage");
    json_arr_begin(j);
    for (size_t i = 0; i < n; i++) {
        const struct assay_coverage *c = assay_report_coverage(r, i);

        json_obj_begin(j);
        json_kv_str(j, "provision", c->provision);
        json_kv_str(j, "check", c->check);
        json_obj_end(j);
    }
    json_arr_end(j);
}

static void
json_write_diags(struct json_emit *j, const struct assay_report *r)
{
    json_key(j, "diagnostics");
    json_arr_begin(j);
    for (size_t i = 0; i < assay_report_diag_count(r); i++) {
        const struct assay_diag *d = assay_report_diag(r, i);

        json_obj_begin(j);
        json_kv_str(j, "level", assay_diag_level_name(d->level));
        json_kv_str(j, "source", d->source);
        json_kv_str(j, "file", d->file);
        if (d->offset >= 0)
            json_kv_int(j, "offset", d->offset);
        if (d->line > 0)
            json_kv_uint(j, "line", d->line);
        if (d->column > 0)
            json_kv_uint(j, "column", d->column);
        json_kv_str(j, "message", d->message);
        json_obj_end(j);
    }
    json_arr_end(j);
}

static enum assay_status
json_write(const struct assay_report *r, const struct assay_write_opts *opts,
    struct assay_buf *out)
{
    const struct assay_inventory *inv = assay_report_inventory(r);
    const char *ts = report_timestamp(r);
    struct json_emit j;

    (void)opts;
    json_init(&j, out);
    json_obj_begin(&j);
    json_kv_str(&j, "schema", ASSAY_REPORT_SCHEMA);
    json_key(&j, "tool");
    json_obj_begin(&j);
    json_kv_str(&j, "name", "assay");
    json_kv_str(&j, "version", assay_version());
    json_obj_end(&j);
    json_kv_str_opt(&j, "generated", ts);
    json_key(&j, "standard");
    if (assay_report_standard(r) != NULL) {
        json_obj_begin(&j);
        json_kv_str(&j, "name", "ETSI EN 303 645");
        json_kv_str(&j, "version", assay_report_standard(r));
        json_obj_end(&j);
    } else {
        json_null(&j);
    }
    json_write_target(&j, r);
    json_write_product(&j, r);
    json_key(&j, "inventory");
    json_obj_begin(&j);
    json_kv_uint(&j, "files", inv->files);
    json_kv_uint(&j, "directories", inv->directories);
    json_kv_uint(&j, "symlinks", inv->symlinks);
    json_kv_uint(&j, "devices", inv->devices);
    json_kv_uint(&j, "executables", inv->executables);
    json_kv_uint(&j, "bytes", inv->bytes);
    json_kv_uint(&j, "containers", inv->containers);
    json_obj_end(&j);
    json_write_summary(&j, r);
    json_write_findings(&j, r);
    json_write_verdicts(&j, r);
    json_write_components(&j, r);
    json_write_diags(&j, r);
    json_write_coverage(&j, r);
    json_obj_end(&j);
    return json_finish(&j);
}

const struct assay_writer wr_json = {
    .name = "json",
    .ext = "json",
    .summary = "the full report as JSON (schema assay-report/1)",
    .write = json_write,
};
