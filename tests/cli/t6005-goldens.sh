#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Every writer on one fixed report (tests/data/report/fixed.json, with
# hostile strings: markup, a control byte, a spreadsheet formula, a path
# with '#' and '%') must give byte-identical output to its golden file,
# run after run. ASSAY_UPDATE_GOLDENS=1 rewrites the goldens instead;
# review the diff before committing it.
set -eu
R="$ASSAY_SRC/tests/data/report"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

for f in json text sarif html markdown ics-md ics-csv uk-psti sg-cls eu-cra; do
    "$ASSAY" report "$R/fixed.json" --format "$f" -o "$T/out.$f" 2>/dev/null
    "$ASSAY" report "$R/fixed.json" --format "$f" -o "$T/again.$f" 2>/dev/null
    cmp -s "$T/out.$f" "$T/again.$f" || fail "$f is not deterministic"
    # The input is canonical JSON: its own golden (a read-write round trip;
    # after a JSON writer change: assay report fixed.json --format json -o fixed.json).
    if [ "$f" = json ]; then
        cmp -s "$R/fixed.json" "$T/out.$f" || fail "json round trip differs"
        continue
    fi
    if [ "${ASSAY_UPDATE_GOLDENS:-}" = 1 ]; then
        cp "$T/out.$f" "$R/golden/fixed.$f"
        continue
    fi
    diff -u "$R/golden/fixed.$f" "$T/out.$f" > "$T/diff" || { head -40 "$T/diff"; fail "$f differs from its golden"; }
done
# Spot checks on what the goldens must keep true.
csv_want=$'"\'=HYPERLINK(""x"") | *b*'
grep -qF "$csv_want" "$R/golden/fixed.ics-csv" || fail "csv formula not neutralised"
grep -qF 'odd \| \*name\* \_with\_ \`markup\`' "$R/golden/fixed.markdown" || fail "markdown cell not escaped"
grep -qF '=HYPERLINK("x") \| \*b\* second line |' "$R/golden/fixed.ics-md" || fail "ics-md cell not escaped"
grep -qF '"uri": "www/cgi%20bin/a%23b%25c%3F.cgi"' "$R/golden/fixed.sarif" || fail "sarif uri not encoded"
! grep -q $'\a' "$R/golden/fixed.markdown" "$R/golden/fixed.html" || fail "control byte passed through"
echo ok
