/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Version comparison for vulnerability ranges.
 *
 * One ordering serves upstream versions ("2012.55", "1.0.2k", "3.16.9")
 * and Debian package versions ("1:2.90-4~deb12u2"): an optional numeric
 * epoch, then the upstream part and the revision after the last '-',
 * each compared as alternating runs of non-digits (letters sort before
 * other characters, '~' before everything including the end) and digits
 * (as numbers of any length). This is the ordering Debian policy 5.6.12
 * describes, which also gives the expected answer for plain dotted and
 * lettered upstream versions. A leading 'v' before a digit is ignored
 * ("v10" == "10") because vendors write hardware revisions both ways.
 */
#include "assay_config.h"

#include <ctype.h>
#include <string.h>

#include "vulndb_private.h"

/* Rank of one character in a non-digit run. */
static int
ver_order(int c)
{
    if (c == '~')
        return -1;
    if (c == '\0' || isdigit(c))
        return 0;
    if (isalpha(c))
        return c;
    return c + 256;
}

/* Compare a[0..alen) with b[0..blen) as dpkg compares an upstream part. */
static int
ver_part_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i = 0, j = 0;

    while (i < alen || j < blen) {
        size_t ds, dl, es, el;

        while ((i < alen && !isdigit((unsigned char)a[i])) ||
               (j < blen && !isdigit((unsigned char)b[j]))) {
            int ca = i < alen ? ver_order((unsigned char)a[i]) : 0;
            int cb = j < blen ? ver_order((unsigned char)b[j]) : 0;

            if (ca != cb)
                return ca - cb;
            i++;
            j++;
        }
        while (i < alen && a[i] == '0')
            i++;
        while (j < blen && b[j] == '0')
            j++;
        ds = i;
        while (i < alen && isdigit((unsigned char)a[i]))
            i++;
        es = j;
        while (j < blen && isdigit((unsigned char)b[j]))
            j++;
        dl = i - ds;
        el = j - es;
        if (dl != el)
            return dl < el ? -1 : 1;
        if (dl > 0) {
            int c = memcmp(a + ds, b + es, dl);

            if (c != 0)
                return c;
        }
    }
    return 0;
}

/* Split "epoch:upstream-revision"; no epoch gives 0. */
static void
ver_split(const char *v, unsigned long *epoch, const char **up, size_t *uplen,
    const char **rev, size_t *revlen)
{
    const char *colon = strchr(v, ':');
    const char *dash;

    *epoch = 0;
    if (colon != NULL && colon != v) {
        const char *p = v;

        while (p < colon && isdigit((unsigned char)*p))
            p++;
        if (p == colon) {
            for (p = v; p < colon && *epoch < 100000000ul; p++)
                *epoch = *epoch * 10 + (unsigned long)(*p - '0');
            v = colon + 1;
        }
    }
    if ((v[0] == 'v' || v[0] == 'V') && isdigit((unsigned char)v[1]))
        v++;
    dash = strrchr(v, '-');
    *up = v;
    if (dash != NULL) {
        *uplen = (size_t)(dash - v);
        *rev = dash + 1;
        *revlen = strlen(dash + 1);
    } else {
        *uplen = strlen(v);
        *rev = "";
        *revlen = 0;
    }
}

int
assay_version_compare(const char *a, const char *b)
{
    unsigned long ea, eb;
    const char *ua, *ub, *ra, *rb;
    size_t ula, ulb, rla, rlb;
    int c;

    ver_split(a, &ea, &ua, &ula, &ra, &rla);
    ver_split(b, &eb, &ub, &ulb, &rb, &rlb);
    if (ea != eb)
        return ea < eb ? -1 : 1;
    c = ver_part_cmp(ua, ula, ub, ulb);
    if (c != 0)
        return c;
    return ver_part_cmp(ra, rla, rb, rlb);
}

/* The upstream part of a Debian version ("1:2.90-4" -> "2.90"). */
size_t
vulndb_upstream(const char *v, char *out, size_t cap)
{
    unsigned long epoch;
    const char *up, *rev;
    size_t uplen, revlen;

    ver_split(v, &epoch, &up, &uplen, &rev, &revlen);
    if (uplen >= cap)
        uplen = cap - 1;
    memcpy(out, up, uplen);
    out[uplen] = '\0';
    return uplen;
}
