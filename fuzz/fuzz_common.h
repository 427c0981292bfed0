/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the libFuzzer targets: pieces every target needs alike. */
#ifndef ASSAY_FUZZ_COMMON_H
#define ASSAY_FUZZ_COMMON_H

#include <stddef.h>

#include "assay/status.h"

/* An assay_sink_fn that drops what a writer produces. */
static inline enum assay_status
fuzz_discard(void *ctx, const void *data, size_t len)
{
    (void)ctx;
    (void)data;
    (void)len;
    return ASSAY_OK;
}

#endif /* ASSAY_FUZZ_COMMON_H */
