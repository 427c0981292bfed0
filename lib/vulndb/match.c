/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Matching report components against the database, and VEX statements.
 *
 * NVD: candidates come from the crit index under every alias of the
 * component's CPE vendor/product; each candidate's configurations are
 * then evaluated as NVD defines them: a configuration with operator AND
 * needs every node, otherwise any node; a node (operator OR/AND, negate)
 * is true when its criteria hold for the platform, which is the component
 * itself plus every hardware component (part "h") of the report, so that
 * firmware CVEs tied to a hardware model (the AND nodes NVD uses for
 * routers) match only on that model. A match is reported only when a
 * *vulnerable* criteria held for the component itself.
 *
 * Criteria versions: a concrete version must compare equal; "*" and "-"
 * with range bounds (versionStart/End Including/Excluding) compare the
 * component version against the bounds; "-" without bounds (NVD's "all
 * firmware versions") matches with medium confidence.
 *
 * OSV: candidates by package name (and aliases); the component's
 * distribution (from its purl "distro=") must fit the record's ecosystem
 * when known; explicit "versions" lists and ECOSYSTEM/SEMVER ranges
 * (introduced, fixed, last_affected) are evaluated.
 */
#include "assay_config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "assay/report.h"

#include "vulndb_internal.h"

/* Aliases collected for one vendor/product. */
#define MATCH_MAX_ALIASES 16
/* Hardware components kept as platform for AND nodes. */
#define MATCH_MAX_HW 16
/* Distinct vulnerabilities reported per component. */
#define MATCH_MAX_SEEN 4096

struct alias_set {
    const char *vendor[MATCH_MAX_ALIASES];
    const char *product[MATCH_MAX_ALIASES];
    size_t n;
};

static void
alias_add(void *ctx, const char *vendor, const char *product)
{
    struct alias_set *a = ctx;

    for (size_t i = 0; i < a->n; i++)
        if (strcasecmp(a->vendor[i], vendor) == 0 &&
            strcasecmp(a->product[i], product) == 0)
            return;
    if (a->n < MATCH_MAX_ALIASES) {
        a->vendor[a->n] = vendor;
        a->product[a->n] = product;
        a->n++;
    }
}

/* A platform entry: a parsed CPE and whether it is the component. */
struct plat {
    struct cpe c;
    struct alias_set aliases;
    bool self;
};

struct match_run {
    struct assay_vulndb *db;
    struct plat plat[MATCH_MAX_HW + 1];
    size_t nplat;
    const struct assay_component *comp;
    const char *version; /* component version used for comparison */
    char eco[64];        /* "ubuntu:16.04" from the purl, or "" */
    const char *seen[MATCH_MAX_SEEN];
    size_t nseen;
    uint64_t matches;
};

static bool
ver_in_range(const char *v, const char *si, const char *se, const char *ei,
    const char *ee)
{
    if (si != NULL && assay_version_compare(v, si) < 0)
        return false;
    if (se != NULL && assay_version_compare(v, se) <= 0)
        return false;
    if (ei != NULL && assay_version_compare(v, ei) > 0)
        return false;
    if (ee != NULL && assay_version_compare(v, ee) >= 0)
        return false;
    return true;
}

/*
 * Does criteria 'm' hold for platform entry 'p'? *exact tells whether a
 * concrete version or range decided it (false for a bare "-").
 */
static bool
crit_holds(const cJSON *m, const struct plat *p, bool *exact)
{
    const char *crit = vulndb_jstr(m, "criteria");
    const char *si = vulndb_jstr(m, "versionStartIncluding");
    const char *se = vulndb_jstr(m, "versionStartExcluding");
    const char *ei = vulndb_jstr(m, "versionEndIncluding");
    const char *ee = vulndb_jstr(m, "versionEndExcluding");
    bool named = false;
    struct cpe c;

    *exact = true;
    if (crit == NULL || !vulndb_cpe_parse(crit, &c))
        return false;
    if (strcmp(c.part, "*") != 0 && strcasecmp(c.part, p->c.part) != 0)
        return false;
    for (size_t i = 0; i < p->aliases.n && !named; i++)
        named = strcasecmp(p->aliases.vendor[i], c.vendor) == 0 &&
                strcasecmp(p->aliases.product[i], c.product) == 0;
    if (!named)
        return false;
    if (!vulndb_cpe_wild(c.update) && !vulndb_cpe_wild(p->c.update) &&
        strcasecmp(c.update, p->c.update) != 0)
        return false;
    if (!vulndb_cpe_wild(c.version))
        return !vulndb_cpe_wild(p->c.version) &&
               assay_version_compare(c.version, p->c.version) == 0;
    if (si == NULL && se == NULL && ei == NULL && ee == NULL) {
        *exact = false;
        return true;
    }
    if (vulndb_cpe_wild(p->c.version))
        return false;
    return ver_in_range(p->c.version, si, se, ei, ee);
}

struct nvd_hit {
    const cJSON *crit; /* the vulnerable criteria that held for self */
    bool exact;
};

static bool
node_holds(struct match_run *r, const cJSON *node, struct nvd_hit *hit)
{
    const char *op = vulndb_jstr(node, "operator");
    bool and_op = op != NULL && strcmp(op, "AND") == 0;
    bool res = and_op;
    const cJSON *m;

    cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(node, "cpeMatch"))
    {
        bool any = false;

        for (size_t i = 0; i < r->nplat; i++) {
            bool exact;

            if (!crit_holds(m, &r->plat[i], &exact))
                continue;
            any = true;
            if (r->plat[i].self && hit->crit == NULL &&
                cJSON_IsTrue(
                    cJSON_GetObjectItemCaseSensitive(m, "vulnerable"))) {
                hit->crit = m;
                hit->exact = exact;
            }
        }
        if (and_op && !any)
            res = false;
        if (!and_op && any)
            res = true;
    }
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(node, "negate")))
        res = !res;
    return res;
}

