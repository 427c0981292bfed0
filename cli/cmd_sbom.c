/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay sbom [options] PATH: identify components and write a CycloneDX
 * 1.5 SBOM (or any report format); with a vulnerability database, known
 * vulnerabilities are matched and included.
 *
 *   -o FILE              output (default: standard output)
 *   --format NAME        cyclonedx (default), json, text ...
 *   --db PATH            vulnerability database (else ASSAY_VULNDB/XDG
 *                        when it exists)
 *   --no-db              do not match vulnerabilities
 *   --vex FILE           CycloneDX VEX or OpenVEX statements
 *   --ics FILE           product identity from a conformance statement
 *   --product V,M,HW,SW  product identity given directly
 *
 * PATH is a firmware image (unpacked completely first; a vendor header
 * supplies the product identity when neither --ics nor --product does)
 * or an unpacked root folder.
 */
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "cli.h"

/* Split "vendor,model,hw,sw" in place. */
static void
sbom_product(char *spec, struct assay_product *p)
{
    char *f[4] = {NULL, NULL, NULL, NULL};
    int n = 0;

    f[n++] = spec;
    for (char *c = spec; *c != '\0' && n < 4; c++)
        if (*c == ',') {
            *c = '\0';
            f[n++] = c + 1;
        }
    p->manufacturer = f[0][0] != '\0' ? f[0] : NULL;
    p->model = f[1];
    p->hardware_version = f[2];
    p->software_version = f[3];
}

/* Take 'from' for a field that is absent or empty. */
static void
sbom_fill(const char **field, const char *from)
{
    if ((*field == NULL || (*field)[0] == '\0') && from != NULL)
        *field = from;
}

int
cmd_sbom(int argc, char **argv)
{
    const char *out = NULL, *format = "cyclonedx", *dbpath = NULL;
    const char *vex = NULL, *ics_path = NULL, *target = NULL, *how = NULL;
    char *product_spec = NULL;
    bool no_db = false;
    struct assay_session *s;
    struct assay_product prod = {0};
    struct stat st;
    enum assay_status rc = ASSAY_OK;
    int ret = EXIT_CLEAN;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has = i + 1 < argc;

        if (strcmp(a, "--help") == 0) {
            out_printf("usage: assay sbom [-o FILE] [--format NAME] [--db "
                       "PATH|--no-db] [--vex FILE] [--ics FILE] [--product "
                       "VENDOR,MODEL,HW,SW] PATH\n");
            return EXIT_CLEAN;
        } else if (strcmp(a, "-o") == 0 && has) {
            out = argv[++i];
        } else if (strcmp(a, "--format") == 0 && has) {
            format = argv[++i];
        } else if (strcmp(a, "--db") == 0 && has) {
            dbpath = argv[++i];
        } else if (strcmp(a, "--no-db") == 0) {
            no_db = true;
        } else if (strcmp(a, "--vex") == 0 && has) {
            vex = argv[++i];
        } else if (strcmp(a, "--ics") == 0 && has) {
            ics_path = argv[++i];
        } else if (strcmp(a, "--product") == 0 && has) {
            product_spec = argv[++i];
        } else if (a[0] == '-' || target != NULL) {
            return cli_error(EXIT_USAGE, "sbom: unexpected argument '%s'", a);
        } else {
            target = a;
        }
    }
    if (target == NULL)
        return cli_error(EXIT_USAGE, "usage: assay sbom [options] PATH");
    if (stat(target, &st) != 0)
        return cli_error(EXIT_INPUT, "cannot read '%s'", target);
    s = assay_session_new(NULL);
    if (s == NULL)
        return cli_error(EXIT_NOMEM, "out of memory");

    if (ics_path != NULL) {
        struct assay_ics *ics;

        rc = cli_load_ics(s, ics_path, &ics);
        if (rc != ASSAY_OK) {
            ret = cli_load_failed(s, "statement", ics_path, rc);
            goto out;
        }
        prod = *assay_ics_product(ics);
        how = "product identity from the ICS";
    }
    if (product_spec != NULL) {
        sbom_product(product_spec, &prod);
        how = "product identity given with --product";
    }
    if (rc == ASSAY_OK && S_ISDIR(st.st_mode)) {
        rc = assay_components_scan_dir(s, target);
    } else if (rc == ASSAY_OK) {
        struct assay_tree *tree = NULL;

        rc = assay_extract_file(s, target, &tree);
        if (rc == ASSAY_E_LIMIT)
            rc = ASSAY_OK; /* the tree holds what was unpacked */
        if (rc == ASSAY_OK && tree != NULL) {
            const struct assay_node *top = assay_tree_root(tree);
            size_t len = 0;
            const uint8_t *d = assay_node_data(top, &len);
            struct assay_product vh;

            rc = assay_scan_target(s, tree, target);
            /* The vendor header fills what the statement left open. */
            if (rc == ASSAY_OK && d != NULL &&
                assay_components_vendor_header(s, d, len, &vh)) {
                sbom_fill(&prod.manufacturer, vh.manufacturer);
                sbom_fill(&prod.model, vh.model);
                sbom_fill(&prod.hardware_version, vh.hardware_version);
                sbom_fill(&prod.software_version, vh.software_version);
                how = how != NULL ? "product identity from the statement "
                                    "and the vendor firmware header"
                                  : "vendor firmware header";
            }
            if (rc == ASSAY_OK)
                rc = assay_components_scan_tree(s, tree);
        }
    }
    if (rc == ASSAY_OK && prod.model != NULL) {
        rc = assay_report_set_product(assay_session_report(s), &prod);
        if (rc == ASSAY_OK)
            rc = assay_components_add_product(s, &prod, how);
    }
    if (rc != ASSAY_OK) {
        ret = cli_error(cli_exit_for(rc), "%s", assay_session_errmsg(s));
        goto out;
    }
    if (!no_db) {
        struct assay_vulndb *db = NULL;

        rc = assay_vulndb_open(s, dbpath, false, &db);
        if (rc == ASSAY_OK && vex != NULL)
            rc = assay_vulndb_load_vex(db, vex);
        if (rc == ASSAY_OK)
            rc = assay_vulndb_match(db, NULL);
        assay_vulndb_close(db);
        if (rc == ASSAY_E_NOTFOUND && dbpath == NULL) {
            rc = ASSAY_OK; /* no database installed: SBOM only */
        } else if (rc != ASSAY_OK) {
            ret = cli_error(cli_exit_for(rc), "%s", assay_session_errmsg(s));
            goto out;
        }
    }
    ret = out_report(assay_session_report(s), format, out, NULL);
out:
    out_diagnostics(assay_session_report(s), ASSAY_DIAG_WARNING);
    assay_session_free(s);
    return ret;
}
