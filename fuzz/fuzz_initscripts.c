/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the start-up file parsers (inittab, shell
 * scripts, systemd units, inetd, xinetd, crontabs) and the argument
 * lookup the service checks use on what they return.
 */
#include <stddef.h>
#include <stdint.h>

#include "assay/assay.h"

#include "check/initsvc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    struct assay_session *s = assay_session_new(NULL);
    struct svc_cmd *v;
    size_t n;
    char val[64];

    if (s == NULL)
        return 0;
    for (int k = SVC_INITTAB; k <= SVC_CRONTAB; k++) {
        if (svc_parse(assay_session_arena(s), (enum svc_kind)k, data, len, &v,
                &n) != ASSAY_OK)
            continue;
        for (size_t i = 0; i < n; i++) {
            (void)svc_arg(v[i].args, "-l", val, sizeof(val));
            (void)svc_arg(v[i].args, "--exec", val, sizeof(val));
        }
    }
    assay_session_free(s);
    return 0;
}
