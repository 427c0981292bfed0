#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The verdict engine end to end: a statement checked into a JSON report,
# seeded with findings and coverage as a scan would add them, judged
# again with `assay assess --result`, then with an assessor file.
set -eu
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
D="$ASSAY_SRC/tests/data/verdict"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The statement is rejected (5.3-13 M answered N, 5.6-3 N unjustified).
rc=0; "$ASSAY" ics check "$D/ics.yaml" --quiet --format json -o "$T/base.json" 2>/dev/null || rc=$?
[ "$rc" = 1 ] || fail "ics check exit $rc"
jq -f "$D/inject.jq" "$T/base.json" > "$T/scan.json"

rc=0; "$ASSAY" assess --ics "$D/ics.yaml" --result "$T/scan.json" \
    --format json -o "$T/out.json" 2>"$T/err" || rc=$?
[ "$rc" = 1 ] || fail "assess exit $rc (FAIL verdicts want 1)"
v() { jq -r --arg id "$1" '.provisions[] | select(.id == $id) | .verdict' "$2"; }
expect() { # id verdict file
    got=$(v "$1" "$3"); [ "$got" = "$2" ] || fail "$1: $got, want $2"
}
# FAIL where findings are: a high finding on 5.1-3; an undeclared service
# on 5.6-1 even though it is only low.
expect 5.1-3 FAIL "$T/out.json"
expect 5.6-1 FAIL "$T/out.json"
jq -e '.provisions[] | select(.id == "5.6-1") | .basis[] | select(.kind == "finding" and .ref == "NET-PORT-UNDECLARED")' "$T/out.json" >/dev/null || fail "5.6-1 basis lacks the finding"
# FAIL from the statement: mandatory N, unjustified recommendation, 4-1.
expect 5.3-13 FAIL "$T/out.json"
expect 5.6-3 FAIL "$T/out.json"
expect 4-1 FAIL "$T/out.json"
# NOT_APPLICABLE where conditions exclude, or an R is justified N.
expect 5.1-1 NOT_APPLICABLE "$T/out.json"
expect 5.6-4 NOT_APPLICABLE "$T/out.json"
expect 5.6-7 NOT_APPLICABLE "$T/out.json"
jq -e '.provisions[] | select(.id == "5.1-1") | .basis[] | select(.text | test("condition 1"))' "$T/out.json" >/dev/null || fail "5.1-1 does not name its condition"
# PASS only with positive support: declared Y + a check ran, nothing found
# (5.4-3), or only below the threshold (5.6-6).
expect 5.4-3 PASS "$T/out.json"
expect 5.6-6 PASS "$T/out.json"
# Declared Y but nothing looked: INCONCLUSIVE, with what is missing.
expect 5.2-1 INCONCLUSIVE "$T/out.json"
expect 5.5-1 INCONCLUSIVE "$T/out.json"
jq -e '.provisions[] | select(.id == "5.2-1") | [.basis[] | select(.kind == "missing") | .ref] == ["5.2-1-1", "5.2-1-2", "checks"]' "$T/out.json" >/dev/null || fail "5.2-1 missing list"
# Exactly two PASS: 5.4-3 and 5.6-6 (4-1 fails here).
[ "$(jq '[.provisions[] | select(.verdict == "PASS")] | length' "$T/out.json")" = 2 ] || fail "PASS count"
# A raised threshold turns the high finding into no failure, but 5.1-3
# still passes only because its check ran.
"$ASSAY" assess --ics "$D/ics.yaml" --result "$T/scan.json" --threshold critical \
    --format json -o "$T/crit.json" 2>/dev/null || true
expect 5.1-3 PASS "$T/crit.json"
expect 5.6-1 FAIL "$T/crit.json"
# The unknown provision in a finding is a note, not an error.
jq -e '.diagnostics[] | select(.source == "verdict" and (.message | test("9.9-9")))' "$T/out.json" >/dev/null || fail "no note for 9.9-9"
# Statement diagnostics are not doubled when re-judging.
[ "$(jq '[.diagnostics[] | select(.source == "ics" and .line == 105)] | length' "$T/out.json")" = 1 ] || fail "doubled diagnostics"

# The assessor file settles some INCONCLUSIVE verdicts.
"$ASSAY" assess --ics "$D/ics.yaml" --result "$T/scan.json" \
    --assessor "$D/assessor.yaml" --format json -o "$T/as.json" 2>/dev/null || true
expect 5.1-4 PASS "$T/as.json"            # both test cases passed
expect 5.1-5 FAIL "$T/as.json"            # unit 5.1-5-2b failed
expect 5.5-1 INCONCLUSIVE "$T/as.json"    # case 2 still open
jq -e '.provisions[] | select(.id == "5.5-1") | [.basis[] | select(.kind == "missing") | .ref] == ["5.5-1-2", "checks"]' "$T/as.json" >/dev/null || fail "5.5-1 still lists case 1"
expect 5.2-1 INCONCLUSIVE "$T/as.json"    # unit INCONCLUSIVE
expect 5.1-1 NOT_APPLICABLE "$T/as.json"  # assessor cannot override N/A

# The template lists exactly the open test cases: every missing case ref of
# every INCONCLUSIVE verdict, and after the assessor file fewer of them.
"$ASSAY" assessor init --ics "$D/ics.yaml" --result "$T/scan.json" -o "$T/tpl.yaml" 2>/dev/null
want=$(jq -r '.provisions[] | select(.verdict == "INCONCLUSIVE") | .id as $id | [.basis[] | select(.kind == "missing" and (.ref | startswith($id + "-"))) | .ref] | if length == 0 then [$id] else . end | .[]' "$T/out.json" | sort)
got=$(grep -E '^  "' "$T/tpl.yaml" | sed 's/^  "\(.*\)":$/\1/' | sort)
[ "$want" = "$got" ] || fail "template units differ"
grep -q '"5.5-1-1"' "$T/tpl.yaml" || fail "template lacks 5.5-1-1"
"$ASSAY" assessor init --ics "$D/ics.yaml" --result "$T/scan.json" \
    --assessor "$D/assessor.yaml" > "$T/tpl2.yaml" 2>/dev/null
