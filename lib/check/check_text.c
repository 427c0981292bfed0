/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helpers every check shares that need no tree: a bounded line iterator
 * over file bytes (files in images are untrusted: no terminating NUL,
 * any line length, CR/LF mixes), a text heuristic, path predicates and
 * the clock. Parsers built on these link without the unpacking engine.
 */
#include "assay_config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "check_private.h"

bool
check_line_next(
    const uint8_t *data, size_t len, size_t *pos, struct check_line *l)
{
    size_t start = *pos, end;
    const uint8_t *nl;

    if (data == NULL || start >= len)
        return false;
    nl = memchr(data + start, '\n', len - start);
    end = nl != NULL ? (size_t)(nl - data) : len;
    *pos = nl != NULL ? end + 1 : len;
    l->text = (const char *)data + start;
    l->off = start;
    l->len = end - start;
    if (l->len > 0 && l->text[l->len - 1] == '\r')
        l->len--;
    l->no++;
    return true;
}

size_t
check_reserve(const uint8_t *data, size_t len, size_t per_line, size_t max)
{
    size_t lines = 1;

    for (const uint8_t *p = data, *end = data + len;
         p != NULL && p < end && lines <= max;) {
        p = memchr(p, '\n', (size_t)(end - p));
        if (p != NULL) {
            p++;
            lines++;
        }
    }
    return lines > max / per_line ? max : lines * per_line;
}

bool
check_is_text(const uint8_t *data, size_t len)
{
    size_t n = len < 4096 ? len : 4096, ctl = 0;

    if (data == NULL || n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = data[i];

        if (b == 0)
            return false;
        if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f')
            ctl++;
    }
    return ctl * 32 < n;
}

const char *
check_basename(const char *path)
{
    const char *s = strrchr(path, '/');

    return s != NULL ? s + 1 : path;
}

bool
check_path_in(const char *path, const char *dir)
{
    size_t n = strlen(dir);

    for (const char *p = strstr(path, dir); p != NULL; p = strstr(p + 1, dir)) {
        if (p[n] == '/')
            return true;
    }
    return false;
}

bool
check_memcasestr(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    int lo, up;

    if (n == 0)
        return true;
    lo = tolower((unsigned char)needle[0]);
    up = toupper((unsigned char)needle[0]);
    for (size_t i = 0; i + n <= len; i++) {
        /* the first byte decides almost every position */
        if (hay[i] != lo && hay[i] != up)
            continue;
        if (strncasecmp(hay + i + 1, needle + 1, n - 1) == 0)
            return true;
    }
    return false;
}

char *
check_line_copy(const struct check_line *l, char *buf, size_t size)
{
    size_t a = 0, b = l->len, n;

    while (a < b && isspace((unsigned char)l->text[a]))
        a++;
    while (b > a && isspace((unsigned char)l->text[b - 1]))
        b--;
    n = b - a;
    if (n >= size)
        n = size - 1;
    memcpy(buf, l->text + a, n);
    buf[n] = '\0';
    return buf;
}

double
check_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
