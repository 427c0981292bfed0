#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# SquashFS 4 with every compressor mksquashfs offers, built here from a
# small rootfs: contents, modes (setuid, sticky), ownership, symlinks
# (one far above the root, kept as stored), hard links, FIFOs and file
# capabilities must come back; then a half-truncated image must still
# give a diagnostic and what can be recovered: the tables (names) are at
# the end of the image, so the data blocks come back without names.
set -eu
. "$ASSAY_SRC/tests/cli/lib/rootfs.sh"
command -v mksquashfs >/dev/null || { echo "skip: no mksquashfs"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
make_rootfs "$tmp/root"

for comp in gzip lzo lz4 xz zstd lzma; do
    img="$tmp/fs-$comp.sqfs"
    mksquashfs "$tmp/root" "$img" -comp "$comp" -noappend -quiet \
        -no-progress >/dev/null
    "$ASSAY" ls --format json "$img" > "$tmp/ls.json"
    check_meta "$tmp/ls.json" "squashfs@0x0"
    jq -e '.nodes | map(select(.path == "/bin/busybox-hard"))[0] | .type == "hardlink" and .link == "/bin/busybox"' \
        "$tmp/ls.json" > /dev/null
    if [ "$HAVE_CAP" = 1 ]; then
        jq -e '.nodes | map(select(.path == "/usr/sbin/ping"))[0].xattrs | index("security.capability") != null' \
            "$tmp/ls.json" > /dev/null
    fi
    "$ASSAY" extract -q "$img" -o "$tmp/out-$comp"
    check_tree "$tmp/out-$comp/squashfs@0x0" "$tmp/root"
    jq -e '.entries | map(select(.fs_path == "/dev/initctl"))[0].written == false' \
        "$tmp/out-$comp/.assay-manifest.json" > /dev/null
    if [ "$HAVE_CAP" = 1 ]; then
        # security.capability as stored: v2 + effective, cap_net_raw (bit 13)
        jq -e '.entries | map(select(.fs_path == "/usr/sbin/ping"))[0].xattrs["security.capability"] | startswith("01000002") and (.[8:16] == "00200000")' \
            "$tmp/out-$comp/.assay-manifest.json" > /dev/null
    fi
done

# Half-truncated: a diagnostic, a clean exit and partial results, for
# every compressor whose blocks are self-delimiting.
for i in $(seq 1 300); do seq "$i" 5000 > "$tmp/root/www/page$i.txt"; done
for comp in gzip xz lzma zstd; do
    mksquashfs "$tmp/root" "$tmp/big-$comp.sqfs" -comp "$comp" -noappend \
        -quiet -no-progress >/dev/null
    size=$(stat -c %s "$tmp/big-$comp.sqfs")
    head -c $((size / 2)) "$tmp/big-$comp.sqfs" > "$tmp/half-$comp.sqfs"
    "$ASSAY" ls "$tmp/half-$comp.sqfs" > "$tmp/half.txt" 2> "$tmp/half.err"
    grep -q 'squashfs: tables lost; [0-9]* data blocks' "$tmp/half.err"
    grep -q 'squashfs@0x0 > recovered-data$' "$tmp/half.txt"
    "$ASSAY" extract -q "$tmp/half-$comp.sqfs" -o "$tmp/half-$comp" 2>/dev/null
    grep -q '^4999$' "$tmp/half-$comp/squashfs@0x0/recovered-data/.payload"
done
