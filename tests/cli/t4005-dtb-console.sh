#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# FW-DBG-001 reads the kernel command line of device trees too: a DTB
# whose /chosen bootargs puts the console on a serial port is reported
# with the bootargs as evidence; one whose console is the screen (tty1)
# is not.
. "$(dirname "$0")/lib.sh"
for t in dtc mksquashfs jq; do
    command -v "$t" >/dev/null || skip "$t is not installed"
done
mkdtb() { # mkdtb OUT BOOTARGS
    printf '/dts-v1/;\n/ {\n\tmodel = "acme,cam1";\n\tchosen { bootargs = "%s"; };\n};\n' "$2" >"$T_TMP/t.dts"
    dtc -I dts -O dtb -o "$1" "$T_TMP/t.dts" 2>/dev/null
}
mkdir -p "$T_TMP/serial/boot" "$T_TMP/screen/boot"
mkdtb "$T_TMP/serial/boot/board.dtb" "root=/dev/mtdblock2 console=ttyS0,115200 rootfstype=squashfs" || fail "dtc"
mkdtb "$T_TMP/screen/boot/board.dtb" "root=/dev/mtdblock2 console=tty1 quiet" || fail "dtc"
for v in serial screen; do
    mksquashfs "$T_TMP/$v" "$T_TMP/$v.sqfs" -quiet -noappend -all-root >/dev/null || fail "mksquashfs"
    "$ASSAY" scan "$T_TMP/$v.sqfs" --only FW-DBG-001 --format json -o "$T_TMP/$v.json" 2>/dev/null
done
jq -e '[.findings[] | select(.title == "kernel console on a serial port")] |
       length == 1 and .[0].path == "/boot/board.dtb" and
       .[0].evidence == "device tree bootargs: root=/dev/mtdblock2 console=ttyS0,115200 rootfstype=squashfs"' \
    "$T_TMP/serial.json" >/dev/null && ok "serial console in a device tree reported" ||
    fail "serial: $(jq -c .findings "$T_TMP/serial.json")"
jq -e '.findings | length == 0' "$T_TMP/screen.json" >/dev/null && ok "screen console not reported" ||
    fail "screen: $(jq -c .findings "$T_TMP/screen.json")"
finish
