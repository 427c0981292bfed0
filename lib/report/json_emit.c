/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small streaming JSON writer shared by the JSON, SARIF and CycloneDX
 * writers. Output is pretty-printed with a fixed layout so that golden
 * tests can compare bytes. Strings from firmware are arbitrary bytes: the
 * escaper emits valid UTF-8 only, replacing each invalid sequence with
 * U+FFFD, and escapes control characters.
 */
#include "assay_config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report_private.h"

#define JSON_MAX_DEPTH 63

static void
json_put(struct json_emit *j, const char *s, size_t n)
{
    if (j->rc == ASSAY_OK)
        j->rc = assay_buf_append(j->out, s, n);
}

static void
json_indent(struct json_emit *j)
{
    static const char spaces[] = "                                        ";

    json_put(j, "\n", 1);
    for (unsigned i = 0; i < j->depth; i++)
        json_put(j, spaces, 2);
}

/* Separator and indentation before a value or a key. */
static void
json_pre(struct json_emit *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth == 0)
        return;
    if (!j->first[j->depth])
        json_put(j, ",", 1);
    j->first[j->depth] = false;
    json_indent(j);
}

void
json_init(struct json_emit *j, struct assay_buf *out)
{
    memset(j, 0, sizeof(*j));
    j->out = out;
    j->rc = ASSAY_OK;
}

static void
json_open(struct json_emit *j, char c)
{
    json_pre(j);
    json_put(j, &c, 1);
    if (j->depth >= JSON_MAX_DEPTH) {
        if (j->rc == ASSAY_OK)
            j->rc = ASSAY_E_LIMIT;
        return;
    }
    j->depth++;
    j->first[j->depth] = true;
}

static void
json_close(struct json_emit *j, char c)
{
    bool empty;

    if (j->depth == 0) {
        if (j->rc == ASSAY_OK)
            j->rc = ASSAY_E_INTERNAL;
        return;
    }
    empty = j->first[j->depth];
    j->depth--;
    if (!empty)
        json_indent(j);
    json_put(j, &c, 1);
}

void
json_obj_begin(struct json_emit *j)
{
    json_open(j, '{');
}

void
json_obj_end(struct json_emit *j)
{
    json_close(j, '}');
}

void
json_arr_begin(struct json_emit *j)
{
    json_open(j, '[');
}

void
json_arr_end(struct json_emit *j)
{
    json_close(j, ']');
}

size_t
report_utf8_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t len;
    uint32_t cp;

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4, cp = c & 0x07;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

enum assay_status
json_escape(struct assay_buf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    enum assay_status rc = ASSAY_OK;
    size_t i = 0, run = 0;

    while (i < n && rc == ASSAY_OK) {
        unsigned char c = p[i];
        size_t len;
        char esc[8];

        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            i++;
            run++;
            continue;
        }
        if (run > 0) {
            rc = assay_buf_append(out, (const char *)p + i - run, run);
            run = 0;
            if (rc != ASSAY_OK)
                break;
        }
        if (c >= 0x80) {
            len = report_utf8_len(p + i, n - i);
            if (len == 0) {
                rc = assay_buf_append(out, "\xef\xbf\xbd", 3);
                i++;
            } else {
                rc = assay_buf_append(out, (const char *)p + i, len);
                i += len;
            }
            continue;
        }
        switch (c) {
        case '"':
            rc = assay_buf_append(out, "\\\"", 2);
            break;
        case '\\':
            rc = assay_buf_append(out, "\\\\", 2);
            break;
        case '\n':
            rc = assay_buf_append(out, "\\n", 2);
            break;
        case '\r':
            rc = assay_buf_append(out, "\\r", 2);
            break;
        case '\t':
            rc = assay_buf_append(out, "\\t", 2);
            break;
        default:
            snprintf(esc, sizeof(esc), "\\u%04x", c);
            rc = assay_buf_append(out, esc, 6);
            break;
        }
        i++;
    }
    if (rc == ASSAY_OK && run > 0)
        rc = assay_buf_append(out, (const char *)p + i - run, run);
    return rc;
}

void
json_strn(struct json_emit *j, const char *s, size_t n)
{
    json_pre(j);
    json_put(j, "\"", 1);
    if (j->rc == ASSAY_OK)
        j->rc = json_escape(j->out, s, n);
    json_put(j, "\"", 1);
}

void
json_str(struct json_emit *j, const char *s)
{
    if (s == NULL) {
        json_null(j);
        return;
    }
    json_strn(j, s, strlen(s));
}

void
json_key(struct json_emit *j, const char *key)
{
    json_pre(j);
    json_put(j, "\"", 1);
    if (j->rc == ASSAY_OK)
        j->rc = json_escape(j->out, key, strlen(key));
    json_put(j, "\": ", 3);
    j->after_key = true;
}

void
json_int(struct json_emit *j, int64_t v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof(tmp), "%" PRId64, v);

    json_pre(j);
    json_put(j, tmp, (size_t)n);
}

void
json_uint(struct json_emit *j, uint64_t v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof(tmp), "%" PRIu64, v);

    json_pre(j);
    json_put(j, tmp, (size_t)n);
}

void
json_bool(struct json_emit *j, bool v)
{
    json_pre(j);
    json_put(j, v ? "true" : "false", v ? 4 : 5);
}

void
json_null(struct json_emit *j)
{
    json_pre(j);
    json_put(j, "null", 4);
}

void
json_kv_str(struct json_emit *j, const char *key, const char *s)
{
    json_key(j, key);
    json_str(j, s);
}

void
json_kv_str_opt(struct json_emit *j, const char *key, const char *s)
{
    if (s != NULL)
        json_kv_str(j, key, s);
}

void
json_kv_int(struct json_emit *j, const char *key, int64_t v)
{
    json_key(j, key);
    json_int(j, v);
}

void
json_kv_uint(struct json_emit *j, const char *key, uint64_t v)
{
    json_key(j, key);
    json_uint(j, v);
}

void
json_kv_bool(struct json_emit *j, const char *key, bool v)
{
    json_key(j, key);
    json_bool(j, v);
}

void
json_kv_cvss(struct json_emit *j, const char *key, double v)
{
    char tmp[16];
    int n;

    if (v < 0.0 || v > 10.0)
        v = 0.0;
    n = snprintf(tmp, sizeof(tmp), "%.1f", v);
    json_key(j, key);
    json_pre(j);
    json_put(j, tmp, (size_t)n);
}

enum assay_status
json_finish(struct json_emit *j)
{
    if (j->depth != 0 && j->rc == ASSAY_OK)
        j->rc = ASSAY_E_INTERNAL;
    json_put(j, "\n", 1);
    return j->rc;
}
