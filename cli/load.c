/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Loading the documents several commands share: a statement (ICS/IXIT),
 * a saved report and an assessor file, each into a session, with the
 * target recorded and read errors reported on stderr.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* "(stdin)" for "-", else the path. */
static const char *
load_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "(stdin)" : path;
}

enum assay_status
cli_load_ics(struct assay_session *s, const char *path, struct assay_ics **ics)
{
    size_t len, failures = 0;
    enum assay_status rc;
    char *data;

    *ics = NULL;
    rc = cli_read_file(
        path, assay_session_limits(s)->max_doc_bytes, &data, &len);
    if (rc != ASSAY_OK)
        return rc;
    rc = assay_ics_load(s, load_name(path), data, len, ics);
    free(data);
    if (rc == ASSAY_OK)
        rc = assay_ics_validate(s, *ics, &failures);
    return rc;
}

enum assay_status
cli_load_report(struct assay_session *s, const char *path)
{
    enum assay_status rc;
    size_t len;
    char *data;

    rc = cli_read_file(path, ASSAY_REPORT_MAX_BYTES, &data, &len);
    if (rc != ASSAY_OK)
        return rc;
    rc = assay_report_read(s, load_name(path), data, len);
    free(data);
    return rc;
}

enum assay_status
cli_load_assessor(
    struct assay_session *s, const char *path, struct assay_assessor **a)
{
    enum assay_status rc;
    size_t len;
    char *data;

    *a = NULL;
    rc = cli_read_file(
        path, assay_session_limits(s)->max_doc_bytes, &data, &len);
    if (rc != ASSAY_OK)
        return rc;
    rc = assay_assessor_load(s, load_name(path), data, len, a);
    free(data);
    return rc;
}

int
cli_load_failed(struct assay_session *s, const char *what, const char *path,
    enum assay_status rc)
{
    out_diagnostics(assay_session_report(s), ASSAY_DIAG_WARNING);
    if (rc == ASSAY_E_IO)
        return cli_exit_for(rc); /* cli_read_file said why */
    return cli_error(cli_exit_for(rc), "%s: not a valid %s%s%s",
        load_name(path), what, assay_session_errmsg(s)[0] != '\0' ? ": " : "",
        assay_session_errmsg(s));
}

/* Append 'v' to one of the two lists, refusing past CLI_MAX_OUTPUTS. */
static bool
outputs_push(const char **list, size_t *n, const char *v, const char *opt)
{
    if (*n == CLI_MAX_OUTPUTS) {
        cli_error(EXIT_USAGE, "at most %d %s options", CLI_MAX_OUTPUTS, opt);
        return false;
    }
    list[(*n)++] = v;
    return true;
}

bool
cli_outputs_add_format(struct cli_outputs *o, const char *format)
{
    return outputs_push(o->format, &o->formats, format, "--format");
}

bool
cli_outputs_add_path(struct cli_outputs *o, const char *path)
{
    return outputs_push(o->path, &o->paths, path, "-o");
}

int
cli_outputs_write(
    struct cli_outputs *o, struct assay_report *r, const char *default_format)
{
    struct assay_write_opts wo = {0};
    size_t to_stdout = 0;
    int code = EXIT_CLEAN;

    if (o->formats == 0)
        o->format[o->formats++] = default_format;
    if (o->paths > o->formats)
        return cli_error(EXIT_USAGE, "%zu -o options for %zu --format options",
            o->paths, o->formats);
    for (size_t i = 0; i < o->formats; i++)
        to_stdout += i >= o->paths || strcmp(o->path[i], "-") == 0;
    if (to_stdout > 1)
        return cli_error(EXIT_USAGE,
            "only one format may go to standard output; give -o FILE for the others");
    for (size_t i = 0; i < o->formats && code == EXIT_CLEAN; i++) {
        const char *path = i < o->paths ? o->path[i] : NULL;

        wo.color =
            (path == NULL || strcmp(path, "-") == 0) && out_color(stdout);
        code = out_report(r, o->format[i], path, &wo);
    }
    return code;
}
