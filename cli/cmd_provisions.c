/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay provisions [--standard V] [--format text|json] [--clause C]
 *                  [--status M|R] [--condition N] [--feature X]
 *                  [--include-void]
 * assay provisions show ID [--standard V] [--format text|json]
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char provisions_usage[] =
    "usage: assay provisions [--standard 2.1.1|3.1.3] [--format text|json]\n"
    "                        [--clause C] [--status M|R] [--condition N]\n"
    "                        [--feature X] [--include-void]\n"
    "       assay provisions show ID [--standard 2.1.1|3.1.3] [--format text|json]\n";

struct prov_filter {
    const char *clause; /* NULL: any */
    int req;            /* -1 any, else enum assay_requirement */
    int condition;      /* 0 any */
    int feature;        /* -1 any */
    bool include_void;
};

static bool
prov_match(const struct assay_provision *p, const struct prov_filter *f)
{
    if (p->req == ASSAY_REQ_VOID && !f->include_void)
        return false;
    if (f->clause != NULL && strcmp(p->clause, f->clause) != 0)
        return false;
    if (f->req >= 0 && (int)p->req != f->req)
        return false;
    if (f->condition > 0 && (p->condition_mask & (1u << f->condition)) == 0)
        return false;
    if (f->feature >= 0 && (p->feature_mask & (1u << f->feature)) == 0)
        return false;
    return true;
}

static void
prov_print_ixit(const char *list)
{
    const char *s = list;
    bool first = true;

    while (*s != '\0') {
        char *end;
        unsigned long n = strtoul(s, &end, 10);

        if (end == s)
            break;
        out_printf("%s%s", first ? "" : ", ", assay_ixit_table((unsigned)n));
        first = false;
        s = *end == ',' ? end + 1 : end;
    }
    if (first)
        out_printf("(ICS only)");
}

static int
prov_show(enum assay_standard std, const char *id, bool json)
{
    const struct assay_provision *p = assay_catalogue_find(std, id);

    if (p == NULL)
        return cli_error(EXIT_USAGE,
            "'%s' is not a provision of EN 303 645 V%s (see: assay provisions)",
            id, assay_standard_name(std));
    if (json) {
        enum assay_status rc =
            assay_catalogue_write_json(std, &p, 1, out_sink, stdout);

        return cli_exit_for(rc);
    }
    out_printf(
        "Provision %s (EN 303 645 V%s)\n", p->id, assay_standard_name(std));
    out_printf("  clause:      %s %s\n", p->clause, p->clause_title);
    out_printf("  status:      %s (%s)\n", p->status,
        p->req == ASSAY_REQ_M   ? "mandatory"
        : p->req == ASSAY_REQ_R ? "recommendation"
                                : "void");
    out_printf("  summary:     %s\n", p->title);
    for (unsigned c = 1; c <= ASSAY_CONDITION_MAX; c++) {
        if ((p->condition_mask & (1u << c)) != 0)
            out_printf("  condition %u: %s\n", c, assay_condition_text(std, c));
    }
    for (unsigned k = 0; k < ASSAY_FEATURE_COUNT; k++) {
        if ((p->feature_mask & (1u << k)) != 0)
            out_printf("  feature %s:   %s\n", assay_feature_letter(k),
                assay_feature_text(k));
    }
    if (p->req != ASSAY_REQ_VOID) {
        out_printf("  TS 103 701:  ");
        if (strcmp(p->tests, "c,f") == 0)
            out_printf("conceptual %s-1, functional %s-2\n", p->id, p->id);
        else if (strcmp(p->tests, "c") == 0)
            out_printf("conceptual %s-1\n", p->id);
        else if (strcmp(p->tests, "f") == 0)
            out_printf("functional %s-1\n", p->id);
        else
            out_printf("combined conceptual/functional %s-1\n", p->id);
        out_printf("  IXIT:        ");
        prov_print_ixit(p->ixit);
        out_printf("\n");
    }
    if (p->v2_id != NULL)
        out_printf("  V2.1.1 id:   %s\n", p->v2_id);
    return EXIT_CLEAN;
}

