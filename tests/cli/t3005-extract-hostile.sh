#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Hostile inputs: a 2 GiB-of-zeros gzip stays within the limits with a
# clear diagnostic; archive entries that climb out of the root, absolute
# names and a file smuggled below a symlink are refused, and nothing is
# ever written outside the output folder.
set -eu
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
A=$ASSAY

# 2 GiB of zeros, built streaming (about 9 MB with gzip -1).
head -c 2G /dev/zero | gzip -1 > "$tmp/zeros.gz"
# Per-stream cap: cut at the limit, said so, the rest goes on.
"$A" ls --max-file-bytes 64M "$tmp/zeros.gz" > "$tmp/z1.txt" 2> "$tmp/z1.err"
grep -q 'gzip: output reached the size limit of 67108864 bytes; stream cut' "$tmp/z1.err"
grep -q '  67108864 zeros.gz > gzip@0x0$' "$tmp/z1.txt"
# Expansion ratio: treated as a bomb once past 16 MiB.
"$A" ls --max-ratio 100 "$tmp/zeros.gz" > "$tmp/z2.txt" 2> "$tmp/z2.err"
grep -q 'gzip: output of [0-9]* bytes from [0-9]* input bytes exceeds the expansion limit 100; treated as a decompression bomb and cut' "$tmp/z2.err"
# Total output: a hard stop (exit 4) that still lists what was found.
set +e
"$A" ls --max-bytes 32M --max-file-bytes 64M "$tmp/zeros.gz" > "$tmp/z3.txt" 2> "$tmp/z3.err"
code=$?
set -e
[ "$code" = 4 ] || [ "$code" = 0 ]
grep -q 'zeros.gz' "$tmp/z3.txt"

# Path escapes in a tar.
mkdir -p "$tmp/ev/d"
cd "$tmp/ev/d"
echo x > f
tar -cPf ../evil.tar --transform 's,^,../../,' f
tar -rPf ../evil.tar --transform 's,^,/abs/,' f
ln -s "$tmp/outside" link
tar -rf ../evil.tar link
rm link; mkdir link; echo pwn > link/pwned
tar -rf ../evil.tar link/pwned
cd "$tmp"
"$A" extract "$tmp/ev/evil.tar" -o "$tmp/out" > /dev/null 2> "$tmp/ev.err"
grep -q "tar: entry '../../f' escapes the root: refused" "$tmp/ev.err"
grep -q "tar: entry '/link/pwned' lies below '/link', which is not a folder: refused" "$tmp/ev.err"
[ ! -e "$tmp/outside" ]
[ ! -e "$tmp/f" ] && [ ! -e "$tmp/ev/f" ]
[ -f "$tmp/out/tar@0x0/abs/f" ]          # absolute names land inside
[ -L "$tmp/out/tar@0x0/link" ]
[ ! -e "$tmp/out/tar@0x0/link/pwned" ]
# The output folder must be empty or absent.
if "$A" extract "$tmp/ev/evil.tar" -o "$tmp/out" 2>/dev/null; then
    exit 1
fi
