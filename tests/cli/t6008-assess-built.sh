#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# End to end on images the suite builds, with a statement: the verdict
# table has FAIL where the seeded flaws are, NOT_APPLICABLE where the
# statement's conditions exclude a provision, INCONCLUSIVE for the
# documentation-only provisions, and PASS only with positive support (a
# check that ran and found nothing, or the assessor's word); an assessor
# file then turns the right INCONCLUSIVE verdicts into PASS and FAIL.
set -u
for t in jq mksquashfs openssl ssh-keygen; do
    command -v "$t" >/dev/null || { echo "skip: $t is not installed"; exit 77; }
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
bash "$ASSAY_SRC/tests/data/gen/mkrootfs-checks.sh" "$T/img" >"$T/gen.log" 2>&1 ||
    { echo "skip: cannot build the images: $(tail -2 "$T/gen.log")"; exit 77; }
"$ASSAY" ics init >"$T/ics.yaml" || fail "ics init"
v() { jq -r --arg id "$2" '.provisions[] | select(.id == $id) | .verdict' "$1"; }

"$ASSAY" assess --image "$T/img/flawed.sqfs" --ics "$T/ics.yaml" --format json \
    -o "$T/flawed.json" 2>/dev/null
[ -s "$T/flawed.json" ] || fail "no report"
jq -e '.provisions | length == 68' "$T/flawed.json" >/dev/null || fail "not 68 verdicts"
# seeded flaws: default passwords, a private key, telnet, CGI injection
for id in 5.1-1 5.4-3 5.6-1 5.13-1; do
    [ "$(v "$T/flawed.json" $id)" = FAIL ] || fail "$id is $(v "$T/flawed.json" $id), want FAIL"
    jq -e --arg id "$id" '.provisions[] | select(.id == $id) |
        any(.basis[]; .kind == "finding")' "$T/flawed.json" >/dev/null ||
        fail "$id FAIL does not rest on a finding"
done
# the template's conditions: 3, 4, 6, 7, 10 and 13 do not hold
for id in 5.3-14 5.3-15 5.10-1 6-2 6-4 6-5 5.4-2 5.6-4; do
    [ "$(v "$T/flawed.json" $id)" = NOT_APPLICABLE ] || fail "$id is $(v "$T/flawed.json" $id), want NOT_APPLICABLE"
done
# documentation and process provisions: nothing automated can settle them
for id in 5.2-2 5.5-8 5.12-2 5.11-3 5.9-1; do
    [ "$(v "$T/flawed.json" $id)" = INCONCLUSIVE ] || fail "$id is $(v "$T/flawed.json" $id), want INCONCLUSIVE"
done
# PASS only where a check covering the provision ran
jq -e '[.coverage[].provision] as $cov | [.provisions[] | select(.verdict == "PASS") |
        select(.id as $i | ($cov | index($i)) == null and .id != "4-1")] | length == 0' \
    "$T/flawed.json" >/dev/null || fail "a PASS without coverage"

# The clean product: the credential provisions pass on positive support.
"$ASSAY" assess --image "$T/img/clean.tar.gz" --ics "$T/ics.yaml" --format json \
    -o "$T/clean.json" 2>/dev/null
[ "$(v "$T/clean.json" 5.1-1)" = PASS ] || fail "clean 5.1-1 is $(v "$T/clean.json" 5.1-1), want PASS"
[ "$(v "$T/clean.json" 5.4-3)" = PASS ] || fail "clean 5.4-3 is $(v "$T/clean.json" 5.4-3), want PASS"
[ "$(v "$T/clean.json" 5.12-2)" = INCONCLUSIVE ] || fail "clean 5.12-2 not INCONCLUSIVE"

# An assessor file settles what only a person can judge.
cat >"$T/assessor.yaml" <<'YAML'
standard: "2.1.1"
results:
  5.12-2: {verdict: PASS, note: "quick-start guide covers secure setup"}
  5.2-2: {verdict: FAIL, note: "no timelines for acting on reports"}
YAML
"$ASSAY" assess --image "$T/img/clean.tar.gz" --ics "$T/ics.yaml" \
    --assessor "$T/assessor.yaml" --format json -o "$T/judged.json" 2>/dev/null
[ "$(v "$T/judged.json" 5.12-2)" = PASS ] || fail "assessor PASS not applied"
[ "$(v "$T/judged.json" 5.2-2)" = FAIL ] || fail "assessor FAIL not applied"
[ "$(v "$T/judged.json" 5.5-8)" = INCONCLUSIVE ] || fail "5.5-8 changed without a result"
echo ok