static bool
config_holds(struct match_run *r, const cJSON *cfg, struct nvd_hit *hit)
{
    const char *op = vulndb_jstr(cfg, "operator");
    bool and_op = op != NULL && strcmp(op, "AND") == 0;
    bool res = and_op;
    const cJSON *node;

    hit->crit = NULL;
    cJSON_ArrayForEach(node, cJSON_GetObjectItemCaseSensitive(cfg, "nodes"))
    {
        bool h = node_holds(r, node, hit);

        if (and_op && !h)
            res = false;
        if (!and_op && h)
            res = true;
    }
    return res && hit->crit != NULL;
}

static enum assay_severity
sev_for(double cvss)
{
    if (cvss >= 9.0)
        return ASSAY_SEV_CRITICAL;
    if (cvss >= 7.0)
        return ASSAY_SEV_HIGH;
    if (cvss >= 4.0)
        return ASSAY_SEV_MEDIUM;
    if (cvss > 0)
        return ASSAY_SEV_LOW;
    return ASSAY_SEV_MEDIUM;
}

static const struct vex_entry *
vex_find(const struct assay_vulndb *db, const char *id, const char *aliases)
{
    for (const struct vex_entry *v = db->vex; v != NULL; v = v->next) {
        const char *p;

        if (strcmp(v->vuln_id, id) == 0)
            return v;
        p = aliases != NULL ? strstr(aliases, v->vuln_id) : NULL;
        if (p != NULL) {
            size_t n = strlen(v->vuln_id);

            if ((p == aliases || p[-1] == ',') && (p[n] == ',' || !p[n]))
                return v;
        }
    }
    return NULL;
}

/* CVSS of the first alias present in the database (OSV records). */
static double
alias_cvss(struct assay_vulndb *db, const char *aliases)
{
    char one[80];
    double best = 0;

    while (aliases != NULL && *aliases != '\0') {
        const char *c = strchr(aliases, ',');
        size_t n = c != NULL ? (size_t)(c - aliases) : strlen(aliases);
        sqlite3_stmt *st = NULL;

        if (n < sizeof(one)) {
            memcpy(one, aliases, n);
            one[n] = '\0';
            if (sqlite3_prepare_v2(db->sql, "SELECT cvss FROM vuln WHERE id=?",
                    -1, &st, NULL) == SQLITE_OK) {
                sqlite3_bind_text(st, 1, one, -1, SQLITE_STATIC);
                if (sqlite3_step(st) == SQLITE_ROW &&
                    sqlite3_column_double(st, 0) > best)
                    best = sqlite3_column_double(st, 0);
            }
            sqlite3_finalize(st);
        }
        aliases = c != NULL ? c + 1 : NULL;
    }
    return best;
}

