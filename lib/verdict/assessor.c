/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The assessor results file (docs/assessor.md): what a test lab decided
 * for the TS 103 701 test units that no automated check can settle.
 * Parsed with the project's YAML loader (doc_yaml_parse); every error
 * names file:line:column and loading goes on to report the others.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "../core/doc_private.h"
#include "../report/report_private.h"
#include "verdict_private.h"

struct assessor_loader {
    struct assay_session *s;
    struct assay_assessor *a;
    size_t errors;
};

static void al_error(struct assessor_loader *ld, const struct doc_node *n,
    const char *fmt, ...) ASSAY_PRINTF(3, 4);

static void
al_error(
    struct assessor_loader *ld, const struct doc_node *n, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    doc_verror(ld->s, "assessor", ld->a->name, n, &ld->errors, fmt, ap);
    va_end(ap);
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Read 1-3 digits at *p; false when there are none or too many. */
static bool
split_number(const char **p, unsigned *out)
{
    unsigned v = 0, n = 0;

    while (is_digit(**p)) {
        if (++n > 3)
            return false;
        v = v * 10 + (unsigned)(**p - '0');
        (*p)++;
    }
    *out = v;
    return n > 0;
}

bool
verdict_split_key(const char *key, struct assessor_entry *e)
{
    const char *p = key;
    unsigned n;
    size_t len;

    /* provision: N[.N]-N[A-Z] */
    if (!split_number(&p, &n))
        return false;
    if (*p == '.') {
        p++;
        if (!split_number(&p, &n))
            return false;
    }
    if (*p++ != '-' || !split_number(&p, &n))
        return false;
    if (*p >= 'A' && *p <= 'Z')
        p++;
    len = (size_t)(p - key);
    if (len >= sizeof(e->provision))
        return false;
    memcpy(e->provision, key, len);
    e->provision[len] = '\0';
    e->tcase = 0;
    e->unit[0] = '\0';
    if (*p == '\0')
        return true;
    /* test case: -N, then an optional unit of one or two letters */
    if (*p++ != '-' || !split_number(&p, &e->tcase) || e->tcase == 0)
        return false;
    len = strlen(p);
    if (len > 2)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (p[i] < 'a' || p[i] > 'z')
            return false;
    }
    memcpy(e->unit, p, len + 1);
    return true;
}

/* Is 'id' a provision of 'std' (or, without a standard, of either)? */
static bool
assessor_known(const struct assay_assessor *a, const char *id)
{
    if (a->has_standard)
        return assay_catalogue_find(a->standard, id) != NULL;
    return assay_catalogue_find(ASSAY_STD_V2_1_1, id) != NULL ||
           assay_catalogue_find(ASSAY_STD_V3_1_3, id) != NULL;
}

static void
assessor_entry(struct assessor_loader *ld, const struct doc_node *k,
    const struct doc_node *v)
{
    struct assessor_entry *e = &ld->a->entries[ld->a->count];
    const struct doc_node *verdict, *note;

    memset(e, 0, sizeof(*e));
    e->key = k->value;
    e->note = "";
    e->line = k->line;
    e->column = k->column;
    if (!verdict_split_key(k->value, e)) {
        al_error(ld, k,
            "'%s' is not a provision, test case or test unit id (e.g. 5.1-1, 5.1-1-2, 5.1-1-2a)",
            k->value);
        return;
    }
    if (!assessor_known(ld->a, e->provision)) {
        al_error(ld, k, "unknown provision '%s'", e->provision);
        return;
    }
    if (v->kind != DOC_MAP) {
        al_error(ld, v,
            "the result for '%s' must be a map with verdict and note",
            k->value);
        return;
    }
    for (size_t i = 0; i < v->count; i += 2) {
        const char *key = v->items[i]->value;

        if (strcmp(key, "verdict") != 0 && strcmp(key, "note") != 0 &&
            strncmp(key, "x-", 2) != 0)
            al_error(ld, v->items[i], "unknown key '%s' (verdict, note)", key);
    }
    verdict = doc_map_get(v, "verdict");
    note = doc_map_get(v, "note");
    if (note != NULL && note->kind != DOC_SCALAR)
        al_error(ld, note, "note must be text");
    else if (note != NULL && !doc_is_null(note))
        e->note = note->value;
    if (verdict == NULL || doc_is_null(verdict))
        return;
    if (verdict->kind != DOC_SCALAR ||
        !report_verdict_parse(verdict->value, &e->verdict) ||
        e->verdict == ASSAY_VERDICT_NOT_APPLICABLE) {
        al_error(ld, verdict,
            "verdict must be PASS, FAIL or INCONCLUSIVE (applicability comes from the ICS)");
        return;
    }
    e->assessed = true;
    ld->a->count++;
}

