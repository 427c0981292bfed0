#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SARIF output of a judged report: valid against the SARIF 2.1.0 schema
# (as shipped with Microsoft's SARIF Multitool, npm), clean under the
# Multitool's own rules, and carrying what CI needs: one rule per check,
# provisions as tags, levels from severities, locations inside the image.
set -eu
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
# Debian's python has python3-jsonschema; a python earlier in PATH may not.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c 'import jsonschema' 2>/dev/null || { echo "skip: python3-jsonschema is not installed"; exit 77; }
. "$ASSAY_SRC/tests/web/setup.sh"
D="$ASSAY_SRC/tests/data/verdict"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$ASSAY" ics check "$D/ics.yaml" --quiet --format json -o "$T/base.json" 2>/dev/null || true
jq -f "$D/inject.jq" "$T/base.json" > "$T/scan.json"
# Two formats in one run, one -o each.
"$ASSAY" assess --ics "$D/ics.yaml" --result "$T/scan.json" \
    --format sarif -o "$T/out.sarif" --format json -o "$T/out.json" 2>/dev/null || true
[ -s "$T/out.sarif" ] && [ -s "$T/out.json" ] || fail "two outputs"

jq -e '[.runs[0].tool.driver.rules[].id] == ["FW-CRYPTO-001", "FW-MIN-002", "FW-OLD-001", "NET-PORT-UNDECLARED"]' "$T/out.sarif" >/dev/null || fail "rules"
jq -e '[.runs[0].results[] | .ruleId] | length == 4' "$T/out.sarif" >/dev/null || fail "results"
jq -e '.runs[0].results[] | select(.ruleId == "FW-CRYPTO-001") | .level == "error" and .locations[0].physicalLocation.artifactLocation.uri == "etc/shadow" and .locations[0].physicalLocation.region.startLine == 1 and .locations[0].logicalLocations[0].fullyQualifiedName == "cam-1.4.2.bin > squashfs@0x40000 > /etc/shadow"' "$T/out.sarif" >/dev/null || fail "FW-CRYPTO-001 result"
jq -e '.runs[0].results[] | select(.ruleId == "FW-MIN-002") | .level == "note" and .locations[0].physicalLocation.region.byteOffset == 0' "$T/out.sarif" >/dev/null || fail "FW-MIN-002 result"
jq -e '.runs[0].tool.driver.rules[] | select(.id == "FW-CRYPTO-001") | .properties.tags == ["security", "EN 303 645", "5.1-3"] and .properties["security-severity"] == "8.0"' "$T/out.sarif" >/dev/null || fail "rule tags"
jq -e '.runs[0].results[] | select(.ruleId == "NET-PORT-UNDECLARED") | has("locations") | not' "$T/out.sarif" >/dev/null || fail "dynamic finding has no file location"
jq -e '.runs[0].properties.verdicts == {"PASS": 2, "FAIL": 5, "INCONCLUSIVE": 50, "NOT_APPLICABLE": 11}' "$T/out.sarif" >/dev/null || fail "verdict tally"
# Fingerprints are the diff identity: moving a file does not change them.
jq '.findings |= map(.line = 99)' "$T/out.json" > "$T/moved.json"
"$ASSAY" report "$T/moved.json" --format sarif -o "$T/moved.sarif" 2>/dev/null
cmp <(jq '[.runs[0].results[].partialFingerprints]' "$T/out.sarif") \
    <(jq '[.runs[0].results[].partialFingerprints]' "$T/moved.sarif") || fail "fingerprints follow line numbers"

# Schema validation, and a broken copy to show the validator bites.
web_setup
MT="$WEB_MODULES/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ -f "$MT" ] || { echo "skip: the SARIF multitool package has no Linux binary"; exit 77; }
"$PY" "$ASSAY_SRC/tests/web/sarif_schema.py" "$MT" "$T/out.sarif" "$T/moved.sarif" || fail "schema"
jq '.runs[0].results[0].level = "fatal"' "$T/out.sarif" > "$T/broken.sarif"
rc=0; "$PY" "$ASSAY_SRC/tests/web/sarif_schema.py" "$MT" "$T/broken.sarif" >/dev/null || rc=$?
[ "$rc" = 1 ] || fail "a broken SARIF file passed the schema ($rc)"
# The Multitool's own rules: warnings are advice, errors are not allowed.
chmod +x "$MT"
if DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 timeout 120 "$MT" validate "$T/out.sarif" \
        -o "$T/rules.sarif" --log ForceOverwrite >"$T/mt.log" 2>&1; then
    jq -e '[.runs[0].results[] | select(.level == "error")] | length == 0' "$T/rules.sarif" >/dev/null \
        || { jq '.runs[0].results' "$T/rules.sarif"; fail "multitool errors"; }
else
    echo "note: the SARIF multitool did not run here; schema validation only"
fi
echo ok
