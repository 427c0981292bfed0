#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Archives, compressors and ext2/3/4 built here from the same rootfs:
# tar (with xattrs), cpio in all four dialects, zip, ar, each compressor
# around a tar (nesting shows in the container chain), genext2fs and
# mke2fs -d images, and a synthetic firmware blob that only carving can
# take apart.
set -eu
. "$ASSAY_SRC/tests/cli/lib/rootfs.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
make_rootfs "$tmp/root"
A=$ASSAY

# tar keeps everything, capabilities included (--xattrs).
tar --xattrs --xattrs-include='*' -C "$tmp/root" -cf "$tmp/fs.tar" .
"$A" ls --format json "$tmp/fs.tar" > "$tmp/tar.json"
check_meta "$tmp/tar.json" "tar@0x0"
if [ "$HAVE_CAP" = 1 ]; then
    jq -e '.nodes | map(select(.path == "/usr/sbin/ping"))[0].xattrs | index("security.capability") != null' \
        "$tmp/tar.json" > /dev/null
fi
"$A" extract -q "$tmp/fs.tar" -o "$tmp/out-tar"
check_tree "$tmp/out-tar/tar@0x0" "$tmp/root"

# cpio: newc, crc, odc, bin.
for fmt in newc crc odc bin; do
    (cd "$tmp/root" && find . | cpio -o -H "$fmt" --quiet) > "$tmp/fs-$fmt.cpio"
    "$A" ls --format json "$tmp/fs-$fmt.cpio" > "$tmp/cpio.json"
    check_meta "$tmp/cpio.json" "cpio@0x0"
    "$A" extract -q "$tmp/fs-$fmt.cpio" -o "$tmp/out-$fmt"
    check_tree "$tmp/out-$fmt/cpio@0x0" "$tmp/root"
done

# zip (symlinks stored as links with -y) and ar (flat members).
(cd "$tmp/root" && zip -qry "$tmp/fs.zip" .)
"$A" extract -q "$tmp/fs.zip" -o "$tmp/out-zip"
cmp "$tmp/root/etc/shadow" "$tmp/out-zip/zip@0x0/etc/shadow"
cmp "$tmp/root/www/index.html" "$tmp/out-zip/zip@0x0/www/index.html"
[ "$(readlink "$tmp/out-zip/zip@0x0/bin/sh")" = busybox ]
(cd "$tmp/root/etc" && ar rc "$tmp/fs.ar" shadow passwd)
"$A" extract -q "$tmp/fs.ar" -o "$tmp/out-ar"
cmp "$tmp/root/etc/passwd" "$tmp/out-ar/ar@0x0/passwd"

# Every compressor around the tar: the tar comes out one level down.
for c in "gzip -9" "xz" "lzma" "bzip2" "lz4 -q" "zstd -q" "lzop"; do
    name=${c%% *}
    $c -c < "$tmp/fs.tar" > "$tmp/fs.tar.$name"
    case $name in
    lzma) fmt=lzma ;; lzop) fmt=lzop ;; *) fmt=$name ;;
    esac
    "$A" extract -q "$tmp/fs.tar.$name" -o "$tmp/out-$name"
    check_tree "$tmp/out-$name/$fmt@0x0/tar@0x0" "$tmp/root"
    cmp "$tmp/fs.tar" "$tmp/out-$name/$fmt@0x0/.payload"
done
# lzop block checksums (Adler-32 by default, CRC-32 with --crc32) are
# verified: intact files give no warning; a byte changed inside a stored
# (incompressible) block is reported at its block and the bytes are kept.
head -c 300000 /dev/urandom > "$tmp/rand.bin"
for sum in "" "--crc32"; do
    lzop $sum -c "$tmp/rand.bin" > "$tmp/r.lzo"
    "$A" ls "$tmp/r.lzo" > /dev/null 2> "$tmp/lzo.err"
    ! grep -q 'check' "$tmp/lzo.err"
    printf '\125' | dd of="$tmp/r.lzo" bs=1 seek=1000 conv=notrunc status=none
    "$A" ls "$tmp/r.lzo" > /dev/null 2> "$tmp/lzo.err"
    grep -q 'lzop: block at 0x[0-9a-f]*: decoded data fails its \(Adler-32\|CRC-32\) check; kept' "$tmp/lzo.err"
    "$A" extract -q "$tmp/r.lzo" -o "$tmp/out-lzo${sum}" 2> /dev/null
    [ "$(stat -c %s "$tmp/out-lzo${sum}/lzop@0x0/.payload")" = 300000 ]
