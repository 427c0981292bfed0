#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# assay diff on two judged reports differing by seeded changes: one
# finding fixed, one added, one only moved (new line and offset: the same
# finding), and the verdicts that follow from them.
set -eu
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
D="$ASSAY_SRC/tests/data/verdict"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$ASSAY" ics check "$D/ics.yaml" --quiet --format json -o "$T/base.json" 2>/dev/null || true
jq -f "$D/inject.jq" "$T/base.json" > "$T/scan-old.json"
# New build: the md5-crypt hash is fixed, gdbserver moved, a key appeared.
jq '.findings |= (map(select(.check != "FW-CRYPTO-001"))
      | map(if .check == "FW-MIN-002" then .offset = 4096 | .line = 7 else . end)
      + [{"check": "FW-SECRET-001", "provisions": ["5.4-3"], "severity": "critical",
          "confidence": "high", "title": "private key in the image",
          "path": "/etc/ssl/private/device.key", "container": "cam-1.4.3.bin > squashfs@0x40000",
          "evidence": "-----BEGIN RSA PRIVATE KEY-----"}])' \
    "$T/scan-old.json" > "$T/scan-new.json"
"$ASSAY" assess --ics "$D/ics.yaml" --result "$T/scan-old.json" --format json -o "$T/old.json" 2>/dev/null || true
"$ASSAY" assess --ics "$D/ics.yaml" --result "$T/scan-new.json" --format json -o "$T/new.json" 2>/dev/null || true

rc=0; "$ASSAY" diff "$T/old.json" "$T/new.json" --format json -o "$T/diff.json" || rc=$?
[ "$rc" = 1 ] || fail "diff exit $rc (changes want 1)"
jq -e '.schema == "assay-diff/1"' "$T/diff.json" >/dev/null || fail "schema"
jq -e '.summary == {"added": 1, "fixed": 1, "unchanged": 3, "verdicts_changed": 2}' "$T/diff.json" >/dev/null \
    || { jq .summary "$T/diff.json"; fail "summary"; }
jq -e '[.added[].check] == ["FW-SECRET-001"] and [.fixed[].check] == ["FW-CRYPTO-001"]' "$T/diff.json" >/dev/null || fail "added/fixed"
jq -e '.verdicts == [{"id": "5.1-3", "old": "FAIL", "new": "PASS"}, {"id": "5.4-3", "old": "PASS", "new": "FAIL"}]' "$T/diff.json" >/dev/null \
    || { jq .verdicts "$T/diff.json"; fail "verdict changes"; }

# Text form says the same.
"$ASSAY" diff "$T/old.json" "$T/new.json" > "$T/diff.txt" || true
grep -q '^findings: 1 added, 1 fixed, 3 unchanged$' "$T/diff.txt" || fail "text summary"
grep -q '^+ critical FW-SECRET-001 \[5.4-3\] private key in the image$' "$T/diff.txt" || fail "text added"
grep -q '^- high     FW-CRYPTO-001 \[5.1-3\]' "$T/diff.txt" || fail "text fixed"
grep -q '^  5.4-3: PASS -> FAIL$' "$T/diff.txt" || fail "text verdict"

# A report against itself: no changes, exit 0.
"$ASSAY" diff "$T/old.json" "$T/old.json" --format json -o "$T/same.json" || fail "self diff exit"
jq -e '.summary == {"added": 0, "fixed": 0, "unchanged": 4, "verdicts_changed": 0}' "$T/same.json" >/dev/null || fail "self summary"

# Not a report: exit 3 naming the file.
echo '{"schema": "other/1"}' > "$T/other.json"
rc=0; "$ASSAY" diff "$T/old.json" "$T/other.json" 2>"$T/err" >/dev/null || rc=$?
[ "$rc" = 3 ] || fail "non-report exit $rc"
grep -q 'other.json' "$T/err" || fail "non-report message"
printf '{"schema": "assay-report/1", "findings": [' > "$T/broken.json"
rc=0; "$ASSAY" report "$T/broken.json" 2>"$T/err" >/dev/null || rc=$?
[ "$rc" = 3 ] || fail "broken JSON exit $rc"
grep -q 'broken.json.*not valid JSON' "$T/err" || { cat "$T/err"; fail "broken JSON message"; }
# Damaged members are skipped with a diagnostic; the rest is read.
jq '.findings[0].severity = "urgent" | .findings[1].line = -4' "$T/old.json" > "$T/damaged.json"
"$ASSAY" report "$T/damaged.json" --format json -o "$T/rd.json" 2>"$T/err"
grep -q 'findings\[0\].severity: unknown severity' "$T/err" || { cat "$T/err"; fail "damaged member message"; }
[ "$(jq '.findings | length' "$T/rd.json")" = 2 ] || fail "damaged report kept wrong count"
# Null basis strings (found by fuzz_report_read) render in every format.
jq '(.provisions[] | select(.verdict == "FAIL") | .basis[]) |= (.text = null | .ref = null)' "$T/old.json" > "$T/nulls.json"
for f in text markdown html sarif ics-md uk-psti; do
    "$ASSAY" report "$T/nulls.json" --format "$f" -o /dev/null 2>/dev/null || fail "null basis breaks $f"
done
# Nesting beyond the limit is refused before parsing.
python3 -c 'print("{\"schema\": \"assay-report/1\", \"x\": " + "[" * 5000 + "]" * 5000 + "}")' > "$T/deep.json"
rc=0; "$ASSAY" report "$T/deep.json" 2>"$T/err" >/dev/null || rc=$?
[ "$rc" = 4 ] || fail "deep JSON exit $rc"
grep -q 'nesting deeper than' "$T/err" || fail "deep JSON message"
# Round trip: report -> json is byte-identical.
"$ASSAY" report "$T/old.json" --format json -o "$T/rt.json"
cmp "$T/old.json" "$T/rt.json" || fail "json round trip differs"
echo ok
