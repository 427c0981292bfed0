/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay probe HOST [--ports LIST|--all-ports] [--ics FILE] [--intrusive]
 *                  [--attempts N] [--creds FILE] [--no-default-creds]
 *                  [--rate N]
 *                  [--concurrency N] [--connect-ms MS] [--read-ms MS]
 *                  [--probe-ms MS] [--fail-on SEVERITY] [--format F]
 *                  [-o FILE]
 *
 * Live assessment of one device. Exits 0 when no finding reaches the
 * --fail-on severity (default low), 1 when one does, 2 on a usage error,
 * 3 when the ICS or credential file cannot be read, 6 when the host does
 * not resolve or no socket can be made. Progress goes to stderr, and
 * only when stderr is a terminal.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char probe_usage[] =
    "usage: assay probe HOST [--ports LIST|--all-ports] [--ics FILE] "
    "[--intrusive]\n"
    "                   [--attempts N] [--creds FILE] [--no-default-creds]\n"
    "                   [--rate N] [--concurrency N]\n"
    "                   [--connect-ms MS] [--read-ms MS] [--probe-ms MS]\n"
    "                   [--fail-on SEVERITY] [--format F] [-o FILE]\n"
    "\n"
    "  --ports LIST     e.g. 22,80,8000-8100,U:161 (U: = UDP); default: an "
    "IoT set\n"
    "  --all-ports      TCP 1-65535 plus the default UDP set\n"
    "  --intrusive      run login series (throttling, lockout); bounded by "
    "--attempts\n"
    "  --creds FILE     default credentials to try, 'user:password' per "
    "line\n"
    "                   (default: the built-in dictionary, 16 most common "
    "pairs,\n"
    "                   all of them with --intrusive)\n"
    "  --no-default-creds  do not try default credentials\n"
    "  --ics FILE       compare open services with the IXIT (5.6-1)\n";

static void
probe_show_progress(void *ctx, const char *phase, uint64_t done, uint64_t total)
{
    (void)ctx;
    if (total > 0)
        err_printf("\r\033[Kprobe: %s %llu/%llu", phase,
            (unsigned long long)done, (unsigned long long)total);
    else
        err_printf("\r\033[Kprobe: %s", phase);
    if (strcmp(phase, "done") == 0)
        err_printf("\r\033[K");
}

static bool
probe_num(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v;

    if (s[0] < '0' || s[0] > '9')
        return false;
    v = strtoul(s, &end, 10);
    if (*end != '\0' || v == 0 || v > max)
        return false;
    *out = v;
    return true;
}

