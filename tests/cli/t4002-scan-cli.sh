#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The scan command line: list checks, explain, --only/--skip, --fail-on,
# exit codes, and --ics (undeclared services) on a built image.
. "$(dirname "$0")/lib.sh"
for tool in mksquashfs openssl ssh-keygen dropbearkey jq; do
    command -v $tool > /dev/null || skip "$tool not installed"
done
"$ASSAY_SRC/tests/data/gen/mkrootfs-checks.sh" "$T_TMP/img" ||
    { fail "generator failed"; finish; }
img=$T_TMP/img/flawed.sqfs

expect_exit 0 "$ASSAY" list checks && grep -q '^FW-CRED-001 .*critical' "$T_TMP/out" &&
    ok "list checks" || fail "list checks"
n_checks=$(wc -l < "$T_TMP/out")
n_docs=$(ls "$ASSAY_SRC"/docs/checks/*.md | wc -l)
[ "$n_checks" -eq "$n_docs" ] && ok "one page per check" ||
    fail "$n_checks checks but $n_docs pages"
expect_exit 0 "$ASSAY" explain fw-svc-002 && grep -q '^id: FW-SVC-002$' "$T_TMP/out" &&
    ok "explain" || fail "explain"
expect_exit 2 "$ASSAY" explain FW-NOPE-999 && ok "explain unknown id"
expect_exit 2 "$ASSAY" scan --only FW-NOPE-1 "$img" &&
    grep -q "unknown check 'FW-NOPE-1'" "$T_TMP/err" && ok "unknown --only id"
expect_exit 2 "$ASSAY" scan --fail-on severe "$img" && ok "bad --fail-on"
expect_exit 2 "$ASSAY" scan && ok "missing image"
expect_exit 3 "$ASSAY" scan "$T_TMP/absent.bin" && ok "unreadable image"

expect_exit 1 "$ASSAY" scan --format json --only 'FW-SEC-*' "$img"
jq -e '[.findings[].check | select(startswith("FW-SEC-") | not)] | length == 0' \
    "$T_TMP/out" > /dev/null && ok "--only prefix" || fail "--only let others run"
expect_exit 1 "$ASSAY" scan --format json --skip FW-CRED-001,FW-SEC-001 "$img"
jq -e '[.findings[].check | select(. == "FW-CRED-001" or . == "FW-SEC-001")] | length == 0' \
    "$T_TMP/out" > /dev/null && ok "--skip" || fail "--skip ignored"
# Only medium findings: --fail-on high passes, --fail-on medium fails.
expect_exit 0 "$ASSAY" scan --only FW-CRED-004 --fail-on high "$img" &&
    ok "--fail-on above the findings exits 0"
expect_exit 1 "$ASSAY" scan --only FW-CRED-004 --fail-on medium "$img" &&
    ok "--fail-on at the findings exits 1"
expect_exit 2 "$ASSAY" scan --crack-seconds x "$img" && ok "bad --crack-seconds"
printf 'standard: "2.1.1"\nproducts: x\n' > "$T_TMP/bad.yaml"
expect_exit 3 "$ASSAY" scan --ics "$T_TMP/bad.yaml" "$img" &&
    grep -q "unknown key 'products'" "$T_TMP/err" && ok "invalid statement"
expect_exit 3 "$ASSAY" scan --ics "$T_TMP/absent.yaml" "$img" &&
    ok "unreadable statement"

# --ics: the example statement declares httpd and rtspd only, so the clean
# image's dropbear and lighttpd are undeclared (TS 103 701 5.6-1-2b) ...
ics=$ASSAY_SRC/examples/acme-cam.ics.yaml
clean=$T_TMP/img/clean.tar.gz
"$ASSAY" scan --format json --ics "$ics" "$clean" > "$T_TMP/ics.json" 2> /dev/null
jq -e '[.findings[] | select(.check == "FW-SVC-004") | .evidence] |
        (map(test("dropbear")) | any) and (map(test("lighttpd")) | any)' \
    "$T_TMP/ics.json" > /dev/null && ok "undeclared services found" ||
    fail "undeclared services not found"
jq -e ".provisions | length > 0" "$T_TMP/ics.json" > /dev/null &&
    ok "ICS verdicts added" || fail "no verdicts"
# ... and once declared, they are not.
sed 's|^    - {name: rtspd,|    - {name: dropbear, binary: /usr/sbin/dropbear, status: enabled}\n    - {name: lighttpd, status: enabled}\n&|' \
    "$ics" > "$T_TMP/declared.yaml"
"$ASSAY" scan --format json --ics "$T_TMP/declared.yaml" "$clean" > "$T_TMP/ics2.json" 2> /dev/null
jq -e '[.findings[] | select(.check == "FW-SVC-004")] | length == 0' \
    "$T_TMP/ics2.json" > /dev/null && ok "declared services accepted" ||
    fail "declared services still reported"
# Sensing hardware: info alone, a finding when the statement does not
# document sensors, info again once it does.
"$ASSAY" scan --format json --only FW-EVD-004 "$img" > "$T_TMP/s0.json" 2> /dev/null
jq -e '[.findings[] | select(.check == "FW-EVD-004")] | length == 1 and
        .[0].severity == "info"' "$T_TMP/s0.json" > /dev/null &&
    ok "camera driver noted (info)" || fail "camera driver not noted"
"$ASSAY" scan --format json --only FW-EVD-004 --ics "$ics" "$img" > "$T_TMP/s1.json" 2> /dev/null
jq -e '[.findings[] | select(.check == "FW-EVD-004" and .severity == "low" and
        (.title | test("^undeclared")))] | length == 1' "$T_TMP/s1.json" > /dev/null &&
    ok "undocumented sensor is a finding with --ics" ||
    fail "undocumented sensor not reported"
sed 's|^    model_designation: .*|&\n    sensors: "camera (USB video), see the manual section 4"|' \
    "$ics" > "$T_TMP/sensors.yaml"
"$ASSAY" scan --format json --only FW-EVD-004 --ics "$T_TMP/sensors.yaml" "$img" \
    > "$T_TMP/s2.json" 2> /dev/null
jq -e '[.findings[] | select(.check == "FW-EVD-004")] | length == 1 and
        .[0].severity == "info"' "$T_TMP/s2.json" > /dev/null &&
    ok "documented sensor stays info" || fail "documented sensor reported"
# assay assess --image uses the scan as its image evidence source:
# coverage for every provision the checks cover, and the undeclared
# services make 5.6-1 FAIL while the clean credentials let 5.1-1 pass.
"$ASSAY" assess --ics "$ics" --image "$clean" --format json \
    -o "$T_TMP/assess.json" 2> /dev/null
jq -e '(.coverage | map(.check) | index("FW-CRED-001") != null) and
        ([.provisions[] | select(.id == "5.6-1")][0].verdict == "FAIL") and
        ([.provisions[] | select(.id == "5.1-1")][0].verdict == "PASS")' \
    "$T_TMP/assess.json" > /dev/null && ok "assess --image: coverage and verdicts" ||
    fail "assess --image verdicts"
finish
