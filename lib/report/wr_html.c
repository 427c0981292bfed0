/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The HTML report: one self-contained file for people (and for PDF via
 * the browser's print). Inline CSS, inline SVG chart and a few lines of
 * vanilla JavaScript for the findings filter; a Content-Security-Policy
 * that forbids every fetch, so the page works offline and cannot leak.
 * Every string from the report is escaped (report_html): it may come from
 * a hostile image. Layout: identity, summary (tallies, a bar per clause,
 * the clause table), findings (filterable), one section per provision
 * (status, applicability, verdict, basis, evidence, remediation),
 * components, diagnostics.
 */
#include "assay_config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_private.h"

/* Diagnostics listed; the rest are counted. */
#define HTML_MAX_DIAGS 500
/* Most clauses a report can have: V3.1.3 has 16, plus "other". */
#define HTML_MAX_CLAUSES 24

/* Pieces of one style sheet (each below the C99 string length limit). */
static const char *const html_css[] = {
    ":root{--pass:#2e7d32;--fail:#c62828;--inc:#b26a00;--na:#757575;",
    "--crit:#6a1b9a;--high:#c62828;--med:#b26a00;--low:#1565c0;--info:#616161;",
    "--line:#e0e0e0;--bg:#fafafa;--ink:#212121;--muted:#5f6368}\n",
    "*{box-sizing:border-box}\n",
    "body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,",
    "'Helvetica Neue',Arial,sans-serif;color:var(--ink);background:var(--bg)}\n",
    "main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}\n",
    "header.top{background:#263238;color:#fff;padding:22px 28px}\n",
    "header.top .in{max-width:1180px;margin:0 auto}\n",
    "header.top h1{margin:0 0 4px;font-size:24px;font-weight:600}\n",
    "header.top p{margin:0;color:#cfd8dc}\n",
    "h2{font-size:20px;margin:36px 0 12px;padding-bottom:6px;",
    "border-bottom:2px solid var(--line)}\n",
    "h3{font-size:16px;margin:26px 0 8px;color:#37474f}\n",
    ".ident{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));",
    "gap:6px 24px;background:#fff;border:1px solid var(--line);border-radius:8px;",
    "padding:14px 18px;margin-top:20px}\n",
    ".ident div span{display:block;font-size:12px;color:var(--muted);",
    "text-transform:uppercase;letter-spacing:.04em}\n",
    ".ident div b{font-weight:500;word-break:break-all}\n",
    ".cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:18px 0}\n",
    ".card{background:#fff;border:1px solid var(--line);border-left:6px solid;",
    "border-radius:8px;padding:10px 14px}\n",
    ".card b{display:block;font-size:30px;line-height:1.1}\n",
    ".card span{color:var(--muted);font-size:13px}\n",
    ".card.c-PASS,.prov.c-PASS{border-left-color:var(--pass)}",
    ".card.c-FAIL,.prov.c-FAIL{border-left-color:var(--fail)}",
    ".card.c-INCONCLUSIVE,.prov.c-INCONCLUSIVE{border-left-color:var(--inc)}",
    ".card.c-NOT_APPLICABLE,.prov.c-NOT_APPLICABLE{border-left-color:var(--na)}\n",
    ".fails{margin:0 0 14px}.fails a{color:var(--fail);font-weight:600}\n",
    ".chart{background:#fff;border:1px solid var(--line);border-radius:8px;",
    "padding:12px 14px}\n",
    ".chart svg{width:100%;height:auto;display:block}\n",
    ".legend{font-size:13px;color:var(--muted);margin:6px 0 0}\n",
    ".legend i{display:inline-block;width:11px;height:11px;border-radius:2px;",
    "margin:0 5px 0 14px;vertical-align:-1px}\n",
    "table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}\n",
    "th,td{text-align:left;vertical-align:top;padding:7px 10px;",
    "border-bottom:1px solid var(--line)}\n",
    "th{background:#eceff1;font-weight:600;font-size:13px;position:sticky;top:0}\n",
    "td.num{text-align:right;font-variant-numeric:tabular-nums}\n",
    ".badge{display:inline-block;padding:1px 8px;border-radius:10px;",
    "font-size:12px;font-weight:600;color:#fff;white-space:nowrap}\n",
    ".b-PASS{background:var(--pass)}.b-FAIL{background:var(--fail)}",
    ".b-INCONCLUSIVE{background:var(--inc)}.b-NOT_APPLICABLE{background:var(--na)}\n",
    ".s-critical{background:var(--crit)}.s-high{background:var(--high)}",
    ".s-medium{background:var(--med)}.s-low{background:var(--low)}",
    ".s-info{background:var(--info)}\n",
    ".filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:6px 0 12px}\n",
    ".filters select,.filters input{font:inherit;padding:5px 8px;border:1px solid #bdbdbd;",
    "border-radius:6px;background:#fff}\n",
    ".filters input{flex:1;min-width:200px}\n",
    "#f-count{color:var(--muted);font-size:13px}\n",
    "code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;",
    "font-size:12.5px;word-break:break-all}\n",
    ".ev{color:#37474f;background:#f5f5f5;border-radius:4px;padding:1px 5px;",
    "display:inline-block;margin-top:3px}\n",
    ".muted{color:var(--muted)}\n",
    "article.prov{background:#fff;border:1px solid var(--line);border-left:6px solid;",
    "border-radius:8px;padding:10px 16px;margin:10px 0;break-inside:avoid}\n",
    "article.prov h4{margin:0 0 4px;font-size:15px;display:flex;gap:10px;",
    "align-items:center;flex-wrap:wrap}\n",
    "article.prov h4 .t{font-weight:500}\n",
    "article.prov dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;",
    "margin:6px 0;font-size:14px}\n",
    "article.prov dt{color:var(--muted)}article.prov dd{margin:0}\n",
    "ul.basis{margin:4px 0 0;padding-left:18px;font-size:14px}\n",
    "ul.basis li{margin:2px 0}\n",
    ".k{display:inline-block;min-width:64px;font-size:11px;font-weight:600;",
    "text-transform:uppercase;color:var(--muted)}\n",
    "footer{max-width:1180px;margin:0 auto;padding:0 28px 32px;color:var(--muted);",
    "font-size:13px}\n",
    "@media (max-width:760px){.cards{grid-template-columns:repeat(2,1fr)}}\n",
    "@media print{body{background:#fff;font-size:11pt}header.top{background:#fff;",
    "color:#000;border-bottom:2px solid #000;padding:0 0 8px}",
    "header.top p{color:#333}main{padding:0;max-width:none}.filters{display:none}",
    "tr[hidden]{display:table-row}th{position:static}h2{break-after:avoid}",
    "article.prov,.card,.chart,.ident{border-color:#999}",
    ".badge{color:#000;border:1px solid #000;background:#fff!important}",
    "a{color:inherit;text-decoration:none}}\n",
    NULL,
};

static const char html_js[] =
    "(function(){\n"
    "var sev=document.getElementById('f-sev'),prov=document.getElementById('f-prov'),"
    "txt=document.getElementById('f-text'),cnt=document.getElementById('f-count');\n"
    "if(!sev)return;\n"
    "var rows=[].slice.call(document.querySelectorAll('#findings tbody tr'));\n"
    "var rank={info:0,low:1,medium:2,high:3,critical:4};\n"
    "function apply(){var s=sev.value,p=prov.value,t=txt.value.toLowerCase(),n=0;\n"
    "rows.forEach(function(r){var ok=(!s||rank[r.dataset.sev]>=rank[s])&&"
    "(!p||(' '+r.dataset.prov+' ').indexOf(' '+p+' ')>=0)&&"
    "(!t||r.textContent.toLowerCase().indexOf(t)>=0);r.hidden=!ok;if(ok)n++;});\n"
    "cnt.textContent=n+' of '+rows.length+' findings shown';}\n"
    "[sev,prov,txt].forEach(function(e){e.addEventListener('input',apply);"
    "e.addEventListener('change',apply);});\napply();})();\n";

static const char *const verdict_label[] = {
    "PASS", "FAIL", "INCONCLUSIVE", "NOT APPLICABLE"};
static const char *const verdict_color[] = {
    "#2e7d32", "#c62828", "#b26a00", "#9e9e9e"};

struct html_clause {
    const char *clause; /* "5.1", or "other" */
    const char *title;
    size_t n[4]; /* by verdict */
};

struct html_ctx {
    struct report_out o;
    const struct assay_report *r;
    enum assay_standard std;
    struct html_clause clauses[HTML_MAX_CLAUSES];
    size_t nclauses;
};

static struct html_clause *
html_clause_of(struct html_ctx *h, const char *clause, const char *title)
{
    for (size_t i = 0; i < h->nclauses; i++) {
        if (strcmp(h->clauses[i].clause, clause) == 0)
            return &h->clauses[i];
    }
    if (h->nclauses == HTML_MAX_CLAUSES)
        return &h->clauses[h->nclauses - 1];
    h->clauses[h->nclauses].clause = clause;
    h->clauses[h->nclauses].title = title;
    return &h->clauses[h->nclauses++];
}

/* Clauses in catalogue order, then the verdicts counted into them. */
static void
html_count(struct html_ctx *h)
{
    for (size_t i = 0; i < assay_catalogue_count(h->std); i++) {
        const struct assay_provision *p = assay_catalogue_get(h->std, i);

        if (p->req != ASSAY_REQ_VOID)
            (void)html_clause_of(h, p->clause, p->clause_title);
    }
    for (size_t i = 0; i < assay_report_verdict_count(h->r); i++) {
        const struct assay_provision_verdict *v = assay_report_verdict(h->r, i);
        const struct assay_provision *p = assay_catalogue_find(h->std, v->id);
        struct html_clause *c =
            p != NULL ? html_clause_of(h, p->clause, p->clause_title)
                      : html_clause_of(h, "other", "Not in the catalogue");

        if ((size_t)v->verdict < 4)
            c->n[v->verdict]++;
    }
}

static void
html_kv(struct html_ctx *h, const char *label, const char *value)
{
    ro_printf(&h->o, "<div><span>%s</span><b>", label);
    if (value != NULL && value[0] != '\0')
        ro_html(&h->o, value);
    else
        ro_puts(&h->o, "<span class=\"muted\">not stated</span>");
    ro_puts(&h->o, "</b></div>\n");
}

static void
html_head(struct html_ctx *h)
{
    const struct assay_product *p = assay_report_product(h->r);
    const struct assay_target *t = assay_report_target(h->r);
    const char *ts = report_timestamp(h->r);
    char size[32];

    ro_puts(&h->o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        "<meta name=\"generator\" content=\"assay ");
    ro_html(&h->o, assay_version());
    ro_puts(&h->o, "\">\n<title>EN 303 645 assessment: ");
    ro_html(&h->o, p->model != NULL  ? p->model
                   : t->name != NULL ? t->name
                                     : "report");
    ro_puts(&h->o, "</title>\n<style>\n");
    for (size_t i = 0; html_css[i] != NULL; i++)
        ro_puts(&h->o, html_css[i]);
    ro_puts(&h->o, "</style>\n</head>\n<body>\n");
    ro_puts(&h->o, "<header class=\"top\"><div class=\"in\"><h1>");
    ro_html(&h->o, p->manufacturer);
    ro_puts(&h->o, p->manufacturer != NULL ? " " : "");
    ro_html(&h->o, p->model != NULL ? p->model : "Unnamed product");
    ro_printf(&h->o,
        "</h1><p>Conformance assessment against ETSI EN 303 645 V%s"
        "</p></div></header>\n<main>\n",
        assay_standard_name(h->std));
    ro_puts(&h->o, "<section class=\"ident\" aria-label=\"identity\">\n");
    html_kv(h, "Manufacturer", p->manufacturer);
    html_kv(h, "Model", p->model);
    html_kv(h, "Hardware version", p->hardware_version);
    html_kv(h, "Software version", p->software_version);
    html_kv(h, "Assessed", t->name);
    html_kv(h, "Kind", t->kind);
    snprintf(size, sizeof(size), "%" PRIu64 " bytes", t->size);
    html_kv(h, "Size", t->size > 0 ? size : NULL);
    ro_puts(&h->o, "<div><span>SHA-256</span><b class=\"mono\">");
    ro_html(&h->o, t->sha256 != NULL ? t->sha256 : "-");
    ro_puts(&h->o, "</b></div>\n");
    if (ts != NULL)
        html_kv(h, "Generated", ts);
    ro_puts(&h->o, "</section>\n");
}

/* One horizontal stacked bar per clause; widths scale to the largest. */
static void
html_chart(struct html_ctx *h)
{
    const unsigned label_w = 64, bar_w = 840, row_h = 26;
    size_t max = 1;
    unsigned height = (unsigned)h->nclauses * row_h + 8;

    for (size_t i = 0; i < h->nclauses; i++) {
        size_t sum = 0;

        for (int v = 0; v < 4; v++)
            sum += h->clauses[i].n[v];
        if (sum > max)
            max = sum;
    }
    ro_printf(&h->o,
        "<div class=\"chart\"><svg viewBox=\"0 0 %u %u\" role=\"img\" "
        "aria-label=\"verdicts per clause\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        label_w + bar_w + 60, height);
    for (size_t i = 0; i < h->nclauses; i++) {
        const struct html_clause *c = &h->clauses[i];
        unsigned y = (unsigned)i * row_h + 4, x = label_w;
        size_t sum = 0;

        ro_printf(&h->o,
            "<text x=\"%u\" y=\"%u\" font-size=\"13\" text-anchor=\"end\" "
            "fill=\"#37474f\">",
            label_w - 8, y + 15);
        ro_html(&h->o, c->clause);
        ro_puts(&h->o, "</text>\n");
        for (int v = 0; v < 4; v++) {
            unsigned w = (unsigned)(c->n[v] * bar_w / max);

            sum += c->n[v];
            if (c->n[v] == 0)
                continue;
            ro_printf(&h->o,
                "<rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"%u\" "
                "fill=\"%s\"><title>",
                x, y, w > 0 ? w : 1, row_h - 8, verdict_color[v]);
            ro_html(&h->o, c->clause);
            ro_printf(
                &h->o, ": %zu %s</title></rect>\n", c->n[v], verdict_label[v]);
            x += w;
        }
        ro_printf(&h->o,
            "<text x=\"%u\" y=\"%u\" font-size=\"12\" fill=\"#5f6368\">%zu"
            "</text>\n",
            x + 6, y + 15, sum);
    }
    ro_puts(&h->o, "</svg>\n<p class=\"legend\">");
    for (int v = 0; v < 4; v++)
        ro_printf(&h->o, "<i style=\"background:%s\"></i>%s", verdict_color[v],
            verdict_label[v]);
    ro_puts(&h->o, "</p></div>\n");
}

/* Links to every FAIL verdict's section, so a reader starts there. */
static void
html_fail_links(struct html_ctx *h)
{
    size_t k = 0;

    for (size_t i = 0; i < assay_report_verdict_count(h->r); i++) {
        const struct assay_provision_verdict *v = assay_report_verdict(h->r, i);

        if (v->verdict != ASSAY_VERDICT_FAIL)
            continue;
        ro_puts(&h->o, k++ == 0 ? "<p class=\"fails\"><b>Failing:</b> " : ", ");
        ro_puts(&h->o, "<a href=\"#p-");
        ro_html(&h->o, v->id);
        ro_puts(&h->o, "\">");
        ro_html(&h->o, v->id);
        ro_puts(&h->o, "</a>");
    }
    if (k > 0)
        ro_puts(&h->o, "</p>\n");
}

static void
html_summary(struct html_ctx *h)
{
    static const char *const names[] = {
        "PASS", "FAIL", "INCONCLUSIVE", "NOT_APPLICABLE"};

    ro_puts(&h->o,
        "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
    for (int v = 0; v < 4; v++)
        ro_printf(&h->o,
            "<div class=\"card c-%s\"><b>%zu</b><span>%s</span></div>\n",
            names[v], assay_report_verdict_tally(h->r, (enum assay_verdict)v),
            verdict_label[v]);
    ro_puts(&h->o, "</div>\n");
    html_fail_links(h);
    html_chart(h);
    ro_puts(&h->o,
        "<h3>Verdicts per clause</h3>\n<table class=\"clauses\">\n"
        "<thead><tr><th>Clause</th><th>Title</th><th>Pass</th><th>Fail</th>"
        "<th>Inconclusive</th><th>Not applicable</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < h->nclauses; i++) {
        const struct html_clause *c = &h->clauses[i];

        ro_puts(&h->o, "<tr><td>");
        ro_html(&h->o, c->clause);
        ro_puts(&h->o, "</td><td>");
        ro_html(&h->o, c->title);
        ro_printf(&h->o,
            "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
            "<td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n",
            c->n[0], c->n[1], c->n[2], c->n[3]);
    }
    ro_puts(&h->o, "</tbody></table>\n</section>\n");
}

/* "/etc/shadow:3" then the container chain, for a table cell. */
static void
html_where(struct html_ctx *h, const struct assay_finding *f)
{
    if (f->path == NULL && f->container == NULL) {
        ro_puts(&h->o, "<span class=\"muted\">");
        ro_html(&h->o, f->source != NULL ? f->source : "static");
        ro_puts(&h->o, "</span>");
        return;
    }
    ro_puts(&h->o, "<code>");
    ro_html(&h->o, f->path);
    if (f->line > 0)
        ro_printf(&h->o, ":%u", f->line);
    else if (f->offset >= 0)
        ro_printf(&h->o, " @0x%" PRIx64, (uint64_t)f->offset);
    ro_puts(&h->o, "</code>");
    if (f->container != NULL) {
        ro_puts(&h->o, "<br><span class=\"muted mono\">");
        ro_html(&h->o, f->container);
        ro_puts(&h->o, "</span>");
    }
}

static int
html_id_cmp(const void *a, const void *b)
{
    return report_provision_cmp(
        *(const char *const *)a, *(const char *const *)b);
}

/* The filter's provision choices: every id cited, sorted, once. */
static void
html_provision_options(struct html_ctx *h)
{
    size_t n = assay_report_finding_count(h->r), k = 0;
    const char **ids =
        assay_calloc(n * ASSAY_FINDING_MAX_PROVISIONS + 1, sizeof(*ids));

    if (ids == NULL) {
        h->o.rc = h->o.rc == ASSAY_OK ? ASSAY_E_NOMEM : h->o.rc;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const struct assay_finding *f = assay_report_finding(h->r, i);

        for (size_t p = 0; p < f->provision_count; p++)
            ids[k++] = f->provisions[p];
    }
    if (k > 1)
        qsort(ids, k, sizeof(*ids), html_id_cmp);
    for (size_t i = 0; i < k; i++) {
        if (i > 0 && strcmp(ids[i], ids[i - 1]) == 0)
            continue;
        ro_puts(&h->o, "<option value=\"");
        ro_html(&h->o, ids[i]);
        ro_puts(&h->o, "\">");
        ro_html(&h->o, ids[i]);
        ro_puts(&h->o, "</option>");
    }
    assay_free(ids);
}

static void
html_findings(struct html_ctx *h)
{
    size_t n = assay_report_finding_count(h->r);

    ro_printf(&h->o, "<section id=\"findings\">\n<h2>Findings (%zu)</h2>\n", n);
    if (n == 0) {
        ro_puts(&h->o,
            "<p class=\"muted\">No findings were recorded.</p>\n</section>\n");
        return;
    }
    ro_puts(&h->o,
        "<div class=\"filters\"><label>Severity <select id=\"f-sev\">"
        "<option value=\"\">all</option><option value=\"critical\">critical</option>"
        "<option value=\"high\">high and above</option>"
        "<option value=\"medium\">medium and above</option>"
        "<option value=\"low\">low and above</option></select></label>"
        "<label>Provision <select id=\"f-prov\"><option value=\"\">all</option>");
    html_provision_options(h);
    ro_puts(&h->o,
        "</select></label><input id=\"f-text\" type=\"search\" "
        "placeholder=\"Filter by text: check, path, evidence...\" aria-label=\"text filter\">"
        "<span id=\"f-count\"></span></div>\n"
        "<table><thead><tr><th>Severity</th><th>Check</th><th>Provisions</th>"
        "<th>Finding</th><th>Where</th><th>Remediation</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const struct assay_finding *f = assay_report_finding(h->r, i);
        const char *sev = assay_severity_name(f->severity);

        ro_printf(&h->o, "<tr data-sev=\"%s\" data-prov=\"", sev);
        for (size_t k = 0; k < f->provision_count; k++) {
            ro_puts(&h->o, k > 0 ? " " : "");
            ro_html(&h->o, f->provisions[k]);
        }
        ro_printf(&h->o,
            "\"><td><span class=\"badge s-%s\">%s</span></td><td><code>", sev,
            sev);
        ro_html(&h->o, f->check);
        ro_puts(&h->o, "</code></td><td>");
        for (size_t k = 0; k < f->provision_count; k++) {
            /* a fragment link: whatever the id holds, it stays "#p-..." */
            ro_puts(&h->o, k > 0 ? ", <a href=\"#p-" : "<a href=\"#p-");
            ro_html(&h->o, f->provisions[k]);
            ro_puts(&h->o, "\">");
            ro_html(&h->o, f->provisions[k]);
            ro_puts(&h->o, "</a>");
        }
        ro_puts(&h->o, "</td><td>");
        ro_html(&h->o, f->title);
        if (f->evidence != NULL) {
            ro_puts(&h->o, "<br><span class=\"ev mono\">");
            ro_html(&h->o, f->evidence);
            ro_puts(&h->o, "</span>");
        }
        if (f->vuln_id != NULL) {
            ro_puts(&h->o, "<br><span class=\"muted\">");
            ro_html(&h->o, f->vuln_id);
            ro_puts(&h->o, f->component != NULL ? " in " : "");
            ro_html(&h->o, f->component);
            ro_puts(&h->o, "</span>");
        }
        ro_puts(&h->o, "</td><td>");
        html_where(h, f);
        ro_puts(&h->o, "</td><td>");
        ro_html(&h->o, f->remediation);
        ro_puts(&h->o, "</td></tr>\n");
    }
    ro_puts(&h->o, "</tbody></table>\n</section>\n");
}

static const char *
html_basis_kind(enum assay_basis_kind k)
{
    return report_basis_kind_name(k);
}

/* Findings citing 'id': evidence and remediation for its section. */
static void
html_evidence(struct html_ctx *h, const char *id)
{
    size_t shown = 0;

    for (size_t i = 0; i < assay_report_finding_count(h->r); i++) {
        const struct assay_finding *f = assay_report_finding(h->r, i);
        bool cites = false;

        for (size_t k = 0; k < f->provision_count && !cites; k++)
            cites = strcmp(f->provisions[k], id) == 0;
        if (!cites)
            continue;
        ro_puts(&h->o,
            shown++ == 0 ? "<dt>Evidence</dt><dd><ul class=\"basis\">" : "");
        ro_printf(&h->o, "<li><span class=\"badge s-%s\">%s</span> ",
            assay_severity_name(f->severity), assay_severity_name(f->severity));
        ro_html(&h->o, f->title);
        ro_puts(&h->o, " &mdash; ");
        html_where(h, f);
        if (f->evidence != NULL) {
            ro_puts(&h->o, "<br><span class=\"ev mono\">");
            ro_html(&h->o, f->evidence);
            ro_puts(&h->o, "</span>");
        }
        if (f->remediation != NULL) {
            ro_puts(&h->o, "<br><b>Remediation:</b> ");
            ro_html(&h->o, f->remediation);
        }
        ro_puts(&h->o, "</li>");
    }
    if (shown > 0)
        ro_puts(&h->o, "</ul></dd>\n");
}

static void
html_provision(struct html_ctx *h, const struct assay_provision_verdict *v,
    const struct assay_provision *p)
{
    static const char *const names[] = {
        "PASS", "FAIL", "INCONCLUSIVE", "NOT_APPLICABLE"};
    const char *vn =
        (size_t)v->verdict < 4 ? names[v->verdict] : "INCONCLUSIVE";

    ro_printf(&h->o, "<article class=\"prov c-%s\" id=\"p-", vn);
    ro_html(&h->o, v->id);
    ro_puts(&h->o, "\"><h4>");
    ro_html(&h->o, v->id);
    ro_puts(&h->o, " <span class=\"t\">");
    ro_html(&h->o, p != NULL ? p->title : "");
    ro_printf(&h->o, "</span><span class=\"badge b-%s\">%s</span></h4>\n<dl>",
        vn, (size_t)v->verdict < 4 ? verdict_label[v->verdict] : "?");
    ro_puts(&h->o, "<dt>Status</dt><dd>");
    ro_html(&h->o, v->status);
    ro_puts(&h->o, "</dd><dt>Applicability</dt><dd>");
    ro_puts(&h->o, v->applicable ? "applies" : "not applicable");
    if (v->support != NULL) {
        ro_puts(&h->o, "</dd><dt>ICS support</dt><dd>");
        ro_html(&h->o, v->support);
        if (v->detail != NULL) {
            ro_puts(&h->o, " &mdash; ");
            ro_html(&h->o, v->detail);
        }
    }
    ro_puts(&h->o, "</dd>\n");
    if (v->basis_count > 0) {
        ro_puts(&h->o, "<dt>Basis</dt><dd><ul class=\"basis\">");
        for (size_t k = 0; k < v->basis_count; k++) {
            const struct assay_basis *b = &v->basis[k];

            ro_printf(&h->o, "<li><span class=\"k\">%s</span> ",
                html_basis_kind(b->kind));
            if (b->ref != NULL && b->kind != ASSAY_BASIS_ICS) {
                ro_puts(&h->o, "<code>");
                ro_html(&h->o, b->ref);
                ro_puts(&h->o, "</code> ");
            }
            ro_html(&h->o, b->text);
            ro_puts(&h->o, "</li>");
        }
        ro_puts(&h->o, "</ul></dd>\n");
    }
    html_evidence(h, v->id);
    ro_puts(&h->o, "</dl></article>\n");
}

static void
html_provisions(struct html_ctx *h)
{
    ro_puts(&h->o, "<section id=\"provisions\">\n<h2>Provisions</h2>\n");
    if (assay_report_verdict_count(h->r) == 0) {
        ro_puts(&h->o,
            "<p class=\"muted\">No verdicts: run assay assess with a "
            "conformance statement.</p>\n");
    }
    for (size_t c = 0; c < h->nclauses; c++) {
        const struct html_clause *cl = &h->clauses[c];
        bool titled = false;

        for (size_t i = 0; i < assay_report_verdict_count(h->r); i++) {
            const struct assay_provision_verdict *v =
                assay_report_verdict(h->r, i);
            const struct assay_provision *p =
                assay_catalogue_find(h->std, v->id);
            const char *clause = p != NULL ? p->clause : "other";

            if (strcmp(clause, cl->clause) != 0)
                continue;
            if (!titled) {
                ro_puts(&h->o, "<h3>");
                ro_html(&h->o, cl->clause);
                ro_puts(&h->o, " ");
                ro_html(&h->o, cl->title);
                ro_puts(&h->o, "</h3>\n");
                titled = true;
            }
            html_provision(h, v, p);
        }
    }
    ro_puts(&h->o, "</section>\n");
}

static void
html_components(struct html_ctx *h)
{
    size_t n = assay_report_component_count(h->r);

    ro_printf(
        &h->o, "<section id=\"components\">\n<h2>Components (%zu)</h2>\n", n);
    if (n == 0) {
        ro_puts(&h->o,
            "<p class=\"muted\">No components were identified.</p>\n</section>\n");
        return;
    }
    ro_puts(&h->o,
        "<table><thead><tr><th>Name</th><th>Version</th><th>Found in</th>"
        "<th>Identifiers</th><th>Confidence</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const struct assay_component *c = assay_report_component(h->r, i);

        ro_puts(&h->o, "<tr><td>");
        ro_html(&h->o, c->name);
        ro_puts(&h->o, "</td><td>");
        ro_html(&h->o, c->version != NULL ? c->version : "unknown");
        ro_puts(&h->o, "</td><td><code>");
        ro_html(&h->o, c->path);
        ro_puts(&h->o, "</code>");
        if (c->evidence != NULL) {
            ro_puts(&h->o, "<br><span class=\"muted\">");
            ro_html(&h->o, c->evidence);
            ro_puts(&h->o, "</span>");
        }
        ro_puts(&h->o, "</td><td class=\"mono\">");
        ro_html(&h->o, c->purl);
        if (c->purl != NULL && c->cpe != NULL)
            ro_puts(&h->o, "<br>");
        ro_html(&h->o, c->cpe);
        ro_printf(&h->o, "</td><td>%s</td></tr>\n",
            assay_confidence_name(c->confidence));
    }
    ro_puts(&h->o, "</tbody></table>\n</section>\n");
}

static void
html_diags(struct html_ctx *h)
{
    size_t n = assay_report_diag_count(h->r);

    if (n == 0)
        return;
    ro_printf(&h->o,
        "<section id=\"diagnostics\">\n<h2>Diagnostics (%zu)</h2>\n"
        "<table><thead><tr><th>Level</th><th>Source</th><th>Where</th>"
        "<th>Message</th></tr></thead>\n<tbody>\n",
        n);
    for (size_t i = 0; i < n && i < HTML_MAX_DIAGS; i++) {
        const struct assay_diag *d = assay_report_diag(h->r, i);
        char where[1024];

        ro_printf(
            &h->o, "<tr><td>%s</td><td>", assay_diag_level_name(d->level));
        ro_html(&h->o, d->source);
        ro_puts(&h->o, "</td><td class=\"mono\">");
        ro_html(&h->o, assay_diag_where(d, where, sizeof(where)));
        ro_puts(&h->o, "</td><td>");
        ro_html(&h->o, d->message);
        ro_puts(&h->o, "</td></tr>\n");
    }
    ro_puts(&h->o, "</tbody></table>\n");
    if (n > HTML_MAX_DIAGS)
        ro_printf(&h->o,
            "<p class=\"muted\">%zu more diagnostics are in the JSON "
            "report.</p>\n",
            n - HTML_MAX_DIAGS);
    ro_puts(&h->o, "</section>\n");
}

static enum assay_status
html_write(const struct assay_report *r, const struct assay_write_opts *opts,
    struct assay_buf *out)
{
    struct html_ctx *h = assay_calloc(1, sizeof(*h));
    enum assay_status rc;

    (void)opts;
    if (h == NULL)
        return ASSAY_E_NOMEM;
    h->o.out = out;
    h->r = r;
    h->std = report_standard_of(r);
    html_count(h);
    html_head(h);
    html_summary(h);
    html_findings(h);
    html_provisions(h);
    html_components(h);
    html_diags(h);
    ro_puts(&h->o, "</main>\n<footer>Generated by assay ");
    ro_html(&h->o, assay_version());
    ro_puts(&h->o,
        ". PASS needs positive support: the ICS declares the provision "
        "supported and automated checks or an assessor found it met. "
        "INCONCLUSIVE lists what is still missing (docs/verdicts.md).");
    if (assay_report_dropped(r) > 0)
        ro_printf(&h->o, " %" PRIu64 " records were dropped at a limit.",
            assay_report_dropped(r));
    ro_puts(&h->o, "</footer>\n<script>\n");
    ro_puts(&h->o, html_js);
    ro_puts(&h->o, "</script>\n</body>\n</html>\n");
    rc = h->o.rc;
    assay_free(h);
    return rc;
}

const struct assay_writer wr_html = {
    .name = "html",
    .ext = "html",
    .summary = "a self-contained HTML report for people (prints to PDF)",
    .write = html_write,
};
