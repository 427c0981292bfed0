/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The terminal summary for people: what was assessed, findings with their
 * evidence, the verdict table (FAIL and INCONCLUSIVE rows always, every
 * row with --verbose) and diagnostics. Colour only when the caller says
 * so (the CLI decides from isatty and NO_COLOR).
 */
#include "assay_config.h"

#include <inttypes.h>
#include <stdio.h>

#include "report_private.h"

#define C_RESET   "\033[0m"
#define C_BOLD    "\033[1m"
#define C_RED     "\033[31m"
#define C_GREEN   "\033[32m"
#define C_YELLOW  "\033[33m"
#define C_BLUE    "\033[34m"
#define C_MAGENTA "\033[35m"
#define C_DIM     "\033[2m"

struct text_ctx {
    struct assay_buf *out;
    bool color;
    enum assay_status rc;
};

static void
tx_put(struct text_ctx *t, const char *s)
{
    if (t->rc == ASSAY_OK)
        t->rc = assay_buf_puts(t->out, s);
}

static void
tx_color(struct text_ctx *t, const char *code)
{
    if (t->color)
        tx_put(t, code);
}

/* Printable form of untrusted text: control bytes become '?'. */
static void
tx_safe(struct text_ctx *t, const char *s, size_t max)
{
    if (t->rc == ASSAY_OK)
        t->rc = report_put_safe(t->out, s, max);
}

static const char *
severity_color(enum assay_severity s)
{
    switch (s) {
    case ASSAY_SEV_CRITICAL:
        return C_BOLD C_MAGENTA;
    case ASSAY_SEV_HIGH:
        return C_BOLD C_RED;
    case ASSAY_SEV_MEDIUM:
        return C_YELLOW;
    case ASSAY_SEV_LOW:
        return C_BLUE;
    case ASSAY_SEV_INFO:
        break;
    }
    return C_DIM;
}

static const char *
verdict_color(enum assay_verdict v)
{
    switch (v) {
    case ASSAY_VERDICT_PASS:
        return C_GREEN;
    case ASSAY_VERDICT_FAIL:
        return C_BOLD C_RED;
    case ASSAY_VERDICT_INCONCLUSIVE:
        return C_YELLOW;
    case ASSAY_VERDICT_NOT_APPLICABLE:
        break;
    }
    return C_DIM;
}

static void
text_header(struct text_ctx *t, const struct assay_report *r)
{
    const struct assay_target *tg = assay_report_target(r);
    const struct assay_product *p = assay_report_product(r);
    char line[256];

    tx_color(t, C_BOLD);
    tx_put(t, "Assay ");
    tx_put(t, assay_version());
    if (assay_report_standard(r) != NULL) {
        tx_put(t, " - ETSI EN 303 645 V");
        tx_put(t, assay_report_standard(r));
    }
    tx_color(t, C_RESET);
    tx_put(t, "\n");
    if (tg->name != NULL) {
        tx_put(t, "Target:   ");
        tx_put(t, tg->kind != NULL ? tg->kind : "target");
        tx_put(t, " ");
        tx_safe(t, tg->name, 200);
        if (tg->size > 0) {
            snprintf(line, sizeof(line), " (%" PRIu64 " bytes)", tg->size);
            tx_put(t, line);
        }
        tx_put(t, "\n");
    }
    if (p->manufacturer != NULL || p->model != NULL) {
        tx_put(t, "Product:  ");
        tx_safe(t, p->manufacturer, 100);
        tx_put(t, " ");
        tx_safe(t, p->model, 100);
        if (p->software_version != NULL) {
            tx_put(t, ", software ");
            tx_safe(t, p->software_version, 60);
        }
        tx_put(t, "\n");
    }
}

static void
text_findings(
    struct text_ctx *t, const struct assay_report *r, enum assay_severity min)
{
    size_t n = assay_report_finding_count(r), shown = 0;
    uint64_t by_sev[5] = {0};
    char line[128];
    bool any = false;

