#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The HTML report: self-contained, escaped, deterministic, and working in
# headless Chromium (no console errors, no network, the findings filter
# works, no script from hostile report text runs). The screenshots and a
# print PDF stay in $ASSAY_BUILD/artifacts/html for people to look at.
set -eu
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
D="$ASSAY_SRC/tests/data/verdict"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$ASSAY" ics check "$D/ics.yaml" --quiet --format json -o "$T/base.json" 2>/dev/null || true
jq -f "$D/inject.jq" "$T/base.json" > "$T/scan.json"
"$ASSAY" assess --ics "$D/ics.yaml" --result "$T/scan.json" --assessor "$D/assessor.yaml" \
    --format html -o "$T/r.html" --format json -o "$T/r.json" 2>/dev/null || true
"$ASSAY" report "$T/r.json" --format html -o "$T/again.html" 2>/dev/null
cmp "$T/r.html" "$T/again.html" || fail "html differs between assess and report"

# Static checks: one script (ours), nothing external, hostile text escaped.
[ "$(grep -c '<script' "$T/r.html")" = 1 ] || fail "more than one script element"
! grep -qiE '(src|href)="(https?:)?//' "$T/r.html" || fail "external reference"
grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$T/r.html" || fail "no CSP"
! grep -q '<img src=x' "$T/r.html" || fail "finding title not escaped"
grep -q 'Cam-1 &lt;script&gt;alert(1)&lt;/script&gt;' "$T/r.html" || fail "model not escaped"
grep -q '&quot;gdbserver&quot; &amp; friends' "$T/r.html" || fail "evidence not escaped"
for s in summary findings provisions components diagnostics; do
    grep -q "<section id=\"$s\"" "$T/r.html" || fail "section $s missing"
done
grep -q '<svg viewBox=' "$T/r.html" || fail "no chart"
grep -q 'id="p-5.1-3"' "$T/r.html" || fail "no section for 5.1-3"
grep -q '@media print' "$T/r.html" || fail "no print style sheet"

# In Chromium.
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "skip: chromium is not installed (static checks passed)"; exit 77; }
command -v node >/dev/null || { echo "skip: node is not installed (static checks passed)"; exit 77; }
. "$ASSAY_SRC/tests/web/setup.sh"
web_setup
export WEB_MODULES
ART="$ASSAY_BUILD/artifacts/html"
mkdir -p "$ART"
cp "$T/r.html" "$ART/report.html"
timeout 120 node "$ASSAY_SRC/tests/web/html_check.js" "$ART/report.html" "$ART" "$CHROMIUM" > "$T/res.json" \
    || fail "the browser check did not run"
cat "$T/res.json"
jq -e '.problems == []' "$T/res.json" >/dev/null || fail "console errors or network requests"
jq -e '.total == 4 and .high == 1 and .prov == 1 and .text == 1 and .none == 0 and .all == 4' "$T/res.json" >/dev/null || fail "filter"
jq -e '.counter == "1 of 4 findings shown"' "$T/res.json" >/dev/null || fail "filter counter"
jq -e '.alerts == 0 and .scripts == 1' "$T/res.json" >/dev/null || fail "injected script ran"
[ -s "$ART/report.png" ] && [ -s "$ART/report.pdf" ] || fail "no screenshot or PDF"
echo "artifacts: $ART"
echo ok
