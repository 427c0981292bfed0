/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Opening, creating and filling the offline vulnerability database
 * (schema in vulndb_private.h).
 *
 * Inputs are untrusted JSON: files are read through zlib (which passes
 * plain files through unchanged) up to limits.max_file_bytes, parsed with
 * cJSON, and every field is type-checked before use; a record missing its
 * id is skipped with a diagnostic naming the file and record index. One
 * file is one transaction, so an interrupted import leaves the previous
 * state.
 */
#include "assay_config.h"

#include <ctype.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include <cjson/cJSON.h>
#include <sys/stat.h>

#include "vulndb_internal.h"

static const char vulndb_schema[] =
    "PRAGMA journal_mode=WAL;"
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS vuln(id TEXT PRIMARY KEY, source TEXT NOT "
    "NULL, published TEXT, modified TEXT, cvss REAL, summary TEXT, config "
    "TEXT, aliases TEXT);"
    "CREATE TABLE IF NOT EXISTS crit(vendor TEXT NOT NULL, product TEXT NOT "
    "NULL, vuln_id TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS crit_vp ON crit(product, vendor);"
    "CREATE INDEX IF NOT EXISTS crit_id ON crit(vuln_id);"
    "INSERT OR IGNORE INTO meta VALUES('schema','1');";

/* mkdir -p of the folder holding 'path'. */
static void
vulndb_mkdirs(char *path)
{
    for (char *p = path + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        (void)mkdir(path, 0755);
        *p = '/';
    }
}

static char *
vulndb_default_path(struct assay_arena *a)
{
    const char *env = getenv("ASSAY_VULNDB");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");

    if (env != NULL && env[0] != '\0')
        return assay_arena_strdup(a, env);
    if (xdg != NULL && xdg[0] == '/')
        return assay_arena_printf(a, "%s/assay/vulndb.sqlite", xdg);
    if (home != NULL && home[0] != '\0')
        return assay_arena_printf(
            a, "%s/.local/share/assay/vulndb.sqlite", home);
    return NULL;
}

enum assay_status
assay_vulndb_open(struct assay_session *s, const char *path, bool create,
    struct assay_vulndb **out)
{
    struct assay_arena *a = assay_session_arena(s);
    struct assay_err *err = assay_session_err(s);
    struct assay_vulndb *db;
    struct stat st;
    char *schema_err = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

    *out = NULL;
    db = assay_arena_zalloc(a, sizeof(*db));
    if (db == NULL)
        return ASSAY_E_NOMEM;
    db->s = s;
    db->path =
        path != NULL ? assay_arena_strdup(a, path) : vulndb_default_path(a);
    if (db->path == NULL)
        return assay_err_set(err, ASSAY_E_USAGE,
            "vulndb: no database path (set --db, ASSAY_VULNDB or HOME)");
    if (stat(db->path, &st) != 0) {
        if (!create)
            return assay_err_set(err, ASSAY_E_NOTFOUND,
                "vulndb: %s: no database (run assay vulndb import)", db->path);
        vulndb_mkdirs(db->path);
        flags |= SQLITE_OPEN_CREATE;
    }
    if (sqlite3_open_v2(db->path, &db->sql, flags, NULL) != SQLITE_OK) {
        assay_err_set(err, ASSAY_E_IO, "vulndb: cannot open %s: %s", db->path,
            db->sql != NULL ? sqlite3_errmsg(db->sql) : "no memory");
        sqlite3_close(db->sql);
        return ASSAY_E_IO;
    }
    sqlite3_busy_timeout(db->sql, 5000);
    if (sqlite3_exec(db->sql, vulndb_schema, NULL, NULL, &schema_err) !=
        SQLITE_OK) {
        assay_err_set(err, ASSAY_E_CORRUPT,
            "vulndb: %s is not an assay "
            "database: %s",
            db->path, schema_err != NULL ? schema_err : "");
        sqlite3_free(schema_err);
        sqlite3_close(db->sql);
        return ASSAY_E_CORRUPT;
    }
    *out = db;
    return ASSAY_OK;
}

void
assay_vulndb_close(struct assay_vulndb *db)
{
    if (db == NULL)
        return;
    sqlite3_close(db->sql);
    db->sql = NULL;
}

const char *
assay_vulndb_path(const struct assay_vulndb *db)
{
    return db->path;
}

/* Read a whole (possibly gzip-compressed) file into 'b'. */
static enum assay_status
vulndb_slurp(struct assay_vulndb *db, const char *file, struct assay_buf *b)
{
    struct assay_err *err = assay_session_err(db->s);
    char chunk[65536];
    gzFile gz = gzopen(file, "rb");
    enum assay_status rc = ASSAY_OK;

    if (gz == NULL)
        return assay_err_set(err, ASSAY_E_IO, "vulndb: cannot open %s: %s",
            file, strerror(errno));
    for (;;) {
        int n = gzread(gz, chunk, sizeof(chunk));

        if (n < 0) {
            int zerr;

            rc = assay_err_set(err, ASSAY_E_CORRUPT, "vulndb: %s: %s", file,
                gzerror(gz, &zerr));
            break;
        }
        if (n == 0)
            break;
        rc = assay_buf_append(b, chunk, (size_t)n);
        if (rc == ASSAY_E_LIMIT)
            assay_err_set(
                err, rc, "vulndb: %s is larger than %zu bytes", file, b->cap);
        if (rc != ASSAY_OK)
            break;
    }
    gzclose(gz);
    return rc;
}

const char *
vulndb_jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Stored modification date of 'id', or NULL (copied into 'buf'). */
static const char *
vulndb_stored_modified(
    struct assay_vulndb *db, const char *id, char *buf, size_t cap)
{
    sqlite3_stmt *st = NULL;
    const char *res = NULL;

    if (sqlite3_prepare_v2(db->sql, "SELECT modified FROM vuln WHERE id=?", -1,
            &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *m = sqlite3_column_text(st, 0);

        snprintf(buf, cap, "%s", m != NULL ? (const char *)m : "");
        res = buf;
    }
    sqlite3_finalize(st);
    return res;
}

/* Lower-case copy for the index (CPE names are case-insensitive). */
static void
vulndb_lower(const char *s, char *out, size_t cap)
{
    size_t i = 0;

    for (; s[i] != '\0' && i + 1 < cap; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[i] = '\0';
}

static enum assay_status
vulndb_add_crit(struct assay_vulndb *db, const char *vendor,
    const char *product, const char *id)
{
    char v[256], p[256];
    int rc;

    vulndb_lower(vendor, v, sizeof(v));
    vulndb_lower(product, p, sizeof(p));
    sqlite3_reset(db->ins_crit);
    sqlite3_bind_text(db->ins_crit, 1, v, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(db->ins_crit, 2, p, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(db->ins_crit, 3, id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(db->ins_crit);
    return rc == SQLITE_DONE ? ASSAY_OK : ASSAY_E_IO;
}

/*
 * Store one record (replacing an older one). 'crit' is walked by the
 * caller after this returns ASSAY_OK with *stored = true.
 */
static enum assay_status
vulndb_store(struct assay_vulndb *db, const char *id, const char *source,
    const char *published, const char *modified, double cvss,
    const char *summary, const cJSON *config, const char *aliases,
    struct assay_vulndb_stats *st, bool *stored)
{
    char prev[64];
    const char *old = vulndb_stored_modified(db, id, prev, sizeof(prev));
    char *cfg;
    int rc;

    *stored = false;
    if (old != NULL && modified != NULL && strcmp(old, modified) >= 0) {
        st->unchanged++;
        return ASSAY_OK;
    }
    cfg = config != NULL ? cJSON_PrintUnformatted(config) : NULL;
    sqlite3_reset(db->del_crit);
    sqlite3_bind_text(db->del_crit, 1, id, -1, SQLITE_TRANSIENT);
    (void)sqlite3_step(db->del_crit);
    sqlite3_reset(db->ins_vuln);
    sqlite3_bind_text(db->ins_vuln, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(db->ins_vuln, 2, source, -1, SQLITE_STATIC);
    sqlite3_bind_text(db->ins_vuln, 3, published, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(db->ins_vuln, 4, modified, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(db->ins_vuln, 5, cvss);
    sqlite3_bind_text(db->ins_vuln, 6, summary, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(db->ins_vuln, 7, cfg, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(db->ins_vuln, 8, aliases, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(db->ins_vuln);
    cJSON_free(cfg);
    if (rc != SQLITE_DONE)
        return ASSAY_E_IO;
    if (old != NULL)
        st->updated++;
    else
        st->added++;
    *stored = true;
    return ASSAY_OK;
}

/* Highest CVSS base score in an NVD "metrics" object, 0 if none. */
static double
nvd_cvss(const cJSON *metrics)
{
    static const char *const keys[] = {
        "cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2"};

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(keys); i++) {
        const cJSON *arr = cJSON_GetObjectItemCaseSensitive(metrics, keys[i]);
        const cJSON *m;

        cJSON_ArrayForEach(m, arr)
        {
            const cJSON *d = cJSON_GetObjectItemCaseSensitive(m, "cvssData");
            const cJSON *sc = cJSON_GetObjectItemCaseSensitive(d, "baseScore");

            if (cJSON_IsNumber(sc) && sc->valuedouble >= 0 &&
                sc->valuedouble <= 10)
                return sc->valuedouble;
        }
    }
    return 0;
}

static const char *
nvd_summary(const cJSON *cve)
{
    const cJSON *d;

    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(cve, "descriptions"))
    {
        const char *lang = vulndb_jstr(d, "lang");

        if (lang != NULL && strcmp(lang, "en") == 0)
            return vulndb_jstr(d, "value");
    }
    return NULL;
}

/* Index every vulnerable criteria of the configurations (all depths). */
static enum assay_status
nvd_index(struct assay_vulndb *db, const cJSON *configs, const char *id)
{
    const cJSON *cfg, *node, *m;

    cJSON_ArrayForEach(cfg, configs)
    {
        cJSON_ArrayForEach(node, cJSON_GetObjectItemCaseSensitive(cfg, "nodes"))
        {
            cJSON_ArrayForEach(
                m, cJSON_GetObjectItemCaseSensitive(node, "cpeMatch"))
            {
                const char *crit = vulndb_jstr(m, "criteria");
                struct cpe c;

                if (!cJSON_IsTrue(
                        cJSON_GetObjectItemCaseSensitive(m, "vulnerable")) ||
                    crit == NULL || !vulndb_cpe_parse(crit, &c))
                    continue;
                if (vulndb_add_crit(db, c.vendor, c.product, id) != ASSAY_OK)
                    return ASSAY_E_IO;
            }
        }
    }
    return ASSAY_OK;
}

static enum assay_status
nvd_import_one(struct assay_vulndb *db, const char *file, size_t idx,
    const cJSON *cve, struct assay_vulndb_stats *st)
{
    const char *id = vulndb_jstr(cve, "id");
    const cJSON *configs =
        cJSON_GetObjectItemCaseSensitive(cve, "configurations");
    enum assay_status rc;
    bool stored;

    if (id == NULL || strlen(id) > 64) {
        assay_diag(db->s, ASSAY_DIAG_WARNING, "vulndb", file, -1,
            "vulndb: record %zu has no usable id, skipped", idx);
        st->skipped++;
        return ASSAY_OK;
    }
    rc = vulndb_store(db, id, "nvd", vulndb_jstr(cve, "published"),
        vulndb_jstr(cve, "lastModified"),
        nvd_cvss(cJSON_GetObjectItemCaseSensitive(cve, "metrics")),
        nvd_summary(cve), configs, NULL, st, &stored);
    if (rc == ASSAY_OK && stored)
        rc = nvd_index(db, configs, id);
    return rc;
}

/* "CVE-1,CVE-2" from OSV aliases and related, for the CVSS fallback. */
static char *
osv_aliases(const cJSON *rec)
{
    static const char *const keys[] = {"aliases", "related", "upstream"};
    struct assay_buf b;
    char *out;
    const cJSON *a;

    assay_buf_init(&b, 1u << 16);
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(keys); i++)
        cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(
                                  rec, keys[i])) if (cJSON_IsString(a))(void)
            assay_buf_printf(&b, "%s%s", b.len ? "," : "", a->valuestring);
    out = assay_buf_detach(&b, NULL);
    return out;
}

static enum assay_status
osv_import_one(struct assay_vulndb *db, const char *file, size_t idx,
    const cJSON *rec, struct assay_vulndb_stats *st)
{
    const char *id = vulndb_jstr(rec, "id");
    const cJSON *aff = cJSON_GetObjectItemCaseSensitive(rec, "affected");
    const char *summary = vulndb_jstr(rec, "summary");
    const cJSON *a;
    double cvss = 0;
    enum assay_status rc;
    char *aliases;
    bool stored;

    if (id == NULL || strlen(id) > 64 || !cJSON_IsArray(aff)) {
        assay_diag(db->s, ASSAY_DIAG_WARNING, "vulndb", file, -1,
            "vulndb: osv record %zu has no id or affected list, skipped", idx);
        st->skipped++;
        return ASSAY_OK;
    }
    if (summary == NULL)
        summary = vulndb_jstr(rec, "details");
    cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(rec, "severity"))
    {
        double sc = vulndb_cvss3_score(vulndb_jstr(a, "score"));

        if (sc > cvss)
            cvss = sc;
    }
    aliases = osv_aliases(rec);
    rc = vulndb_store(db, id, "osv", vulndb_jstr(rec, "published"),
        vulndb_jstr(rec, "modified"), cvss, summary, aff, aliases, st, &stored);
    assay_free(aliases);
    if (rc != ASSAY_OK || !stored)
        return rc;
    cJSON_ArrayForEach(a, aff)
    {
        const cJSON *pkg = cJSON_GetObjectItemCaseSensitive(a, "package");
        const char *name = vulndb_jstr(pkg, "name");

        if (name != NULL && vulndb_add_crit(db, "", name, id) != ASSAY_OK)
            return ASSAY_E_IO;
    }
    return ASSAY_OK;
}

static bool
is_nvd_cve(const cJSON *o)
{
    return cJSON_IsObject(o) && vulndb_jstr(o, "id") != NULL &&
           (cJSON_HasObjectItem(o, "configurations") ||
               cJSON_HasObjectItem(o, "sourceIdentifier") ||
               cJSON_HasObjectItem(o, "vulnStatus"));
}

static bool
is_osv(const cJSON *o)
{
    return cJSON_IsObject(o) && vulndb_jstr(o, "id") != NULL &&
           (cJSON_HasObjectItem(o, "affected") ||
               cJSON_HasObjectItem(o, "schema_version"));
}

/* Dispatch a parsed document to the record importers. */
static enum assay_status
vulndb_import_doc(struct assay_vulndb *db, const char *file, const cJSON *root,
    struct assay_vulndb_stats *st)
{
    const cJSON *list =
        cJSON_GetObjectItemCaseSensitive(root, "vulnerabilities");
    const cJSON *it;
    enum assay_status rc = ASSAY_OK;
    size_t i = 0;

    if (cJSON_IsArray(list)) {
        cJSON_ArrayForEach(it, list)
        {
            const cJSON *cve = cJSON_GetObjectItemCaseSensitive(it, "cve");

            rc = nvd_import_one(db, file, i++, cve != NULL ? cve : it, st);
            if (rc != ASSAY_OK)
                return rc;
        }
        return ASSAY_OK;
    }
    if (is_nvd_cve(root))
        return nvd_import_one(db, file, 0, root, st);
    if (is_osv(root))
        return osv_import_one(db, file, 0, root, st);
    if (cJSON_IsArray(root)) {
        cJSON_ArrayForEach(it, root)
        {
            if (is_nvd_cve(it))
                rc = nvd_import_one(db, file, i, it, st);
            else
                rc = osv_import_one(db, file, i, it, st);
            i++;
            if (rc != ASSAY_OK)
                return rc;
        }
        return ASSAY_OK;
    }
    return assay_err_set(assay_session_err(db->s), ASSAY_E_INVALID,
        "vulndb: %s is neither NVD CVE JSON 2.0 nor OSV", file);
}

static enum assay_status
vulndb_prepare(struct assay_vulndb *db)
{
    if (db->ins_vuln != NULL)
        return ASSAY_OK;
    if (sqlite3_prepare_v2(db->sql,
            "INSERT OR REPLACE INTO vuln VALUES(?,?,?,?,?,?,?,?)", -1,
            &db->ins_vuln, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db->sql, "INSERT INTO crit VALUES(?,?,?)", -1,
            &db->ins_crit, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db->sql, "DELETE FROM crit WHERE vuln_id=?", -1,
            &db->del_crit, NULL) != SQLITE_OK)
        return assay_err_set(assay_session_err(db->s), ASSAY_E_IO,
            "vulndb: %s: %s", db->path, sqlite3_errmsg(db->sql));
    return ASSAY_OK;
}

static void
vulndb_finalize(struct assay_vulndb *db)
{
    sqlite3_finalize(db->ins_vuln);
    sqlite3_finalize(db->ins_crit);
    sqlite3_finalize(db->del_crit);
    db->ins_vuln = db->ins_crit = db->del_crit = NULL;
}

enum assay_status
assay_vulndb_import(
    struct assay_vulndb *db, const char *file, struct assay_vulndb_stats *st)
{
    const struct assay_limits *lim = assay_session_limits(db->s);
    struct assay_vulndb_stats local = {0};
    struct assay_buf b;
    cJSON *root;
    enum assay_status rc;
    char stamp[40];
    time_t now = time(NULL);
    struct tm tm;

    if (st == NULL)
        st = &local;
    assay_buf_init(&b, lim->max_file_bytes > SIZE_MAX / 2
                           ? SIZE_MAX / 2
                           : (size_t)lim->max_file_bytes);
    rc = vulndb_slurp(db, file, &b);
    if (rc != ASSAY_OK)
        goto out_buf;
    root = cJSON_ParseWithLength(b.data != NULL ? b.data : "", b.len);
    if (root == NULL) {
        rc = assay_err_set(assay_session_err(db->s), ASSAY_E_INVALID,
            "vulndb: %s is not valid JSON", file);
        goto out_buf;
    }
    rc = vulndb_prepare(db);
    if (rc != ASSAY_OK)
        goto out_json;
    sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL);
    rc = vulndb_import_doc(db, file, root, st);
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (rc == ASSAY_OK) {
        sqlite3_stmt *m = NULL;

        if (sqlite3_prepare_v2(db->sql,
                "INSERT OR REPLACE INTO meta VALUES('imported',?)", -1, &m,
                NULL) == SQLITE_OK) {
            sqlite3_bind_text(m, 1, stamp, -1, SQLITE_STATIC);
            (void)sqlite3_step(m);
        }
        sqlite3_finalize(m);
        if (sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            rc = ASSAY_E_IO;
    } else {
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    }
    if (rc == ASSAY_E_IO)
        assay_err_set(assay_session_err(db->s), rc, "vulndb: %s: %s", db->path,
            sqlite3_errmsg(db->sql));
    vulndb_finalize(db);
out_json:
    cJSON_Delete(root);
out_buf:
    assay_buf_release(&b);
    return rc;
}

static uint64_t
vulndb_count(struct assay_vulndb *db, const char *sql, char *text, size_t cap)
{
    sqlite3_stmt *st = NULL;
    uint64_t n = 0;

    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        if (text != NULL) {
            const unsigned char *t = sqlite3_column_text(st, 0);

            snprintf(text, cap, "%s", t != NULL ? (const char *)t : "");
        } else {
            n = (uint64_t)sqlite3_column_int64(st, 0);
        }
    }
    sqlite3_finalize(st);
    return n;
}

enum assay_status
assay_vulndb_info(struct assay_vulndb *db, struct assay_vulndb_info *out)
{
    memset(out, 0, sizeof(*out));
    out->records = vulndb_count(db, "SELECT count(*) FROM vuln", NULL, 0);
    out->nvd = vulndb_count(
        db, "SELECT count(*) FROM vuln WHERE source='nvd'", NULL, 0);
    out->osv = vulndb_count(
        db, "SELECT count(*) FROM vuln WHERE source='osv'", NULL, 0);
    out->criteria = vulndb_count(db, "SELECT count(*) FROM crit", NULL, 0);
    (void)vulndb_count(
        db, "SELECT max(modified) FROM vuln", out->newest, sizeof(out->newest));
    (void)vulndb_count(db, "SELECT value FROM meta WHERE key='imported'",
        out->imported, sizeof(out->imported));
    return ASSAY_OK;
}
