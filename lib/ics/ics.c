/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Loading and validating the manufacturer's statement (docs/ics.md).
 *
 * Loading checks shape: known keys only (x-* keys are free for users),
 * right types, known provision ids, Y/N/N/A answers, valid condition
 * numbers and feature letters for the declared standard. It reports every
 * error it finds, not just the first, each with line and column.
 * Validation then applies Annex B's rules to the answers.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "../core/doc_private.h"
#include "ics_private.h"

const char *const ics_ixit_keys[ASSAY_IXIT_TABLE_COUNT] = {
    [ASSAY_IXIT_AUTH] = "auth_mechanisms",
    [ASSAY_IXIT_UPDATE] = "update_mechanisms",
    [ASSAY_IXIT_SECPARAM] = "security_parameters",
    [ASSAY_IXIT_COMMS] = "communication_mechanisms",
    [ASSAY_IXIT_SERVICES] = "services",
    [ASSAY_IXIT_INTERFACES] = "interfaces",
};

const unsigned ics_ixit_numbers[ASSAY_IXIT_TABLE_COUNT] = {
    [ASSAY_IXIT_AUTH] = 1,
    [ASSAY_IXIT_UPDATE] = 7,
    [ASSAY_IXIT_SECPARAM] = 10,
    [ASSAY_IXIT_COMMS] = 11,
    [ASSAY_IXIT_SERVICES] = 13,
    [ASSAY_IXIT_INTERFACES] = 15,
};

struct ics_loader {
    struct assay_session *s;
    struct assay_ics *ics;
    size_t errors;
};

static void ics_error(struct ics_loader *ld, const struct doc_node *n,
    const char *fmt, ...) ASSAY_PRINTF(3, 4);

static void
ics_error(struct ics_loader *ld, const struct doc_node *n, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    doc_verror(ld->s, "ics", ld->ics->name, n, &ld->errors, fmt, ap);
    va_end(ap);
}

static bool
ics_key_is_extension(const char *key)
{
    return strncmp(key, "x-", 2) == 0;
}

/* Check that every key of 'map' is in 'allowed' (NULL-terminated). */
static void
ics_check_keys(struct ics_loader *ld, const struct doc_node *map,
    const char *what, const char *const *allowed)
{
    for (size_t i = 0; i < map->count; i += 2) {
        const struct doc_node *k = map->items[i];
        bool ok = ics_key_is_extension(k->value);

        for (size_t a = 0; !ok && allowed[a] != NULL; a++)
            ok = strcmp(k->value, allowed[a]) == 0;
        if (!ok)
            ics_error(ld, k, "unknown key '%s' in %s", k->value, what);
    }
}

/* A scalar as text; NULL for null. Records an error for a non-scalar. */
static const char *
ics_text(struct ics_loader *ld, const struct doc_node *n, const char *what)
{
    if (n == NULL || doc_is_null(n))
        return NULL;
    if (n->kind != DOC_SCALAR) {
        ics_error(ld, n, "%s must be text", what);
        return NULL;
    }
    if (n->value_len > 8192) {
        ics_error(ld, n, "%s is longer than 8192 bytes", what);
        return NULL;
    }
    return n->value;
}

static void
ics_load_product(struct ics_loader *ld, const struct doc_node *n)
{
    static const char *const keys[] = {
        "manufacturer", "model", "hardware_version", "software_version", NULL};
    struct assay_product *p = &ld->ics->product;

    if (n == NULL || doc_is_null(n))
        return;
    if (n->kind != DOC_MAP) {
        ics_error(ld, n, "'product' must be a mapping");
        return;
    }
    ics_check_keys(ld, n, "product", keys);
    p->manufacturer =
        ics_text(ld, doc_map_get(n, "manufacturer"), "product.manufacturer");
    p->model = ics_text(ld, doc_map_get(n, "model"), "product.model");
    p->hardware_version = ics_text(
        ld, doc_map_get(n, "hardware_version"), "product.hardware_version");
    p->software_version = ics_text(
        ld, doc_map_get(n, "software_version"), "product.software_version");
}

