#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# p0002: the vendor/custom format extractors on real samples and on larger
# images built here from system binaries (~24 MB of ELF files): JFFS2
# (both byte orders), UBIFS in UBI, cramfs, romfs. For each image: wall
# and CPU seconds, peak RSS (/usr/bin/time) and the regular files `assay
# ls` lists. Numbers are printed, never committed.
#
# usage: bench/p0002-vendor.sh [ASSAY_BINARY] [SHARED_DIR]
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
ASSAY=${1:-$here/build/release/assay}
[ -x "$ASSAY" ] || ASSAY=$here/build/dev/assay
SHARED=${2:-$here/../shared}
for t in /usr/bin/time mkfs.jffs2 mkfs.ubifs ubinize mkfs.cramfs genromfs; do
    command -v "$t" >/dev/null || { echo "p0002: '$t' missing" >&2; exit 2; }
done
work=$(mktemp -d /tmp/p0002.XXXXXX)
trap 'rm -rf "$work"' EXIT

root=$work/root
mkdir -p "$root/bin"
total=0
for f in /usr/bin/*; do
    [ -f "$f" ] && [ ! -L "$f" ] || continue
    cp "$f" "$root/bin/" 2>/dev/null || continue
    total=$((total + $(stat -c %s "$f")))
    [ "$total" -gt 24000000 ] && break
done
mkfs.jffs2 -r "$root" -o "$work/le.jffs2" -l -e 0x20000 2>/dev/null
mkfs.jffs2 -r "$root" -o "$work/be.jffs2" -b -e 0x20000 2>/dev/null
mkfs.ubifs -r "$root" -m 2048 -e 126976 -c 2048 -x lzo -o "$work/fs.ubifs"
printf '[r]\nmode=ubi\nimage=%s\nvol_id=0\nvol_type=dynamic\nvol_name=rootfs\n' \
    "$work/fs.ubifs" > "$work/ubi.ini"
ubinize -o "$work/ubi.img" -m 2048 -p 128KiB "$work/ubi.ini" 2>/dev/null
mkfs.cramfs "$root" "$work/fs.cramfs" >/dev/null 2>&1
genromfs -d "$root" -f "$work/fs.romfs"

run() {
    local name=$1 img=$2 files t
    [ -f "$img" ] || { printf '%-34s absent\n' "$name"; return; }
    /usr/bin/time -o "$work/time.txt" -f '%e %U %S %M' \
        "$ASSAY" ls "$img" > "$work/ls.txt" 2>/dev/null
    files=$(grep -c '^- ' "$work/ls.txt")
    read -r wall user sys rss < "$work/time.txt"
    printf '%-34s %10d B  wall %6ss  cpu %6.2fs  rss %7d KiB  files %6d\n' \
        "$name" "$(stat -c %s "$img")" "$wall" \
        "$(echo "$user + $sys" | bc)" "$rss" "$files"
}

echo "p0002 vendor formats (assay: $ASSAY)"
run "jffs2 little-endian (built)" "$work/le.jffs2"
run "jffs2 big-endian (built)" "$work/be.jffs2"
run "ubi + ubifs lzo (built)" "$work/ubi.img"
run "cramfs (built)" "$work/fs.cramfs"
run "romfs (built)" "$work/fs.romfs"
F=$SHARED/corpus/real
run "tplink wr841n v10 (real)" "$F/vendor/tplink_tl-wr841n_v10_3.16.9_150310_up_boot.bin"
run "fit.itb (sample)" "$F/formats/fact_extractor/fit.itb"
run "ubi.img (sample)" "$F/formats/fact_extractor/ubi.img"
