#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The real TP-Link TL-WR841N v10 image: the TP-Link extractor splits the
# up_boot image (bootloader, second header at 0x20200) into its parts; the
# LZMA kernel and the SquashFS 4 (lzma) rootfs are unpacked inside them
# and yield /etc/shadow with the known root hash and the MIPS busybox.
set -eu
img="$ASSAY_SHARED/corpus/real/vendor/tplink_tl-wr841n_v10_3.16.9_150310_up_boot.bin"
[ -f "$img" ] || { echo "skip: $img absent"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$ASSAY" ls --regions "$img" > "$tmp/ls.txt"
grep -q '  0x00000000 .* format      tplink' "$tmp/ls.txt"
grep -q 'tplink@0x0 > kernel  0x00000000 .* format      lzma' "$tmp/ls.txt"
grep -q 'tplink@0x0 > rootfs  0x00000000 .* format      squashfs' "$tmp/ls.txt"
grep -q 'rootfs > squashfs@0x0 /etc/passwd -> ../tmp/passwd$' "$tmp/ls.txt"

"$ASSAY" extract -q "$img" -o "$tmp/out"
root="$tmp/out/tplink@0x0/rootfs/squashfs@0x0"
grep -qx 'root:$1$GTN.gpri$DlSyKvZKMR9A9Uj9e9wR3/:15502:0:99999:7:::' \
    "$root/etc/shadow"
head -c 20 "$root/bin/busybox" | od -An -tx1 | tr -d ' \n' |
    grep -q '^7f454c46010201'   # ELF, 32-bit, big-endian (MIPS)
# The decompressed kernel is kept and is Linux.
grep -q 'Linux version 2.6.31' "$tmp/out/tplink@0x0/kernel/lzma@0x0/.payload"
# The symlink is written as stored, never followed.
[ "$(readlink "$root/etc/passwd")" = "../tmp/passwd" ]
jq -e '.entries | map(select(.fs_path == "/etc/shadow")) | length == 1' \
    "$tmp/out/.assay-manifest.json" > /dev/null
# Output is deterministic.
"$ASSAY" ls --regions "$img" | cmp - "$tmp/ls.txt"
