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
finish
