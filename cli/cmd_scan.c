/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay scan IMAGE    unpack an image and run the static checks
 * assay explain ID    print a check's documentation page
 *
 * scan unpacks the whole image (the engine of assay extract), runs every
 * registered check (or a --only/--skip selection) over the tree on two
 * worker threads and writes the report. With --ics the statement is
 * loaded and validated, compared with what the image starts, and its
 * verdicts are added. Check pages are compiled into the library, so
 * `assay explain` works from any install.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char scan_usage[] =
    "usage: assay scan IMAGE [--ics FILE] [--format text|json] [-o FILE]\n"
    "                  [--only IDS] [--skip IDS]\n"
    "                  [--fail-on critical|high|medium|low|info]\n"
    "                  [--crack-seconds N]\n"
    "\n"
    "Unpack IMAGE and run the static checks (assay list checks) over every\n"
    "file system found in it.\n"
    "\n"
    "options:\n"
    "      --ics FILE          compare with this ICS/IXIT statement and add\n"
    "                          its verdicts\n"
    "  -f, --format FMT        text (default) or json (assay-report/1)\n"
    "  -o, --output FILE       write the report to FILE (default stdout)\n"
    "      --only IDS          run only these checks (comma-separated, a\n"
    "                          trailing * matches a prefix: FW-CRED-*)\n"
    "      --skip IDS          do not run these checks\n"
    "      --fail-on SEV       lowest severity that makes the exit status 1\n"
    "                          (default low)\n"
    "      --crack-seconds N   password cracking budget per image (default\n"
    "                          10; 0 = default)\n"
    "\n"
    "exit status: 0 no finding at or above --fail-on, 1 findings (or\n"
    "conformance failures of the statement), 2 usage, 3 unreadable image or\n"
    "statement, 4 a limit stopped unpacking, 5 no memory\n";

enum { OPT_ICS = 256, OPT_ONLY, OPT_SKIP, OPT_FAIL_ON, OPT_CRACK };

int
cmd_scan(int argc, char **argv)
{
    static const struct option opts[] = {
        {"ics", required_argument, NULL, OPT_ICS},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"only", required_argument, NULL, OPT_ONLY},
        {"skip", required_argument, NULL, OPT_SKIP},
        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
        {"crack-seconds", required_argument, NULL, OPT_CRACK},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct assay_scan_opts so = {0};
    struct assay_write_opts wo = {0};
    enum assay_severity fail_on = ASSAY_SEV_LOW;
    const char *format = "text", *out = NULL, *ics_path = NULL, *image;
    struct assay_session *s;
    struct assay_tree *t = NULL;
    struct assay_ics *ics = NULL;
    struct assay_report *r;
    enum assay_status rc;
    bool limited;
    int c, code;

    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            format = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case OPT_ICS:
            ics_path = optarg;
            break;
        case OPT_ONLY:
            so.only = optarg;
            break;
        case OPT_SKIP:
            so.skip = optarg;
            break;
        case OPT_FAIL_ON:
            if (!assay_severity_parse(optarg, &fail_on))
                return cli_error(EXIT_USAGE,
                    "unknown severity '%s' (critical, high, medium, low, info)",
                    optarg);
            break;
        case OPT_CRACK: {
            char *end;
            unsigned long v;

            errno = 0;
            v = strtoul(optarg, &end, 10);
            if (optarg[0] < '0' || optarg[0] > '9' || *end != '\0' ||
                errno != 0 || v > 86400)
                return cli_error(EXIT_USAGE,
                    "bad --crack-seconds '%s' (0 to 86400)", optarg);
            so.crack_seconds = (uint32_t)v;
            break;
        }
        case 'h':
            out_printf("%s", scan_usage);
            return EXIT_CLEAN;
        default:
            err_printf("%s", scan_usage);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        err_printf("%s", scan_usage);
        return EXIT_USAGE;
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        bool known = false;

        for (size_t i = 0; assay_writer_name(i) != NULL; i++)
            known |= strcmp(assay_writer_name(i), format) == 0;
        if (!known)
            return cli_error(EXIT_USAGE,
                "unknown format '%s' (see: assay list writers)", format);
    }
    image = argv[optind];
    s = assay_session_new(NULL);
    if (s == NULL)
        return cli_error(EXIT_NOMEM, "out of memory");
    r = assay_session_report(s);
    if (ics_path != NULL) {
        rc = cli_load_ics(s, ics_path, &ics);
        if (rc == ASSAY_OK)
            rc = assay_ics_verdicts(s, ics);
        if (rc != ASSAY_OK) {
            code = cli_load_failed(s, "statement", ics_path, rc);
            goto out_free;
        }
        so.ics = ics;
    }
    rc = assay_extract_file(s, image, &t);
    limited = rc == ASSAY_E_LIMIT;
    if (rc != ASSAY_OK && !limited) {
        out_diagnostics(r, ASSAY_DIAG_WARNING);
        code = cli_error(cli_exit_for(rc), "%s: %s", image,
            assay_session_errmsg(s)[0] != '\0' ? assay_session_errmsg(s)
                                               : assay_status_str(rc));
        goto out_free;
    }
    rc = assay_scan_target(s, t, image);
    if (rc == ASSAY_OK)
        rc = assay_scan_tree(s, t, &so);
    if (rc != ASSAY_OK) {
        code = cli_error(cli_exit_for(rc), "%s",
            assay_session_errmsg(s)[0] != '\0' ? assay_session_errmsg(s)
                                               : assay_status_str(rc));
        goto out_free;
    }
    out_diagnostics(r, ASSAY_DIAG_WARNING);
    wo.color = out == NULL && out_color(stdout);
    code = out_report(r, format, out, &wo);
    if (code != EXIT_CLEAN)
        goto out_free;
    if (assay_report_max_severity(r) >= (int)fail_on ||
        assay_report_verdict_tally(r, ASSAY_VERDICT_FAIL) > 0)
        code = EXIT_FINDINGS;
    else if (limited)
        code = EXIT_LIMIT;
out_free:
    assay_session_free(s);
    return code;
}

int
cmd_explain(int argc, char **argv)
{
    enum assay_status rc;

    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        out_printf("usage: assay explain CHECK-ID\n");
        return EXIT_CLEAN;
    }
    if (argc != 2)
        return cli_error(EXIT_USAGE, "usage: assay explain CHECK-ID");
    rc = assay_check_doc(argv[1], out_sink, stdout);
    if (rc == ASSAY_E_NOTFOUND)
        return cli_error(
            EXIT_USAGE, "no check '%s' (see: assay list checks)", argv[1]);
    if (rc != ASSAY_OK)
        return cli_error(cli_exit_for(rc), "cannot write the page: %s",
            assay_status_str(rc));
    return EXIT_CLEAN;
}
