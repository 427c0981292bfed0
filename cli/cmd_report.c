/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay report RESULT.json [--format F [-o FILE]]...
 *
 * Turns a saved assay-report/1 document into other formats (HTML, SARIF,
 * the ICS pro forma ...) without assessing anything again. Exit 3 when the
 * document is unreadable or not a report.
 */
#include <getopt.h>

#include "cli.h"

static const char report_usage[] =
    "usage: assay report RESULT.json|- [--format F [-o FILE]]...\n";

int
cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cli_outputs outs = {0};
    struct assay_session *s;
    enum assay_status rc;
    int c, code;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!cli_outputs_add_format(&outs, optarg))
                return EXIT_USAGE;
            break;
        case 'o':
            if (!cli_outputs_add_path(&outs, optarg))
                return EXIT_USAGE;
            break;
        case 'h':
            out_printf("%s", report_usage);
            return EXIT_CLEAN;
        default:
            err_printf("%s", report_usage);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        err_printf("%s", report_usage);
        return EXIT_USAGE;
    }
    s = assay_session_new(NULL);
    if (s == NULL)
        return cli_error(EXIT_NOMEM, "out of memory");
    rc = cli_load_report(s, argv[optind]);
    if (rc != ASSAY_OK) {
        code = cli_load_failed(s, "report", argv[optind], rc);
    } else {
        out_diagnostics(assay_session_report(s), ASSAY_DIAG_WARNING);
        code = cli_outputs_write(&outs, assay_session_report(s), "text");
    }
    assay_session_free(s);
    return code;
}
