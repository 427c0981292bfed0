/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CVSS v3.0/v3.1 base score from a vector string (OSV records carry the
 * vector, not the score). Formulas and weights from the CVSS v3.1
 * specification, section 7; Roundup as its Appendix A defines it, which
 * avoids floating-point surprises such as 4.000001 -> 4.1.
 */
#include "assay_config.h"

#include <math.h>
#include <string.h>

#include "vulndb_private.h"

/* Weight of metric 'key' with value 'v' (scope-changed variant for PR). */
static double
cvss_weight(const char *key, char v, bool changed)
{
    if (strcmp(key, "AV") == 0)
        return v == 'N'   ? 0.85
               : v == 'A' ? 0.62
               : v == 'L' ? 0.55
               : v == 'P' ? 0.2
                          : -1;
    if (strcmp(key, "AC") == 0)
        return v == 'L' ? 0.77 : v == 'H' ? 0.44 : -1;
    if (strcmp(key, "PR") == 0)
        return v == 'N'   ? 0.85
               : v == 'L' ? (changed ? 0.68 : 0.62)
               : v == 'H' ? (changed ? 0.5 : 0.27)
                          : -1;
    if (strcmp(key, "UI") == 0)
        return v == 'N' ? 0.85 : v == 'R' ? 0.62 : -1;
    /* C, I, A */
    return v == 'H' ? 0.56 : v == 'L' ? 0.22 : v == 'N' ? 0 : -1;
}

static double
cvss_roundup(double x)
{
    long in = lround(x * 100000.0);

    if (in % 10000 == 0)
        return (double)in / 100000.0;
    return (double)(in / 10000 + 1) / 10.0;
}

double
vulndb_cvss3_score(const char *vector)
{
    static const char *const keys[] = {
        "AV", "AC", "PR", "UI", "S", "C", "I", "A"};
    char val[8] = {0};
    const char *p;
    double w[8], iss, impact, expl;
    bool changed;

    if (vector == NULL || strncmp(vector, "CVSS:3.", 7) != 0)
        return -1;
    for (p = strchr(vector, '/'); p != NULL; p = strchr(p + 1, '/')) {
        for (size_t k = 0; k < ASSAY_ARRAY_LEN(keys); k++) {
            size_t n = strlen(keys[k]);

            if (strncmp(p + 1, keys[k], n) == 0 && p[1 + n] == ':' &&
                p[2 + n] != '\0')
                val[k] = p[2 + n];
        }
    }
    for (size_t k = 0; k < ASSAY_ARRAY_LEN(keys); k++)
        if (val[k] == 0)
            return -1;
    if (val[4] != 'U' && val[4] != 'C')
        return -1;
    changed = val[4] == 'C';
    for (size_t k = 0; k < ASSAY_ARRAY_LEN(keys); k++) {
        if (k == 4)
            continue;
        w[k] = cvss_weight(keys[k], val[k], changed);
        if (w[k] < 0)
            return -1;
    }
    iss = 1 - (1 - w[5]) * (1 - w[6]) * (1 - w[7]);
    impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15)
                     : 6.42 * iss;
    expl = 8.22 * w[0] * w[1] * w[2] * w[3];
    if (impact <= 0)
        return 0;
    return changed ? cvss_roundup(fmin(1.08 * (impact + expl), 10))
                   : cvss_roundup(fmin(impact + expl, 10));
}
