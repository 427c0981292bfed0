/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay assessor init --ics FILE [--result RESULT.json] [--assessor FILE]
 *                     [-o FILE]
 *
 * Writes an assessor results template listing exactly the test cases the
 * verdict engine leaves open for this statement (and saved report, and
 * results already given), so a lab fills in only what automation could
 * not settle.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char assessor_usage[] =
    "usage: assay assessor init --ics FILE [--result RESULT.json]\n"
    "                           [--assessor FILE] [-o FILE]\n";

static int
assessor_init(int argc, char **argv)
{
    static const struct option opts[] = {
        {"ics", required_argument, NULL, 'i'},
        {"result", required_argument, NULL, 'r'},
        {"assessor", required_argument, NULL, 'a'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cli_assess_args a = {.threshold = ASSAY_SEV_MEDIUM};
    const char *path = NULL;
    struct assay_session *s;
    enum assay_status rc;
    FILE *f = stdout;
    int c, code;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case 'i':
            a.ics = optarg;
            break;
        case 'r':
            a.result = optarg;
            break;
        case 'a':
            a.assessor = optarg;
            break;
        case 'o':
            path = optarg;
            break;
        case 'h':
            out_printf("%s", assessor_usage);
            return EXIT_CLEAN;
        default:
            err_printf("%s", assessor_usage);
            return EXIT_USAGE;
        }
    }
    if (optind != argc || a.ics == NULL) {
        err_printf("%s", assessor_usage);
        return EXIT_USAGE;
    }
    s = assay_session_new(NULL);
    if (s == NULL)
        return cli_error(EXIT_NOMEM, "out of memory");
    code = cli_assess_prepare(s, &a);
    if (code == EXIT_CLEAN && path != NULL && strcmp(path, "-") != 0) {
        f = fopen(path, "wx");
        if (f == NULL)
            code = cli_error(EXIT_INPUT, "cannot create '%s': %s", path,
                errno == EEXIST ? "it exists already" : strerror(errno));
    }
    if (code == EXIT_CLEAN) {
        rc = assay_assessor_template(s, out_sink, f);
        if (f != stdout && fclose(f) != 0 && rc == ASSAY_OK)
            rc = ASSAY_E_IO;
        if (rc != ASSAY_OK)
            code = cli_error(cli_exit_for(rc), "cannot write the template: %s",
                assay_status_str(rc));
    }
    assay_session_free(s);
    return code;
}

int
cmd_assessor(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "init") == 0)
        return assessor_init(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
        out_printf("%s", assessor_usage);
        return EXIT_CLEAN;
    }
    err_printf("%s", assessor_usage);
    return EXIT_USAGE;
}
