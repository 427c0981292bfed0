/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CPE 2.3 formatted strings (NISTIR 7695 section 6.2): 13 ':'-separated
 * fields with '\' escapes; and the alias table lookup.
 */
#include "assay_config.h"

#include <string.h>
#include <strings.h>

#include "vulndb_private.h"

bool
vulndb_cpe_wild(const char *v)
{
    return v == NULL || v[0] == '\0' || strcmp(v, "*") == 0 ||
           strcmp(v, "-") == 0;
}

bool
vulndb_cpe_parse(const char *s, struct cpe *out)
{
    const char *fields[13];
    size_t nf = 0, o = 0;

    memset(out, 0, sizeof(*out));
    if (strncmp(s, "cpe:2.3:", 8) != 0)
        return false;
    fields[nf++] = out->buf;
    for (const char *p = s; *p != '\0'; p++) {
        if (o + 2 >= sizeof(out->buf))
            return false;
        if (*p == '\\' && p[1] != '\0') {
            out->buf[o++] = *++p;
        } else if (*p == ':') {
            out->buf[o++] = '\0';
            if (nf == 13)
                return false;
            fields[nf++] = out->buf + o;
        } else {
            out->buf[o++] = *p;
        }
    }
    out->buf[o] = '\0';
    if (nf != 13)
        return false;
    out->part = fields[2];
    out->vendor = fields[3];
    out->product = fields[4];
    out->version = fields[5];
    out->update = fields[6];
    out->target_hw = fields[11];
    return out->part[0] != '\0' && out->vendor[0] != '\0' &&
           out->product[0] != '\0';
}

struct alias_row {
    const char *va, *pa, *vb, *pb;
};

static const struct alias_row alias_rows[] = {
#define VULNDB_ALIAS(va, pa, vb, pb) {va, pa, vb, pb},
#include "aliases.def"
#undef VULNDB_ALIAS
};

void
vulndb_aliases(const char *vendor, const char *product,
    void (*fn)(void *ctx, const char *vendor, const char *product), void *ctx)
{
    fn(ctx, vendor, product);
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(alias_rows); i++) {
        const struct alias_row *r = &alias_rows[i];

        if (strcasecmp(r->va, vendor) == 0 && strcasecmp(r->pa, product) == 0)
            fn(ctx, r->vb, r->pb);
        else if (strcasecmp(r->vb, vendor) == 0 &&
                 strcasecmp(r->pb, product) == 0)
            fn(ctx, r->va, r->pa);
    }
}
