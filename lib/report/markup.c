/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Escaping for the document writers (HTML, Markdown, CSV) and the small
 * sticky-output helpers they share. Report text comes from hostile images
 * and devices: every byte goes through one of these.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "report_private.h"

/* What to append for ASCII byte c, or NULL to copy it as is. */
typedef const char *(*markup_ascii_fn)(unsigned char c, char tmp[8]);

static enum assay_status
markup_escape(struct assay_buf *out, const char *s, markup_ascii_fn fn)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = s != NULL ? strlen(s) : 0, i = 0;
    enum assay_status rc = ASSAY_OK;

    while (i < n && rc == ASSAY_OK) {
        char tmp[8];
        const char *rep;
        size_t len;

        if (p[i] >= 0x80) {
            len = report_utf8_len(p + i, n - i);
            if (len == 0) {
                rc = assay_buf_puts(out, "\xef\xbf\xbd");
                i++;
            } else {
                rc = assay_buf_append(out, p + i, len);
                i += len;
            }
            continue;
        }
        rep = fn(p[i], tmp);
        rc = rep != NULL ? assay_buf_puts(out, rep)
                         : assay_buf_putc(out, (char)p[i]);
        i++;
    }
    return rc;
}

static const char *
html_ascii(unsigned char c, char tmp[8])
{
    (void)tmp;
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    case '\n':
    case '\t':
        return NULL;
    default:
        break;
    }
    return c < 0x20 || c == 0x7f ? "\xef\xbf\xbd" : NULL;
}

static const char *
md_ascii(unsigned char c, char tmp[8])
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '|':
        return "\\|";
    case '\n':
    case '\r':
    case '\t':
        return " ";
    default:
        break;
    }
    if (c < 0x20 || c == 0x7f)
        return "\xef\xbf\xbd";
    if (strchr("\\`*_[]~", c) != NULL) {
        tmp[0] = '\\';
        tmp[1] = (char)c;
        tmp[2] = '\0';
        return tmp;
    }
    return NULL;
}

static const char *
csv_ascii(unsigned char c, char tmp[8])
{
    (void)tmp;
    if (c == '"')
        return "\"\"";
    if (c == '\r' || c == 0x7f || (c < 0x20 && c != '\n' && c != '\t'))
        return "\xef\xbf\xbd";
    return NULL;
}

enum assay_status
report_html(struct assay_buf *out, const char *s)
{
    return markup_escape(out, s, html_ascii);
}

enum assay_status
report_md(struct assay_buf *out, const char *s)
{
    return markup_escape(out, s, md_ascii);
}

enum assay_status
report_csv(struct assay_buf *out, const char *s)
{
    enum assay_status rc = assay_buf_putc(out, '"');

    if (rc == ASSAY_OK && s != NULL && s[0] != '\0' &&
        (strchr("=+-@", s[0]) != NULL || (unsigned char)s[0] < 0x20))
        rc = assay_buf_putc(out, '\'');
    if (rc == ASSAY_OK)
        rc = markup_escape(out, s, csv_ascii);
    if (rc == ASSAY_OK)
        rc = assay_buf_putc(out, '"');
    return rc;
}

enum assay_standard
report_standard_of(const struct assay_report *r)
{
    enum assay_standard std = ASSAY_STD_V2_1_1;
    const char *name = assay_report_standard(r);

    if (name != NULL)
        (void)assay_standard_parse(name, &std);
    return std;
}

void
ro_puts(struct report_out *o, const char *s)
{
    if (o->rc == ASSAY_OK && s != NULL)
        o->rc = assay_buf_puts(o->out, s);
}

void
ro_printf(struct report_out *o, const char *fmt, ...)
{
    char tmp[1024], *big;
    va_list ap;
    int n;

    if (o->rc != ASSAY_OK)
        return;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0) {
        o->rc = ASSAY_E_INTERNAL;
        return;
    }
    if ((size_t)n < sizeof(tmp)) {
        o->rc = assay_buf_append(o->out, tmp, (size_t)n);
        return;
    }
    /* Longer than the stack buffer: format again on the heap. */
    big = assay_malloc((size_t)n + 1);
    if (big == NULL) {
        o->rc = ASSAY_E_NOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    o->rc = assay_buf_append(o->out, big, (size_t)n);
    assay_free(big);
}

void
ro_html(struct report_out *o, const char *s)
{
    if (o->rc == ASSAY_OK)
        o->rc = report_html(o->out, s);
}

void
ro_md(struct report_out *o, const char *s)
{
    if (o->rc == ASSAY_OK)
        o->rc = report_md(o->out, s);
}

void
ro_csv(struct report_out *o, const char *s)
{
    if (o->rc == ASSAY_OK)
        o->rc = report_csv(o->out, s);
}
