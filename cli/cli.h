/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The assay command-line tool: a git-style command table over the public
 * libassay API (cli/ is compiled without -Ilib, so it cannot reach
 * library internals).
 *
 * Adding a new command:
 *   1. cli/cmd_<verb>.c defining `int cmd_<verb>(int argc, char **argv)`;
 *   2. one ASSAY_COMMAND line in cli/commands.def;
 *   3. the file in cli/CMakeLists.txt;
 *   4. its man page docs/man/assay-<verb>.1 and a tests/cli/ test.
 */
#ifndef ASSAY_CLI_H
#define ASSAY_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "assay/assay.h"

/*
 * Exit codes (docs/exit-codes.md, assay(1)). Never renumber.
 */
enum cli_exit {
    EXIT_CLEAN = 0,     /* nothing at or above the threshold */
    EXIT_FINDINGS = 1,  /* findings or conformance failures at or above it */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_INPUT = 3,     /* an input is unreadable, invalid or unsupported */
    EXIT_LIMIT = 4,     /* a resource limit stopped the job */
    EXIT_NOMEM = 5,     /* out of memory */
    EXIT_NETWORK = 6,   /* network failure, timeout or refusal */
    EXIT_INTERNAL = 7   /* a bug in Assay */
};

#define ASSAY_COMMAND(name, summary) int cmd_##name(int argc, char **argv);
#include "commands.def"
#undef ASSAY_COMMAND

/* Map a library status to an exit code. */
int cli_exit_for(enum assay_status st);

/* ---- output (out.c is the only code that prints) ---- */

/* assay_sink_fn writing to the FILE * in ctx. */
enum assay_status out_sink(void *ctx, const void *data, size_t len);
void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void err_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "assay: <msg>" on stderr, returns 'code'. */
int cli_error(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Print the session's diagnostics as file:line:col: level: message. */
void out_diagnostics(struct assay_report *r, enum assay_diag_level min);
/* Should stdout use colour? (a tty, and NO_COLOR unset) */
bool out_color(FILE *f);
/* Write a report in 'format' to 'path' ("-" or NULL: stdout). */
int out_report(struct assay_report *r, const char *format, const char *path,
    const struct assay_write_opts *opts);

/* ---- input ---- */

/*
 * Read a whole file ("-": standard input) of at most 'cap' bytes into a
 * heap buffer the caller frees. Returns ASSAY_OK, ASSAY_E_IO or
 * ASSAY_E_LIMIT, with a message on stderr naming the file.
 */
enum assay_status cli_read_file(const char *path, size_t cap, char **data,
    size_t *len);

#endif /* ASSAY_CLI_H */
