/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay extract IMAGE -o DIR   unpack an image to a folder
 * assay ls IMAGE               list what an image contains
 *
 * Both unpack the whole image in memory first (the same engine the checks
 * use), then write or list the tree. Diagnostics go to stderr.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char extract_usage[] =
    "usage: assay extract IMAGE -o DIR [--report FILE] [limits] [--quiet]\n"
    "\n"
    "Unpack IMAGE (firmware, file system or archive, nested to any depth)\n"
    "into DIR, which must be empty or absent. Containers become folders\n"
    "named FORMAT@0xOFFSET, a stream's decoded bytes are FOLDER/.payload,\n"
    "and ownership, device nodes and xattrs are recorded in\n"
    "DIR/.assay-manifest.json. Nothing is written outside DIR and no link\n"
    "is followed.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR        where to unpack (required)\n"
    "      --report FILE       also write the JSON report (assay-report/1:\n"
    "                          inventory and diagnostics); - for stdout\n"
    "  -q, --quiet             print no summary, only errors\n"
    "limits (0 or absent = default; N may end in K, M or G):\n"
    "      --max-depth N       container nesting (default 16)\n"
    "      --max-bytes N       bytes produced in total (default 4 GiB)\n"
    "      --max-file-bytes N  bytes per file or stream (default 1 GiB)\n"
    "      --max-ratio N       output/input expansion (default 1024)\n"
    "      --max-nodes N       files, folders, links ... (default 1000000)\n"
    "\n"
    "exit status: 0 unpacked, 2 usage, 3 unreadable image or folder,\n"
    "4 a limit stopped unpacking (what was found is written), 5 no memory\n";

static const char ls_usage[] =
    "usage: assay ls IMAGE [--format text|json] [--regions] [limits]\n"
    "\n"
    "List every node of IMAGE in canonical order: type (- d l h c b p s,\n"
    "C for a container), mode, uid/gid, size, the container chain and the\n"
    "path, and a link's target. --regions adds the region map of every\n"
    "carved blob: known formats, padding, unsupported formats and unknown\n"
    "data with its entropy (bits per byte).\n"
    "\n"
    "options:\n"
    "  -f, --format FMT        text (default) or json (schema assay-ls/1)\n"
    "  -r, --regions           also list regions\n"
    "limits: as for assay extract (--max-depth ...)\n";

enum {
    OPT_MAX_DEPTH = 256,
    OPT_MAX_BYTES,
    OPT_MAX_FILE_BYTES,
    OPT_MAX_RATIO,
    OPT_MAX_NODES
};

#define LIMIT_OPTIONS                                                          \
    {"max-depth", required_argument, NULL, OPT_MAX_DEPTH},                     \
        {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},                 \
        {"max-file-bytes", required_argument, NULL, OPT_MAX_FILE_BYTES},       \
        {"max-ratio", required_argument, NULL, OPT_MAX_RATIO},                 \
    {                                                                          \
        "max-nodes", required_argument, NULL, OPT_MAX_NODES                    \
    }

/* Parse a decimal limit with an optional K, M or G suffix (powers of
 * 1024) into *out; false on junk or overflow. */
static bool
limit_parse(const char *s, uint64_t max, uint64_t *out)
{
    char *end;
    unsigned long long v;
    unsigned shift = 0;

    if (s[0] < '0' || s[0] > '9')
        return false;
    v = strtoull(s, &end, 10);
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M')
        shift = 20;
    else if (*end == 'G')
        shift = 30;
    if (shift != 0)
        end++;
    if (*end != '\0' || v > (max >> shift))
        return false;
    *out = (uint64_t)v << shift;
    return true;
}

/* Apply a limit option; 0 handled, -1 unknown option, EXIT_USAGE bad. */
static int
limit_opt(int c, struct assay_limits *lim)
{
    uint64_t v;

    if (c < OPT_MAX_DEPTH || c > OPT_MAX_NODES)
        return -1;
    if (!limit_parse(optarg,
            c == OPT_MAX_BYTES || c == OPT_MAX_FILE_BYTES ? UINT64_MAX
                                                          : UINT32_MAX,
            &v))
        return cli_error(EXIT_USAGE, "bad limit value '%s'", optarg);
    switch (c) {
    case OPT_MAX_DEPTH:
        lim->max_depth = (uint32_t)v;
        break;
    case OPT_MAX_BYTES:
        lim->max_total_bytes = v;
        break;
    case OPT_MAX_FILE_BYTES:
        lim->max_file_bytes = v;
        break;
    case OPT_MAX_RATIO:
        lim->max_ratio = (uint32_t)v;
        break;
    default:
        lim->max_nodes = (uint32_t)v;
        break;
    }
    return 0;
}

