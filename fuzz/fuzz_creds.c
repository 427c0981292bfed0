/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the credential-store parsers (passwd, shadow,
 * group, htpasswd, htdigest, busybox httpd.conf) and the configuration
 * password scanner: any bytes give a status, never a crash or a leak.
 * The first byte picks nothing; every parser sees the whole input.
 */
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

#include "check/creds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_arena *a;
    struct cred_entry *e;
    struct cred_pair *p;
    size_t n;

    if (s == NULL)
        return 0;
    a = assay_session_arena(s);
    for (int fmt = CRED_FMT_PASSWD; fmt <= CRED_FMT_BBHTTPD; fmt++) {
        if (cred_parse(a, (enum cred_format)fmt, data, len, &e, &n) != ASSAY_OK)
            continue;
        for (size_t i = 0; i < n; i++)
            (void)cred_scheme_of(e[i].secret);
    }
    (void)cred_scan_config(a, data, len, &p, &n);
    assay_session_free(s);
    return 0;
}
