/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: SSH server KEXINIT parser. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "probe/probe_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    struct ssh_kexinit kx;

    if (ssh_kexinit_parse(data, len, &kx) &&
        memchr(kx.mac, '\0', sizeof(kx.mac)) == NULL)
        __builtin_trap();
    return 0;
}
