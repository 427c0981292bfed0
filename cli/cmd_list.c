/* SPDX-License-Identifier: Apache-2.0 */
/* assay list writers: the registries are data, so listing them is free. */
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
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        out_printf("usage: assay list writers|extractors\n");
        return EXIT_CLEAN;
    }
    return cli_error(EXIT_USAGE, "usage: assay list writers|extractors");
}
