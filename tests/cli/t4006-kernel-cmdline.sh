#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# FW-DBG-003: a kernel image's built-in command line. Built here: a
# "kernel" (Debian executables as filler, the "Linux version" banner and
# a NUL-delimited command line, as CONFIG_CMDLINE leaves it in .init.data)
# compressed with lzma and wrapped in a uImage by mkimage. A serial
# console is reported with the command line as evidence; the screen
# console (tty1) is not, nor a "console=ttyS0" in prose, nor one in a
# string longer than a command line (1 KiB), nor a command line in a
# file without the kernel banner.
. "$(dirname "$0")/lib.sh"
for t in mkimage lzma jq; do
    command -v "$t" >/dev/null || skip "$t is not installed"
done
mkkernel() { # mkkernel OUT BANNER CMDLINE
    {
        head -c 400000 /usr/bin/bash
        printf '\0%s\0' "$2"
        head -c 5000 /usr/bin/cp
        printf '\0%s\0' "$3"
        head -c 5000 /usr/bin/mv
    } > "$T_TMP/Image"
    lzma -c < "$T_TMP/Image" > "$T_TMP/Image.lzma"
    mkimage -A mips -O linux -T kernel -C lzma -a 0x80002000 -e 0x80002000 \
        -n "Linux-4.14" -d "$T_TMP/Image.lzma" "$1" > /dev/null || fail "mkimage"
}
banner='Linux version 4.14.180 (builder@acme) (gcc version 8.4.0) #1 Sat Jun 6 2020'
scan() { # scan NAME: findings of FW-DBG-003 into NAME.json
    "$ASSAY" scan "$T_TMP/$1.img" --only FW-DBG-003 --format json \
        -o "$T_TMP/$1.json" 2>/dev/null
}
mkkernel "$T_TMP/serial.img" "$banner" "console=ttyS0,115200 root=/dev/mtdblock2 rootfstype=squashfs"
mkkernel "$T_TMP/screen.img" "$banner" "console=tty1 root=/dev/mtdblock2 quiet"
mkkernel "$T_TMP/prose.img" "$banner" "use console=ttyS0 to see the boot messages on the serial port"
mkkernel "$T_TMP/long.img" "$banner" "$(printf 'a=b console=ttyS0 %.0s' $(seq 1 100))"
mkkernel "$T_TMP/nobanner.img" "Linux-ish blob" "console=ttyS0,115200 root=/dev/mtdblock2"
for v in serial screen prose long nobanner; do scan "$v"; done
jq -e '[.findings[] | select(.check == "FW-DBG-003")] | length == 1 and
       .[0].severity == "low" and (.[0].provisions | index("5.6-4") != null) and
       .[0].evidence == "kernel built-in command line: console=ttyS0,115200 root=/dev/mtdblock2 rootfstype=squashfs" and
       (.[0].container | test("uimage@0x0 > .*lzma"))' \
    "$T_TMP/serial.json" > /dev/null && ok "serial console in a kernel command line reported" ||
    fail "serial: $(jq -c .findings "$T_TMP/serial.json")"
for v in screen prose long nobanner; do
    jq -e '[.findings[] | select(.check == "FW-DBG-003")] | length == 0' \
        "$T_TMP/$v.json" > /dev/null && ok "$v: not reported" ||
        fail "$v: $(jq -c .findings "$T_TMP/$v.json")"
done
finish