enum assay_status
assay_assessor_load(struct assay_session *s, const char *name, const void *data,
    size_t len, struct assay_assessor **out)
{
    struct assay_arena *arena = assay_session_arena(s);
    struct assessor_loader ld = {.s = s};
    struct doc_node *root = NULL;
    const struct doc_node *std, *results;
    enum assay_status rc;

    *out = NULL;
    ld.a = assay_arena_zalloc(arena, sizeof(*ld.a));
    if (ld.a == NULL)
        return ASSAY_E_NOMEM;
    ld.a->name = assay_arena_strdup(arena, name);
    if (ld.a->name == NULL)
        return ASSAY_E_NOMEM;
    rc = doc_yaml_parse(s, name, data, len, &root);
    if (rc != ASSAY_OK)
        return rc;
    if (root->kind != DOC_MAP) {
        al_error(&ld, root, "an assessor file is a map with 'results'");
        return ASSAY_E_INVALID;
    }
    for (size_t i = 0; i < root->count; i += 2) {
        const char *key = root->items[i]->value;

        if (strcmp(key, "standard") != 0 && strcmp(key, "results") != 0 &&
            strncmp(key, "x-", 2) != 0)
            al_error(&ld, root->items[i],
                "unknown key '%s' (standard, results)", key);
    }
    std = doc_map_get(root, "standard");
    if (std != NULL && !doc_is_null(std)) {
        if (std->kind != DOC_SCALAR ||
            !assay_standard_parse(std->value, &ld.a->standard))
            al_error(&ld, std, "unknown standard version (2.1.1 or 3.1.3)");
        else
            ld.a->has_standard = true;
    }
    results = doc_map_get(root, "results");
    if (results != NULL && !doc_is_null(results)) {
        if (results->kind != DOC_MAP) {
            al_error(
                &ld, results, "results must be a map of id: {verdict, note}");
        } else if (results->count / 2 > ASSESSOR_MAX_ENTRIES) {
            al_error(
                &ld, results, "more than %d results", ASSESSOR_MAX_ENTRIES);
        } else {
            ld.a->entries = assay_arena_array(
                arena, results->count / 2 + 1, sizeof(*ld.a->entries));
            if (ld.a->entries == NULL)
                return ASSAY_E_NOMEM;
            for (size_t i = 0; i < results->count; i += 2)
                assessor_entry(&ld, results->items[i], results->items[i + 1]);
        }
    }
    if (ld.errors > 0)
        return ASSAY_E_INVALID;
    *out = ld.a;
    return ASSAY_OK;
}

/* ---- template ------------------------------------------------------------ */

/* Is 'ref' a test case id of provision 'id' ("5.1-1-2" for "5.1-1")? */
static bool
is_case_of(const char *ref, const char *id)
{
    size_t n = strlen(id);

    return strncmp(ref, id, n) == 0 && ref[n] == '-' && is_digit(ref[n + 1]);
}

/* A comment line: control bytes (a newline would end the comment) become
 * spaces. */
static enum assay_status
tpl_comment(struct assay_buf *out, const char *text)
{
    enum assay_status rc = assay_buf_puts(out, "  # ");

    for (const char *p = text; *p != '\0' && rc == ASSAY_OK; p++)
        rc = assay_buf_putc(out, (unsigned char)*p < 0x20 ? ' ' : *p);
    if (rc == ASSAY_OK)
        rc = assay_buf_putc(out, '\n');
    return rc;
}

static enum assay_status
tpl_entry(struct assay_buf *out, const char *id)
{
    return assay_buf_printf(
        out, "  \"%s\":\n    verdict:\n    note: \"\"\n", id);
}

enum assay_status
assay_assessor_template(struct assay_session *s, assay_sink_fn fn, void *ctx)
{
    struct assay_report *r = assay_session_report(s);
    const char *stdname = assay_report_standard(r);
    enum assay_standard std = ASSAY_STD_V2_1_1;
    struct assay_buf out;
    enum assay_status rc;

    if (stdname == NULL || !assay_standard_parse(stdname, &std))
        return ASSAY_E_USAGE;
    assay_report_sort(r);
    assay_buf_init(&out, REPORT_OUT_CAP);
    rc = assay_buf_printf(&out,
        "# Assessor results for EN 303 645 V%s (assay assessor init).\n"
        "# One entry per test case still open. Give each a verdict (PASS,\n"
        "# FAIL or INCONCLUSIVE) and a note; split a case into units by\n"
        "# replacing \"5.1-1-1\" with \"5.1-1-1a\", \"5.1-1-1b\" ... when\n"
        "# they were judged apart. Empty verdicts count as not assessed.\n"
        "standard: \"%s\"\nresults:\n",
        stdname, stdname);
    for (size_t i = 0; i < assay_report_verdict_count(r) && rc == ASSAY_OK;
         i++) {
        const struct assay_provision_verdict *v = assay_report_verdict(r, i);
        const struct assay_provision *p = assay_catalogue_find(std, v->id);
        size_t open = 0;

        if (v->verdict != ASSAY_VERDICT_INCONCLUSIVE || p == NULL)
            continue;
        rc = assay_buf_printf(
            &out, "\n  # %s %s: %s\n", p->id, p->status, p->title);
        for (size_t k = 0; k < v->basis_count && rc == ASSAY_OK; k++) {
            const struct assay_basis *b = &v->basis[k];

            /* Only refs of the catalogue's shape become keys. */
            if (b->kind != ASSAY_BASIS_MISSING || !is_case_of(b->ref, p->id))
                continue;
            rc = tpl_comment(&out, b->text);
            if (rc == ASSAY_OK)
                rc = tpl_entry(&out, b->ref);
            open++;
        }
        if (open == 0 && rc == ASSAY_OK)
            rc = tpl_entry(&out, p->id);
    }
    if (rc == ASSAY_OK)
        rc = fn(ctx, out.data, out.len);
    assay_buf_release(&out);
    return rc;
}