static enum assay_status
report_match(struct match_run *r, const char *id, double cvss,
    const char *aliases, const char *range, enum assay_confidence conf)
{
    struct assay_session *s = r->db->s;
    struct assay_arena *a = assay_session_arena(s);
    const struct assay_component *c = r->comp;
    const struct vex_entry *vex = vex_find(r->db, id, aliases);
    struct assay_finding f;

    for (size_t i = 0; i < r->nseen; i++)
        if (strcmp(r->seen[i], id) == 0)
            return ASSAY_OK;
    if (r->nseen < MATCH_MAX_SEEN)
        r->seen[r->nseen++] = assay_arena_strdup(a, id);
    if (cvss == 0 && aliases != NULL)
        cvss = alias_cvss(r->db, aliases);
    memset(&f, 0, sizeof(f));
    f.check = "CVE-MATCH";
    f.provisions[0] = "5.2-3";
    f.provisions[1] = "5.3-8";
    f.provision_count = 2;
    f.severity = vex != NULL ? ASSAY_SEV_INFO : sev_for(cvss);
    f.confidence = conf;
    f.title = assay_arena_printf(a, "%s affects %s %s%s", id, c->name,
        c->version != NULL ? c->version : "",
        vex != NULL ? " (vex: not exploitable)" : "");
    f.path = c->path;
    f.offset = -1;
    f.vuln_id = id;
    f.component = assay_arena_printf(
        a, "%s@%s", c->name, c->version != NULL ? c->version : "");
    f.cvss = cvss;
    f.evidence = assay_arena_printf(a,
        "version %s (%s) is in the affected range %s%s%s%s%s", r->version,
        c->evidence != NULL ? c->evidence : "identified", range,
        vex != NULL ? "; vex: " : "", vex != NULL ? vex->status : "",
        vex != NULL && vex->detail != NULL ? ": " : "",
        vex != NULL && vex->detail != NULL ? vex->detail : "");
    f.remediation = "update the component to a fixed version, or record "
                    "why it is not exploitable in a VEX document";
    if (f.title == NULL || f.component == NULL || f.evidence == NULL)
        return ASSAY_E_NOMEM;
    r->matches++;
    return assay_report_add_finding(assay_session_report(s), &f) ==
                   ASSAY_E_NOMEM
               ? ASSAY_E_NOMEM
               : ASSAY_OK;
}

/* Human form of a criteria's range for the evidence. */
static void
crit_range(const cJSON *m, char *out, size_t cap)
{
    const char *si = vulndb_jstr(m, "versionStartIncluding");
    const char *se = vulndb_jstr(m, "versionStartExcluding");
    const char *ei = vulndb_jstr(m, "versionEndIncluding");
    const char *ee = vulndb_jstr(m, "versionEndExcluding");

    snprintf(out, cap, "%s%s%s%s%s%s%s%s%s", vulndb_jstr(m, "criteria"),
        si != NULL ? " from " : "", si != NULL ? si : "",
        se != NULL ? " after " : "", se != NULL ? se : "",
        ei != NULL ? " up to " : "", ei != NULL ? ei : "",
        ee != NULL ? " before " : "", ee != NULL ? ee : "");
}

static enum assay_status
match_nvd(struct match_run *r, const char *id, const char *config, double cvss)
{
    cJSON *cfgs = cJSON_Parse(config);
    const cJSON *cfg;
    enum assay_status rc = ASSAY_OK;

    cJSON_ArrayForEach(cfg, cfgs)
    {
        struct nvd_hit hit;
        char range[1024];

        if (!config_holds(r, cfg, &hit))
            continue;
        crit_range(hit.crit, range, sizeof(range));
        /* Distributions backport fixes without changing the upstream
         * version: a version-only NVD match on their packages is weak. */
        if (r->comp->purl != NULL &&
            strncmp(r->comp->purl, "pkg:deb/", 8) == 0) {
            size_t used = strlen(range);

            snprintf(range + used, sizeof(range) - used,
                "; distribution package %s: fixes may be backported without "
                "a new upstream version, check the distribution's data",
                r->version);
            hit.exact = false;
            rc = report_match(r, id, cvss, NULL, range, ASSAY_CONF_LOW);
            break;
        }
        rc = report_match(r, id, cvss, NULL, range,
            hit.exact ? ASSAY_CONF_HIGH : ASSAY_CONF_MEDIUM);
        break;
    }
    cJSON_Delete(cfgs);
    return rc;
}

/* Does the record's ecosystem fit the component's "distro:release"? */
static bool
eco_fits(const char *comp_eco, const char *rec_eco)
{
    char d[64];
    const char *colon = strchr(comp_eco, ':');
    size_t n;

    if (comp_eco[0] == '\0' || rec_eco == NULL)
        return true;
    n = colon != NULL ? (size_t)(colon - comp_eco) : strlen(comp_eco);
    if (strncasecmp(rec_eco, comp_eco, n) != 0 ||
        (rec_eco[n] != ':' && rec_eco[n] != '\0'))
        return false;
    if (colon == NULL)
        return true;
    snprintf(d, sizeof(d), ":%s", colon + 1);
    return strstr(rec_eco, d) != NULL;
}

