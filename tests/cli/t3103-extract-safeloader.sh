#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# TP-Link safeloader factory images built here by
# tests/data/gen/mksafeloader.py the way OpenWrt's tplink-safeloader lays
# them out: an os-image that is a real uImage (mkimage) around an LZMA
# kernel and a file-system that is a real SquashFS (mksquashfs). The
# partitions come out named after the fwup-ptn table, the kernel and the
# SquashFS files byte for byte, and one note names the firmware version,
# the vendor text and the supported boards. Damaged images (truncated, a
# partition past the end, a garbage table line, a wrong MD5) give
# warnings that name the offset, and what is intact still comes out.
set -eu
for t in mkimage mksquashfs lzma; do
    command -v $t > /dev/null || { echo "skip: $t absent"; exit 77; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
A=$ASSAY
G="$ASSAY_SRC/tests/data/gen/mksafeloader.py"
cd "$tmp"
mkdir -p root/bin root/etc/config root/www
{ printf '\177ELF'; head -c 3000 /dev/zero | tr '\0' 'B'; seq 1 500; } > root/bin/busybox
ln -s busybox root/bin/sh
printf 'root:$1$abc$def:18000:0:99999:7:::\n' > root/etc/shadow
printf "config system\n\toption hostname 'Archer'\n" > root/etc/config/system
: > root/etc/config/empty
printf '<html>login</html>\n' > root/www/index.html
{ printf 'Linux version 4.14.221 (builder) #0\n'; seq 1 20000; } > vmlinux
lzma -9 -c vmlinux > vmlinux.lzma
mkimage -A mips -O linux -T kernel -C lzma -a 0x80060000 -e 0x80060000 \
    -n 'MIPS OpenWrt Linux-4.14.221' -d vmlinux.lzma kernel.uimg > /dev/null
mksquashfs root rootfs.sqfs -comp xz -noappend -quiet -no-progress \
    -all-root > /dev/null

# An Archer C7 v5 style image: no vendor text, "soft_ver:7.0.0".
/usr/bin/python3 "$G" c7.bin kernel.uimg rootfs.sqfs --soft-ver 7.0.0
size=$(stat -c %s c7.bin)
"$A" ls --regions c7.bin > ls.txt 2> err.txt
[ ! -s err.txt ]
grep -q "^c7.bin  0x00000000 *$size  format      safeloader" ls.txt
for p in partition-table soft-version support-list os-image file-system \
    extra-para; do
    grep -q "^C 00755     0/0 .* c7.bin > safeloader@0x0 > $p\$" ls.txt
done
grep -q '^c7.bin > safeloader@0x0 > os-image  0x00000000 .* format      uimage' ls.txt
grep -q '^c7.bin > safeloader@0x0 > file-system  0x00000000 .* format      squashfs' ls.txt
fs='c7.bin > safeloader@0x0 > file-system > squashfs@0x0'
grep -q "^- 00644     0/0 .* $fs /etc/shadow\$" ls.txt
grep -q "^l 00777     0/0 .* $fs /bin/sh -> busybox\$" ls.txt

"$A" extract -q c7.bin -o out --report r.json 2> err.txt
[ ! -s err.txt ]
diff -r root out/safeloader@0x0/file-system/squashfs@0x0
cmp vmlinux out/safeloader@0x0/os-image/uimage@0x0/kernel/lzma@0x0/.payload
cmp rootfs.sqfs out/safeloader@0x0/file-system/.payload
cmp kernel.uimg out/safeloader@0x0/os-image/.payload
jq -e '[.diagnostics[] | select(.source == "safeloader")] ==
    [{"level": "note", "source": "safeloader", "file": "c7.bin > safeloader@0x0",
      "message": "safeloader: plain image, 6 partitions, firmware 7.0.0, support list: {product_name:Archer C7,product_ver:5.0.0,special_id:00000000}; {product_name:Archer C7,product_ver:5.0.0,special_id:45550000}; {product_name:Archer C7,product_ver:5.0.0,special_id:55530000}; checksum valid"}]' \
    r.json > /dev/null
"$A" ls --regions c7.bin | cmp - ls.txt   # deterministic

# A CPE510 style image (vendor text, binary soft-version, no trailing
# byte) carved out of a blob at 0x200.
/usr/bin/python3 "$G" cpe.bin kernel.uimg rootfs.sqfs --trail -1 \
    --board CPE510 --vendor 'CPE510(TP-LINK|UN|N300-5):1.0\r\n'
{ head -c 512 /dev/zero; cat cpe.bin; printf 'TRAILER'; } > blob
"$A" extract -q blob -o out2 --report r2.json 2> err.txt
[ ! -s err.txt ]
diff -r root out2/safeloader@0x200/file-system/squashfs@0x0
jq -e '[.diagnostics[] | select(.source == "safeloader") | .message] ==
    ["safeloader: vendor image, 6 partitions, firmware 1.0.0 (2024-05-01, rev 4660), vendor '"'"'CPE510(TP-LINK|UN|N300-5):1.0'"'"', support list: {product_name:CPE510,product_ver:5.0.0,special_id:00000000}; {product_name:CPE510,product_ver:5.0.0,special_id:45550000}; {product_name:CPE510,product_ver:5.0.0,special_id:55530000}; checksum valid"]' \
    r2.json > /dev/null
"$A" ls --regions blob | grep -q "^blob  0x00000200 *$(stat -c %s cpe.bin)  format      safeloader"

# Where a partition starts in the image: 0x1014 + its base.
part_off() {
    local b
    b=$(grep -ao "fwup-ptn $2 base 0x[0-9a-f]*" "$1" | head -1 | sed 's/.* //')
    echo $((0x1014 + b))
}
# The offset of a table line in the image.
line_off() {
    grep -boa "fwup-ptn $2" "$1" | head -1 | cut -d: -f1
}

# Truncated inside the file-system partition, after the SquashFS proper:
# the files still come out; extra-para is gone.
fs_off=$(part_off c7.bin file-system)
cut=$((fs_off + $(stat -c %s rootfs.sqfs) - 512))
sq_used=$(od -An -j $((fs_off + 40)) -N 4 -tu4 c7.bin | tr -d ' ')
[ "$sq_used" -le $((cut - fs_off)) ]   # bytes_used of the SquashFS fit
head -c $cut c7.bin > trunc.bin
"$A" extract -q trunc.bin -o out3 2> err.txt || true
c='trunc.bin > safeloader@0x0'
grep -qx "$c+0x0: warning: safeloader: image of $size bytes truncated to $cut" err.txt
grep -qx "$c+$(printf 0x%x $(line_off c7.bin file-system)): warning: safeloader: partition 'file-system' (0x$(printf %x $(stat -c %s rootfs.sqfs)) bytes at base 0x$(printf %x $((fs_off - 0x1014)))) truncated to 0x$(printf %x $((cut - fs_off))) bytes" err.txt
grep -q "^$c+0x[0-9a-f]*: warning: safeloader: partition 'extra-para' .* lies past the end of the image: skipped\$" err.txt
diff -r root out3/safeloader@0x0/file-system/squashfs@0x0
cmp vmlinux out3/safeloader@0x0/os-image/uimage@0x0/kernel/lzma@0x0/.payload
[ ! -e out3/safeloader@0x0/extra-para ]

# A partition whose base lies past the end: skipped, the rest unpacked.
/usr/bin/python3 "$G" past.bin kernel.uimg rootfs.sqfs --soft-ver 7.0.0 \
    --damage past-end
"$A" extract -q past.bin -o out4 2> err.txt || true
grep -qx "past.bin > safeloader@0x0+$(printf 0x%x $(line_off past.bin extra-blob)): warning: safeloader: partition 'extra-blob' (0x100 bytes at base 0x[0-9a-f]*) lies past the end of the image: skipped" err.txt
[ "$(wc -l < err.txt)" = 1 ]
diff -r root out4/safeloader@0x0/file-system/squashfs@0x0

# A garbage line in the table: named by its offset, the lines after it
# (file-system, extra-para) still read.
/usr/bin/python3 "$G" garbage.bin kernel.uimg rootfs.sqfs --soft-ver 7.0.0 \
    --damage garbage
g=$(grep -boa $'fwup-ptn \001' garbage.bin | head -1 | cut -d: -f1)
"$A" extract -q garbage.bin -o out5 2> err.txt || true
grep -qx "garbage.bin > safeloader@0x0+$(printf 0x%x $g): warning: safeloader: damaged partition table line: skipped" err.txt
[ "$(wc -l < err.txt)" = 1 ]
diff -r root out5/safeloader@0x0/file-system/squashfs@0x0
[ -e out5/safeloader@0x0/extra-para/.payload ]

# A wrong MD5: a warning at 0x4, the note says so, nothing else lost.
/usr/bin/python3 "$G" md5.bin kernel.uimg rootfs.sqfs --soft-ver 7.0.0 \
    --damage md5
"$A" extract -q md5.bin -o out6 --report r6.json 2> err.txt || true
grep -qx "md5.bin > safeloader@0x0+0x4: warning: safeloader: md5 checksum mismatch" err.txt
jq -e '[.diagnostics[] | select(.source == "safeloader" and .level == "note")
    | .message | endswith("checksum invalid")] == [true]' r6.json > /dev/null
diff -r root out6/safeloader@0x0/file-system/squashfs@0x0

# Text that only looks like a table is not taken: "fwup-ptn" at 0x1014
# with a malformed first line is unknown data.
{ printf '\000\000\030\024'; head -c 4112 /dev/zero;
  printf 'fwup-ptn os-image base 0x800 size 0xzz\t\r\n'; head -c 2048 /dev/zero; } > fake.bin
"$A" ls --regions fake.bin > ls7.txt 2>&1 || true
if grep -q safeloader ls7.txt; then exit 1; fi
grep -q '^fake.bin  0x00000000 .*  unknown' ls7.txt
