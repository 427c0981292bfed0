/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay diff: what changed between two reports of the same product.
 *
 * A finding's identity is its check, provisions, container, path and
 * evidence; line and offset are left out so that a rebuilt image whose
 * files moved does not count as changed. The container chain is compared
 * without its first element (the input's own name: fw-1.0.bin and
 * fw-1.1.bin are two versions of the same thing) and without the "@0x..."
 * offsets of its elements (a larger kernel moves the root file system).
 * Identities form multisets: two identical findings in the old report and one
 * in the new are one fixed and one unchanged. Both sides are sorted by identity
 * and merged in one pass. Verdicts are compared by provision id.
 */
#include "assay_config.h"

#include <stdlib.h>
#include <string.h>

#include "report_private.h"

/*
 * The container chain as compared: first element and "@0x<hex>" offsets
 * dropped. 'out' has 'cap' bytes; longer chains are cut (both sides the
 * same way, so equal chains still compare equal).
 */
static void
diff_container_key(const char *chain, char *out, size_t cap)
{
    const char *p = chain != NULL ? strstr(chain, " > ") : NULL;
    size_t n = 0;

    if (p != NULL)
        p += 3;
    while (p != NULL && *p != '\0' && n + 1 < cap) {
        if (p[0] == '@' && p[1] == '0' && p[2] == 'x') {
            p += 3;
            while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
                   (*p >= 'A' && *p <= 'F'))
                p++;
            continue;
        }
        out[n++] = *p++;
    }
    out[n] = '\0';
}

static int
diff_container_cmp(const char *a, const char *b)
{
    char ka[512], kb[512];

    diff_container_key(a, ka, sizeof(ka));
    diff_container_key(b, kb, sizeof(kb));
    return strcmp(ka, kb);
}

static int
diff_identity_cmp(const struct assay_finding *a, const struct assay_finding *b)
{
    int c;

    if ((c = strcmp(a->check, b->check)) != 0)
        return c;
    if (a->provision_count != b->provision_count)
        return a->provision_count < b->provision_count ? -1 : 1;
    for (size_t i = 0; i < a->provision_count; i++) {
        if ((c = assay_strcmp_null(a->provisions[i], b->provisions[i])) != 0)
            return c;
    }
    if ((c = diff_container_cmp(a->container, b->container)) != 0)
        return c;
    if ((c = assay_strcmp_null(a->path, b->path)) != 0)
        return c;
    return assay_strcmp_null(a->evidence, b->evidence);
}

static int
diff_qsort_cmp(const void *pa, const void *pb)
{
    const struct assay_finding *a = *(const struct assay_finding *const *)pa;
    const struct assay_finding *b = *(const struct assay_finding *const *)pb;
    int c = diff_identity_cmp(a, b);

    /* Ties on what is printed, so the output never depends on qsort. */
    if (c != 0)
        return c;
    if (a->severity != b->severity)
        return a->severity > b->severity ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    return strcmp(a->title, b->title);
}