int
cmd_probe(int argc, char **argv)
{
    static const struct option opts[] = {
        {"ports", required_argument, NULL, 'p'},
        {"all-ports", no_argument, NULL, 'A'},
        {"ics", required_argument, NULL, 'i'},
        {"intrusive", no_argument, NULL, 'I'},
        {"attempts", required_argument, NULL, 'a'},
        {"creds", required_argument, NULL, 'c'},
        {"no-default-creds", no_argument, NULL, 'N'},
        {"rate", required_argument, NULL, 'r'},
        {"concurrency", required_argument, NULL, 'n'},
        {"connect-ms", required_argument, NULL, 'C'},
        {"read-ms", required_argument, NULL, 'R'},
        {"probe-ms", required_argument, NULL, 'P'},
        {"fail-on", required_argument, NULL, 'F'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct assay_probe_opts po = {0};
    struct assay_limits lim = {0};
    struct assay_write_opts wo = {0};
    struct assay_probe_port *ports = NULL;
    struct assay_session *s = NULL;
    enum assay_severity fail_on = ASSAY_SEV_LOW;
    const char *format = "text", *out = NULL, *ics_path = NULL;
    const char *creds_path = NULL;
    enum assay_status rc;
    unsigned long v;
    int c, code = EXIT_CLEAN;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case 'p':
            assay_probe_ports_free(ports);
            ports = NULL;
            rc = assay_probe_ports_parse(optarg, &ports, &po.port_count);
            if (rc != ASSAY_OK) {
                code = cli_error(
                    cli_exit_for(rc), "invalid port list '%s'", optarg);
                goto out;
            }
            po.ports = ports;
            break;
        case 'A':
            po.all_ports = true;
            break;
        case 'i':
            ics_path = optarg;
            break;
        case 'I':
            po.intrusive = true;
            break;
        case 'c':
            creds_path = optarg;
            break;
        case 'N':
            po.no_default_creds = true;
            break;
        case 'a':
        case 'r':
        case 'n':
        case 'C':
        case 'R':
        case 'P':
            if (!probe_num(optarg,
                    c == 'a' ? ASSAY_PROBE_MAX_ATTEMPTS : 10000000ul, &v)) {
                code = cli_error(EXIT_USAGE, "invalid number '%s'", optarg);
                goto out;
            }
            if (c == 'a')
                po.attempts = (unsigned)v;
            else if (c == 'r')
                po.rate = (unsigned)v;
            else if (c == 'n')
                po.concurrency = (unsigned)v;
            else if (c == 'C')
                lim.connect_ms = (uint32_t)v;
            else if (c == 'R')
                lim.read_ms = (uint32_t)v;
            else
                lim.probe_ms = (uint32_t)v;
            break;
        case 'F':
            if (!assay_severity_parse(optarg, &fail_on)) {
                code = cli_error(EXIT_USAGE, "unknown severity '%s'", optarg);
                goto out;
            }
            break;
        case 'f':
            format = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'h':
            out_printf("%s", probe_usage);
            goto out;
        default:
            err_printf("%s", probe_usage);
            code = EXIT_USAGE;
            goto out;
        }
    }
    if (optind + 1 != argc || (po.all_ports && po.port_count > 0) ||
        (creds_path != NULL && po.no_default_creds)) {
        err_printf("%s", probe_usage);
        code = EXIT_USAGE;
        goto out;
    }
    po.host = argv[optind];
    s = assay_session_new(&lim);
    if (s == NULL) {
        code = cli_error(EXIT_NOMEM, "out of memory");
        goto out;
    }
    if (ics_path != NULL) {
        struct assay_ics *ics = NULL;

        rc = cli_load_ics(s, ics_path, &ics);
        if (rc != ASSAY_OK) {
            code = cli_load_failed(s, "statement", ics_path, rc);
            goto out;
        }
        po.ics = ics;
    }
    if (creds_path != NULL) {
        size_t len;
        char *data;

        rc = cli_read_file(creds_path, 1u << 20, &data, &len);
        if (rc == ASSAY_OK) {
            rc = assay_probe_creds_parse(
                s, creds_path, data, len, &po.creds, &po.cred_count);
            free(data);
        }
        if (rc != ASSAY_OK) {
            out_diagnostics(assay_session_report(s), ASSAY_DIAG_ERROR);
            code = cli_error(EXIT_INPUT, "%s: unusable credential list: %s",
                creds_path, assay_status_str(rc));
            goto out;
        }
    }
    if (isatty(STDERR_FILENO)) {
        po.progress = probe_show_progress;
        po.progress_ctx = NULL;
    }
    rc = assay_probe_run(s, &po);
    if (rc != ASSAY_OK) {
        code = cli_error(cli_exit_for(rc), "%s",
            assay_session_errmsg(s)[0] != '\0' ? assay_session_errmsg(s)
                                               : assay_status_str(rc));
        goto out;
    }
    wo.color = out == NULL && out_color(stdout);
    code = out_report(assay_session_report(s), format, out, &wo);
    if (code == EXIT_CLEAN &&
        assay_report_max_severity(assay_session_report(s)) >= (int)fail_on)
        code = EXIT_FINDINGS;
out:
    assay_session_free(s);
    assay_probe_ports_free(ports);
    return code;
}