done
# lz4 legacy format (Linux kernels and initramfs).
lz4 -l -q -c < "$tmp/fs.tar" > "$tmp/fs.tar.lz4l"
"$A" extract -q "$tmp/fs.tar.lz4l" -o "$tmp/out-lz4l"
check_tree "$tmp/out-lz4l/lz4@0x0/tar@0x0" "$tmp/root"

# ext2 (genext2fs) and ext4 (mke2fs -d).
rm "$tmp/root/dev/initctl"   # genext2fs cannot copy FIFOs
genext2fs -q -b 2048 -d "$tmp/root" "$tmp/fs.ext2" 2>/dev/null
"$A" extract -q "$tmp/fs.ext2" -o "$tmp/out-ext2"
# genext2fs 1.5 drops group/other bits itself (debugfs shows 04700):
# compare modes with what debugfs reads from the image.
check_tree "$tmp/out-ext2/ext@0x0" "$tmp/root" image-modes
want=$(debugfs -R "stat /usr/sbin/su" "$tmp/fs.ext2" 2>/dev/null |
    sed -n 's/.*Mode: *\([0-7]*\).*/\1/p')
[ "0$(stat -c %a "$tmp/out-ext2/ext@0x0/usr/sbin/su")" = "$want" ]
mke2fs -q -F -t ext4 -d "$tmp/root" "$tmp/fs.ext4" 4M
"$A" ls --format json "$tmp/fs.ext4" > "$tmp/ext4.json"
jq -e '.nodes | map(select(.path == "/bin/busybox-hard"))[0].type == "hardlink"' "$tmp/ext4.json" > /dev/null
"$A" extract -q "$tmp/fs.ext4" -o "$tmp/out-ext4"
check_tree "$tmp/out-ext4/ext@0x0" "$tmp/root"
if [ "$HAVE_CAP" = 1 ]; then
    jq -e '.entries | map(select(.fs_path == "/usr/sbin/ping"))[0].xattrs["security.capability"] | startswith("01000002")' \
        "$tmp/out-ext4/.assay-manifest.json" > /dev/null
fi

# A firmware-like blob: a code-like header, gzip'd tar, 0xff padding, ext2.
{
    head -c 1000 /bin/true
    gzip -9 -c < "$tmp/fs.tar"
} > "$tmp/fw.bin"
sz=$(stat -c %s "$tmp/fw.bin")
pad=$(( (65536 - sz % 65536) % 65536 + 65536 ))
head -c "$pad" /dev/zero | tr '\0' '\377' >> "$tmp/fw.bin"
ext_off=$(stat -c %s "$tmp/fw.bin")
cat "$tmp/fs.ext2" >> "$tmp/fw.bin"
"$A" ls --regions "$tmp/fw.bin" > "$tmp/fw.txt"
grep -q "^fw.bin  0x000003e8 .* format      gzip" "$tmp/fw.txt"
grep -q "$(printf '^fw.bin  0x%08x .* format      ext' "$ext_off")" "$tmp/fw.txt"
grep -q '^fw.bin  0x00000000 .* unknown     -  .* entropy' "$tmp/fw.txt"
grep -q '^fw.bin  .* padding ' "$tmp/fw.txt"
"$A" extract -q "$tmp/fw.bin" -o "$tmp/out-fw"
cmp "$tmp/root/etc/shadow" "$tmp/out-fw/gzip@0x3e8/tar@0x0/etc/shadow"
cmp "$tmp/root/etc/shadow" \
    "$tmp/out-fw/$(printf 'ext@0x%x' "$ext_off")/etc/shadow"
