#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Static and live evidence for one product merge into one report and one
# verdict table: `assay assess --image IMG --device HOST --ics FILE`, with
# a flawed image the suite builds and the insecure reference device on
# its usual ports in a network namespace this test creates.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root to create a network namespace"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
need mksquashfs
need jq
bash "$ASSAY_SRC/tests/data/gen/mkrootfs-checks.sh" "$T/img" >"$T/gen.log" 2>&1 ||
    skip "cannot build the test image: $(tail -3 "$T/gen.log")"

NETNS="assay-assess-$$"
n=$(( ($$ % 16000) * 4 ))
A="10.204.$((n / 256)).$((n % 256 + 1))"
B="10.204.$((n / 256)).$((n % 256 + 2))"
V="aa$$"
ip netns add "$NETNS" 2>/dev/null || skip "cannot create a network namespace"
ip link add "${V}h" type veth peer name "${V}d" 2>/dev/null ||
    skip "cannot create a veth pair"
ip link set "${V}d" netns "$NETNS" &&
ip addr add "$A/30" dev "${V}h" && ip link set "${V}h" up &&
ip netns exec "$NETNS" ip addr add "$B/30" dev "${V}d" &&
ip netns exec "$NETNS" ip link set "${V}d" up &&
ip netns exec "$NETNS" ip link set lo up || fail "cannot set up the veth pair"

ready="$T/ns.ready"
REFDEV_ANY_ADDR=1 ip netns exec "$NETNS" "$ASSAY_BUILD/refdev" \
    --profile insecure --std-ports --bind "$B" --ready "$ready" \
    >"$T/ns.log" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 1 50); do
    [ -s "$ready" ] && grep -q '^pid=' "$ready" && break
    sleep 0.1
done
grep -q '^pid=' "$ready" 2>/dev/null || fail "refdev did not start: $(cat "$T/ns.log")"

"$ASSAY" ics init >"$T/ics.yaml" || fail "ics init"
"$ASSAY" assess --image "$T/img/flawed.sqfs" --device "$B" --ics "$T/ics.yaml" \
    --format json -o "$T/r.json" 2>"$T/err"
rc=$?
ip link del "${V}h" 2>/dev/null
LAST_JSON="$T/r.json"
[ "$rc" = 1 ] || fail "assess exit code $rc, want 1: $(tail -5 "$T/err")"

jq -e '.target.kind == "image"' "$T/r.json" >/dev/null || fail "target is not the image"
jq -e '[.findings[] | select(.source == "static")] | length > 0' "$T/r.json" >/dev/null ||
    fail "no static findings"
jq -e --arg b "$B" '[.findings[] | select(.source == "dynamic" and .container == $b)] | length > 0' \
    "$T/r.json" >/dev/null || fail "no live findings from the device"
jq -e '.provisions | length == 68' "$T/r.json" >/dev/null || fail "not one verdict per provision"
jq -e '[.provisions[].id] | unique | length == 68' "$T/r.json" >/dev/null || fail "duplicate verdicts"
# 5.1-1 fails on both kinds of evidence: a static credential finding and
# the device's accepted default login
jq -e '.provisions[] | select(.id == "5.1-1") | .verdict == "FAIL"' "$T/r.json" >/dev/null ||
    fail "5.1-1 is not FAIL"
jq -e '.provisions[] | select(.id == "5.1-1") | [.basis[] | select(.kind == "finding") | .ref] |
       (any(startswith("FW-")) and any(startswith("NET-")))' "$T/r.json" >/dev/null ||
    fail "5.1-1 does not rest on both static and live findings: $(jq -c '.provisions[] | select(.id == "5.1-1") | .basis' "$T/r.json")"
# live coverage reaches the verdict engine: 5.5-5 fails on the open
# config endpoint the device accepts without credentials
jq -e '.provisions[] | select(.id == "5.5-5") | .verdict == "FAIL"' "$T/r.json" >/dev/null ||
    fail "5.5-5 is not FAIL"
echo "ok"
