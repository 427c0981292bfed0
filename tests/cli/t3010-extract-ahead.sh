#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Regions started ahead of an unknown-length stream (engine.c):
#  - an LZMA "kernel" followed by a SquashFS: both unpack (the SquashFS
#    on the other worker while the kernel decodes);
#  - a gzip stream whose stored blocks carry a whole SquashFS superblock
#    raw: the SquashFS started ahead at that offset is discarded when the
#    stream turns out to cover it, with everything it said (diagnostics,
#    regions), and the SquashFS comes back once, inside the gzip payload.
. "$(dirname "$0")/lib.sh"
for t in mksquashfs lzma gzip; do
    command -v "$t" >/dev/null || skip "$t is not installed"
done
mkdir -p "$T_TMP/r"
head -c 200000 /dev/urandom > "$T_TMP/r/rand.bin"
cp /usr/bin/ls "$T_TMP/r/ls"
mksquashfs "$T_TMP/r" "$T_TMP/fs.sqfs" -comp xz -noappend -quiet -no-progress \
    -all-root >/dev/null || fail "mksquashfs"

# Kernel then root file system.
head -c 3000000 /usr/bin/bash | lzma -6 > "$T_TMP/k.lzma"
cat "$T_TMP/k.lzma" "$T_TMP/fs.sqfs" > "$T_TMP/fw.bin"
off=$(stat -c %s "$T_TMP/k.lzma")
"$ASSAY" ls "$T_TMP/fw.bin" > "$T_TMP/fw.txt" 2> "$T_TMP/fw.err"
grep -q "^C .* fw.bin > lzma@0x0\$" "$T_TMP/fw.txt" &&
    grep -q "^- .* fw.bin > squashfs@0x$(printf '%x' "$off") /rand.bin\$" "$T_TMP/fw.txt" &&
    ok "LZMA kernel and the SquashFS after it both unpacked" ||
    fail "fw.bin: $(grep '^C' "$T_TMP/fw.txt")"

# A SquashFS superblock inside a gzip stream.
gzip -1 -c "$T_TMP/fs.sqfs" > "$T_TMP/x.gz"
grep -c hsqs "$T_TMP/x.gz" > /dev/null || fail "set-up: no raw superblock in the gzip stream"
"$ASSAY" ls --regions "$T_TMP/x.gz" > "$T_TMP/x.txt" 2> "$T_TMP/x.err"
[ "$(grep -c '^C .*squashfs@' "$T_TMP/x.txt")" = 1 ] &&
    grep -q '^C .* x.gz > gzip@0x0 > squashfs@0x0$' "$T_TMP/x.txt" &&
    grep -q '^- .* x.gz > gzip@0x0 > squashfs@0x0 /rand.bin$' "$T_TMP/x.txt" &&
    ok "SquashFS unpacked once, inside the gzip payload" ||
    fail "x.gz: $(grep '^C' "$T_TMP/x.txt")"
! grep -q 'squashfs' "$T_TMP/x.err" && ok "no diagnostic from the discarded region" ||
    fail "diagnostics: $(cat "$T_TMP/x.err")"
! grep -q '^x.gz > squashfs@' "$T_TMP/x.txt" && ok "no region from the discarded region" ||
    fail "regions: $(grep '^x.gz > squashfs' "$T_TMP/x.txt")"
finish