/* SEMVER pre-releases sort before the release: "1.0-rc1" -> "1.0~rc1". */
static const char *
semver_key(const char *v, char *buf, size_t cap)
{
    char *dash;

    snprintf(buf, cap, "%s", v);
    dash = strchr(buf, '-');
    if (dash != NULL)
        *dash = '~';
    return buf;
}

static bool
osv_range_holds(
    const char *ver, const cJSON *range, bool semver, char *why, size_t cap)
{
    const char *intro = NULL;
    const cJSON *e;
    char k1[128], k2[128];
    const char *v = semver ? semver_key(ver, k1, sizeof(k1)) : ver;

    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(range, "events"))
    {
        const char *in = vulndb_jstr(e, "introduced");
        const char *fx = vulndb_jstr(e, "fixed");
        const char *la = vulndb_jstr(e, "last_affected");

        if (in != NULL) {
            intro = in;
            continue;
        }
        if (intro == NULL || (fx == NULL && la == NULL))
            continue;
        if ((strcmp(intro, "0") == 0 ||
                assay_version_compare(v,
                    semver ? semver_key(intro, k2, sizeof(k2)) : intro) >= 0) &&
            ((fx != NULL &&
                 assay_version_compare(
                     v, semver ? semver_key(fx, k2, sizeof(k2)) : fx) < 0) ||
                (la != NULL && assay_version_compare(v, la) <= 0))) {
            snprintf(why, cap, "introduced %s, %s %s", intro,
                fx != NULL ? "fixed" : "last affected", fx != NULL ? fx : la);
            return true;
        }
        intro = NULL;
    }
    if (intro != NULL &&
        (strcmp(intro, "0") == 0 || assay_version_compare(v, intro) >= 0)) {
        snprintf(why, cap, "introduced %s, no fix", intro);
        return true;
    }
    return false;
}

static enum assay_status
match_osv(struct match_run *r, const char *id, const char *affected,
    double cvss, const char *aliases, const struct alias_set *names)
{
    cJSON *aff = cJSON_Parse(affected);
    const cJSON *a;
    enum assay_status rc = ASSAY_OK;

    cJSON_ArrayForEach(a, aff)
    {
        const cJSON *pkg = cJSON_GetObjectItemCaseSensitive(a, "package");
        const char *name = vulndb_jstr(pkg, "name");
        const char *eco = vulndb_jstr(pkg, "ecosystem");
        const cJSON *x;
        bool named = false, hit = false;
        char why[512] = "";

        for (size_t i = 0; name != NULL && i < names->n; i++)
            named = named || (names->vendor[i][0] == '\0' &&
                                 strcasecmp(names->product[i], name) == 0);
        if (!named || !eco_fits(r->eco, eco))
            continue;
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(a, "versions"))
        {
            if (cJSON_IsString(x) &&
                assay_version_compare(x->valuestring, r->version) == 0) {
                snprintf(why, sizeof(why), "listed version %s", x->valuestring);
                hit = true;
                break;
            }
        }
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(a, "ranges"))
        {
            const char *type = vulndb_jstr(x, "type");

            if (hit || type == NULL ||
                (strcmp(type, "ECOSYSTEM") != 0 && strcmp(type, "SEMVER") != 0))
                continue;
            hit = osv_range_holds(
                r->version, x, strcmp(type, "SEMVER") == 0, why, sizeof(why));
        }
        if (hit) {
            char range[700];

            snprintf(range, sizeof(range), "%s %s (%s)", eco != NULL ? eco : "",
                name, why);
            rc = report_match(r, id, cvss, aliases, range,
                r->eco[0] != '\0' ? ASSAY_CONF_HIGH : ASSAY_CONF_LOW);
            break;
        }
    }
    cJSON_Delete(aff);
    return rc;
}

