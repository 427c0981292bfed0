/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for secret detection: the Hyperscan pass and every
 * confirmation step behind it (PEM keys and certificates through
 * OpenSSL, the OpenSSH and dropbear key readers, DER/PKCS#12 keys).
 */
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

#include "check/secrets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    struct assay_session *s = assay_session_new(NULL);
    struct secret_hit *h;
    size_t n;
    char what[256];

    if (s == NULL)
        return 0;
    (void)secret_scan(s, data, len, true, &h, &n);
    (void)secret_key_file(data, len, what, sizeof(what));
    (void)secret_openssh_key((const char *)data, len, what, sizeof(what));
    assay_session_free(s);
    return 0;
}
