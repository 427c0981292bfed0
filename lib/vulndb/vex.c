/* SPDX-License-Identifier: Apache-2.0 */
/*
 * VEX documents: CycloneDX ("vulnerabilities"[].analysis.state) and
 * OpenVEX ("statements"[].status). Statements saying not_affected,
 * fixed (OpenVEX) or resolved / false_positive / not_affected (CycloneDX)
 * are kept; the product scope of a statement is not checked (one VEX
 * document is taken to describe the assessed product).
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "vulndb_internal.h"

static enum assay_status
vex_add(struct assay_vulndb *db, const char *id, const char *status,
    const char *detail)
{
    struct assay_arena *a = assay_session_arena(db->s);
    struct vex_entry *v = assay_arena_zalloc(a, sizeof(*v));

    if (v == NULL)
        return ASSAY_E_NOMEM;
    v->vuln_id = assay_arena_strdup(a, id);
    v->status = assay_arena_strdup(a, status);
    v->detail = assay_arena_strdup(a, detail);
    if (v->vuln_id == NULL || v->status == NULL)
        return ASSAY_E_NOMEM;
    v->next = db->vex;
    db->vex = v;
    return ASSAY_OK;
}

static bool
vex_suppresses(const char *st)
{
    return st != NULL &&
           (strcmp(st, "not_affected") == 0 || strcmp(st, "fixed") == 0 ||
               strcmp(st, "resolved") == 0 ||
               strcmp(st, "false_positive") == 0);
}

enum assay_status
assay_vulndb_load_vex(struct assay_vulndb *db, const char *file)
{
    struct assay_err *err = assay_session_err(db->s);
    struct assay_buf b;
    const cJSON *it;
    cJSON *root;
    enum assay_status rc = ASSAY_OK;
    FILE *f = fopen(file, "rb");
    char chunk[8192];
    size_t n;

    if (f == NULL)
        return assay_err_set(err, ASSAY_E_IO, "vex: cannot open %s", file);
    assay_buf_init(&b, assay_session_limits(db->s)->max_doc_bytes);
    while (rc == ASSAY_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        rc = assay_buf_append(&b, chunk, n);
    fclose(f);
    if (rc != ASSAY_OK) {
        assay_buf_release(&b);
        return assay_err_set(err, rc, "vex: %s is too large", file);
    }
    root = cJSON_ParseWithLength(b.data != NULL ? b.data : "", b.len);
    assay_buf_release(&b);
    if (root == NULL)
        return assay_err_set(err, ASSAY_E_INVALID, "vex: %s is not JSON", file);
    /* OpenVEX */
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, "statements"))
    {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(it, "vulnerability");
        const char *id =
            cJSON_IsString(v) ? v->valuestring : vulndb_jstr(v, "name");
        const char *st = vulndb_jstr(it, "status");
        const char *why = vulndb_jstr(it, "justification");

        if (why == NULL)
            why = vulndb_jstr(it, "impact_statement");
        if (id != NULL && vex_suppresses(st) && rc == ASSAY_OK)
            rc = vex_add(db, id, st, why);
    }
    /* CycloneDX */
    cJSON_ArrayForEach(
        it, cJSON_GetObjectItemCaseSensitive(root, "vulnerabilities"))
    {
        const cJSON *an = cJSON_GetObjectItemCaseSensitive(it, "analysis");
        const char *id = vulndb_jstr(it, "id");
        const char *st = vulndb_jstr(an, "state");
        const char *why = vulndb_jstr(an, "justification");

        if (why == NULL)
            why = vulndb_jstr(an, "detail");
        if (id != NULL && vex_suppresses(st) && rc == ASSAY_OK)
            rc = vex_add(db, id, st, why);
    }
    if (rc == ASSAY_OK && db->vex == NULL &&
        !cJSON_HasObjectItem(root, "statements") &&
        !cJSON_HasObjectItem(root, "vulnerabilities"))
        rc = assay_err_set(err, ASSAY_E_INVALID,
            "vex: %s is neither CycloneDX VEX nor OpenVEX", file);
    cJSON_Delete(root);
    return rc;
}
