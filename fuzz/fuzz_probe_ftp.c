/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: FTP reply parser over a stream of replies. */
#include <stddef.h>
#include <stdint.h>

#include "probe/probe_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    const char *p = (const char *)data;
    size_t off = 0, used;

    while (off < len && ftp_reply_parse(p + off, len - off, &used) > 0) {
        if (used == 0 || used > len - off)
            __builtin_trap();
        off += used;
    }
    return 0;
}
