#!/bin/bash
# The JSON report validates against the shipped schema
# (docs/assay-report.schema.json), for a report holding every record
# kind and for the reports the CLI writes.
. "$(dirname "$0")/lib.sh"
"$T_PY" -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed"
schema="$ASSAY_SRC/docs/assay-report.schema.json"

"$REPORT_SAMPLE" > "$T_TMP/sample.json" || fail "report_sample"
validate_json "$schema" "$T_TMP/sample.json" && ok "sample report valid" || fail "sample report invalid"
# the sample really has every record kind
[ "$(jq -c '[(.findings|length), (.components|length), (.provisions|length), (.diagnostics|length)]' "$T_TMP/sample.json")" = "[3,2,4,2]" ] ||
    fail "sample lacks records"

for std in 2.1.1 3.1.3; do
    "$ASSAY" ics init --standard $std | "$ASSAY" ics check - --format json -o "$T_TMP/ics-$std.json" 2>/dev/null ||
        fail "ics check $std"
    validate_json "$schema" "$T_TMP/ics-$std.json" && ok "ICS report $std valid" || fail "ICS report $std invalid"
done

# The schema is not a rubber stamp: a broken report fails it.
jq '.findings[0].severity = "urgent"' "$T_TMP/sample.json" > "$T_TMP/bad.json"
validate_json "$schema" "$T_TMP/bad.json" 2>/dev/null && fail "bad severity accepted" || ok "bad severity rejected"
jq 'del(.provisions)' "$T_TMP/sample.json" > "$T_TMP/bad2.json"
validate_json "$schema" "$T_TMP/bad2.json" 2>/dev/null && fail "missing provisions accepted" || ok "missing member rejected"

# Deterministic: the same input gives byte-identical output.
"$ASSAY" ics init | "$ASSAY" ics check - --format json -o "$T_TMP/a.json" 2>/dev/null
"$ASSAY" ics init | "$ASSAY" ics check - --format json -o "$T_TMP/b.json" 2>/dev/null
cmp -s "$T_TMP/a.json" "$T_TMP/b.json" && ok "byte-identical output" || fail "output differs between runs"
finish