/* The report's findings in identity order (heap array). */
static const struct assay_finding **
diff_sorted(const struct assay_report *r)
{
    size_t n = assay_report_finding_count(r);
    const struct assay_finding **v = assay_calloc(n + 1, sizeof(*v));

    if (v == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        v[i] = assay_report_finding(r, i);
    if (n > 1)
        qsort(v, n, sizeof(*v), diff_qsort_cmp);
    return v;
}

enum diff_mark { DIFF_ADDED = 0, DIFF_FIXED = 1, DIFF_SAME = 2 };

struct diff_out {
    bool json;
    struct assay_buf *out;
    struct json_emit j;
    enum assay_status rc;
    size_t count[3];
};

static void
diff_text_finding(struct diff_out *d, const struct assay_finding *f, char mark)
{
    struct assay_buf *o = d->out;

    if (d->rc == ASSAY_OK)
        d->rc = assay_buf_printf(
            o, "%c %-8s ", mark, assay_severity_name(f->severity));
    if (d->rc == ASSAY_OK)
        d->rc = report_put_safe(o, f->check, 64);
    for (size_t i = 0; i < f->provision_count && d->rc == ASSAY_OK; i++) {
        d->rc = assay_buf_puts(o, i == 0 ? " [" : ", ");
        if (d->rc == ASSAY_OK)
            d->rc = report_put_safe(o, f->provisions[i], 32);
        if (d->rc == ASSAY_OK && i + 1 == f->provision_count)
            d->rc = assay_buf_putc(o, ']');
    }
    if (d->rc == ASSAY_OK)
        d->rc = assay_buf_puts(o, " ");
    if (d->rc == ASSAY_OK)
        d->rc = report_put_safe(o, f->title, 200);
    if (f->path != NULL && d->rc == ASSAY_OK) {
        d->rc = assay_buf_puts(o, "\n    at ");
        if (d->rc == ASSAY_OK)
            d->rc = report_put_safe(o, f->path, 300);
        if (f->container != NULL && d->rc == ASSAY_OK) {
            d->rc = assay_buf_puts(o, " in ");
            if (d->rc == ASSAY_OK)
                d->rc = report_put_safe(o, f->container, 300);
        }
    }
    if (f->evidence != NULL && d->rc == ASSAY_OK) {
        d->rc = assay_buf_puts(o, "\n    evidence: ");
        if (d->rc == ASSAY_OK)
            d->rc = report_put_safe(o, f->evidence, 200);
    }
    if (d->rc == ASSAY_OK)
        d->rc = assay_buf_putc(o, '\n');
}

/*
 * Walk both sorted lists; call for each finding of the kind 'want'. The
 * same walk serves counting (want = -1) and each printed section.
 */
static void
diff_walk(struct diff_out *d, const struct assay_finding *const *a, size_t na,
    const struct assay_finding *const *b, size_t nb, int want)
{
    size_t i = 0, k = 0;

    while (i < na || k < nb) {
        int c = i == na ? 1 : k == nb ? -1 : diff_identity_cmp(a[i], b[k]);
        enum diff_mark m = c < 0 ? DIFF_FIXED : c > 0 ? DIFF_ADDED : DIFF_SAME;
        const struct assay_finding *f = c <= 0 ? a[i] : b[k];

        if (c <= 0)
            i++;
        if (c >= 0)
            k++;
        if (want < 0) {
            d->count[m]++;
        } else if ((int)m == want && d->json) {
            report_json_finding(&d->j, f);
        } else if ((int)m == want) {
            diff_text_finding(d, f, m == DIFF_ADDED ? '+' : '-');
        }
    }
}

/* Verdict pairs by id: both reports are sorted, so merge by id order. */
static size_t
diff_verdicts(struct diff_out *d, const struct assay_report *a,
    const struct assay_report *b, bool emit)
{
    size_t i = 0, k = 0, na = assay_report_verdict_count(a),
           nb = assay_report_verdict_count(b), changed = 0;

    while (i < na || k < nb) {
        const struct assay_provision_verdict *va =
            i < na ? assay_report_verdict(a, i) : NULL;
        const struct assay_provision_verdict *vb =
            k < nb ? assay_report_verdict(b, k) : NULL;
        int c;
        const char *id = "", *from = NULL, *to = NULL;

        if (va == NULL && vb == NULL)
            break;
        c = va == NULL   ? 1
            : vb == NULL ? -1
                         : report_provision_cmp(va->id, vb->id);
        if (c <= 0 && va != NULL) {
            id = va->id;
            from = assay_verdict_name(va->verdict);
        }
        if (c >= 0 && vb != NULL) {
            id = vb->id;
            to = assay_verdict_name(vb->verdict);
        }

        if (c <= 0)
            i++;
        if (c >= 0)
            k++;
        if (from != NULL && to != NULL && strcmp(from, to) == 0)
            continue;
        changed++;
        if (!emit)
            continue;
        if (d->json) {
            json_obj_begin(&d->j);
            json_kv_str(&d->j, "id", id);
            json_kv_str(&d->j, "old", from);
            json_kv_str(&d->j, "new", to);
            json_obj_end(&d->j);
        } else if (d->rc == ASSAY_OK) {
            d->rc = assay_buf_puts(d->out, "  ");
            if (d->rc == ASSAY_OK)
                d->rc = report_put_safe(d->out, id, 32);
            if (d->rc == ASSAY_OK)
                d->rc = assay_buf_printf(d->out, ": %s -> %s\n",
                    from != NULL ? from : "(none)", to != NULL ? to : "(none)");
        }
    }
    return changed;
}

static void
diff_json_side(
    struct json_emit *j, const char *key, const struct assay_report *r)
{
    json_key(j, key);
    json_obj_begin(j);
    json_kv_str(j, "target", assay_report_target(r)->name);
    json_kv_str(j, "standard", assay_report_standard(r));
    json_kv_uint(j, "findings", assay_report_finding_count(r));
    json_obj_end(j);
}

enum assay_status
assay_report_diff(struct assay_report *old_r, struct assay_report *new_r,
    const char *format, size_t *changes, assay_sink_fn fn, void *ctx)
{
    const struct assay_finding **a, **b;
    size_t na, nb, vchanged;
    struct assay_buf out;
    struct diff_out d = {0};

    if (strcmp(format, "json") != 0 && strcmp(format, "text") != 0)
        return ASSAY_E_NOTFOUND;
    d.json = strcmp(format, "json") == 0;
    assay_report_sort(old_r);
    assay_report_sort(new_r);
    a = diff_sorted(old_r);
    b = diff_sorted(new_r);
    if (a == NULL || b == NULL) {
        assay_free(a);
        assay_free(b);
        return ASSAY_E_NOMEM;
    }
    na = assay_report_finding_count(old_r);
    nb = assay_report_finding_count(new_r);
    assay_buf_init(&out, REPORT_OUT_CAP);
    d.out = &out;
    diff_walk(&d, a, na, b, nb, -1);
    vchanged = diff_verdicts(&d, old_r, new_r, false);
    if (changes != NULL)
        *changes = d.count[DIFF_ADDED] + d.count[DIFF_FIXED] + vchanged;
    if (d.json) {
        json_init(&d.j, &out);
        json_obj_begin(&d.j);
        json_kv_str(&d.j, "schema", "assay-diff/1");
        diff_json_side(&d.j, "old", old_r);
        diff_json_side(&d.j, "new", new_r);
        json_key(&d.j, "summary");
        json_obj_begin(&d.j);
        json_kv_uint(&d.j, "added", d.count[DIFF_ADDED]);
        json_kv_uint(&d.j, "fixed", d.count[DIFF_FIXED]);
        json_kv_uint(&d.j, "unchanged", d.count[DIFF_SAME]);
        json_kv_uint(&d.j, "verdicts_changed", vchanged);
        json_obj_end(&d.j);
        json_key(&d.j, "added");
        json_arr_begin(&d.j);
        diff_walk(&d, a, na, b, nb, DIFF_ADDED);
        json_arr_end(&d.j);
        json_key(&d.j, "fixed");
        json_arr_begin(&d.j);
        diff_walk(&d, a, na, b, nb, DIFF_FIXED);
        json_arr_end(&d.j);
        json_key(&d.j, "verdicts");
        json_arr_begin(&d.j);
        diff_verdicts(&d, old_r, new_r, true);
        json_arr_end(&d.j);
        json_obj_end(&d.j);
        d.rc = json_finish(&d.j);
    } else {
        d.rc = assay_buf_printf(&out,
            "findings: %zu added, %zu fixed, %zu unchanged\n",
            d.count[DIFF_ADDED], d.count[DIFF_FIXED], d.count[DIFF_SAME]);
        diff_walk(&d, a, na, b, nb, DIFF_ADDED);
        diff_walk(&d, a, na, b, nb, DIFF_FIXED);
        if (d.rc == ASSAY_OK)
            d.rc = assay_buf_printf(&out, "verdicts: %zu changed\n", vchanged);
        diff_verdicts(&d, old_r, new_r, true);
    }
    if (d.rc == ASSAY_OK)
        d.rc = fn(ctx, out.data, out.len);
    assay_buf_release(&out);
    assay_free(a);
    assay_free(b);
    return d.rc;
}
