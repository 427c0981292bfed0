/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay diff OLD.json NEW.json [--format text|json] [-o FILE]
 *
 * Findings added, fixed and unchanged between two saved reports, and the
 * verdicts that changed. Exit 0 when nothing changed, 1 when something
 * did (as diff(1)), 3 when a report is unreadable.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char diff_usage[] =
    "usage: assay diff OLD.json NEW.json [--format text|json] [-o FILE]\n";

int
cmd_diff(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *format = "text", *path = NULL;
    struct assay_session *old_s = NULL, *new_s = NULL;
    enum assay_status rc;
    size_t changes = 0;
    FILE *f = stdout;
    int c, code = EXIT_CLEAN;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            format = optarg;
            break;
        case 'o':
            path = optarg;
            break;
        case 'h':
            out_printf("%s", diff_usage);
            return EXIT_CLEAN;
        default:
            err_printf("%s", diff_usage);
            return EXIT_USAGE;
        }
    }
    if (optind + 2 != argc) {
        err_printf("%s", diff_usage);
        return EXIT_USAGE;
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return cli_error(
            EXIT_USAGE, "diff writes text or json, not '%s'", format);
    old_s = assay_session_new(NULL);
    new_s = assay_session_new(NULL);
    if (old_s == NULL || new_s == NULL) {
        code = cli_error(EXIT_NOMEM, "out of memory");
        goto out_free;
    }
    rc = cli_load_report(old_s, argv[optind]);
    if (rc != ASSAY_OK) {
        code = cli_load_failed(old_s, "report", argv[optind], rc);
        goto out_free;
    }
    rc = cli_load_report(new_s, argv[optind + 1]);
    if (rc != ASSAY_OK) {
        code = cli_load_failed(new_s, "report", argv[optind + 1], rc);
        goto out_free;
    }
    out_diagnostics(assay_session_report(old_s), ASSAY_DIAG_WARNING);
    out_diagnostics(assay_session_report(new_s), ASSAY_DIAG_WARNING);
    if (path != NULL && strcmp(path, "-") != 0) {
        f = fopen(path, "wb");
        if (f == NULL) {
            code = cli_error(EXIT_INPUT, "cannot write '%s'", path);
            goto out_free;
        }
    }
    rc = assay_report_diff(assay_session_report(old_s),
        assay_session_report(new_s), format, &changes, out_sink, f);
    if (f != stdout && fclose(f) != 0 && rc == ASSAY_OK)
        rc = ASSAY_E_IO;
    if (rc != ASSAY_OK)
        code = cli_error(cli_exit_for(rc), "cannot write the difference: %s",
            assay_status_str(rc));
    else
        code = changes > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
out_free:
    assay_session_free(old_s);
    assay_session_free(new_s);
    return code;
}
