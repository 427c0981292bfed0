/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay ics init [--standard 2.1.1|3.1.3] [-o FILE]
 * assay ics check FILE|- [--format text|json] [-o FILE] [--quiet] [--verbose]
 *
 * check exits 0 when the statement is accepted, 1 when it breaks an
 * Annex B rule (a mandatory provision answered N, N/A without a condition
 * that allows it, an unjustified N on a recommendation), 3 when the file
 * cannot be read or is not a valid statement (YAML or schema errors).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char ics_usage[] =
    "usage: assay ics init [--standard 2.1.1|3.1.3] [-o FILE]\n"
    "       assay ics check FILE|- [--format text|json] [-o FILE] [--quiet] [--verbose]\n";

static int
ics_init(int argc, char **argv)
{
    static const struct option opts[] = {
        {"standard", required_argument, NULL, 's'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    enum assay_standard std = ASSAY_STD_V2_1_1;
    const char *path = NULL;
    enum assay_status rc;
    FILE *f = stdout;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            if (!assay_standard_parse(optarg, &std))
                return cli_error(EXIT_USAGE,
                    "unknown standard version '%s' (2.1.1 or 3.1.3)", optarg);
            break;
        case 'o':
            path = optarg;
            break;
        case 'h':
            out_printf("%s", ics_usage);
            return EXIT_CLEAN;
        default:
            err_printf("%s", ics_usage);
            return EXIT_USAGE;
        }
    }
    if (optind != argc) {
        err_printf("%s", ics_usage);
        return EXIT_USAGE;
    }
    if (path != NULL && strcmp(path, "-") != 0) {
        f = fopen(path, "wx");
        if (f == NULL)
            return cli_error(EXIT_INPUT, "cannot create '%s': %s", path,
                errno == EEXIST ? "it exists already" : strerror(errno));
    }
    rc = assay_ics_template(std, out_sink, f);
    if (f != stdout && fclose(f) != 0 && rc == ASSAY_OK)
        rc = ASSAY_E_IO;
    if (rc != ASSAY_OK)
        return cli_error(cli_exit_for(rc), "cannot write the template: %s",
            assay_status_str(rc));
    return EXIT_CLEAN;
}

static int
ics_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *format = NULL, *out = NULL, *path;
    struct assay_session *s;
    struct assay_ics *ics = NULL;
    struct assay_target tg = {0};
    struct assay_write_opts wo = {0};
    enum assay_status rc;
    bool quiet = false;
    size_t failures = 0, len;
    char *data;
    int c, code;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:q", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            format = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'v':
            wo.verbose = true;
            break;
        case 'h':
            out_printf("%s", ics_usage);
            return EXIT_CLEAN;
        default:
            err_printf("%s", ics_usage);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        err_printf("%s", ics_usage);
        return EXIT_USAGE;
    }
    path = argv[optind];
    s = assay_session_new(NULL);
    if (s == NULL)
        return cli_error(EXIT_NOMEM, "out of memory");
    rc = cli_read_file(
        path, assay_session_limits(s)->max_doc_bytes, &data, &len);
    if (rc != ASSAY_OK) {
        assay_session_free(s);
        return cli_exit_for(rc);
    }
    tg.kind = "ics";
    tg.name = strcmp(path, "-") == 0 ? "(stdin)" : path;
    tg.size = len;
    rc = assay_report_set_target(assay_session_report(s), &tg);
    if (rc == ASSAY_OK)
        rc = assay_ics_load(s, tg.name, data, len, &ics);
    free(data);
    if (rc == ASSAY_OK)
        rc = assay_ics_validate(s, ics, &failures);
    if (rc == ASSAY_OK && format != NULL)
        rc = assay_ics_verdicts(s, ics);

    out_diagnostics(
        assay_session_report(s), quiet ? ASSAY_DIAG_ERROR : ASSAY_DIAG_NOTE);
    if (rc == ASSAY_E_INVALID) {
        err_printf("%s: not a valid statement\n", tg.name);
        code = EXIT_INPUT;
    } else if (rc != ASSAY_OK) {
        code = cli_error(cli_exit_for(rc), "%s: %s", tg.name,
            assay_session_errmsg(s)[0] != '\0' ? assay_session_errmsg(s)
                                               : assay_status_str(rc));
    } else {
        code = failures > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
        if (failures > 0)
            err_printf(
                "%s: rejected: %zu conformance failure%s against EN 303 645 V%s\n",
                tg.name, failures, failures == 1 ? "" : "s",
                assay_standard_name(assay_ics_standard(ics)));
        else if (!quiet)
            err_printf("%s: accepted: statement for EN 303 645 V%s\n", tg.name,
                assay_standard_name(assay_ics_standard(ics)));
        if (format != NULL) {
            wo.color = out == NULL && out_color(stdout);
            int wcode = out_report(assay_session_report(s), format, out, &wo);

            if (wcode != EXIT_CLEAN)
                code = wcode;
        }
    }
    assay_session_free(s);
    return code;
}

int
cmd_ics(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "init") == 0)
        return ics_init(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "check") == 0)
        return ics_check(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
        out_printf("%s", ics_usage);
        return EXIT_CLEAN;
    }
    err_printf("%s", ics_usage);
    return EXIT_USAGE;
}
