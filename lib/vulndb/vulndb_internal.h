/* SPDX-License-Identifier: Apache-2.0 */
/* The database handle, shared by the files of lib/vulndb only. */
#ifndef ASSAY_VULNDB_INTERNAL_H
#define ASSAY_VULNDB_INTERNAL_H

#include <sqlite3.h>

#include <cjson/cJSON.h>

#include "vulndb_private.h"

/* One VEX statement: a vulnerability declared not to affect the product. */
struct vex_entry {
    const char *vuln_id; /* "CVE-2016-7406" */
    const char *status;  /* "not_affected" or "fixed" */
    const char *detail;  /* justification or statement, may be NULL */
    struct vex_entry *next;
};

struct assay_vulndb {
    struct assay_session *s; /* owner of the arena and the report */
    char *path;              /* database file, arena */
    sqlite3 *sql;            /* open connection */
    sqlite3_stmt *ins_vuln;  /* import statements, only during import */
    sqlite3_stmt *ins_crit;
    sqlite3_stmt *del_crit;
    struct vex_entry *vex; /* loaded statements, arena */
};

/* The string member 'key' of 'o', or NULL (absent or not a string). */
const char *vulndb_jstr(const cJSON *o, const char *key);

#endif /* ASSAY_VULNDB_INTERNAL_H */
