/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SARIF 2.1.0 (OASIS), for code-scanning dashboards and CI.
 *
 * One rule per check id, with help from docs/checks/<ID>.md when the page
 * exists (compiled in), the provisions as tags and a security-severity
 * from the worst finding of that check. One result per finding: the file
 * inside the image is the physical location (relative URI under the
 * base id IMAGEROOT, line or byte offset as region) and the container
 * chain plus path is the logical location, so a viewer can show where in
 * a nested image the file came from. partialFingerprints carry the same
 * identity `assay diff` uses (check, provisions, container, path,
 * evidence), so dashboards track a finding across builds. The verdict
 * tally rides along in the run's properties.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "report_private.h"

#define SARIF_SCHEMA                                                           \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"      \
    "sarif-schema-2.1.0.json"

static const char *
sarif_level(enum assay_severity s)
{
    switch (s) {
    case ASSAY_SEV_CRITICAL:
    case ASSAY_SEV_HIGH:
        return "error";
    case ASSAY_SEV_MEDIUM:
        return "warning";
    case ASSAY_SEV_LOW:
    case ASSAY_SEV_INFO:
        break;
    }
    return "note";
}

/* GitHub's security-severity scale (0.0-10.0), one value per severity. */
static const char *
sarif_security_severity(enum assay_severity s)
{
    static const char *const v[] = {"0.0", "3.0", "5.5", "8.0", "9.5"};

    return (size_t)s < ASSAY_ARRAY_LEN(v) ? v[s] : "0.0";
}

/*
 * 'path' as a relative URI reference: the leading '/' dropped and every
 * byte outside RFC 3986 unreserved characters and '/' percent-encoded, so
 * names with spaces, '%', '#' or control bytes stay one valid URI.
 */
static void
sarif_uri(struct json_emit *j, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    struct assay_buf b;

    assay_buf_init(&b, REPORT_OUT_CAP);
    while (*path == '/')
        path++;
    for (const unsigned char *p = (const unsigned char *)path; *p != '\0';
         p++) {
        enum assay_status rc;

        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL) {
            rc = assay_buf_putc(&b, (char)*p);
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};

            rc = assay_buf_append(&b, esc, 3);
        }
        if (rc != ASSAY_OK) {
            j->rc = j->rc == ASSAY_OK ? rc : j->rc;
            break;
        }
    }
    json_strn(j, b.data != NULL ? b.data : "", b.len);
    assay_buf_release(&b);
}

/* 64-bit FNV-1a over the identity fields, NUL-separated. */
static uint64_t
sarif_fnv(uint64_t h, const char *s)
{
    for (; s != NULL && *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ull;
    }
    h ^= 0xff; /* field separator: "ab","c" differs from "a","bc" */
    h *= 0x100000001b3ull;
    return h;
}

static void
sarif_fingerprint(struct json_emit *j, const struct assay_finding *f)
{
    uint64_t h = 0xcbf29ce484222325ull;
    char hex[17];

    h = sarif_fnv(h, f->check);
    for (size_t i = 0; i < f->provision_count; i++)
        h = sarif_fnv(h, f->provisions[i]);
    h = sarif_fnv(h, f->container);
    h = sarif_fnv(h, f->path);
    h = sarif_fnv(h, f->evidence);
    snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
    json_key(j, "partialFingerprints");
    json_obj_begin(j);
    json_kv_str(j, "assayIdentity/v1", hex);
    json_obj_end(j);
}

/*
 * Distinct check ids in first-seen order of the canonical finding order,
 * sorted by id; rule index i is the i-th. Heap array, caller frees.
 */
static const struct assay_finding **
sarif_rules(const struct assay_report *r, size_t *count)
{
    size_t n = assay_report_finding_count(r), k = 0;
    const struct assay_finding **rules = assay_calloc(n + 1, sizeof(*rules));

    if (rules == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const struct assay_finding *f = assay_report_finding(r, i);
        size_t at = 0;

        /* insertion into the sorted list; findings are few per check */
        while (at < k && strcmp(rules[at]->check, f->check) < 0)
            at++;
        if (at < k && strcmp(rules[at]->check, f->check) == 0)
            continue;
        memmove(&rules[at + 1], &rules[at], (k - at) * sizeof(*rules));
        rules[at] = f; /* highest severity first: the report is sorted */
        k++;
    }
    *count = k;
    return rules;
}

