/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: MQTT packet reader and PUBLISH parser over a stream
 * of packets from a broker. */
#include <stddef.h>
#include <stdint.h>

#include "probe/probe_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    struct mqtt_packet pk;
    size_t off = 0;

    while (off < len && mqtt_packet_parse(data + off, len - off, &pk) == 1) {
        const uint8_t *t, *p;
        size_t tl, pl;

        if (mqtt_publish_parse(&pk, &t, &tl, &p, &pl) &&
            (t + tl > data + len || p + pl > data + len))
            __builtin_trap();
        off += pk.total;
    }
    return 0;
}
