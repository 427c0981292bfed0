#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Extraction diagnostics name their container once and their offset once:
# "fw > uimage@0x12c+0x18" (the uImage at 0x12c, 0x18 bytes into it), never
# "uimage@0x12c@0x144" or "uimage@0x0@0x0", and the extractor's name is
# not repeated after the level. Checked on stderr, in the text report and
# in the JSON report (where the offset counts from the container's start).
set -eu
command -v mkimage > /dev/null || { echo "skip: mkimage absent"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
A=$ASSAY
cd "$tmp"
seq 1 2000 | gzip -9 -n -c > k.gz
mkimage -A arm -O linux -T kernel -C gzip -a 0 -e 0 -n test -d k.gz k.uimg \
    > /dev/null
# A damaged byte in the data: data crc mismatch (offset 0x18 of the header).
printf '\001' | dd of=k.uimg bs=1 seek=100 conv=notrunc 2> /dev/null
{ head -c 300 /dev/zero | tr '\0' 'X'; cat k.uimg; } > fw.bin

"$A" extract -q fw.bin -o out --report r.json 2> err.txt
grep -qx "fw.bin > uimage@0x12c+0x18: warning: uimage: 'test' data crc mismatch" err.txt
! grep -E '@0x[0-9a-f]+@0x|uimage: uimage:' err.txt
"$A" report r.json --format text > r.txt
grep -q "^  note: fw.bin > uimage@0x12c: uimage: 'test' kernel, gzip compressed" r.txt
grep -q "^  warning: fw.bin > uimage@0x12c+0x18: uimage: 'test' data crc mismatch$" r.txt
! grep -E '@0x[0-9a-f]+@0x' r.txt
"$A" report r.json --format html > r.html
grep -q '<td class="mono">fw.bin &gt; uimage@0x12c+0x18</td>' r.html
jq -e '[.diagnostics[] | select(.source == "uimage" and .level == "warning")] ==
    [{"level": "warning", "source": "uimage", "file": "fw.bin > uimage@0x12c",
      "offset": 24, "message": "uimage: '"'"'test'"'"' data crc mismatch"}]' \
    r.json > /dev/null
jq -e '[.diagnostics[] | select(.level == "note" and .source == "uimage")
    | has("offset")] == [false]' r.json > /dev/null
