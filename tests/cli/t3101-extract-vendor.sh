#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Format samples from the shared corpus that only the vendor extractors
# read (SquashFS 2.x/3.x and AVM big-endian 4.x, JFFS2, UBI/UBIFS, cramfs,
# romfs, YAFFS2, TRX, uImage, FIT, zImage): `assay extract` writes every
# file back with its bytes under the container chain the extractor made.
set -eu
F="$ASSAY_SHARED/corpus/real/formats/fact_extractor"
[ -d "$F" ] || { echo "skip: corpus absent"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
A=$ASSAY

check_generic() {
    local d=$1
    grep -q 'MyTestRule 1.2.3' "$d/testfile1"
    [ "$(stat -c %s "$d/testfile2")" = 28 ]
    grep -qx 'The third test file!' "$d/generic folder/test file 3_.txt"
}
n=0
for s in squashfs_zlib_le.sqfs3:squashfs-vendor@0x0 \
         squashfs_zlib_be.sqfs3:squashfs-vendor@0x0 \
         squashfs_lzma1_le.sqfs3:squashfs-vendor@0x0 \
         squashfs_lzma1_be.sqfs3:squashfs-vendor@0x0 \
         squashfs_lzma_le.sqfs2:squashfs-vendor@0x0 \
         squashfs_lzma_be.sqfs2:squashfs-vendor@0x0 \
         squashfs_avm_be.sqfs4:squashfs-vendor@0x0 \
         jffs2_le.img:jffs2@0x0 jffs2_be.img:jffs2@0x0 \
         test.ubifs:ubifs@0x0 ubi.img:ubi@0x0/rootfs/ubifs@0x0 \
         cramfs.img:cramfs@0x0 romfs.img:romfs@0x0 \
         yaffs2_le.img:yaffs2@0x0 yaffs2_be.img:yaffs2@0x0; do
    img=${s%%:*}
    n=$((n + 1))
    "$A" extract -q "$F/$img" -o "$tmp/o$n"
    check_generic "$tmp/o$n/${s#*:}"
done

# Containers: partitions and payloads by name.
"$A" ls "$F/trx.img" | grep -q '> trx@0x0 > part0$'
"$A" ls "$F/uboot_mips.uimage" | grep -q '> uimage@0x0 > firmware > lzma@0x0$'
"$A" ls --format json "$F/fit.itb" > "$tmp/fit.json"
jq -e '.nodes | map(select(.path == "/images/kernel" and .format == "fit")) | length == 1' \
    "$tmp/fit.json" > /dev/null
jq -e '.nodes | map(select(.path == "/root/random-data")) | length == 1' \
    "$tmp/fit.json" > /dev/null
"$A" ls "$F/zImage_be32" | grep -q '> zimage@0x0 > kernel$'
"$A" ls "$F/tplink_mr3020v1_3.17.2_stubrootfs.tpl" |
    grep -q '> tplink@0x0 > rootfs > squashfs@0x0$'
# Output is deterministic.
"$A" ls --regions "$F/ubi.img" > "$tmp/a.txt"
"$A" ls --regions "$F/ubi.img" | cmp - "$tmp/a.txt"