static void
ics_load_conditions(struct ics_loader *ld, const struct doc_node *n)
{
    struct assay_ics *ics = ld->ics;

    if (n == NULL || doc_is_null(n))
        return;
    if (n->kind != DOC_MAP) {
        ics_error(ld, n, "'conditions' must be a mapping of number to yes/no");
        return;
    }
    for (size_t i = 0; i < n->count; i += 2) {
        const struct doc_node *k = n->items[i], *v = n->items[i + 1];
        uint64_t num;
        bool val;

        if (ics_key_is_extension(k->value))
            continue;
        if (!assay_parse_u64(k->value, 1, ASSAY_CONDITION_MAX, &num) ||
            assay_condition_text(ics->standard, (unsigned)num) == NULL) {
            ics_error(ld, k, "'%s' is not a condition of EN 303 645 V%s",
                k->value, assay_standard_name(ics->standard));
            continue;
        }
        if (doc_is_null(v))
            continue;
        if (!doc_get_bool(v, &val)) {
            ics_error(ld, v, "condition %s must be yes or no", k->value);
            continue;
        }
        ics->conditions[num] = val ? ASSAY_ANSWER_YES : ASSAY_ANSWER_NO;
        ics->condition_line[num] = v->line;
    }
}

static void
ics_load_features(struct ics_loader *ld, const struct doc_node *n)
{
    struct assay_ics *ics = ld->ics;

    if (n == NULL || doc_is_null(n))
        return;
    if (ics->standard != ASSAY_STD_V3_1_3) {
        ics_error(ld, n, "'features' exist only in EN 303 645 V3.1.3");
        return;
    }
    if (n->kind != DOC_MAP) {
        ics_error(ld, n, "'features' must be a mapping of letter to yes/no");
        return;
    }
    for (size_t i = 0; i < n->count; i += 2) {
        const struct doc_node *k = n->items[i], *v = n->items[i + 1];
        unsigned bit;
        bool val;

        if (ics_key_is_extension(k->value))
            continue;
        if (!assay_feature_parse(k->value, &bit)) {
            ics_error(
                ld, k, "'%s' is not a feature letter (a to aa)", k->value);
            continue;
        }
        if (doc_is_null(v))
            continue;
        if (!doc_get_bool(v, &val)) {
            ics_error(ld, v, "feature %s must be yes or no", k->value);
            continue;
        }
        ics->features[bit] = val ? ASSAY_ANSWER_YES : ASSAY_ANSWER_NO;
        ics->feature_line[bit] = v->line;
    }
}

static bool
ics_parse_support(const char *s, enum assay_support *out)
{
    static const struct {
        const char *text;
        enum assay_support v;
    } forms[] = {
        {"Y", ASSAY_SUPPORT_Y},
        {"y", ASSAY_SUPPORT_Y},
        {"yes", ASSAY_SUPPORT_Y},
        {"Yes", ASSAY_SUPPORT_Y},
        {"N", ASSAY_SUPPORT_N},
        {"n", ASSAY_SUPPORT_N},
        {"no", ASSAY_SUPPORT_N},
        {"No", ASSAY_SUPPORT_N},
        {"N/A", ASSAY_SUPPORT_NA},
        {"n/a", ASSAY_SUPPORT_NA},
        {"NA", ASSAY_SUPPORT_NA},
    };

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(forms); i++) {
        if (strcmp(s, forms[i].text) == 0) {
            *out = forms[i].v;
            return true;
        }
    }
    return false;
}

static void
ics_load_answer(
    struct ics_loader *ld, const struct doc_node *k, const struct doc_node *v)
{
    static const char *const keys[] = {"support", "detail", NULL};
    struct assay_ics *ics = ld->ics;
    const struct assay_provision *p;
    const struct doc_node *sup, *det;
    struct assay_ics_answer *a;
    const char *text;

