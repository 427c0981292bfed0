/* SPDX-License-Identifier: Apache-2.0 */
/* The catalogue as JSON, for `assay provisions --format json`. */
#include "assay_config.h"

#include <stdlib.h>
#include <string.h>

#include "../report/report_private.h"
#include "catalogue_private.h"

static void
cat_json_numbers(struct json_emit *j, const char *list, bool ixit_names)
{
    const char *s = list;

    json_arr_begin(j);
    while (*s != '\0') {
        char *end;
        unsigned long n = strtoul(s, &end, 10);

        if (end == s)
            break;
        if (ixit_names)
            json_str(j, assay_ixit_table((unsigned)n));
        else
            json_uint(j, n);
        s = end;
        if (*s == ',')
            s++;
    }
    json_arr_end(j);
}

static void
cat_json_row(struct json_emit *j, const struct assay_provision *p)
{
    json_obj_begin(j);
    json_kv_str(j, "id", p->id);
    json_kv_str(j, "clause", p->clause);
    json_kv_str(j, "clause_title", p->clause_title);
    json_kv_str(j, "requirement", assay_requirement_name(p->req));
    json_kv_str(j, "status", p->status);
    json_key(j, "conditions");
    json_arr_begin(j);
    for (unsigned c = 1; c <= ASSAY_CONDITION_MAX; c++) {
        if ((p->condition_mask & (1u << c)) != 0)
            json_uint(j, c);
    }
    json_arr_end(j);
    json_key(j, "features");
    json_arr_begin(j);
    for (unsigned k = 0; k < ASSAY_FEATURE_COUNT; k++) {
        if ((p->feature_mask & (1u << k)) != 0)
            json_str(j, assay_feature_letter(k));
    }
    json_arr_end(j);
    json_key(j, "test_group");
    json_obj_begin(j);
    json_kv_str(j, "shape", p->tests);
    json_kv_bool(j, "conceptual", strchr(p->tests, 'c') != NULL);
    json_kv_bool(j, "functional", strchr(p->tests, 'f') != NULL);
    json_obj_end(j);
    json_key(j, "ixit");
    cat_json_numbers(j, p->ixit, true);
    json_kv_str(j, "v2_id", p->v2_id);
    json_kv_str(j, "title", p->title);
    json_obj_end(j);
}

enum assay_status
assay_catalogue_write_json(enum assay_standard std,
    const struct assay_provision *const *rows, size_t n, assay_sink_fn fn,
    void *ctx)
{
    struct assay_buf out;
    struct json_emit j;
    enum assay_status rc;
    size_t m = 0, r = 0;

    for (size_t i = 0; i < n; i++) {
        m += rows[i]->req == ASSAY_REQ_M;
        r += rows[i]->req == ASSAY_REQ_R;
    }
    assay_buf_init(&out, 16u << 20);
    json_init(&j, &out);
    json_obj_begin(&j);
    json_kv_str(&j, "standard", "ETSI EN 303 645");
    json_kv_str(&j, "version", assay_standard_name(std));
    json_kv_uint(&j, "count", n);
    json_kv_uint(&j, "mandatory", m);
    json_kv_uint(&j, "recommended", r);
    json_key(&j, "provisions");
    json_arr_begin(&j);
    for (size_t i = 0; i < n; i++)
        cat_json_row(&j, rows[i]);
    json_arr_end(&j);
    json_obj_end(&j);
    rc = json_finish(&j);
    if (rc == ASSAY_OK)
        rc = fn(ctx, out.data, out.len);
    assay_buf_release(&out);
    return rc;
}
