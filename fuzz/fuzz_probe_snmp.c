/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: SNMP v1/v2c response (BER) parser. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "probe/probe_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    struct snmp_answer a;

    if (snmp_response_parse(data, len, &a) &&
        (memchr(a.value, '\0', sizeof(a.value)) == NULL ||
            memchr(a.community, '\0', sizeof(a.community)) == NULL))
        __builtin_trap();
    return 0;
}
