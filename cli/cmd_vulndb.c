/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay vulndb [--db PATH] import FILE... | info
 * The offline vulnerability database (NVD CVE JSON 2.0 and OSV, gzip or
 * not). Path: --db, else $ASSAY_VULNDB, else the XDG data folder.
 */
#include <string.h>

#include "cli.h"

static int
vulndb_usage(void)
{
    return cli_error(
        EXIT_USAGE, "usage: assay vulndb [--db PATH] import FILE... | info");
}

int
cmd_vulndb(int argc, char **argv)
{
    const char *path = NULL;
    struct assay_session *s;
    struct assay_vulndb *db = NULL;
    enum assay_status rc;
    int i = 1, ret = EXIT_CLEAN;

    if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
        out_printf("usage: assay vulndb [--db PATH] import FILE... | info\n");
        return EXIT_CLEAN;
    }
    if (i + 1 < argc && strcmp(argv[i], "--db") == 0) {
        path = argv[i + 1];
        i += 2;
    }
    if (i >= argc)
        return vulndb_usage();
    s = assay_session_new(NULL);
    if (s == NULL)
        return cli_error(EXIT_NOMEM, "out of memory");
    if (strcmp(argv[i], "import") == 0 && i + 1 < argc) {
        struct assay_vulndb_stats st = {0};

        rc = assay_vulndb_open(s, path, true, &db);
        if (rc != ASSAY_OK) {
            ret = cli_error(cli_exit_for(rc), "%s", assay_session_errmsg(s));
            goto out;
        }
        for (i++; i < argc; i++) {
            rc = assay_vulndb_import(db, argv[i], &st);
            if (rc != ASSAY_OK)
                ret =
                    cli_error(cli_exit_for(rc), "%s", assay_session_errmsg(s));
        }
        out_printf("imported into %s: %llu added, %llu updated, %llu "
                   "unchanged, %llu skipped\n",
            assay_vulndb_path(db), (unsigned long long)st.added,
            (unsigned long long)st.updated, (unsigned long long)st.unchanged,
            (unsigned long long)st.skipped);
    } else if (strcmp(argv[i], "info") == 0 && i + 1 == argc) {
        struct assay_vulndb_info info;

        rc = assay_vulndb_open(s, path, false, &db);
        if (rc != ASSAY_OK) {
            ret = cli_error(cli_exit_for(rc), "%s", assay_session_errmsg(s));
            goto out;
        }
        (void)assay_vulndb_info(db, &info);
        out_printf("database: %s\nrecords: %llu\nnvd: %llu\nosv: %llu\n"
                   "criteria: %llu\nnewest: %s\nimported: %s\n",
            assay_vulndb_path(db), (unsigned long long)info.records,
            (unsigned long long)info.nvd, (unsigned long long)info.osv,
            (unsigned long long)info.criteria,
            info.newest[0] ? info.newest : "-",
            info.imported[0] ? info.imported : "-");
    } else {
        ret = vulndb_usage();
    }
out:
    out_diagnostics(assay_session_report(s), ASSAY_DIAG_WARNING);
    assay_vulndb_close(db);
    assay_session_free(s);
    return ret;
}
