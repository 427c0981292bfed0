#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Static and live evidence for one product merge into one report and one
# verdict table: `assay assess --image IMG --device HOST --ics FILE`, with
# a flawed image the suite builds and the insecure reference device on
# its usual ports in a network namespace this test creates.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

need mksquashfs
need jq
bash "$ASSAY_SRC/tests/data/gen/mkrootfs-checks.sh" "$T/img" >"$T/gen.log" 2>&1 ||
    skip "cannot build the test image: $(tail -3 "$T/gen.log")"
netns_refdev assess 204 --profile insecure

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
