/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: CoAP response, mDNS/DNS answer and DTLS first-answer
 * readers. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "probe/probe_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    const uint8_t *pl;
    size_t pll;
    uint8_t code;
    char names[400];

    if (len >= 4 &&
        coap_response_parse(
            data, len, assay_be16(data + 2), &code, &pl, &pll) &&
        pl != NULL && pl + pll != data + len)
        __builtin_trap();
    if (mdns_answer_names(data, len, names, sizeof(names)) >= 0 &&
        memchr(names, '\0', sizeof(names)) == NULL)
        __builtin_trap();
    (void)dtls_answer_kind(data, len);
    return 0;
}
