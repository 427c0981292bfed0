/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Writer registry and the single entry point assay_report_write(): sort,
 * render into a capped buffer, hand the bytes to the caller's sink.
 */
#include "assay_config.h"

#include <string.h>

#include "report_private.h"

#define ASSAY_WRITER(id) extern const struct assay_writer wr_##id;
#include "writers.def"
#undef ASSAY_WRITER

static const struct assay_writer *const writers[] = {
#define ASSAY_WRITER(id) &wr_##id,
#include "writers.def"
#undef ASSAY_WRITER
};

enum assay_status
assay_report_write(struct assay_report *r, const char *format,
    const struct assay_write_opts *opts, assay_sink_fn fn, void *ctx)
{
    static const struct assay_write_opts defaults = {
        .color = false, .verbose = false, .min_severity = ASSAY_SEV_INFO};
    const struct assay_writer *w = NULL;
    struct assay_buf out;
    enum assay_status rc;

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(writers); i++) {
        if (strcmp(writers[i]->name, format) == 0)
            w = writers[i];
    }
    if (w == NULL)
        return ASSAY_E_NOTFOUND;
    assay_report_sort(r);
    assay_buf_init(&out, REPORT_OUT_CAP);
    rc = w->write(r, opts != NULL ? opts : &defaults, &out);
    if (rc == ASSAY_OK && out.len > 0)
        rc = fn(ctx, out.data, out.len);
    assay_buf_release(&out);
    return rc;
}

const char *
assay_writer_name(size_t i)
{
    return i < ASSAY_ARRAY_LEN(writers) ? writers[i]->name : NULL;
}

const char *
assay_writer_ext(size_t i)
{
    return i < ASSAY_ARRAY_LEN(writers) ? writers[i]->ext : NULL;
}

const char *
assay_writer_summary(size_t i)
{
    return i < ASSAY_ARRAY_LEN(writers) ? writers[i]->summary : NULL;
}
