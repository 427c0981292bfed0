/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay: entry point and command table (git's commands[]). After the
 * command runs, stdout is flushed and checked, so a full disk or a closed
 * pipe is an error, not silent truncation.
 */
#include <errno.h>
#include <string.h>

#include "cli.h"

struct cli_command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
};

static const struct cli_command commands[] = {
#define ASSAY_COMMAND(name, summary) {#name, cmd_##name, summary},
#include "commands.def"
#undef ASSAY_COMMAND
};

static void
usage(FILE *f)
{
    fprintf(f, "usage: assay <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'assay <command> --help' describes one command; exit codes "
               "are in assay(1).\n");
}

int
cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    out_printf("assay %s\n", assay_version());
    return EXIT_CLEAN;
}

int
cli_exit_for(enum assay_status st)
{
    switch (st) {
    case ASSAY_OK:
        return EXIT_CLEAN;
    case ASSAY_E_USAGE:
        return EXIT_USAGE;
    case ASSAY_E_IO:
    case ASSAY_E_TRUNCATED:
    case ASSAY_E_CORRUPT:
    case ASSAY_E_UNSUPPORTED:
    case ASSAY_E_NOTFOUND:
    case ASSAY_E_INVALID:
        return EXIT_INPUT;
    case ASSAY_E_LIMIT:
        return EXIT_LIMIT;
    case ASSAY_E_NOMEM:
        return EXIT_NOMEM;
    case ASSAY_E_TIMEOUT:
    case ASSAY_E_REFUSED:
    case ASSAY_E_NETWORK:
        return EXIT_NETWORK;
    case ASSAY_E_INTERNAL:
        break;
    }
    return EXIT_INTERNAL;
}

int
main(int argc, char **argv)
{
    int rc;

    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(argv[1], "--version") == 0)
        return cmd_version(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        rc = commands[i].fn(argc - 1, argv + 1);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "assay: cannot write to standard output: %s\n",
                strerror(errno));
            return EXIT_INPUT;
        }
        return rc;
    }
    fprintf(stderr, "assay: '%s' is not a command\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
