/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: telnet negotiation parser on a device's bytes, fed
 * in two pieces as a socket would deliver them. */
#include <stddef.h>
#include <stdint.h>

#include "probe/probe_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    struct assay_buf text, reply;
    size_t cut = len > 0 ? data[0] % (len + 1) : 0, used;

    assay_buf_init(&text, 1u << 16);
    assay_buf_init(&reply, 1u << 16);
    used = telnet_parse(data, cut, &text, &reply);
    if (used <= len)
        (void)telnet_parse(data + used, len - used, &text, &reply);
    assay_buf_release(&text);
    assay_buf_release(&reply);
    return 0;
}
