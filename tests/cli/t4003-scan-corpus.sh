#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# assay scan on the real corpus: the TP-Link WR841N root password
# 'sohoadmin' (MD5-crypt in /etc/shadow of its SquashFS) under 5.1-1, and
# the serial console built into its kernel's command line (FW-DBG-003), and
# the empty root passwords of the EMUX root file systems (tar.bz2). Skips
# when the corpus is absent or the engine cannot open an input.
. "$(dirname "$0")/lib.sh"
real=$ASSAY_SHARED/corpus/real
[ -d "$real" ] || skip "corpus absent ($real)"
command -v jq > /dev/null || skip "jq not installed"

wr=$real/vendor/tplink_tl-wr841n_v10_3.16.9_150310_up_boot.bin
if [ -f "$wr" ]; then
    "$ASSAY" scan --format json "$wr" > "$T_TMP/wr.json" 2> "$T_TMP/err"
    [ $? -eq 1 ] || fail "WR841N scan did not exit 1"
    jq -e '[.findings[] | select(.check == "FW-CRED-001" and
            .path == "/etc/shadow" and
            (.evidence | test("account .root. has password .sohoadmin.")) and
            (.provisions | index("5.1-1") != null) and
            .severity == "critical")] | length == 1' "$T_TMP/wr.json" > /dev/null &&
        ok "WR841N root/sohoadmin under 5.1-1" ||
        fail "WR841N root password not found"
    # Its LZMA kernel, once decoded, has a serial console built in.
    jq -e '[.findings[] | select(.check == "FW-DBG-003" and
            (.container | endswith("kernel > lzma@0x0")) and
            (.evidence | startswith("kernel built-in command line: console=ttyS0,115200 root=31:2 rootfstype=squashfs init=/sbin/init")) and
            (.provisions | index("5.6-4") != null) and
            .severity == "low")] | length == 1' "$T_TMP/wr.json" > /dev/null &&
        ok "WR841N kernel command line: serial console under 5.6-4" ||
        fail "WR841N kernel command line not reported"
fi

skipped=0
for f in "$real"/rootfs/emux_*.tar.bz2; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    if ! "$ASSAY" ls "$f" 2> /dev/null | grep -q '/etc/shadow$'; then
        echo "skipped: $name: the unpacking engine cannot open it yet"
        skipped=$((skipped + 1))
        continue
    fi
    "$ASSAY" scan --format json --only FW-CRED-002 "$f" > "$T_TMP/e.json" 2> /dev/null
    jq -e '[.findings[] | select(.check == "FW-CRED-002" and
            (.path | endswith("/etc/shadow") or endswith("/etc/passwd")) and
            (.evidence | test("account .root. has an empty")))] | length >= 1' \
        "$T_TMP/e.json" > /dev/null && ok "$name: empty root password" ||
        fail "$name: empty root password not found"
done
[ "$T_FAILED" -eq 0 ] && [ "$skipped" -gt 0 ] && [ ! -f "$wr" ] &&
    skip "no input could be opened"
finish
