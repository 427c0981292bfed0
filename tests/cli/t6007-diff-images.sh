#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# assay diff between two versions of a firmware image the test builds:
# version 2 fixes the universal default password, keeps telnetd started
# at boot, and adds a private key. The diff reports exactly that: the
# default-password findings fixed, the key added, the telnet findings
# unchanged (although image names and file offsets differ), and the
# verdicts that follow.
set -u
for t in jq mksquashfs openssl; do
    command -v "$t" >/dev/null || { echo "skip: $t is not installed"; exit 77; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mk() { # mk DIR: the common part of both versions
    mkdir -p "$1/etc/init.d" "$1/bin" "$1/etc/ssl/private"
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$1/etc/passwd"
    printf '::sysinit:/etc/init.d/rcS\n::respawn:/usr/sbin/telnetd -F\n' >"$1/etc/inittab"
}
mk "$T/v1"
mk "$T/v2"
printf 'root:%s:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n' \
    "$(openssl passwd -1 -salt abcdefgh admin)" >"$T/v1/etc/shadow"
printf 'root:!:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n' >"$T/v2/etc/shadow"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$T/v2/etc/ssl/private/device.key" 2>/dev/null || fail "openssl genpkey"
# version 2 is larger in front of its file system: offsets move
head -c 8192 /dev/zero >"$T/pad"
mksquashfs "$T/v1" "$T/v1.sqfs" -quiet -noappend -all-root >/dev/null || fail "mksquashfs"
mksquashfs "$T/v2" "$T/v2.sqfs" -quiet -noappend -all-root >/dev/null || fail "mksquashfs"
cat "$T/pad" "$T/v1.sqfs" >"$T/fw-1.0.bin"
cat "$T/pad" "$T/pad" "$T/v2.sqfs" >"$T/fw-1.1.bin"

"$ASSAY" ics init >"$T/ics.yaml" || fail "ics init"
for v in 1.0 1.1; do
    "$ASSAY" assess --image "$T/fw-$v.bin" --ics "$T/ics.yaml" --format json \
        -o "$T/r-$v.json" 2>/dev/null
    [ -s "$T/r-$v.json" ] || fail "no report for $v"
done
rc=0
"$ASSAY" diff "$T/r-1.0.json" "$T/r-1.1.json" --format json -o "$T/d.json" || rc=$?
[ "$rc" = 1 ] || fail "diff exit $rc, want 1 (changes)"
jq -e '[.added[].check] == ["FW-SEC-001"]' "$T/d.json" >/dev/null ||
    fail "added: $(jq -c '[.added[].check]' "$T/d.json")"
jq -e '[.added[].path] == ["/etc/ssl/private/device.key"]' "$T/d.json" >/dev/null || fail "added path"
jq -e '[.fixed[].check] | sort == ["FW-CRED-001", "FW-CRED-004"]' "$T/d.json" >/dev/null ||
    fail "fixed: $(jq -c '[.fixed[].check]' "$T/d.json")"
jq -e '[.fixed[].path] | unique == ["/etc/shadow"]' "$T/d.json" >/dev/null || fail "fixed path"
# telnetd findings are the same in both, whatever the image names and
# offsets: none of them is added or fixed
jq -e '[(.added + .fixed)[] | select(.path == "/etc/inittab")] | length == 0' "$T/d.json" >/dev/null ||
    fail "unchanged telnet findings reported as changed"
jq -e '.summary.unchanged >= 2' "$T/d.json" >/dev/null || fail "unchanged count"
jq -e '[.verdicts[] | select(.id == "5.1-1")][0] | .old == "FAIL" and .new != "FAIL"' "$T/d.json" >/dev/null ||
    fail "5.1-1 verdict change"
jq -e '[.verdicts[] | select(.id == "5.4-3")][0] | .new == "FAIL"' "$T/d.json" >/dev/null ||
    fail "5.4-3 verdict change"
# the same report twice: no change, exit 0
"$ASSAY" diff "$T/r-1.1.json" "$T/r-1.1.json" >/dev/null || fail "identical reports differ"
echo ok
