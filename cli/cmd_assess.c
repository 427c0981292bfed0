/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay assess --ics FILE [--image IMG] [--device HOST] [--result RESULT.json]
 *              [--assessor FILE] [--standard 2.1.1|3.1.3]
 *              [--threshold SEVERITY] [--format F [-o FILE]]...
 *              [--fail-on verdict|critical|high|medium|low|info]
 *              [--timestamp]
 *
 * Joins the statement with evidence (a fresh scan of an image, probes of a
 * device, or a saved report being judged again) and an assessor file into
 * one verdict per provision (assay/assess.h), then writes every requested
 * format. Exit 1 when --fail-on trips (default: any FAIL verdict), 3 when
 * an input is unreadable or invalid.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char assess_usage[] =
    "usage: assay assess --ics FILE [--image IMG] [--device HOST]\n"
    "                    [--result RESULT.json] [--assessor FILE]\n"
    "                    [--standard 2.1.1|3.1.3] [--threshold SEVERITY]\n"
    "                    [--format F [-o FILE]]...\n"
    "                    [--fail-on verdict|critical|high|medium|low|info]\n"
    "                    [--timestamp]\n";

/* Fill the session's report from 'kind' ("image", "device") at 'target'. */
static int
assess_evidence(struct assay_session *s, const struct assay_ics *ics,
    const char *kind, const char *target)
{
    assay_evidence_fn fn = assay_evidence_source(kind);
    enum assay_status rc;

    if (fn == NULL)
        return cli_error(EXIT_USAGE,
            "--%s is not available in this build (no %s evidence source)", kind,
            kind);
    rc = fn(s, ics, target);
    if (rc != ASSAY_OK && rc != ASSAY_E_LIMIT)
        return cli_error(cli_exit_for(rc), "%s: %s", target,
            assay_session_errmsg(s)[0] != '\0' ? assay_session_errmsg(s)
                                               : assay_status_str(rc));
    return EXIT_CLEAN;
}

int
cli_assess_prepare(struct assay_session *s, const struct cli_assess_args *a)
{
    struct assay_assess_opts opts;
    struct assay_assessor *assessor = NULL;
    struct assay_ics *ics = NULL;
    enum assay_standard std;
    enum assay_status rc;
    int code;

    /* A saved report first: its statement diagnostics are made again. */
    if (a->result != NULL) {
        static const char *const remade[] = {
            "ics", "yaml", "assessor", "verdict"};

        rc = cli_load_report(s, a->result);
        if (rc != ASSAY_OK)
            return cli_load_failed(s, "report", a->result, rc);
        for (size_t i = 0; i < sizeof(remade) / sizeof(remade[0]); i++)
            assay_report_drop_diags(assay_session_report(s), remade[i]);
    }
    rc = cli_load_ics(s, a->ics, &ics);
    if (rc != ASSAY_OK)
        return cli_load_failed(s, "statement", a->ics, rc);
    if (a->standard != NULL) {
        if (!assay_standard_parse(a->standard, &std))
            return cli_error(EXIT_USAGE,
                "unknown standard version '%s' (2.1.1 or 3.1.3)", a->standard);
        if (std != assay_ics_standard(ics))
            return cli_error(EXIT_USAGE, "%s is a statement for V%s, not V%s",
                a->ics, assay_standard_name(assay_ics_standard(ics)),
                assay_standard_name(std));
    }
    if (a->image != NULL &&
        (code = assess_evidence(s, ics, "image", a->image)) != EXIT_CLEAN)
        return code;
    if (a->device != NULL &&
        (code = assess_evidence(s, ics, "device", a->device)) != EXIT_CLEAN)
        return code;
    if (a->assessor != NULL) {
        rc = cli_load_assessor(s, a->assessor, &assessor);
        if (rc != ASSAY_OK)
            return cli_load_failed(s, "assessor file", a->assessor, rc);
    }
    assay_assess_opts_init(&opts);
    opts.threshold = a->threshold;
    opts.assessor = assessor;
    rc = assay_assess(s, ics, &opts);
    if (rc != ASSAY_OK)
        return cli_error(cli_exit_for(rc), "%s",
            assay_session_errmsg(s)[0] != '\0' ? assay_session_errmsg(s)
                                               : assay_status_str(rc));
    return EXIT_CLEAN;
}

int
cmd_assess(int argc, char **argv)
{
    static const struct option opts[] = {
        {"ics", required_argument, NULL, 'i'},
        {"image", required_argument, NULL, 'I'},
        {"device", required_argument, NULL, 'D'},
        {"result", required_argument, NULL, 'r'},
        {"assessor", required_argument, NULL, 'a'},
        {"standard", required_argument, NULL, 's'},
        {"threshold", required_argument, NULL, 't'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"fail-on", required_argument, NULL, 'F'},
        {"timestamp", no_argument, NULL, 'T'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cli_assess_args a = {.threshold = ASSAY_SEV_MEDIUM};
    struct cli_outputs outs = {0};
    const char *fail_on = "verdict";
    enum assay_severity fail_sev = ASSAY_SEV_MEDIUM;
    bool timestamp = false;
    struct assay_session *s;
    struct assay_report *r;
    int c, code;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case 'i':
            a.ics = optarg;
            break;
        case 'I':
            a.image = optarg;
            break;
        case 'D':
            a.device = optarg;
            break;
        case 'r':
            a.result = optarg;
            break;
        case 'a':
            a.assessor = optarg;
            break;
        case 's':
            a.standard = optarg;
            break;
        case 't':
            if (!assay_severity_parse(optarg, &a.threshold))
                return cli_error(EXIT_USAGE, "unknown severity '%s'", optarg);
            break;
        case 'f':
            if (!cli_outputs_add_format(&outs, optarg))
                return EXIT_USAGE;
            break;
        case 'o':
            if (!cli_outputs_add_path(&outs, optarg))
                return EXIT_USAGE;
            break;
        case 'F':
            fail_on = optarg;
            if (strcmp(fail_on, "verdict") != 0 &&
                !assay_severity_parse(fail_on, &fail_sev))
                return cli_error(EXIT_USAGE,
                    "--fail-on takes verdict or a severity, not '%s'", optarg);
            break;
        case 'T':
            timestamp = true;
            break;
        case 'h':
            out_printf("%s", assess_usage);
            return EXIT_CLEAN;
        default:
            err_printf("%s", assess_usage);
            return EXIT_USAGE;
        }
    }
    if (optind != argc || a.ics == NULL) {
        err_printf("%s", assess_usage);
        return EXIT_USAGE;
    }
    s = assay_session_new(NULL);
    if (s == NULL)
        return cli_error(EXIT_NOMEM, "out of memory");
    r = assay_session_report(s);
    assay_report_set_timestamp(r, timestamp);
    code = cli_assess_prepare(s, &a);
    if (code == EXIT_CLEAN) {
        out_diagnostics(r, ASSAY_DIAG_WARNING);
        code = cli_outputs_write(&outs, r, "text");
    }
    if (code == EXIT_CLEAN) {
        if (strcmp(fail_on, "verdict") == 0)
            code = assay_report_verdict_tally(r, ASSAY_VERDICT_FAIL) > 0
                       ? EXIT_FINDINGS
                       : EXIT_CLEAN;
        else
            code = assay_report_max_severity(r) >= (int)fail_sev ? EXIT_FINDINGS
                                                                 : EXIT_CLEAN;
    }
    assay_session_free(s);
    return code;
}