! grep -q '"5.5-1-1"' "$T/tpl2.yaml" || fail "template still lists 5.5-1-1"
grep -q '"5.5-1-2"' "$T/tpl2.yaml" || fail "template lost 5.5-1-2"
# A template is itself a valid (empty) assessor file.
"$ASSAY" assess --ics "$D/ics.yaml" --result "$T/scan.json" --assessor "$T/tpl.yaml" \
    --format json -o "$T/tp.json" 2>/dev/null || true
cmp <(jq .provisions "$T/out.json") <(jq .provisions "$T/tp.json") || fail "empty template changed verdicts"

# Bad assessor files name file:line:column; exit 3.
rc=0; "$ASSAY" assess --ics "$D/ics.yaml" --assessor "$D/bad-assessor.yaml" 2>"$T/err" >/dev/null || rc=$?
[ "$rc" = 3 ] || fail "bad assessor exit $rc"
grep -q 'bad-assessor.yaml:4:3: error: assessor:' "$T/err" || fail "no line:column for 5.1-4-x"
grep -q 'bad-assessor.yaml:5:3: error: assessor: unknown provision' "$T/err" || fail "9.9-1 not reported"
grep -q 'bad-assessor.yaml:6:22: error: assessor: verdict' "$T/err" || fail "MAYBE not reported"

# --fail-on: a severity threshold instead of verdicts.
rc=0; "$ASSAY" assess --ics "$D/ics.yaml" --result "$T/scan.json" --fail-on critical -o /dev/null 2>/dev/null || rc=$?
[ "$rc" = 0 ] || fail "--fail-on critical exit $rc"
rc=0; "$ASSAY" assess --ics "$D/ics.yaml" --result "$T/scan.json" --fail-on high -o /dev/null 2>/dev/null || rc=$?
[ "$rc" = 1 ] || fail "--fail-on high exit $rc"
# Evidence sources absent from this build say so.
if true; then
    rc=0; "$ASSAY" assess --ics "$D/ics.yaml" --image /dev/null 2>"$T/err" >/dev/null || rc=$?
    if grep -q 'not available in this build' "$T/err"; then
        [ "$rc" = 2 ] || fail "--image unavailable exit $rc"
    fi
fi
# 5.3-13 says what the IXIT gives about the support period end date, and
# the UK PSTI view shows it.
jq -e '.provisions[] | select(.id == "5.3-13") | .basis[] | select(.ref == "2-UserInfo" and (.text | test("no support period end date")))' "$T/out.json" >/dev/null || fail "5.3-13 end date note"
sed 's/support_period_end: null /support_period_end: "2031-12-31"/' "$D/ics.yaml" > "$T/ics-end.yaml"
"$ASSAY" assess --ics "$T/ics-end.yaml" --result "$T/scan.json" --format uk-psti -o "$T/psti.md" 2>/dev/null || true
grep -q '| Sch. 1 para 3 | \*\*not met\*\* | 5.3-13 FAIL; the IXIT gives the support period end date 2031-12-31 |' "$T/psti.md" || { cat "$T/psti.md"; fail "psti end date"; }
# No timestamp unless asked for (reports stay byte-identical).
jq -e 'has("generated") | not' "$T/out.json" >/dev/null || fail "timestamp without --timestamp"
"$ASSAY" assess --ics "$D/ics.yaml" --timestamp --format json 2>/dev/null | jq -e '.generated | test("^20[0-9-]+T[0-9:]+Z$")' >/dev/null || fail "--timestamp"
# V3.1.3: 5.0-1 takes 4-1's place; a finding citing a V2 id that V3
# renumbered is mapped through the catalogue's v2_id.
"$ASSAY" ics init --standard 3.1.3 > "$T/v3.yaml"
"$ASSAY" ics check "$T/v3.yaml" --quiet --format json -o "$T/v3base.json" 2>/dev/null
jq '.findings = [{"check": "FW-CRED-001", "provisions": ["5.1-1"], "severity": "critical",
      "confidence": "high", "title": "universal password", "source": "static",
      "path": "/etc/shadow", "container": null, "evidence": "root:x", "remediation": null}]
    | .coverage = [{"provision": "5.4-3", "check": "FW-SECRET-001"}]' "$T/v3base.json" > "$T/v3scan.json"
rc=0; "$ASSAY" assess --ics "$T/v3.yaml" --result "$T/v3scan.json" --format json -o "$T/v3.json" 2>/dev/null || rc=$?
[ "$rc" = 1 ] || fail "v3 assess exit $rc"
expect 5.0-1 PASS "$T/v3.json"
expect 5.1-1 FAIL "$T/v3.json"
expect 5.4-3 PASS "$T/v3.json"
jq -e '.standard.version == "3.1.3" and ([.provisions[] | select(.id == "4-1")] | length == 0)' "$T/v3.json" >/dev/null || fail "v3 catalogue"
# A V2 assessor file against a V3 statement is refused.
rc=0; "$ASSAY" assess --ics "$T/v3.yaml" --assessor "$D/assessor.yaml" -o /dev/null 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "standard mismatch exit $rc"
grep -q 'is for EN 303 645 V2.1.1 but the ICS is for V3.1.3' "$T/err" || fail "standard mismatch message"
echo ok
