/* SPDX-License-Identifier: Apache-2.0 */
/* Everything assay prints goes through here. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum assay_status
out_sink(void *ctx, const void *data, size_t len)
{
    FILE *f = ctx;

    if (fwrite(data, 1, len, f) != len)
        return ASSAY_E_IO;
    return ASSAY_OK;
}

void
out_printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
}

void
err_printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

int
cli_error(int code, const char *fmt, ...)
{
    va_list ap;

    fputs("assay: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return code;
}

bool
out_color(FILE *f)
{
    const char *nc = getenv("NO_COLOR");

    if (nc != NULL && nc[0] != '\0')
        return false;
    return isatty(fileno(f)) != 0;
}

void
out_diagnostics(struct assay_report *r, enum assay_diag_level min)
{
    assay_report_sort(r);
    for (size_t i = 0; i < assay_report_diag_count(r); i++) {
        const struct assay_diag *d = assay_report_diag(r, i);

        char where[1024];
        size_t sl;

        if (d->level < min)
            continue;
        if (d->file != NULL)
            fprintf(stderr, "%s: ", assay_diag_where(d, where, sizeof(where)));
        /* Extractor messages already start with "<source>: ". */
        sl = strlen(d->source);
        if (strncmp(d->message, d->source, sl) == 0 &&
            strncmp(d->message + sl, ": ", 2) == 0)
            fprintf(stderr, "%s: %s\n", assay_diag_level_name(d->level),
                d->message);
        else
            fprintf(stderr, "%s: %s: %s\n", assay_diag_level_name(d->level),
                d->source, d->message);
    }
}

int
out_report(struct assay_report *r, const char *format, const char *path,
    const struct assay_write_opts *opts)
{
    FILE *f = stdout;
    enum assay_status rc;

    if (path != NULL && strcmp(path, "-") != 0) {
        f = fopen(path, "wb");
        if (f == NULL)
            return cli_error(
                EXIT_INPUT, "cannot write '%s': %s", path, strerror(errno));
    }
    rc = assay_report_write(r, format, opts, out_sink, f);
    if (f != stdout && fclose(f) != 0 && rc == ASSAY_OK)
        rc = ASSAY_E_IO;
    if (rc == ASSAY_E_NOTFOUND)
        return cli_error(EXIT_USAGE,
            "unknown format '%s' (see: assay list writers)", format);
    if (rc != ASSAY_OK)
        return cli_error(cli_exit_for(rc),
            "cannot write the %s report to '%s': %s", format,
            path != NULL ? path : "-", assay_status_str(rc));
    return EXIT_CLEAN;
}

enum assay_status
cli_read_file(const char *path, size_t cap, char **data, size_t *len)
{
    FILE *f = stdin;
    char *buf = NULL;
    size_t used = 0, alloc = 0;
    enum assay_status rc = ASSAY_OK;

    *data = NULL;
    *len = 0;
    if (strcmp(path, "-") != 0) {
        f = fopen(path, "rb");
        if (f == NULL) {
            cli_error(
                EXIT_INPUT, "cannot open '%s': %s", path, strerror(errno));
            return ASSAY_E_IO;
        }
    }
    for (;;) {
        size_t got;

        if (used == alloc) {
            size_t na = alloc == 0 ? 65536 : alloc * 2;
            char *nb;

            if (alloc > cap) {
                cli_error(
                    EXIT_LIMIT, "'%s' is larger than %zu bytes", path, cap);
                rc = ASSAY_E_LIMIT;
                break;
            }
            nb = realloc(buf, na + 1);
            if (nb == NULL) {
                rc = ASSAY_E_NOMEM;
                break;
            }
            buf = nb;
            alloc = na;
        }
        got = fread(buf + used, 1, alloc - used, f);
        used += got;
        if (got == 0) {
            if (ferror(f)) {
                cli_error(
                    EXIT_INPUT, "cannot read '%s': %s", path, strerror(errno));
                rc = ASSAY_E_IO;
            }
            break;
        }
    }
    if (f != stdin)
        fclose(f);
    if (rc == ASSAY_OK && used > cap) {
        cli_error(EXIT_LIMIT, "'%s' is larger than %zu bytes", path, cap);
        rc = ASSAY_E_LIMIT;
    }
    if (rc != ASSAY_OK) {
        free(buf);
        return rc;
    }
    if (buf == NULL) {
        buf = malloc(1);
        if (buf == NULL)
            return ASSAY_E_NOMEM;
    }
    buf[used] = '\0';
    *data = buf;
    *len = used;
    return ASSAY_OK;
}
