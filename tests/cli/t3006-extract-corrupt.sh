#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Corruption smoke test (libarchive's test_fuzz idea): flip bytes in and
# truncate every test image, and require a clean status (0, 3 or 4), no
# crash and, under the asan preset, no sanitizer report. Deterministic:
# the byte positions come from a fixed seed.
set -eu
. "$ASSAY_SRC/tests/cli/lib/rootfs.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/img"
make_rootfs "$tmp/root"
rm "$tmp/root/dev/initctl"
I=$tmp/img
mksquashfs "$tmp/root" "$I/gzip.sqfs" -comp gzip -noappend -quiet -no-progress >/dev/null
mksquashfs "$tmp/root" "$I/xz.sqfs" -comp xz -noappend -quiet -no-progress >/dev/null
mksquashfs "$tmp/root" "$I/lzo.sqfs" -comp lzo -noappend -quiet -no-progress >/dev/null
tar -C "$tmp/root" -cf "$I/fs.tar" .
(cd "$tmp/root" && find . | cpio -o -H newc --quiet) > "$I/fs.cpio"
(cd "$tmp/root" && find . | cpio -o -H bin --quiet) > "$I/fs.bcpio"
(cd "$tmp/root" && zip -qry "$I/fs.zip" .)
(cd "$tmp/root/etc" && ar rc "$I/fs.ar" shadow passwd)
gzip -9 -c < "$I/fs.tar" > "$I/fs.tar.gz"
xz -c < "$I/fs.cpio" > "$I/fs.cpio.xz"
lzma -c < "$I/fs.tar" > "$I/fs.tar.lzma"
bzip2 -c < "$I/fs.tar" > "$I/fs.tar.bz2"
zstd -q -c < "$I/fs.tar" > "$I/fs.tar.zst"
lz4 -q -c < "$I/fs.tar" > "$I/fs.tar.lz4"
lz4 -l -q -c < "$I/fs.tar" > "$I/fs.tar.lz4l"
lzop -c < "$I/fs.tar" > "$I/fs.tar.lzo"
genext2fs -q -b 1024 -d "$tmp/root" "$I/fs.ext2" 2>/dev/null
/usr/bin/python3 "$ASSAY_SRC/tests/data/gen/mkpfs.py" "$I/fs.pfs" "$tmp/root" --name-len 128 --damage
if command -v mkimage > /dev/null; then
    seq 1 3000 | lzma -c > "$tmp/k.lzma"
    mkimage -A mips -O linux -T kernel -C lzma -a 0 -e 0 -n k \
        -d "$tmp/k.lzma" "$tmp/k.uimg" > /dev/null
    /usr/bin/python3 "$ASSAY_SRC/tests/data/gen/mksafeloader.py" \
        "$I/fw.safeloader" "$tmp/k.uimg" "$I/xz.sqfs" --soft-ver 1.0.0
fi
F="$ASSAY_SHARED/corpus/real/formats/fact_extractor"
if [ -d "$F" ]; then
    cp "$F/squashfs_lz4.sqfs" "$F/squashfs_zstd.sqfs" "$F/squashfs_lzma.sqfs" \
        "$F/ext4.img.xz" "$I/"
fi

RANDOM=3006
runs=0
try() {
    local f=$1 code
    set +e
    "$ASSAY" ls --regions --max-file-bytes 8M --max-bytes 64M \
        --max-nodes 20000 "$f" > /dev/null 2> "$tmp/err"
    code=$?
    set -e
    runs=$((runs + 1))
    if [ "$code" != 0 ] && [ "$code" != 3 ] && [ "$code" != 4 ]; then
        echo "exit $code on $(basename "$f") ($2)" >&2
        tail -5 "$tmp/err" >&2
        exit 1
    fi
    if grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
        echo "sanitizer report on $(basename "$f") ($2)" >&2
        cat "$tmp/err" >&2
        exit 1
    fi
}
for img in "$I"/*; do
    size=$(stat -c %s "$img")
    for round in 1 2 3 4 5 6; do
        cp "$img" "$tmp/x"
        for k in 1 2 3 4 5 6 7 8; do
            off=$(( (RANDOM * 32768 + RANDOM) % size ))
            printf "\\x$(printf %02x $((RANDOM % 256)))" |
                dd of="$tmp/x" bs=1 seek="$off" conv=notrunc status=none
        done
        try "$tmp/x" "flip round $round"
    done
    for cut in 2 3 5 9 17; do
        head -c $((size * (cut - 1) / cut)) "$img" > "$tmp/x"
        try "$tmp/x" "truncated to $((cut - 1))/$cut"
    done
done
echo "$runs corrupted images unpacked cleanly"
