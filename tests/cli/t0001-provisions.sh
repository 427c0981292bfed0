#!/bin/bash
# assay provisions: counts per version, filters, show, errors.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$ASSAY" provisions --format json &&
    [ "$(jq -c '[.count, .mandatory, .recommended, (.provisions|length)]' "$T_TMP/out")" = "[68,33,35,68]" ] &&
    ok "V2.1.1: 68 rows, 33 M, 35 R" || fail "V2.1.1 counts"

expect_exit 0 "$ASSAY" provisions --standard 3.1.3 --format json &&
    [ "$(jq -c '[.count, .mandatory, .recommended]' "$T_TMP/out")" = "[78,36,42]" ] &&
    ok "V3.1.3: 78 rows, 36 M, 42 R" || fail "V3.1.3 counts"

expect_exit 0 "$ASSAY" provisions --standard 3.1.3 --include-void --format json &&
    [ "$(jq '[.provisions[] | select(.requirement == "Void")] | length' "$T_TMP/out")" = 6 ] &&
    ok "V3.1.3 keeps six void ids" || fail "void rows"

# per clause, V2.1.1 (fact sheet 1.3)
for spec in 4:1:0 5.1:5:0 5.2:1:2 5.3:7:9 5.4:4:0 5.5:4:4 5.6:3:6 5.7:0:2 \
    5.8:2:1 5.9:0:3 5.10:0:1 5.11:1:3 5.12:0:3 5.13:1:0 6:4:1; do
    IFS=: read -r clause m r <<<"$spec"
    got=$("$ASSAY" provisions --clause "$clause" --format json | jq -c '[.mandatory, .recommended]')
    [ "$got" = "[$m,$r]" ] || fail "clause $clause: $got, want [$m,$r]"
done
ok "per-clause counts"

expect_exit 0 "$ASSAY" provisions --condition 12 --format json &&
    [ "$(jq '.count' "$T_TMP/out")" = 10 ] && ok "condition 12 filter" || fail "condition filter"
expect_exit 0 "$ASSAY" provisions --status M --format json &&
    [ "$(jq '[.provisions[] | select(.requirement != "M")] | length' "$T_TMP/out")" = 0 ] &&
    ok "status filter" || fail "status filter"
expect_exit 0 "$ASSAY" provisions --standard 3 --feature g --format json &&
    [ "$(jq -c '[.provisions[].id]' "$T_TMP/out")" = '["5.3-3","5.3-4A","5.3-5","5.3-7","5.3-9"]' ] &&
    ok "feature filter" || fail "feature filter: $(cat "$T_TMP/out" | jq -c '[.provisions[].id]')"

expect_exit 0 "$ASSAY" provisions show 5.1-1 &&
    grep -q "condition 1: passwords are used" "$T_TMP/out" &&
    grep -q "IXIT:        1-AuthMech" "$T_TMP/out" && ok "show 5.1-1" || fail "show 5.1-1"
expect_exit 0 "$ASSAY" provisions show 5.13-1B --standard 3.1.3 --format json &&
    [ "$(jq -r '.provisions[0].v2_id' "$T_TMP/out")" = 5.13-1 ] && ok "show V3 row as JSON" || fail "show json"
expect_exit 2 "$ASSAY" provisions show 5.99-1 && grep -q "'5.99-1' is not a provision" "$T_TMP/err" &&
    ok "unknown id is a usage error" || fail "unknown id"
expect_exit 2 "$ASSAY" provisions --standard 9 && ok "bad standard" || fail "bad standard"
expect_exit 2 "$ASSAY" nosuchcommand && ok "unknown command exits 2" || fail "unknown command"
finish
