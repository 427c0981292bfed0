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
    EXIT_CLEAN = 0,    /* nothing at or above the threshold */
    EXIT_FINDINGS = 1, /* findings or conformance failures at or above it */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_INPUT = 3,    /* an input is unreadable, invalid or unsupported */
    EXIT_LIMIT = 4,    /* a resource limit stopped the job */
    EXIT_NOMEM = 5,    /* out of memory */
    EXIT_NETWORK = 6,  /* network failure, timeout or refusal */
    EXIT_INTERNAL = 7  /* a bug in Assay */
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
enum assay_status cli_read_file(
    const char *path, size_t cap, char **data, size_t *len);

/*
 * Load a statement (then validated: rule failures are diagnostics), a
 * saved assay-report/1 document or an assessor file into 's'. Returns the
 * library status; cli_load_failed() prints the diagnostics and a one-line
 * error naming the file and returns the exit code.
 */
enum assay_status cli_load_ics(
    struct assay_session *s, const char *path, struct assay_ics **ics);
enum assay_status cli_load_report(struct assay_session *s, const char *path);
enum assay_status cli_load_assessor(
    struct assay_session *s, const char *path, struct assay_assessor **a);
int cli_load_failed(struct assay_session *s, const char *what, const char *path,
    enum assay_status rc);

/*
 * Repeated "--format F" with one "-o FILE" each (the i-th -o goes with the
 * i-th --format; a format without one goes to standard output).
 */
#define CLI_MAX_OUTPUTS 16
struct cli_outputs {
    const char *format[CLI_MAX_OUTPUTS];
    const char *path[CLI_MAX_OUTPUTS];
    size_t formats;
    size_t paths;
};
/* Record one option; false (after a message) when there are too many. */
bool cli_outputs_add_format(struct cli_outputs *o, const char *format);
bool cli_outputs_add_path(struct cli_outputs *o, const char *path);
/* Check the pairing and write every output; returns an exit code. */
int cli_outputs_write(
    struct cli_outputs *o, struct assay_report *r, const char *default_format);

/* What assess and assessor init share: inputs of one assessment. */
struct cli_assess_args {
    const char *ics;
    const char *image;
    const char *device;
    const char *result;
    const char *assessor;
    const char *standard;
    enum assay_severity threshold;
};
/* Load everything 'a' names into 's' and run the verdict engine; returns
 * an exit code (messages already printed). */
int cli_assess_prepare(
    struct assay_session *s, const struct cli_assess_args *a);

#endif /* ASSAY_CLI_H */