/* The default branch of both option loops: 0 for a limit option, else
 * EXIT_USAGE (with the usage text for an unknown option). */
static int
limit_or_usage(int c, struct assay_limits *lim, const char *usage)
{
    int code = limit_opt(c, lim);

    if (code < 0) {
        err_printf("%s", usage);
        return EXIT_USAGE;
    }
    return code;
}

/* Unpack 'image'; on success *s and *t are set (free *s). */
static int
unpack(const char *image, const struct assay_limits *lim,
    struct assay_session **s, struct assay_tree **t)
{
    enum assay_status rc;

    *s = assay_session_new(lim);
    if (*s == NULL)
        return cli_error(EXIT_NOMEM, "out of memory");
    rc = assay_extract_file(*s, image, t);
    out_diagnostics(assay_session_report(*s), ASSAY_DIAG_WARNING);
    if (rc != ASSAY_OK && rc != ASSAY_E_LIMIT) {
        int code = cli_error(cli_exit_for(rc), "%s",
            assay_session_errmsg(*s)[0] ? assay_session_errmsg(*s)
                                        : assay_status_str(rc));

        assay_session_free(*s);
        *s = NULL;
        return code;
    }
    return rc == ASSAY_E_LIMIT ? EXIT_LIMIT : EXIT_CLEAN;
}

int
cmd_extract(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"report", required_argument, NULL, 'R'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        LIMIT_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct assay_limits lim;
    struct assay_session *s;
    struct assay_tree *t;
    struct assay_inventory inv;
    const char *dir = NULL, *report = NULL;
    bool quiet = false;
    enum assay_status rc;
    int c, code;

    memset(&lim, 0, sizeof(lim));
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            dir = optarg;
            break;
        case 'R':
            report = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'h':
            out_printf("%s", extract_usage);
            return EXIT_CLEAN;
        default:
            code = limit_or_usage(c, &lim, extract_usage);
            if (code != 0)
                return code;
            break;
        }
    }
    if (optind + 1 != argc || dir == NULL) {
        err_printf("%s", extract_usage);
        return EXIT_USAGE;
    }
    code = unpack(argv[optind], &lim, &s, &t);
    if (s == NULL)
        return code;
    rc = assay_tree_write(s, t, dir);
    if (rc != ASSAY_OK) {
        code = cli_error(cli_exit_for(rc), "%s", assay_session_errmsg(s));
        assay_session_free(s);
        return code;
    }
    if (report != NULL) {
        struct assay_target tg = {.kind = "image",
            .name = argv[optind],
            .size = assay_node_size(assay_tree_root(t))};
        int rcode;

        assay_report_set_target(assay_session_report(s), &tg);
        rcode = out_report(assay_session_report(s), "json", report, NULL);
        if (rcode != EXIT_CLEAN) {
            assay_session_free(s);
            return rcode;
        }
    }
    assay_tree_inventory(t, &inv);
    if (!quiet)
        out_printf("%s: %llu files (%llu ELF), %llu folders, %llu symlinks, "
                   "%llu devices, %u containers -> %s\n",
            argv[optind], (unsigned long long)inv.files,
            (unsigned long long)inv.executables,
            (unsigned long long)inv.directories,
            (unsigned long long)inv.symlinks, (unsigned long long)inv.devices,
            inv.containers, dir);
    assay_session_free(s);
    return code;
}

int
cmd_ls(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"regions", no_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},
        LIMIT_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct assay_limits lim;
    struct assay_session *s;
    struct assay_tree *t;
    const char *format = "text";
    bool regions = false;
    enum assay_status rc;
    int c, code;

    memset(&lim, 0, sizeof(lim));
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:rh", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            format = optarg;
            break;
        case 'r':
            regions = true;
            break;
        case 'h':
            out_printf("%s", ls_usage);
            return EXIT_CLEAN;
        default:
            code = limit_or_usage(c, &lim, ls_usage);
            if (code != 0)
                return code;
            break;
        }
    }
    if (optind + 1 != argc) {
        err_printf("%s", ls_usage);
        return EXIT_USAGE;
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return cli_error(
            EXIT_USAGE, "unknown format '%s' (text or json)", format);
    code = unpack(argv[optind], &lim, &s, &t);
    if (s == NULL)
        return code;
    rc = assay_tree_list(t, format, regions, out_sink, stdout);
    assay_session_free(s);
    if (rc != ASSAY_OK)
        return cli_error(
            cli_exit_for(rc), "cannot list: %s", assay_status_str(rc));
    return code;
}