    p = assay_catalogue_find(ics->standard, k->value);
    if (p == NULL) {
        ics_error(ld, k, "'%s' is not a provision of EN 303 645 V%s", k->value,
            assay_standard_name(ics->standard));
        return;
    }
    if (p->req == ASSAY_REQ_VOID) {
        ics_error(ld, k, "provision %s is void in V%s; answer its successors",
            p->id, assay_standard_name(ics->standard));
        return;
    }
    if (ics->answer_count >= ICS_MAX_ANSWERS)
        return; /* unreachable: duplicate keys are rejected by the parser */
    if (v->kind == DOC_SCALAR) {
        /* Short form: "5.1-1": Y */
        sup = v;
        det = NULL;
    } else if (v->kind == DOC_MAP) {
        ics_check_keys(ld, v, "a provision answer", keys);
        sup = doc_map_get(v, "support");
        det = doc_map_get(v, "detail");
    } else {
        ics_error(ld, v, "answer to %s must be Y, N, N/A or a mapping", p->id);
        return;
    }
    a = &ics->answers[ics->answer_count];
    a->id = p->id;
    a->line = k->line;
    a->column = k->column;
    text = sup != NULL && sup->kind == DOC_SCALAR ? sup->value : NULL;
    if (sup == NULL || doc_is_null(sup)) {
        ics_error(ld, sup != NULL ? sup : v,
            "provision %s has no support answer (Y, N or N/A)", p->id);
        return;
    }
    if (text == NULL || !ics_parse_support(text, &a->support)) {
        ics_error(ld, sup,
            "provision %s: support must be Y, N or N/A, not '%s'", p->id,
            text != NULL ? text : "(a collection)");
        return;
    }
    a->detail = ics_text(ld, det, "detail");
    if (a->detail == NULL)
        a->detail = "";
    ics->answer_count++;
}

static void
ics_load_provisions(struct ics_loader *ld, const struct doc_node *n)
{
    if (n == NULL || doc_is_null(n))
        return;
    ld->ics->provisions_line = n->line;
    if (n->kind != DOC_MAP) {
        ics_error(
            ld, n, "'provisions' must be a mapping of provision id to answer");
        return;
    }
    for (size_t i = 0; i < n->count; i += 2) {
        if (ics_key_is_extension(n->items[i]->value))
            continue;
        ics_load_answer(ld, n->items[i], n->items[i + 1]);
    }
}

