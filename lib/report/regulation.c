/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Regulation views (regulations.def): for each requirement of a
 * regulation, the EN 303 645 provisions mapped to it with their verdicts
 * and what those verdicts support. The mapping tables are data; this file
 * only evaluates and prints them, as Markdown.
 */
#include "assay_config.h"

#include <string.h>

#include "report_private.h"

enum reg_kind {
    REG_DEEMED = 0,
    REG_MAPPED = 1,
    REG_LEVEL = 2,
    REG_RELATED = 3,
    REG_EXTERNAL = 4
};

struct reg_view {
    const char *id;
    const char *name;
    const char *scope;
};

struct reg_item {
    const char *reg;
    const char *ref;
    const char *requirement;
    const char *provisions;
    enum reg_kind kind;
    const char *note;
};

static const struct reg_view reg_views[] = {
#define ASSAY_REGULATION(id, name, scope) {#id, name, scope},
#define ASSAY_REG_ITEM(reg, ref, req, provisions, kind, note)
#include "regulations.def"
#undef ASSAY_REGULATION
#undef ASSAY_REG_ITEM
};

static const struct reg_item reg_items[] = {
#define ASSAY_REGULATION(id, name, scope)
#define ASSAY_REG_ITEM(reg, ref, req, provisions, kind, note)                  \
    {#reg, ref, req, provisions, kind, note},
#include "regulations.def"
#undef ASSAY_REGULATION
#undef ASSAY_REG_ITEM
};

enum reg_state {
    REG_S_MET = 0,
    REG_S_OPEN = 1,    /* some provision INCONCLUSIVE or not judged */
    REG_S_NOT_MET = 2, /* some provision FAIL */
    REG_S_REVIEW = 3,
    REG_S_EXTERNAL = 4,
    REG_S_NA = 5 /* every mapped provision NOT_APPLICABLE */
};

struct reg_eval {
    size_t pass, fail, open, na;
};

/* Count the verdicts of one provision or of every provision of a clause. */
static void
reg_count_token(const struct assay_report *r, enum assay_standard std,
    const char *tok, struct reg_eval *e, struct report_out *o)
{
    bool clause = strchr(tok, '-') == NULL;

    for (size_t i = 0; i < assay_catalogue_count(std); i++) {
        const struct assay_provision *p = assay_catalogue_get(std, i);
        const struct assay_provision_verdict *v;

        if (p->req == ASSAY_REQ_VOID ||
            strcmp(clause ? p->clause : p->id, tok) != 0)
            continue;
        v = assay_report_verdict_find(r, p->id);
        if (o != NULL)
            ro_printf(o, "%s%s %s",
                e->pass + e->fail + e->open + e->na > 0 ? ", " : "", p->id,
                v != NULL ? assay_verdict_name(v->verdict) : "not judged");
        if (v == NULL || v->verdict == ASSAY_VERDICT_INCONCLUSIVE)
            e->open++;
        else if (v->verdict == ASSAY_VERDICT_FAIL)
            e->fail++;
        else if (v->verdict == ASSAY_VERDICT_PASS)
            e->pass++;
        else
            e->na++;
        if (!clause)
            return;
    }
    if (!clause) {
        if (o != NULL)
            ro_printf(o, "%s%s not in V%s",
                e->pass + e->fail + e->open + e->na > 0 ? ", " : "", tok,
                assay_standard_name(std));
        e->open++;
    }
}

/* Evaluate (and, with 'o', list) the provisions of 'it'. */
static struct reg_eval
reg_eval_item(const struct assay_report *r, enum assay_standard std,
    const struct reg_item *it, struct report_out *o)
{
    struct reg_eval e = {0};
    const char *s = it->provisions;

    while (*s != '\0') {
        char tok[16];
        size_t n = strcspn(s, ",");

        if (n > 0 && n < sizeof(tok)) {
            memcpy(tok, s, n);
            tok[n] = '\0';
            reg_count_token(r, std, tok, &e, o);
        }
        s += n;
        if (*s == ',')
            s++;
    }
    return e;
}

/*
 * For items the provisions cannot settle: what the statement's user
 * information (IXIT 2-UserInfo, e.g. the support period end date) says,
 * as the verdict engine recorded it in the provisions' basis.
 */
static void
reg_user_info(struct report_out *o, const struct assay_report *r,
    const struct reg_item *it)
{
    for (size_t i = 0; i < assay_report_verdict_count(r); i++) {
        const struct assay_provision_verdict *v = assay_report_verdict(r, i);
        const char *hit = strstr(it->provisions, v->id);
        size_t n = strlen(v->id);

        /* whole ids only: "5.3-1" must not match inside "5.3-13" */
        if (hit == NULL || (hit[n] != '\0' && hit[n] != ',') ||
            (hit != it->provisions && hit[-1] != ','))
            continue;
        for (size_t k = 0; k < v->basis_count; k++) {
            if (v->basis[k].ref == NULL || v->basis[k].text == NULL ||
                strcmp(v->basis[k].ref, "2-UserInfo") != 0)
                continue;
            ro_puts(o, "; ");
            ro_md(o, v->basis[k].text);
        }
    }
}

static enum reg_state
reg_state_of(const struct reg_item *it, const struct reg_eval *e)
{
    if (it->kind == REG_EXTERNAL)
        return REG_S_EXTERNAL;
    if (e->fail > 0)
        return REG_S_NOT_MET;
    if (it->kind == REG_RELATED)
        return REG_S_REVIEW;
    if (e->open == 0 && e->pass == 0 && e->na > 0)
        return REG_S_NA;
    if (e->open > 0 || e->pass == 0)
        return REG_S_OPEN;
    return REG_S_MET;
}

static const char *
reg_state_text(enum reg_state st, enum reg_kind kind)
{
    switch (st) {
    case REG_S_MET:
        return kind == REG_DEEMED ? "**deemed compliant**" : "**met**";
    case REG_S_NOT_MET:
        return "**not met**";
    case REG_S_OPEN:
        return "open: evidence missing";
    case REG_S_REVIEW:
        return "review needed";
    case REG_S_NA:
        return "not applicable: no mapped provision applies";
    case REG_S_EXTERNAL:
        break;
    }
    return "outside Assay";
}

enum assay_status
report_regulation_write(
    const struct assay_report *r, const char *id, struct assay_buf *out)
{
    enum assay_standard std = report_standard_of(r);
    const struct assay_product *p = assay_report_product(r);
    const struct reg_view *view = NULL;
    struct report_out o = {.out = out};
    bool levels_met = true;

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(reg_views); i++) {
        if (strcmp(reg_views[i].id, id) == 0)
            view = &reg_views[i];
    }
    if (view == NULL)
        return ASSAY_E_INTERNAL;
    ro_printf(&o, "# %s\n\n", view->name);
    ro_printf(&o, "> %s\n\n", view->scope);
    ro_puts(&o, "Product: ");
    ro_md(&o, p->manufacturer != NULL ? p->manufacturer
                                      : "(manufacturer not stated)");
    ro_puts(&o, " ");
    ro_md(&o, p->model != NULL ? p->model : "(model not stated)");
    if (p->software_version != NULL) {
        ro_puts(&o, ", software ");
        ro_md(&o, p->software_version);
    }
    ro_printf(&o, ". Verdicts: EN 303 645 V%s, by Assay %s.\n\n",
        assay_standard_name(std), assay_version());
    if (assay_report_verdict_count(r) == 0)
        ro_puts(&o,
            "No verdicts in this report: run `assay assess` first; every "
            "item below is open.\n\n");
    ro_puts(&o, "| Requirement | Reference | Status | EN 303 645 provisions |\n"
                "| --- | --- | --- | --- |\n");
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(reg_items); i++) {
        const struct reg_item *it = &reg_items[i];
        struct reg_eval e;
        enum reg_state st;

        if (strcmp(it->reg, id) != 0)
            continue;
        e = reg_eval_item(r, std, it, NULL);
        st = reg_state_of(it, &e);
        if (it->kind == REG_LEVEL) {
            if (st == REG_S_MET && !levels_met)
                st = REG_S_OPEN;
            levels_met = levels_met && (st == REG_S_MET || st == REG_S_NA);
        }
        ro_printf(&o, "| %s | %s | %s | ", it->requirement, it->ref,
            reg_state_text(st, it->kind));
        if (it->provisions[0] == '\0')
            ro_puts(&o, "none");
        else
            (void)reg_eval_item(r, std, it, &o);
        if (it->kind == REG_RELATED)
            reg_user_info(&o, r, it);
        ro_puts(&o, " |\n");
    }
    ro_puts(&o,
        "\nStatus: met (or deemed compliant) when every mapped provision "
        "is PASS or NOT_APPLICABLE and at least one is PASS; not met when "
        "one is FAIL; not applicable when none applies; open otherwise. "
        "Levels are cumulative.\n");
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(reg_items); i++) {
        const struct reg_item *it = &reg_items[i];

        if (strcmp(it->reg, id) == 0 && it->note[0] != '\0')
            ro_printf(&o, "\n- %s: %s", it->ref, it->note);
    }
    ro_puts(&o, "\n");
    return o.rc;
}
