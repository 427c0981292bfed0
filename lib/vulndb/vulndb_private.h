/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Vulnerability database internals: the SQLite schema, CPE 2.3 names and
 * the alias table.
 *
 * Schema (version 1, in table meta as schema=1):
 *   vuln(id PRIMARY KEY, source 'nvd'|'osv', published, modified, cvss,
 *        summary, config)   config = NVD "configurations" or OSV
 *                           "affected", as compact JSON
 *   crit(vendor, product, vuln_id)   one row per vulnerable CPE criteria
 *        or OSV package name (vendor '' for OSV), indexed; matching looks
 *        candidates up here and evaluates vuln.config only for them
 *   meta(key PRIMARY KEY, value)     schema, imported (UTC)
 */
#ifndef ASSAY_VULNDB_PRIVATE_H
#define ASSAY_VULNDB_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <stdbool.h>
#include <stddef.h>

#include "assay/vulndb.h"

#include "../core/core_private.h"

/* Longest CPE 2.3 formatted string accepted. */
#define CPE_MAX 512

/* One CPE 2.3 formatted string split into its 11 attributes. */
struct cpe {
    char buf[CPE_MAX]; /* unescaped attributes, NUL-separated */
    const char *part;  /* "a", "o", "h" or "*" */
    const char *vendor;
    const char *product;
    const char *version;
    const char *update;
    const char *target_hw;
};

/* Parse "cpe:2.3:..." (case kept); false when malformed. */
bool vulndb_cpe_parse(const char *s, struct cpe *out);
/* Is 'v' the ANY ("*") or NA ("-") value, or empty? */
bool vulndb_cpe_wild(const char *v);

/* CVSS v3.x base score of a "CVSS:3.1/AV:N/..." vector, -1 if invalid. */
double vulndb_cvss3_score(const char *vector);

/* Upstream part of a Debian version into out (cap bytes); its length. */
size_t vulndb_upstream(const char *v, char *out, size_t cap);

/*
 * Alias table (aliases.def): names under which the same software appears
 * in NVD (vendor:product) and OSV (package name). Calls fn for every
 * vendor/product pair equivalent to (vendor, product), including itself.
 */
void vulndb_aliases(const char *vendor, const char *product,
    void (*fn)(void *ctx, const char *vendor, const char *product), void *ctx);

#endif /* ASSAY_VULNDB_PRIVATE_H */
