/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the assessor results file: any bytes must give a
 * status, never a crash, a leak or undefined behaviour. Files that load
 * are also judged against the ICS template and turned into a template
 * again, so the verdict engine sees hostile results too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assay/assay.h"

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

struct fz_buf {
    char *p;
    size_t len;
};

static enum assay_status
fz_sink(void *ctx, const void *data, size_t len)
{
    struct fz_buf *b = ctx;
    char *n = realloc(b->p, b->len + len);

    if (n == NULL)
        return ASSAY_E_NOMEM;
    memcpy(n + b->len, data, len);
    b->p = n;
    b->len += len;
    return ASSAY_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static const struct assay_limits lim = {
        .max_doc_bytes = 1u << 20,
        .max_doc_depth = 32,
        .max_doc_nodes = 100000,
        .max_diags = 1000,
    };
    static struct fz_buf ics_text; /* the V2.1.1 template, made once */
    struct assay_session *s;
    struct assay_assessor *a = NULL;
    struct assay_ics *ics = NULL;
    struct assay_assess_opts opts;

    if (ics_text.p == NULL &&
        assay_ics_template(ASSAY_STD_V2_1_1, fz_sink, &ics_text) != ASSAY_OK)
        return 0;
    s = assay_session_new(&lim);
    if (s == NULL)
        return 0;
    if (assay_assessor_load(s, "fuzz", data, len, &a) == ASSAY_OK &&
        assay_ics_load(s, "ics", ics_text.p, ics_text.len, &ics) == ASSAY_OK) {
        assay_assess_opts_init(&opts);
        opts.assessor = a;
        if (assay_assess(s, ics, &opts) == ASSAY_OK)
            (void)assay_assessor_template(s, fuzz_discard, NULL);
    }
    assay_session_free(s);
    return 0;
}