static size_t
sarif_rule_index(
    const struct assay_finding *const *rules, size_t n, const char *check)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(rules[mid]->check, check);

        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0; /* not reached: every check has a rule */
}

/* Provisions of every finding of 'check', de-duplicated, as tags. */
static void
sarif_rule_tags(
    struct json_emit *j, const struct assay_report *r, const char *check)
{
    const char *seen[64];
    size_t nseen = 0;

    json_key(j, "tags");
    json_arr_begin(j);
    json_str(j, "security");
    json_str(j, "EN 303 645");
    for (size_t i = 0; i < assay_report_finding_count(r); i++) {
        const struct assay_finding *f = assay_report_finding(r, i);

        if (strcmp(f->check, check) != 0)
            continue;
        for (size_t k = 0; k < f->provision_count; k++) {
            bool dup = false;

            for (size_t s = 0; s < nseen && !dup; s++)
                dup = strcmp(seen[s], f->provisions[k]) == 0;
            if (dup || nseen == ASSAY_ARRAY_LEN(seen))
                continue;
            seen[nseen++] = f->provisions[k];
            json_str(j, f->provisions[k]);
        }
    }
    json_arr_end(j);
}

static void
sarif_write_rule(struct json_emit *j, const struct assay_report *r,
    const struct assay_finding *f)
{
    const char *doc = report_check_doc(f->check);

    json_obj_begin(j);
    json_kv_str(j, "id", f->check);
    json_key(j, "shortDescription");
    json_obj_begin(j);
    json_kv_str(j, "text", f->title);
    json_obj_end(j);
    json_key(j, "help");
    json_obj_begin(j);
    if (doc != NULL) {
        json_kv_str(j, "text", doc);
        json_kv_str(j, "markdown", doc);
    } else {
        json_kv_str(
            j, "text", f->remediation != NULL ? f->remediation : f->title);
    }
    json_obj_end(j);
    json_key(j, "defaultConfiguration");
    json_obj_begin(j);
    json_kv_str(j, "level", sarif_level(f->severity));
    json_obj_end(j);
    json_key(j, "properties");
    json_obj_begin(j);
    sarif_rule_tags(j, r, f->check);
    json_kv_str(j, "security-severity", sarif_security_severity(f->severity));
    json_obj_end(j);
    json_obj_end(j);
}

static void
sarif_write_location(struct json_emit *j, const struct assay_finding *f)
{
    if (f->path == NULL && f->container == NULL)
        return;
    json_key(j, "locations");
    json_arr_begin(j);
    json_obj_begin(j);
    if (f->path != NULL) {
        json_key(j, "physicalLocation");
        json_obj_begin(j);
        json_key(j, "artifactLocation");
        json_obj_begin(j);
        json_key(j, "uri");
        sarif_uri(j, f->path);
        json_kv_str(j, "uriBaseId", "IMAGEROOT");
        json_obj_end(j);
        if (f->line > 0 || f->offset >= 0) {
            json_key(j, "region");
            json_obj_begin(j);
            if (f->line > 0)
                json_kv_uint(j, "startLine", f->line);
            else
                json_kv_int(j, "byteOffset", f->offset);
            json_obj_end(j);
        }
        json_obj_end(j);
    }
    json_key(j, "logicalLocations");
    json_arr_begin(j);
    json_obj_begin(j);
    json_kv_str(j, "name", f->path != NULL ? f->path : f->container);
    if (f->container != NULL && f->path != NULL) {
        char *fq = NULL;
        struct assay_buf b;

        assay_buf_init(&b, REPORT_OUT_CAP);
        if (assay_buf_printf(&b, "%s > %s", f->container, f->path) == ASSAY_OK)
            fq = b.data;
        json_kv_str(j, "fullyQualifiedName", fq != NULL ? fq : f->path);
        assay_buf_release(&b);
    } else {
        json_kv_str(
            j, "fullyQualifiedName", f->path != NULL ? f->path : f->container);
    }
    json_kv_str(j, "kind", f->path != NULL ? "resource" : "module");
    json_obj_end(j);
    json_arr_end(j);
    json_obj_end(j);
    json_arr_end(j);
}