/* Walk every candidate of (vendor, product) in the index. */
static enum assay_status
match_candidates(struct match_run *r, const struct alias_set *names)
{
    sqlite3_stmt *q = NULL;
    enum assay_status rc = ASSAY_OK;

    if (sqlite3_prepare_v2(r->db->sql,
            "SELECT DISTINCT v.id, v.source, v.config, v.cvss, v.aliases "
            "FROM crit c JOIN vuln v ON v.id = c.vuln_id "
            "WHERE c.product = lower(?) AND c.vendor = lower(?)",
            -1, &q, NULL) != SQLITE_OK)
        return ASSAY_E_IO;
    for (size_t i = 0; i < names->n && rc == ASSAY_OK; i++) {
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, names->product[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, names->vendor[i], -1, SQLITE_STATIC);
        while (rc == ASSAY_OK && sqlite3_step(q) == SQLITE_ROW) {
            const char *id = (const char *)sqlite3_column_text(q, 0);
            const char *src = (const char *)sqlite3_column_text(q, 1);
            const char *cfg = (const char *)sqlite3_column_text(q, 2);
            const char *al = (const char *)sqlite3_column_text(q, 4);

            if (id == NULL || src == NULL || cfg == NULL)
                continue;
            if (strcmp(src, "nvd") == 0 && names->vendor[i][0] != '\0')
                rc = match_nvd(r, id, cfg, sqlite3_column_double(q, 3));
            else if (strcmp(src, "osv") == 0)
                rc = match_osv(
                    r, id, cfg, sqlite3_column_double(q, 3), al, names);
        }
    }
    sqlite3_finalize(q);
    return rc;
}

/* "distro=ubuntu-16.04" in a purl -> "ubuntu:16.04". */
static void
purl_eco(const char *purl, char *out, size_t cap)
{
    const char *d = purl != NULL ? strstr(purl, "distro=") : NULL;
    bool split = false;
    size_t n = 0;

    out[0] = '\0';
    if (d == NULL)
        return;
    d += 7;
    for (; d[n] != '\0' && d[n] != '&' && n + 1 < cap; n++) {
        out[n] = (char)tolower((unsigned char)d[n]);
        if (d[n] == '-' && !split) {
            out[n] = ':';
            split = true;
        }
    }
    out[n] = '\0';
}

enum assay_status
assay_vulndb_match(struct assay_vulndb *db, uint64_t *matches)
{
    struct assay_report *rep = assay_session_report(db->s);
    struct assay_vulndb_info info;
    struct match_run *r;
    enum assay_status rc = ASSAY_OK;
    size_t ncomp = assay_report_component_count(rep);

    r = assay_calloc(1, sizeof(*r));
    if (r == NULL)
        return ASSAY_E_NOMEM;
    r->db = db;
    /* Hardware components are the platform for AND configurations. */
    for (size_t i = 0; i < ncomp && r->nplat < MATCH_MAX_HW; i++) {
        const struct assay_component *c = assay_report_component(rep, i);
        struct plat *p = &r->plat[r->nplat + 1];

        if (c->cpe == NULL || !vulndb_cpe_parse(c->cpe, &p->c) ||
            strcmp(p->c.part, "h") != 0)
            continue;
        vulndb_aliases(p->c.vendor, p->c.product, alias_add, &p->aliases);
        r->nplat++;
    }
    r->nplat++; /* slot 0: the component under test */
    for (size_t i = 0; i < ncomp && rc == ASSAY_OK; i++) {
        const struct assay_component *c = assay_report_component(rep, i);
        struct plat *self = &r->plat[0];
        struct alias_set names;

        if (c->version == NULL || c->version[0] == '\0')
            continue;
        memset(self, 0, sizeof(*self));
        memset(&names, 0, sizeof(names));
        self->self = true;
        r->comp = c;
        r->version = c->version;
        r->nseen = 0;
        purl_eco(c->purl, r->eco, sizeof(r->eco));
        if (c->cpe != NULL && vulndb_cpe_parse(c->cpe, &self->c)) {
            if (strcmp(self->c.part, "h") == 0)
                continue;
            vulndb_aliases(
                self->c.vendor, self->c.product, alias_add, &self->aliases);
            names = self->aliases;
        }
        vulndb_aliases("", c->name, alias_add, &names);
        rc = match_candidates(r, &names);
    }
    if (matches != NULL)
        *matches = r->matches;
    assay_free(r);
    if (rc == ASSAY_E_IO)
        return assay_err_set(assay_session_err(db->s), rc, "vulndb: %s: %s",
            db->path, sqlite3_errmsg(db->sql));
    (void)assay_vulndb_info(db, &info);
    assay_diag(db->s, ASSAY_DIAG_NOTE, "vulndb", db->path, -1,
        "vulnerability database snapshot: %llu records (%llu nvd, %llu osv), "
        "newest record %s, last import %s",
        (unsigned long long)info.records, (unsigned long long)info.nvd,
        (unsigned long long)info.osv, info.newest[0] ? info.newest : "none",
        info.imported[0] ? info.imported : "never");
    return rc;
}
