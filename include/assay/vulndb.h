/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The offline vulnerability database: NVD CVE JSON 2.0 and OSV records
 * imported into one SQLite file, matched against the components of a
 * report (EN 303 645 5.2-3, 5.3-8).
 *
 * Import is idempotent and incremental: a record replaces the stored one
 * only when its modification date is newer. Matching reads the
 * components (assay_report_component) and the product identity
 * (assay_report_product) of a report and adds one CVE-MATCH finding per
 * vulnerable component, with the affected range as evidence; every
 * report that was matched states the database snapshot in a note.
 */
#ifndef ASSAY_VULNDB_H
#define ASSAY_VULNDB_H

#include <stdbool.h>
#include <stdint.h>

#include "assay/status.h"

#ifdef __cplusplus
extern "C" {
#endif

struct assay_session;
struct assay_vulndb;

/* Counts of one import call. */
struct assay_vulndb_stats {
    uint64_t added;     /* records new to the database */
    uint64_t updated;   /* records replaced by a newer modification */
    uint64_t unchanged; /* records already present and not newer */
    uint64_t skipped;   /* records that could not be read (diagnostics) */
};

/* What a database holds. Strings are static-sized copies. */
struct assay_vulndb_info {
    uint64_t records;  /* vulnerabilities */
    uint64_t nvd;      /* from NVD CVE JSON */
    uint64_t osv;      /* from OSV */
    uint64_t criteria; /* indexed CPE match criteria and OSV packages */
    char newest[40];   /* latest modification date, "" when empty */
    char imported[40]; /* UTC time of the last import, "" when never */
};

/*
 * Open (and with 'create', create with its folder) the database at
 * 'path'. NULL 'path' means $ASSAY_VULNDB, else
 * $XDG_DATA_HOME/assay/vulndb.sqlite, else
 * ~/.local/share/assay/vulndb.sqlite. Returns ASSAY_OK, ASSAY_E_IO (cannot
 * open or create; the session error names the file), ASSAY_E_NOTFOUND
 * (absent and not 'create'), ASSAY_E_CORRUPT (not an Assay database) or
 * ASSAY_E_NOMEM. Close with assay_vulndb_close().
 */
ASSAY_API enum assay_status assay_vulndb_open(struct assay_session *s,
    const char *path, bool create, struct assay_vulndb **out);
ASSAY_API void assay_vulndb_close(struct assay_vulndb *db);
/* The file in use. Valid until close. */
ASSAY_API const char *assay_vulndb_path(const struct assay_vulndb *db);

/*
 * Import one file: an NVD CVE JSON 2.0 record, feed or API page, an OSV
 * record or a JSON array of OSV records; gzip-compressed or not. Records
 * that cannot be read are diagnostics naming the file and record, the
 * rest is imported. 'st' (may be NULL) receives counts. Returns ASSAY_OK,
 * ASSAY_E_IO, ASSAY_E_LIMIT (larger than limits.max_file_bytes),
 * ASSAY_E_INVALID (not a format above) or ASSAY_E_NOMEM.
 */
ASSAY_API enum assay_status assay_vulndb_import(
    struct assay_vulndb *db, const char *file, struct assay_vulndb_stats *st);

ASSAY_API enum assay_status assay_vulndb_info(
    struct assay_vulndb *db, struct assay_vulndb_info *out);

/*
 * Load a CycloneDX VEX or OpenVEX document: matches it states as
 * not_affected or fixed are kept, but reported at info severity with the
 * statement as evidence. Returns ASSAY_OK, ASSAY_E_IO, ASSAY_E_INVALID.
 */
ASSAY_API enum assay_status assay_vulndb_load_vex(
    struct assay_vulndb *db, const char *file);

/*
 * Match the components and product of the session's report against the
 * database and add a CVE-MATCH finding per (vulnerability, component),
 * plus a note naming the snapshot. *matches (may be NULL) gets the number
 * of findings added. Returns ASSAY_OK, ASSAY_E_IO (database read failed)
 * or ASSAY_E_NOMEM.
 */
ASSAY_API enum assay_status assay_vulndb_match(
    struct assay_vulndb *db, uint64_t *matches);

/*
 * Compare two versions: numeric parts as numbers, letters before
 * non-letters, '~' before everything, Debian epochs and revisions.
 * Returns <0, 0 or >0.
 */
ASSAY_API int assay_version_compare(const char *a, const char *b);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_VULNDB_H */
