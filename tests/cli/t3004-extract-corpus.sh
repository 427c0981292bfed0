#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Format samples from the shared corpus (fact_extractor and fwanalyzer
# test data) that the library-backed extractors cover: every file comes
# back with its bytes, and fwanalyzer's metadata cases (setuid, mode 000,
# odd owners, capabilities, device nodes) survive.
set -eu
F="$ASSAY_SHARED/corpus/real/formats/fact_extractor"
W="$ASSAY_SHARED/corpus/real/formats/fwanalyzer"
[ -d "$F" ] && [ -d "$W" ] || { echo "skip: corpus absent"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
A=$ASSAY

# fact_extractor's generic tree: testfile1, testfile2, generic folder/...
check_generic() {
    local d=$1
    grep -q 'MyTestRule 1.2.3' "$d/testfile1"
    [ "$(stat -c %s "$d/testfile2")" = 28 ]
    grep -qx 'The third test file!' "$d/generic folder/test file 3_.txt"
}
for c in gzip lzma lzo xz lz4 zstd; do
    "$A" extract -q "$F/squashfs_$c.sqfs" -o "$tmp/sq-$c"
    check_generic "$tmp/sq-$c/squashfs@0x0"
done
for f in test.tar test.cpio; do
    fmt=${f#test.}
    "$A" extract -q "$F/$f" -o "$tmp/$fmt"
    check_generic "$tmp/$fmt/$fmt@0x0/get_files_test"
done
for e in ext2 ext3 ext4; do
    "$A" extract -q "$F/$e.img.xz" -o "$tmp/$e"
    check_generic "$tmp/$e/xz@0x0/ext@0x0/get_files_test"
done
# Single compressed files: the payload is the original text.
for f in gz:gzip xz:xz zst:zstd lz4:lz4; do
    "$A" extract -q "$F/test.${f%%:*}" -o "$tmp/c-${f%%:*}"
    p="$tmp/c-${f%%:*}/${f#*:}@0x0/.payload"
    [ "$(stat -c %s "$p")" -gt 0 ]
    grep -q '^[0-9a-f]*$' "$p"
done

# fwanalyzer: squashfs.img metadata cases.
"$A" ls --format json "$W/squashfs.img" > "$tmp/fwa.json"
q() { jq -e ".nodes | map(select(.path == \"$1\"))[0] | $2" "$tmp/fwa.json" >/dev/null; }
q /dir2/file2 '.mode == "04755"'
q /dir2/file1 '.mode == "00000"'
q /dir1 '.mode == "00750" and .uid == 1007 and .gid == 1008'
q /dir2/file3 '.type == "symlink" and .link == "file1"'
# Capabilities in SquashFS and ext2 xattrs.
"$A" ls --format json "$W/squashfs_cap.img" > "$tmp/cap.json"
jq -e '.nodes | map(select(.path == "/ifconfig"))[0].xattrs == ["security.capability"]' "$tmp/cap.json" >/dev/null
"$A" ls --format json "$W/cap_ext2.img.gz" > "$tmp/cap2.json"
jq -e '.nodes | map(select(.path == "/test"))[0].xattrs == ["security.capability"]' "$tmp/cap2.json" >/dev/null
# A device node in cpio.
"$A" ls "$W/test.cpio" | grep -q '^c 00644     0/0  .*/dev/tty6 \[4:69\]$'
