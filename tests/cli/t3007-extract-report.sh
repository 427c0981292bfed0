#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# assay extract --report on the real TP-Link TL-WR841N image: the JSON
# report (assay-report/1) carries the tree's inventory (144 MIPS ELF
# files) and the carving diagnostics. Written to hold whichever
# extractors are registered: while no TP-Link header extractor is, the
# headers must be reported as recognised but unsupported, never dropped.
set -eu
img="$ASSAY_SHARED/corpus/real/vendor/tplink_tl-wr841n_v10_3.16.9_150310_up_boot.bin"
[ -f "$img" ] || { echo "skip: $img absent"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$ASSAY" extract -q "$img" -o "$tmp/out" --report "$tmp/report.json"
jq -e '.schema == "assay-report/1"' "$tmp/report.json" > /dev/null
jq -e '.inventory.executables == 144 and .inventory.files > 300 and .inventory.containers >= 2 and .inventory.symlinks > 50' \
    "$tmp/report.json" > /dev/null
jq -e '.target.kind == "image" and .target.size == 4063744' \
    "$tmp/report.json" > /dev/null
if ! "$ASSAY" list extractors | grep -q '^tplink '; then
    jq -e '[.diagnostics[] | select(.offset == 131584 and (.message | test("tplink \\(512 bytes\\) is not supported")))] | length == 1' \
        "$tmp/report.json" > /dev/null
fi
# The shadow file is in the tree whatever the container chain.
jq -e '.entries | map(select(.fs_path == "/etc/shadow" and .type == "file")) | length == 1' \
    "$tmp/out/.assay-manifest.json" > /dev/null
