/* SPDX-License-Identifier: Apache-2.0 */
/* Small string helpers used across libassay. */
#include "assay_config.h"

#include <string.h>

#include "core_private.h"

int
assay_strcmp_null(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

bool
assay_str_starts(const char *s, const char *x)
{
    return strncmp(s, x, strlen(x)) == 0;
}

bool
assay_chain_under(const char *c, const char *under)
{
    size_t n = strlen(under);

    return c != NULL && strncmp(c, under, n) == 0 &&
           (c[n] == '\0' || strncmp(c + n, " > ", 3) == 0);
}

bool
assay_str_ends(const char *s, const char *x)
{
    size_t ls = strlen(s), lx = strlen(x);

    return ls >= lx && memcmp(s + ls - lx, x, lx) == 0;
}

bool
assay_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;

    if (s == NULL || *s == '\0')
        return false;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9')
            return false;
        if (assay_mul_ovf(v, 10, &v) ||
            assay_add_ovf(v, (uint64_t)(*s - '0'), &v))
            return false;
    }
    if (v < min || v > max)
        return false;
    *out = v;
    return true;
}

void
assay_hex(const uint8_t *p, size_t len, char *out)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * len] = '\0';
}
