#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# vmlinux: ELF kernels with an initramfs linked into ".init.ramfs", built
# here with binutils the way the kernel build does (an object whose
# .init.ramfs section holds a gzip'd newc cpio; 64-bit x86, 32-bit i386
# and, when the cross binutils are installed, big-endian MIPS). Each is
# unpacked as the input and as /boot/vmlinux inside a SquashFS, with the
# initramfs files compared byte for byte; an ELF without the section is
# not claimed, and one whose section points outside the file gives no
# crash and no payload.
. "$(dirname "$0")/lib.sh"
for t in as objcopy cpio gzip mksquashfs; do
    command -v "$t" >/dev/null || skip "$t is not installed"
done
mkdir -p "$T_TMP/root/bin" "$T_TMP/root/etc"
cp /usr/bin/ls "$T_TMP/root/bin/ls"
printf 'root::0:0:root:/root:/bin/sh\n' > "$T_TMP/root/etc/passwd"
(cd "$T_TMP/root" && find . | cpio -o -H newc --quiet) | gzip -9 > "$T_TMP/ramfs.cpio.gz"

kernels="x86_64 i386"
echo | as -o "$T_TMP/x86_64.o" || fail "as"
echo | as --32 -o "$T_TMP/i386.o" || fail "as --32"
if command -v mips-linux-gnu-as > /dev/null && command -v mips-linux-gnu-objcopy > /dev/null; then
    echo | mips-linux-gnu-as -o "$T_TMP/mips.o" && kernels="$kernels mips"
fi
for k in $kernels; do
    oc=objcopy
    [ "$k" = mips ] && oc=mips-linux-gnu-objcopy
    "$oc" --add-section .init.ramfs="$T_TMP/ramfs.cpio.gz" "$T_TMP/$k.o" "$T_TMP/vmlinux-$k" ||
        fail "objcopy $k"
    c="vmlinux-$k > vmlinux@0x0 > initramfs > gzip@0x0 > cpio@0x0"
    "$ASSAY" ls "$T_TMP/vmlinux-$k" > "$T_TMP/$k.txt" 2> "$T_TMP/$k.err"
    grep -q "^- 00644 .* $c /etc/passwd\$" "$T_TMP/$k.txt" &&
        ok "$k: initramfs of the kernel as input" || fail "$k: $(cat "$T_TMP/$k.txt")"
    mkdir -p "$T_TMP/fs-$k/boot"
    cp "$T_TMP/vmlinux-$k" "$T_TMP/fs-$k/boot/vmlinux"
    mksquashfs "$T_TMP/fs-$k" "$T_TMP/fs-$k.sqfs" -quiet -noappend -all-root > /dev/null
    "$ASSAY" extract -q "$T_TMP/fs-$k.sqfs" -o "$T_TMP/out-$k" 2> "$T_TMP/$k.err"
    d="$T_TMP/out-$k/squashfs@0x0/boot/vmlinux.extracted/vmlinux@0x0/initramfs/gzip@0x0/cpio@0x0"
    cmp -s "$d/bin/ls" /usr/bin/ls && cmp -s "$d/etc/passwd" "$T_TMP/root/etc/passwd" &&
        ok "$k: initramfs of /boot/vmlinux inside a SquashFS, byte for byte" ||
        fail "$k: $(find "$T_TMP/out-$k" | head -20)"
done

# An ELF without the section is left alone.
"$ASSAY" ls /usr/bin/true > "$T_TMP/true.txt" 2>&1
! grep -q vmlinux "$T_TMP/true.txt" && ok "ordinary executable not claimed" ||
    fail "true: $(cat "$T_TMP/true.txt")"

# The section's offset moved past the end of the file: not claimed, no crash.
cp "$T_TMP/vmlinux-x86_64" "$T_TMP/bad"
/usr/bin/python3 - "$T_TMP/bad" <<'PY' || fail "set-up"
import struct, sys
p = sys.argv[1]
d = bytearray(open(p, 'rb').read())
shoff, = struct.unpack_from('<Q', d, 40)
shentsize, shnum, shstrndx = struct.unpack_from('<HHH', d, 58)
stroff, = struct.unpack_from('<Q', d, shoff + shstrndx * shentsize + 24)
for i in range(shnum):
    h = shoff + i * shentsize
    name, = struct.unpack_from('<I', d, h)
    if d[stroff + name:stroff + name + 12] == b'.init.ramfs\0':
        struct.pack_into('<Q', d, h + 24, len(d) + 4096)
open(p, 'wb').write(d)
PY
"$ASSAY" ls "$T_TMP/bad" > "$T_TMP/bad.txt" 2>&1
rc=$?
[ "$rc" -lt 64 ] && ! grep -q 'vmlinux@' "$T_TMP/bad.txt" &&
    ok "section outside the file: not claimed (exit $rc)" || fail "bad: exit $rc $(cat "$T_TMP/bad.txt")"
finish