int
cmd_provisions(int argc, char **argv)
{
    static const struct option opts[] = {
        {"standard", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"clause", required_argument, NULL, 'c'},
        {"status", required_argument, NULL, 'S'},
        {"condition", required_argument, NULL, 'C'},
        {"feature", required_argument, NULL, 'F'},
        {"include-void", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct prov_filter flt = {NULL, -1, 0, -1, false};
    enum assay_standard std = ASSAY_STD_V2_1_1;
    const struct assay_provision *rows[256];
    const char *clause = "";
    bool json = false;
    size_t n = 0, m = 0, r = 0;
    unsigned k;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            if (!assay_standard_parse(optarg, &std))
                return cli_error(EXIT_USAGE,
                    "unknown standard version '%s' (2.1.1 or 3.1.3)", optarg);
            break;
        case 'f':
            if (strcmp(optarg, "json") == 0)
                json = true;
            else if (strcmp(optarg, "text") != 0)
                return cli_error(EXIT_USAGE, "--format is text or json");
            break;
        case 'c':
            flt.clause = optarg;
            break;
        case 'S':
            if (strcmp(optarg, "M") == 0 || strcmp(optarg, "m") == 0)
                flt.req = ASSAY_REQ_M;
            else if (strcmp(optarg, "R") == 0 || strcmp(optarg, "r") == 0)
                flt.req = ASSAY_REQ_R;
            else
                return cli_error(EXIT_USAGE, "--status is M or R");
            break;
        case 'C':
            flt.condition = 0;
            for (const char *d = optarg;
                 *d >= '0' && *d <= '9' && flt.condition <= ASSAY_CONDITION_MAX;
                 d++)
                flt.condition = flt.condition * 10 + (*d - '0');
            if (optarg[0] == '\0' ||
                optarg[strspn(optarg, "0123456789")] != '\0' ||
                flt.condition < 1 || flt.condition > ASSAY_CONDITION_MAX)
                return cli_error(EXIT_USAGE, "--condition is a number 1-16");
            break;
        case 'F':
            if (!assay_feature_parse(optarg, &k))
                return cli_error(EXIT_USAGE, "--feature is a letter a to aa");
            flt.feature = (int)k;
            break;
        case 'v':
            flt.include_void = true;
            break;
        case 'h':
            out_printf("%s", provisions_usage);
            return EXIT_CLEAN;
        default:
            err_printf("%s", provisions_usage);
            return EXIT_USAGE;
        }
    }
    if (optind < argc && strcmp(argv[optind], "show") == 0) {
        const char *id;

        if (optind + 1 >= argc) {
            err_printf("%s", provisions_usage);
            return EXIT_USAGE;
        }
        id = argv[optind + 1];
        /* getopt_long has already moved options after the id forward */
        if (optind + 2 != argc) {
            err_printf("%s", provisions_usage);
            return EXIT_USAGE;
        }
        return prov_show(std, id, json);
    }
    if (optind < argc) {
        err_printf("%s", provisions_usage);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < assay_catalogue_count(std); i++) {
        const struct assay_provision *p = assay_catalogue_get(std, i);

        if (prov_match(p, &flt) && n < sizeof(rows) / sizeof(rows[0])) {
            rows[n++] = p;
            m += p->req == ASSAY_REQ_M;
            r += p->req == ASSAY_REQ_R;
        }
    }
    if (json)
        return cli_exit_for(
            assay_catalogue_write_json(std, rows, n, out_sink, stdout));
    out_printf(
        "ETSI EN 303 645 V%s: %zu provisions (%zu mandatory, %zu recommended)\n",
        assay_standard_name(std), n, m, r);
    for (size_t i = 0; i < n; i++) {
        const struct assay_provision *p = rows[i];

        if (strcmp(clause, p->clause) != 0) {
            clause = p->clause;
            out_printf("\n%s %s\n", p->clause, p->clause_title);
        }
        out_printf(
            "  %-8s %-15s %-4s %s\n", p->id, p->status, p->tests, p->title);
    }
    return EXIT_CLEAN;
}