static void
sarif_write_result(
    struct json_emit *j, const struct assay_finding *f, size_t rule)
{
    json_obj_begin(j);
    json_kv_str(j, "ruleId", f->check);
    json_kv_uint(j, "ruleIndex", rule);
    json_kv_str(j, "level", sarif_level(f->severity));
    json_key(j, "message");
    json_obj_begin(j);
    json_kv_str(j, "text", f->title);
    json_obj_end(j);
    sarif_write_location(j, f);
    sarif_fingerprint(j, f);
    json_key(j, "properties");
    json_obj_begin(j);
    report_json_provisions(j, "tags", f);
    report_json_provisions(j, "provisions", f);
    json_kv_str(j, "severity", assay_severity_name(f->severity));
    json_kv_str(j, "confidence", assay_confidence_name(f->confidence));
    json_kv_str(j, "source", f->source != NULL ? f->source : "static");
    json_kv_str_opt(j, "container", f->container);
    json_kv_str_opt(j, "evidence", f->evidence);
    json_kv_str_opt(j, "remediation", f->remediation);
    json_kv_str_opt(j, "vuln_id", f->vuln_id);
    json_kv_str_opt(j, "component", f->component);
    if (f->cvss > 0.0)
        json_kv_cvss(j, "cvss", f->cvss);
    json_obj_end(j);
    json_obj_end(j);
}

static enum assay_status
sarif_write(const struct assay_report *r, const struct assay_write_opts *opts,
    struct assay_buf *out)
{
    const struct assay_finding **rules;
    const struct assay_target *t = assay_report_target(r);
    size_t nrules = 0;
    struct json_emit j;

    (void)opts;
    rules = sarif_rules(r, &nrules);
    if (rules == NULL)
        return ASSAY_E_NOMEM;
    json_init(&j, out);
    json_obj_begin(&j);
    json_kv_str(&j, "$schema", SARIF_SCHEMA);
    json_kv_str(&j, "version", "2.1.0");
    json_key(&j, "runs");
    json_arr_begin(&j);
    json_obj_begin(&j);
    json_key(&j, "tool");
    json_obj_begin(&j);
    json_key(&j, "driver");
    json_obj_begin(&j);
    json_kv_str(&j, "name", "assay");
    json_kv_str(&j, "version", assay_version());
    json_kv_str(&j, "semanticVersion", assay_version());
    json_key(&j, "rules");
    json_arr_begin(&j);
    for (size_t i = 0; i < nrules; i++)
        sarif_write_rule(&j, r, rules[i]);
    json_arr_end(&j);
    json_obj_end(&j);
    json_obj_end(&j);
    json_key(&j, "originalUriBaseIds");
    json_obj_begin(&j);
    json_key(&j, "IMAGEROOT");
    json_obj_begin(&j);
    json_key(&j, "description");
    json_obj_begin(&j);
    json_kv_str(&j, "text",
        "root of the file system inside the image that holds the file; the logical location names the container chain");
    json_obj_end(&j);
    json_obj_end(&j);
    json_obj_end(&j);
    json_key(&j, "results");
    json_arr_begin(&j);
    for (size_t i = 0; i < assay_report_finding_count(r); i++) {
        const struct assay_finding *f = assay_report_finding(r, i);

        sarif_write_result(&j, f, sarif_rule_index(rules, nrules, f->check));
    }
    json_arr_end(&j);
    json_key(&j, "properties");
    json_obj_begin(&j);
    json_kv_str(&j, "target", t->name);
    json_kv_str(&j, "targetKind", t->kind);
    json_kv_str(&j, "standard", assay_report_standard(r));
    report_json_verdict_tally(&j, r);
    json_obj_end(&j);
    json_obj_end(&j);
    json_arr_end(&j);
    json_obj_end(&j);
    assay_free(rules);
    return json_finish(&j);
}

const struct assay_writer wr_sarif = {
    .name = "sarif",
    .ext = "sarif",
    .summary = "SARIF 2.1.0 for code-scanning dashboards and CI",
    .write = sarif_write,
};
