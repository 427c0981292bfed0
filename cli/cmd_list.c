/* SPDX-License-Identifier: Apache-2.0 */
/* assay list writers|extractors|checks: the registries are data, so listing
 * them is free. */
#include <string.h>

#include "cli.h"

int
cmd_list(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "writers") == 0) {
        for (size_t i = 0; assay_writer_name(i) != NULL; i++)
            out_printf("%-10s .%-5s %s\n", assay_writer_name(i),
                assay_writer_ext(i), assay_writer_summary(i));
        return EXIT_CLEAN;
    }
    if (argc == 2 && strcmp(argv[1], "extractors") == 0) {
        for (size_t i = 0; assay_extractor_name(i) != NULL; i++)
            out_printf("%-10s %s\n", assay_extractor_name(i),
                assay_extractor_summary(i));
        return EXIT_CLEAN;
    }
    if (argc == 2 && strcmp(argv[1], "checks") == 0) {
        struct assay_check_info ci;

        for (size_t i = 0; assay_check_info(i, &ci); i++) {
            out_printf("%-12s %-8s %-5s ", ci.id,
                assay_severity_name(ci.severity), ci.scope);
            for (size_t k = 0; ci.provisions[k] != NULL; k++)
                out_printf("%s%s", k > 0 ? "," : "", ci.provisions[k]);
            out_printf("  %s\n", ci.title);
        }
        return EXIT_CLEAN;
    }
    if (argc == 2 && strcmp(argv[1], "probes") == 0) {
        for (size_t i = 0; assay_probe_name(i) != NULL; i++)
            out_printf("%-10s %-10s %s\n", assay_probe_name(i),
                assay_probe_is_intrusive(i) ? "intrusive" : "",
                assay_probe_summary(i));
        return EXIT_CLEAN;
    }
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        out_printf("usage: assay list writers|extractors|checks\n");
        return EXIT_CLEAN;
    }
    return cli_error(EXIT_USAGE, "usage: assay list writers|extractors|checks");
}