static bool
ics_valid_date(const char *s)
{
    unsigned y, m, d;
    char tail;
    static const unsigned mdays[] = {
        31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (strlen(s) != 10 || sscanf(s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
        return false;
    if (s[4] != '-' || s[7] != '-')
        return false;
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return false;
    if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        return false;
    return true;
}

static void
ics_load_user_info(struct ics_loader *ld, const struct doc_node *n)
{
    static const char *const keys[] = {"vulnerability_disclosure_policy",
        "support_period", "support_period_end", "model_designation", "sensors",
        "deletion", "secure_setup", NULL};
    struct assay_ixit_user_info *u = &ld->ics->user_info;
    const struct doc_node *end;

    if (n == NULL || doc_is_null(n))
        return;
    if (n->kind != DOC_MAP) {
        ics_error(ld, n, "'ixit.user_info' must be a mapping");
        return;
    }
    ics_check_keys(ld, n, "ixit.user_info", keys);
    u->vulnerability_disclosure_policy =
        ics_text(ld, doc_map_get(n, "vulnerability_disclosure_policy"),
            "vulnerability_disclosure_policy");
    u->support_period =
        ics_text(ld, doc_map_get(n, "support_period"), "support_period");
    end = doc_map_get(n, "support_period_end");
    u->support_period_end = ics_text(ld, end, "support_period_end");
    if (u->support_period_end != NULL && !ics_valid_date(u->support_period_end))
        ics_error(ld, end,
            "support_period_end must be a date YYYY-MM-DD, not '%s'",
            u->support_period_end);
    u->model_designation =
        ics_text(ld, doc_map_get(n, "model_designation"), "model_designation");
    u->sensors = ics_text(ld, doc_map_get(n, "sensors"), "sensors");
    u->deletion = ics_text(ld, doc_map_get(n, "deletion"), "deletion");
    u->secure_setup =
        ics_text(ld, doc_map_get(n, "secure_setup"), "secure_setup");
}

/* Allowed values of an enumerated field; NULL-terminated. */
static void
ics_check_enum(struct ics_loader *ld, const struct doc_node *n,
    const char *value, const char *field, const char *const *allowed)
{
    if (value == NULL)
        return;
    for (size_t i = 0; allowed[i] != NULL; i++) {
        if (strcmp(value, allowed[i]) == 0)
            return;
    }
    ics_error(ld, n, "%s '%s' is not one of the allowed values", field, value);
}

static void
ics_load_ixit_entry(struct ics_loader *ld, enum assay_ixit_table_id t,
    const struct doc_node *n, struct assay_ixit_entry *e)
{
    static const char *const keys[] = {"name", "id", "description", "status",
        "authentication", "protocol", "port", "debug", "allows_configuration",
        "kind", "type", "url", "crypto", "security_guarantees", "protection",
        "generation", "provisioning", "binary", NULL};
    static const char *const statuses[] = {"enabled", "disabled", NULL};
    static const char *const intf_kinds[] = {
        "network", "physical", "logical", "radio", NULL};
    static const char *const param_kinds[] = {
        "critical", "sensitive", "public", NULL};
    static const char *const update_kinds[] = {"network", "local", NULL};
    const struct doc_node *v;
    uint64_t port;
    bool b;

    e->line = n->line;
    if (n->kind != DOC_MAP) {
        ics_error(
            ld, n, "entries of ixit.%s must be mappings", ics_ixit_keys[t]);
        return;
    }
    ics_check_keys(ld, n, "an IXIT entry", keys);
    e->name = ics_text(ld, doc_map_get(n, "name"), "name");
    if (e->name == NULL)
        e->name = ics_text(ld, doc_map_get(n, "id"), "id");
    if (e->name == NULL)
        ics_error(
            ld, n, "an entry of ixit.%s needs a name or id", ics_ixit_keys[t]);
    e->description = ics_text(ld, doc_map_get(n, "description"), "description");
    v = doc_map_get(n, "status");
    e->status = ics_text(ld, v, "status");
    ics_check_enum(ld, v, e->status, "status", statuses);
    e->authentication =
        ics_text(ld, doc_map_get(n, "authentication"), "authentication");
    e->protocol = ics_text(ld, doc_map_get(n, "protocol"), "protocol");
    v = doc_map_get(n, "port");
    if (v != NULL && !doc_is_null(v)) {
        if (v->kind != DOC_SCALAR ||
            !assay_parse_u64(v->value, 0, 65535, &port))
            ics_error(ld, v, "port must be a number from 0 to 65535");
        else
            e->port = (uint32_t)port;
    }
    v = doc_map_get(n, "debug");
    if (v != NULL && !doc_is_null(v)) {
        if (!doc_get_bool(v, &b))
            ics_error(ld, v, "debug must be yes or no");
        else
            e->debug = b;
    }
    v = doc_map_get(n, "allows_configuration");
    if (v != NULL && !doc_is_null(v)) {
        if (!doc_get_bool(v, &b))
            ics_error(ld, v, "allows_configuration must be yes or no");
        else
            e->allows_configuration = b;
    }
    v = doc_map_get(n, "kind");
    if (v == NULL)
        v = doc_map_get(n, "type");
    e->kind = ics_text(ld, v, "kind");
    if (t == ASSAY_IXIT_INTERFACES)
        ics_check_enum(ld, v, e->kind, "interface kind", intf_kinds);
    else if (t == ASSAY_IXIT_SECPARAM)
        ics_check_enum(ld, v, e->kind, "security parameter type", param_kinds);
    else if (t == ASSAY_IXIT_UPDATE)
        ics_check_enum(ld, v, e->kind, "update mechanism kind", update_kinds);
    e->url = ics_text(ld, doc_map_get(n, "url"), "url");
    e->crypto = ics_text(ld, doc_map_get(n, "crypto"), "crypto");
    e->security_guarantees = ics_text(
        ld, doc_map_get(n, "security_guarantees"), "security_guarantees");
    e->protection = ics_text(ld, doc_map_get(n, "protection"), "protection");
    e->generation = ics_text(ld, doc_map_get(n, "generation"), "generation");
    e->provisioning =
        ics_text(ld, doc_map_get(n, "provisioning"), "provisioning");
    e->binary = ics_text(ld, doc_map_get(n, "binary"), "binary");
}

static enum assay_status
ics_load_ixit(struct ics_loader *ld, const struct doc_node *n)
{
    static const char *const keys[] = {"user_info", "auth_mechanisms",
        "update_mechanisms", "security_parameters", "communication_mechanisms",
        "services", "interfaces", NULL};
    struct assay_ics *ics = ld->ics;

    if (n == NULL || doc_is_null(n))
        return ASSAY_OK;
    if (n->kind != DOC_MAP) {
        ics_error(ld, n, "'ixit' must be a mapping");
        return ASSAY_OK;
    }
    ics_check_keys(ld, n, "ixit", keys);
    ics_load_user_info(ld, doc_map_get(n, "user_info"));
    for (int t = 0; t < ASSAY_IXIT_TABLE_COUNT; t++) {
        const struct doc_node *list = doc_map_get(n, ics_ixit_keys[t]);

        if (list == NULL || doc_is_null(list))
            continue;
        if (list->kind != DOC_SEQ) {
            ics_error(ld, list, "'ixit.%s' must be a list", ics_ixit_keys[t]);
            continue;
        }
        if (list->count > ICS_MAX_IXIT_ROWS) {
            ics_error(ld, list, "'ixit.%s' has more than %d entries",
                ics_ixit_keys[t], ICS_MAX_IXIT_ROWS);
            continue;
        }
        ics->ixit[t] = assay_arena_array(
            assay_session_arena(ld->s), list->count, sizeof(*ics->ixit[t]));
        if (ics->ixit[t] == NULL && list->count > 0)
            return ASSAY_E_NOMEM;
        for (size_t i = 0; i < list->count; i++)
            ics_load_ixit_entry(ld, (enum assay_ixit_table_id)t, list->items[i],
                &ics->ixit[t][i]);
        ics->ixit_count[t] = list->count;
    }
    return ASSAY_OK;
}

enum assay_status
assay_ics_load(struct assay_session *s, const char *name, const void *data,
    size_t len, struct assay_ics **out)
{
    static const char *const keys[] = {"assay-ics", "standard", "product",
        "conditions", "features", "provisions", "ixit", NULL};
    struct ics_loader ld = {.s = s};
    struct doc_node *root;
    const struct doc_node *n;
    const char *std;
    enum assay_status rc;

    *out = NULL;
    ld.ics = assay_arena_zalloc(assay_session_arena(s), sizeof(*ld.ics));
    if (ld.ics == NULL)
        return ASSAY_E_NOMEM;
    ld.ics->name = assay_arena_strdup(assay_session_arena(s), name);
    if (ld.ics->name == NULL)
        return ASSAY_E_NOMEM;
    rc = doc_yaml_parse(s, name, data, len, &root);
    if (rc != ASSAY_OK)
        return rc;
    if (root->kind != DOC_MAP) {
        ics_error(&ld, root,
            "the statement must be a mapping with 'standard' and 'provisions'");
        return ASSAY_E_INVALID;
    }
    ics_check_keys(&ld, root, "the statement", keys);
    n = doc_map_get(root, "assay-ics");
    if (n != NULL && (n->kind != DOC_SCALAR || strcmp(n->value, "1") != 0))
        ics_error(&ld, n, "assay-ics must be 1 (this version of the format)");
    n = doc_map_get(root, "standard");
    std = ics_text(&ld, n, "standard");
    if (std == NULL) {
        ics_error(&ld, n != NULL ? n : root,
            "'standard' is missing: give \"2.1.1\" or \"3.1.3\"");
        return ASSAY_E_INVALID;
    }
    if (!assay_standard_parse(std, &ld.ics->standard)) {
        ics_error(&ld, n, "standard '%s' is not \"2.1.1\" or \"3.1.3\"", std);
        return ASSAY_E_INVALID;
    }
    ics_load_product(&ld, doc_map_get(root, "product"));
    ics_load_conditions(&ld, doc_map_get(root, "conditions"));
    ics_load_features(&ld, doc_map_get(root, "features"));
    ics_load_provisions(&ld, doc_map_get(root, "provisions"));
    /* Unanswered provisions are reported at the 'provisions:' key. */
    for (size_t i = 0; i + 1 < root->count; i += 2) {
        if (strcmp(root->items[i]->value, "provisions") == 0)
            ld.ics->provisions_line = root->items[i]->line;
    }
    rc = ics_load_ixit(&ld, doc_map_get(root, "ixit"));
    if (rc != ASSAY_OK)
        return rc;
    if (ld.errors > 0)
        return ASSAY_E_INVALID;
    *out = ld.ics;
    return ASSAY_OK;
}

/* ---- applicability and validation ------------------------------------- */

static const char *const condition_names[ASSAY_CONDITION_MAX + 1] = {
    "condition 0", "condition 1", "condition 2", "condition 3", "condition 4",
    "condition 5", "condition 6", "condition 7", "condition 8", "condition 9",
    "condition 10", "condition 11", "condition 12", "condition 13",
    "condition 14", "condition 15", "condition 16"};

static const char *const feature_names[ASSAY_FEATURE_COUNT] = {"feature a",
    "feature b", "feature c", "feature d", "feature e", "feature f",
    "feature g", "feature h", "feature i", "feature j", "feature k",
    "feature l", "feature m", "feature n", "feature o", "feature p",
    "feature q", "feature r", "feature s", "feature t", "feature u",
    "feature v", "feature w", "feature x", "feature y", "feature z",
    "feature aa"};

enum assay_answer
assay_ics_applies(const struct assay_ics *ics, const struct assay_provision *p,
    const char **why)
{
    enum assay_answer result = ASSAY_ANSWER_YES;
    const char *reason = NULL;

    /* Every listed condition and feature must hold: a NO wins over UNSET. */
    for (unsigned c = 1; c <= ASSAY_CONDITION_MAX; c++) {
        if ((p->condition_mask & (1u << c)) == 0)
            continue;
        if (ics->conditions[c] == ASSAY_ANSWER_NO) {
            if (why != NULL)
                *why = condition_names[c];
            return ASSAY_ANSWER_NO;
        }
        if (ics->conditions[c] == ASSAY_ANSWER_UNSET &&
            result == ASSAY_ANSWER_YES) {
            result = ASSAY_ANSWER_UNSET;
            reason = condition_names[c];
        }
    }
    for (unsigned k = 0; k < ASSAY_FEATURE_COUNT; k++) {
        if ((p->feature_mask & (1u << k)) == 0)
            continue;
        if (ics->features[k] == ASSAY_ANSWER_NO) {
            if (why != NULL)
                *why = feature_names[k];
            return ASSAY_ANSWER_NO;
        }
        if (ics->features[k] == ASSAY_ANSWER_UNSET &&
            result == ASSAY_ANSWER_YES) {
            result = ASSAY_ANSWER_UNSET;
            reason = feature_names[k];
        }
    }
    if (why != NULL && reason != NULL)
        *why = reason;
    return result;
}

static void ics_rule(struct assay_session *s, const struct assay_ics *ics,
    enum assay_diag_level level, uint32_t line, uint32_t col, size_t *count,
    const char *fmt, ...) ASSAY_PRINTF(7, 8);

static void
ics_rule(struct assay_session *s, const struct assay_ics *ics,
    enum assay_diag_level level, uint32_t line, uint32_t col, size_t *count,
    const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    assay_diag_at(s, level, "ics", ics->name, line, col, "%s", msg);
    if (level == ASSAY_DIAG_ERROR)
        (*count)++;
}

enum assay_status
assay_ics_validate(
    struct assay_session *s, const struct assay_ics *ics, size_t *failures)
{
    size_t n = assay_catalogue_count(ics->standard);
    size_t errors = 0, undetailed = 0;

    for (size_t i = 0; i < n; i++) {
        const struct assay_provision *p = assay_catalogue_get(ics->standard, i);
        const struct assay_ics_answer *a;
        const char *why = NULL;
        enum assay_answer applies;

        if (p->req == ASSAY_REQ_VOID)
            continue;
        a = assay_ics_answer(ics, p->id);
        if (a == NULL) {
            ics_rule(s, ics, ASSAY_DIAG_ERROR, ics->provisions_line, 0, &errors,
                "provision %s (%s) is not answered", p->id, p->status);
            continue;
        }
        applies = assay_ics_applies(ics, p, &why);
        if (applies == ASSAY_ANSWER_UNSET) {
            ics_rule(s, ics, ASSAY_DIAG_ERROR, a->line, a->column, &errors,
                "provision %s (%s) depends on %s, which is not answered", p->id,
                p->status, why);
            continue;
        }
        switch (a->support) {
        case ASSAY_SUPPORT_N:
            if (p->req == ASSAY_REQ_M && applies == ASSAY_ANSWER_YES)
                ics_rule(s, ics, ASSAY_DIAG_ERROR, a->line, a->column, &errors,
                    "provision %s is mandatory (%s) but answered N: a mandatory provision must be supported",
                    p->id, p->status);
            else if (p->req == ASSAY_REQ_R && a->detail[0] == '\0')
                ics_rule(s, ics, ASSAY_DIAG_ERROR, a->line, a->column, &errors,
                    "provision %s is a recommendation answered N without a justification in 'detail' (required by Provision %s)",
                    p->id, ics->standard == ASSAY_STD_V3_1_3 ? "5.0-1" : "4-1");
            break;
        case ASSAY_SUPPORT_NA:
            if (p->condition_mask == 0 && p->feature_mask == 0)
                ics_rule(s, ics, ASSAY_DIAG_ERROR, a->line, a->column, &errors,
                    "provision %s (%s) is answered N/A, but it has no condition that could make it not applicable",
                    p->id, p->status);
            else if (applies == ASSAY_ANSWER_YES)
                ics_rule(s, ics, ASSAY_DIAG_ERROR, a->line, a->column, &errors,
                    "provision %s (%s) is answered N/A, but its conditions hold as answered",
                    p->id, p->status);
            else if (a->detail[0] == '\0')
                ics_rule(s, ics, ASSAY_DIAG_WARNING, a->line, a->column,
                    &errors,
                    "provision %s is N/A (%s does not hold) but gives no rationale in 'detail'",
                    p->id, why);
            break;
        case ASSAY_SUPPORT_Y:
            if (applies == ASSAY_ANSWER_NO)
                ics_rule(s, ics, ASSAY_DIAG_WARNING, a->line, a->column,
                    &errors,
                    "provision %s is answered Y although %s does not hold; it is treated as not applicable",
                    p->id, why);
            else if (a->detail[0] == '\0')
                undetailed++;
            break;
        case ASSAY_SUPPORT_NONE:
            break;
        }
    }
    if (undetailed > 0)
        assay_diag_at(s, ASSAY_DIAG_NOTE, "ics", ics->name, 0, 0,
            "%zu supported provisions say nothing in 'detail' about how they are met",
            undetailed);
    if (failures != NULL)
        *failures = errors;
    return ASSAY_OK;
}

/* ---- accessors --------------------------------------------------------- */

enum assay_standard
assay_ics_standard(const struct assay_ics *ics)
{
    return ics->standard;
}

const struct assay_product *
assay_ics_product(const struct assay_ics *ics)
{
    return &ics->product;
}

enum assay_answer
assay_ics_condition(const struct assay_ics *ics, unsigned n)
{
    return n <= ASSAY_CONDITION_MAX ? ics->conditions[n] : ASSAY_ANSWER_UNSET;
}

enum assay_answer
assay_ics_feature(const struct assay_ics *ics, unsigned k)
{
    return k < ASSAY_FEATURE_COUNT ? ics->features[k] : ASSAY_ANSWER_UNSET;
}

const struct assay_ics_answer *
assay_ics_answer(const struct assay_ics *ics, const char *id)
{
    for (size_t i = 0; i < ics->answer_count; i++) {
        if (strcmp(ics->answers[i].id, id) == 0)
            return &ics->answers[i];
    }
    return NULL;
}

size_t
assay_ics_ixit_count(const struct assay_ics *ics, enum assay_ixit_table_id t)
{
    return (unsigned)t < ASSAY_IXIT_TABLE_COUNT ? ics->ixit_count[t] : 0;
}

const struct assay_ixit_entry *
assay_ics_ixit(
    const struct assay_ics *ics, enum assay_ixit_table_id t, size_t i)
{
    if ((unsigned)t >= ASSAY_IXIT_TABLE_COUNT || i >= ics->ixit_count[t])
        return NULL;
    return &ics->ixit[t][i];
}

const struct assay_ixit_user_info *
assay_ics_user_info(const struct assay_ics *ics)
{
    return &ics->user_info;
}

const char *
assay_support_name(enum assay_support s)
{
    switch (s) {
    case ASSAY_SUPPORT_Y:
        return "Y";
    case ASSAY_SUPPORT_N:
        return "N";
    case ASSAY_SUPPORT_NA:
        return "N/A";
    case ASSAY_SUPPORT_NONE:
        break;
    }
    return "";
}