    for (size_t i = 0; i < n; i++)
        by_sev[assay_report_finding(r, i)->severity]++;
    snprintf(line, sizeof(line), "\nFindings: %zu", n);
    tx_put(t, line);
    for (int s = ASSAY_SEV_CRITICAL; s >= ASSAY_SEV_INFO; s--) {
        if (by_sev[s] == 0)
            continue;
        snprintf(line, sizeof(line), "%s%" PRIu64 " %s", any ? ", " : " (",
            by_sev[s], assay_severity_name((enum assay_severity)s));
        tx_put(t, line);
        any = true;
    }
    tx_put(t, any ? ")\n" : "\n");
    for (size_t i = 0; i < n; i++) {
        const struct assay_finding *f = assay_report_finding(r, i);

        if (f->severity < min)
            continue;
        shown++;
        tx_put(t, "  ");
        tx_color(t, severity_color(f->severity));
        snprintf(line, sizeof(line), "%-8s", assay_severity_name(f->severity));
        tx_put(t, line);
        tx_color(t, C_RESET);
        tx_put(t, " ");
        tx_safe(t, f->check, 40);
        tx_put(t, " [");
        for (size_t k = 0; k < f->provision_count; k++) {
            if (k > 0)
                tx_put(t, ", ");
            tx_put(t, f->provisions[k]);
        }
        tx_put(t, "] ");
        tx_safe(t, f->title, 200);
        tx_put(t, "\n");
        if (f->path != NULL || f->container != NULL) {
            tx_put(t, "           at ");
            tx_safe(t, f->path != NULL ? f->path : "(image)", 300);
            if (f->line > 0) {
                snprintf(line, sizeof(line), ":%" PRIu32, f->line);
                tx_put(t, line);
            } else if (f->offset >= 0) {
                snprintf(
                    line, sizeof(line), " @0x%" PRIx64, (uint64_t)f->offset);
                tx_put(t, line);
            }
            if (f->container != NULL) {
                tx_put(t, " in ");
                tx_safe(t, f->container, 300);
            }
            tx_put(t, "\n");
        }
        if (f->evidence != NULL) {
            tx_put(t, "           evidence: ");
            tx_safe(t, f->evidence, 300);
            tx_put(t, "\n");
        }
    }
    if (shown < n) {
        snprintf(line, sizeof(line), "  (%zu below %s not shown)\n", n - shown,
            assay_severity_name(min));
        tx_put(t, line);
    }
}

static void
text_verdicts(struct text_ctx *t, const struct assay_report *r, bool verbose)
{
    size_t n = assay_report_verdict_count(r);
    char line[160];

    if (n == 0)
        return;
    snprintf(line, sizeof(line),
        "\nProvisions: %zu (%zu PASS, %zu FAIL, %zu INCONCLUSIVE, %zu NOT_APPLICABLE)\n",
        n, assay_report_verdict_tally(r, ASSAY_VERDICT_PASS),
        assay_report_verdict_tally(r, ASSAY_VERDICT_FAIL),
        assay_report_verdict_tally(r, ASSAY_VERDICT_INCONCLUSIVE),
        assay_report_verdict_tally(r, ASSAY_VERDICT_NOT_APPLICABLE));
    tx_put(t, line);
    for (size_t i = 0; i < n; i++) {
        const struct assay_provision_verdict *v = assay_report_verdict(r, i);

        if (!verbose && v->verdict != ASSAY_VERDICT_FAIL)
            continue;
        tx_put(t, "  ");
        tx_color(t, verdict_color(v->verdict));
        snprintf(line, sizeof(line), "%-14s", assay_verdict_name(v->verdict));
        tx_put(t, line);
        tx_color(t, C_RESET);
        snprintf(line, sizeof(line), " %-8s %-16s", v->id, v->status);
        tx_put(t, line);
        if (v->basis_count > 0) {
            /* Lead with what decided the verdict: a finding for FAIL,
             * the assessor's word for PASS, else the first reason. */
            size_t lead = 0;

            for (size_t k = 0; k < v->basis_count; k++) {
                if ((v->verdict == ASSAY_VERDICT_FAIL &&
                        v->basis[k].kind == ASSAY_BASIS_FINDING) ||
                    (v->verdict == ASSAY_VERDICT_PASS &&
                        v->basis[k].kind == ASSAY_BASIS_ASSESSOR)) {
                    lead = k;
                    break;
                }
            }
            if (v->basis[lead].kind == ASSAY_BASIS_FINDING &&
                v->basis[lead].ref != NULL) {
                tx_safe(t, v->basis[lead].ref, 40);
                tx_put(t, ": ");
            }
            tx_safe(t, v->basis[lead].text, 160);
            if (v->basis_count > 1) {
                snprintf(
                    line, sizeof(line), " (+%zu more)", v->basis_count - 1);
                tx_put(t, line);
            }
        }
        tx_put(t, "\n");
    }
    if (!verbose)
        tx_put(t, "  (--verbose lists every provision)\n");
}

static void
text_diags(struct text_ctx *t, const struct assay_report *r)
{
    size_t n = assay_report_diag_count(r);
    char line[96], where[512];

    if (n == 0)
        return;
    snprintf(line, sizeof(line), "\nDiagnostics: %zu\n", n);
    tx_put(t, line);
    for (size_t i = 0; i < n; i++) {
        const struct assay_diag *d = assay_report_diag(r, i);

        tx_put(t, "  ");
        tx_put(t, assay_diag_level_name(d->level));
        tx_put(t, ": ");
        if (d->file != NULL) {
            tx_safe(t, assay_diag_where(d, where, sizeof(where)), 240);
            tx_put(t, ": ");
        }
        tx_safe(t, d->message, 400);
        tx_put(t, "\n");
    }
}

static enum assay_status
text_write(const struct assay_report *r, const struct assay_write_opts *opts,
    struct assay_buf *out)
{
    struct text_ctx t = {.out = out, .color = opts->color, .rc = ASSAY_OK};

    text_header(&t, r);
    text_findings(&t, r, opts->min_severity);
    text_verdicts(&t, r, opts->verbose);
    text_diags(&t, r);
    return t.rc;
}

const struct assay_writer wr_text = {
    .name = "text",
    .ext = "txt",
    .summary = "terminal summary for people",
    .write = text_write,
};
