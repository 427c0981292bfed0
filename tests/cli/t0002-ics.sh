#!/bin/bash
# assay ics init | check: the template is accepted; each Annex B rule
# rejects with the provision and the line named.
. "$(dirname "$0")/lib.sh"

for std in 2.1.1 3.1.3; do
    "$ASSAY" ics init --standard "$std" > "$T_TMP/ics-$std.yaml" || fail "init $std"
    expect_exit 0 "$ASSAY" ics check "$T_TMP/ics-$std.yaml" && ok "template $std accepted" || fail "template $std"
done
"$ASSAY" ics init | "$ASSAY" ics check - 2>/dev/null && ok "init | check - succeeds" || fail "init | check -"

# init refuses to overwrite
expect_exit 3 "$ASSAY" ics init -o "$T_TMP/ics-2.1.1.yaml" && ok "init does not overwrite" || fail "init overwrote"

t="$T_TMP/ics-2.1.1.yaml"
line_of() { grep -n "\"$1\":" "$t" | cut -d: -f1; }

# YAML error: file, line and column named
l=$(line_of 5.1-2)
sed "$((l + 1))s/support: Y/support: [Y/" "$t" > "$T_TMP/yaml-error.yaml"
expect_exit 3 "$ASSAY" ics check "$T_TMP/yaml-error.yaml" &&
    grep -Eq "yaml-error.yaml:[0-9]+:[0-9]+: error: yaml:" "$T_TMP/err" && ok "YAML error named with line" ||
    fail "YAML error: $(cat "$T_TMP/err")"

# N on a mandatory provision
l=$(line_of 5.1-3)
sed "$((l + 1))s/support: Y/support: N/" "$t" > "$T_TMP/m-n.yaml"
expect_exit 1 "$ASSAY" ics check "$T_TMP/m-n.yaml" &&
    grep -q "m-n.yaml:$l:3: error: ics: provision 5.1-3 is mandatory" "$T_TMP/err" && ok "mandatory N rejected at line $l" ||
    fail "mandatory N: $(cat "$T_TMP/err")"

# unjustified N on a recommendation
l=$(line_of 5.6-6)
sed "$((l + 1))s/support: Y/support: N/" "$t" > "$T_TMP/r-n.yaml"
expect_exit 1 "$ASSAY" ics check "$T_TMP/r-n.yaml" &&
    grep -q "r-n.yaml:$l:3: error: ics: provision 5.6-6 is a recommendation answered N without a justification" "$T_TMP/err" &&
    ok "unjustified recommendation rejected at line $l" || fail "unjustified R: $(cat "$T_TMP/err")"

# ...and accepted once justified, with 4-1 passing in the JSON verdicts
sed "$((l + 1))s/support: Y/support: N/; $((l + 2))s/detail: \"\"/detail: \"size-optimised vendor SDK, reviewed\"/" "$t" > "$T_TMP/r-n-ok.yaml"
expect_exit 0 "$ASSAY" ics check "$T_TMP/r-n-ok.yaml" --format json &&
    [ "$(jq -r '.provisions[] | select(.id == "4-1") | .verdict' "$T_TMP/out")" = PASS ] &&
    [ "$(jq -r '.provisions[] | select(.id == "5.6-6") | .verdict' "$T_TMP/out")" = NOT_APPLICABLE ] &&
    ok "justified recommendation accepted" || fail "justified R"

# N/A where no condition allows it
l=$(line_of 5.5-1)
sed "$((l + 1))s/support: Y/support: N\/A/" "$t" > "$T_TMP/na.yaml"
expect_exit 1 "$ASSAY" ics check "$T_TMP/na.yaml" && grep -q "provision 5.5-1 (M) is answered N/A" "$T_TMP/err" &&
    ok "N/A without condition rejected" || fail "N/A: $(cat "$T_TMP/err")"

# conditions decide applicability: with condition 1 = no, 5.1-1 may be N/A
sed 's/^  1: yes /  1: no  /' "$t" > "$T_TMP/c1.yaml"
l=$(grep -n '"5.1-1":' "$T_TMP/c1.yaml" | cut -d: -f1)
sed -i "$((l + 1))s/support: Y/support: N\/A/" "$T_TMP/c1.yaml"
expect_exit 0 "$ASSAY" ics check "$T_TMP/c1.yaml" --format json &&
    [ "$(jq -r '.provisions[] | select(.id == "5.1-1") | [.verdict, .applicable] | @csv' "$T_TMP/out")" = '"NOT_APPLICABLE",false' ] &&
    ok "condition 1 = no makes 5.1-1 not applicable" || fail "condition applicability"

# garbage and missing files
head -c 4096 /dev/urandom > "$T_TMP/random.bin"
expect_exit 3 "$ASSAY" ics check "$T_TMP/random.bin" && ok "random bytes rejected cleanly" || fail "random"
expect_exit 3 "$ASSAY" ics check "$T_TMP/does-not-exist.yaml" &&
    grep -q "cannot open '.*does-not-exist.yaml'" "$T_TMP/err" && ok "missing file named" || fail "missing file"
expect_exit 2 "$ASSAY" ics check && ok "usage" || fail "usage"
finish
