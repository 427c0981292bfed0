#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# A serial login prompt is an interface the IXIT must declare (TS 103 701
# 5.6-4, table 15-Intf): with a statement that declares no debug or
# serial interface, FW-DBG-002 adds an "undeclared debug interface"
# finding; once the UART is declared, only the inventory-level finding
# remains; without a statement there is nothing to compare.
. "$(dirname "$0")/lib.sh"
command -v mksquashfs >/dev/null || skip "mksquashfs is not installed"
command -v jq >/dev/null || skip "jq is not installed"
r="$T_TMP/root"
mkdir -p "$r/etc" "$r/sbin"
printf '::sysinit:/etc/init.d/rcS\nttyS0::respawn:/sbin/getty -L ttyS0 115200 vt100\n' >"$r/etc/inittab"
mksquashfs "$r" "$T_TMP/fw.sqfs" -quiet -noappend -all-root >/dev/null || fail "mksquashfs"
"$ASSAY" ics init >"$T_TMP/none.yaml"
sed 's|^  interfaces: \[\] .*|  interfaces:\n    - {name: uart, kind: physical, protocol: uart, debug: yes, status: enabled}|' \
    "$T_TMP/none.yaml" >"$T_TMP/uart.yaml"
grep -q 'name: uart' "$T_TMP/uart.yaml" || fail "could not declare the UART"
count() { # count FILE TITLE-REGEX
    jq --arg re "$2" '[.findings[] | select(.check == "FW-DBG-002" and (.title | test($re)))] | length' "$1"
}
"$ASSAY" scan "$T_TMP/fw.sqfs" --only FW-DBG-002 --format json -o "$T_TMP/a.json" 2>/dev/null
[ "$(count "$T_TMP/a.json" '^login prompt')" = 1 ] && [ "$(count "$T_TMP/a.json" '^undeclared')" = 0 ] &&
    ok "serial login noted without a statement" || fail "without a statement: $(jq -c .findings "$T_TMP/a.json")"
"$ASSAY" scan "$T_TMP/fw.sqfs" --only FW-DBG-002 --ics "$T_TMP/none.yaml" --format json -o "$T_TMP/b.json" 2>/dev/null
[ "$(count "$T_TMP/b.json" '^undeclared debug interface')" = 1 ] &&
    jq -e '[.findings[] | select(.title | test("^undeclared")) | .severity] == ["medium"]' "$T_TMP/b.json" >/dev/null &&
    ok "undeclared serial console is a finding" || fail "undeclared: $(jq -c .findings "$T_TMP/b.json")"
"$ASSAY" scan "$T_TMP/fw.sqfs" --only FW-DBG-002 --ics "$T_TMP/uart.yaml" --format json -o "$T_TMP/c.json" 2>/dev/null
[ "$(count "$T_TMP/c.json" '^undeclared')" = 0 ] && [ "$(count "$T_TMP/c.json" '^login prompt')" = 1 ] &&
    ok "declared UART accepted" || fail "declared: $(jq -c .findings "$T_TMP/c.json")"
finish
