#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# p0001: assay extract against binwalk -Me on the same images.
#
# usage: bench/p0001-extract.sh [ASSAY_BINARY] [SHARED_DIR]
#
# Images: the real vendor images and the format samples of the shared
# corpus, plus a ~32 MiB synthetic firmware built here (header, LZMA
# "kernel", xz SquashFS rootfs of system binaries, gzip'd cpio initramfs,
# 0xff padding). For each image and tool: wall and CPU time and peak RSS
# (/usr/bin/time -v), files recovered and ELF executables recovered (files
# under the output folder whose first bytes are \177ELF), and the speed
# ratios binwalk/assay (wall and CPU: on a shared machine CPU time is the
# steadier figure). Numbers are printed, never committed.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
ASSAY=${1:-$here/build/release/assay}
[ -x "$ASSAY" ] || ASSAY=$here/build/dev/assay
SHARED=${2:-$here/../shared}
BINWALK_TIMEOUT=${BINWALK_TIMEOUT:-600}
for t in /usr/bin/time binwalk mksquashfs cpio xz lzma; do
    command -v "$t" >/dev/null || { echo "p0001: '$t' missing" >&2; exit 2; }
done
# Outputs go to a tmpfs (P0001_TMP, default /dev/shm when writable) so
# that the figures measure the unpackers, not the file system: on an ext4
# without a journal that has seen many recent deletions (a test machine),
# creating one file costs ~0.4 ms while the allocator skips recently
# deleted inodes, which alone is ~0.3 s for the synthetic image's ~650
# files, for either tool. P0001_TMP=/tmp measures on disk.
tmpbase=${P0001_TMP:-/dev/shm}
[ -d "$tmpbase" ] && [ -w "$tmpbase" ] || tmpbase=/tmp
work=$(mktemp -d "$tmpbase/p0001.XXXXXX")
echo "p0001: outputs under $work ($(stat -f -c %T "$work"))"
trap 'rm -rf "$work"' EXIT

# ---- the synthetic image ------------------------------------------------
synth() {
    local out=$1 r=$work/synth-root
    mkdir -p "$r/bin" "$r/lib" "$r/etc" "$r/www"
    # Real ELF binaries and libraries, ~60 MB before compression.
    local total=0
    for f in /usr/bin/* /usr/lib/x86_64-linux-gnu/*.so*; do
        [ -f "$f" ] && [ ! -L "$f" ] || continue
        head -c 4 "$f" | grep -q 'ELF' || continue
        cp "$f" "$r/bin/" 2>/dev/null || continue
        total=$((total + $(stat -c %s "$f")))
        [ "$total" -gt 60000000 ] && break
    done
    for i in $(seq 1 400); do seq "$i" 3 20000 > "$r/www/page$i.html"; done
    printf 'root:$1$GTN.gpri$DlSyKvZKMR9A9Uj9e9wR3/:15502:0:99999:7:::\n' > "$r/etc/shadow"
    mksquashfs "$r" "$work/rootfs.sqfs" -comp xz -noappend -quiet -no-progress >/dev/null
    # A "kernel": LZMA of 6 MB of code.
    cat /usr/bin/* 2>/dev/null | head -c 6000000 | lzma -6 > "$work/kernel.lzma"
    # An initramfs: gzip'd newc cpio of a few binaries.
    mkdir -p "$work/initrd/sbin"
    ls /usr/sbin/* | head -40 | while read -r f; do cp "$f" "$work/initrd/sbin/" 2>/dev/null; done
    (cd "$work/initrd" && find . | cpio -o -H newc --quiet) | gzip -6 > "$work/initrd.cpio.gz"
    {
        printf 'SYNTHFW1 p0001 synthetic firmware image\n'
        head -c 472 /dev/zero
        cat "$work/kernel.lzma"
    } > "$out"
    pad_to() { local want=$1 cur; cur=$(stat -c %s "$out")
        [ "$cur" -lt "$want" ] && head -c $((want - cur)) /dev/zero | tr '\0' '\377' >> "$out"; }
    pad_to $((4 << 20))
    cat "$work/rootfs.sqfs" >> "$out"
    pad_to $(( ( $(stat -c %s "$out") + 65535) / 65536 * 65536 ))
    cat "$work/initrd.cpio.gz" >> "$out"
    pad_to $((32 << 20))
}

# ---- measuring ------------------------------------------------------------
count_files() { find "$1" -type f ! -name .assay-manifest.json 2>/dev/null | wc -l; }
count_elf() {
    find "$1" -type f -size +51c -exec sh -c '
        for f; do
            [ "$(head -c 4 "$f" | od -An -c | tr -d " ")" = "177ELF" ] && echo
        done' sh {} + 2>/dev/null | wc -l
}
# run OUT CMD...: prints "wall_s cpu_s rss_kb files elf"
run() {
    local out=$1; shift
    rm -rf "$out"
    /usr/bin/time -v -o "$work/time" "$@" > /dev/null 2> "$work/err"
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" |
        awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$work/time")
    echo "$wall $cpu $rss $(count_files "$out") $(count_elf "$out")"
}

images=()
for f in "$SHARED"/corpus/real/vendor/*.bin; do [ -f "$f" ] && images+=("$f"); done
for f in squashfs_gzip.sqfs squashfs_lzma.sqfs squashfs_lzo.sqfs squashfs_xz.sqfs \
    squashfs_lz4.sqfs squashfs_zstd.sqfs test.tar test.cpio test.gz test.xz \
    test.zst test.lz4 ext2.img.xz ext3.img.xz ext4.img.xz; do
    f="$SHARED/corpus/real/formats/fact_extractor/$f"
    [ -f "$f" ] && images+=("$f")
done
for f in squashfs.img squashfs_cap.img test.cpio cap_ext2.img.gz; do
    f="$SHARED/corpus/real/formats/fwanalyzer/$f"
    [ -f "$f" ] && images+=("$f")
done
synth "$work/synthetic-32m.bin"
images+=("$work/synthetic-32m.bin")
# P0001_SYNTH_ONLY=PATH: keep the synthetic image there and stop.
if [ -n "${P0001_SYNTH_ONLY:-}" ]; then
    cp "$work/synthetic-32m.bin" "$P0001_SYNTH_ONLY"
    exit 0
fi

printf '%-34s %9s | %7s %6s %7s %6s %4s | %7s %6s %7s %6s %4s | %7s %7s\n' \
    image bytes wall_s cpu_s rss_MB files elf wall_s cpu_s rss_MB files elf \
    x_wall x_cpu
printf '%-34s %9s | %-38s | %-38s |\n' "" "" "assay extract" "binwalk -Me"
ta=0; tb=0; ca=0; cb=0
for img in "${images[@]}"; do
    name=$(basename "$img")
    size=$(stat -c %s "$img")
    read -r aw ac ar af ae < <(run "$work/a" "$ASSAY" extract -q "$img" -o "$work/a")
    read -r bw bc br bf be < <(run "$work/b" timeout "$BINWALK_TIMEOUT" \
        binwalk -Me --run-as=root -q -C "$work/b" "$img")
    xw=$(awk -v a="$aw" -v b="$bw" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "inf" }')
    xc=$(awk -v a="$ac" -v b="$bc" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "inf" }')
    ta=$(awk -v x="$ta" -v y="$aw" 'BEGIN { print x + y }')
    tb=$(awk -v x="$tb" -v y="$bw" 'BEGIN { print x + y }')
    ca=$(awk -v x="$ca" -v y="$ac" 'BEGIN { print x + y }')
    cb=$(awk -v x="$cb" -v y="$bc" 'BEGIN { print x + y }')
    printf '%-34s %9d | %7.2f %6.2f %7.1f %6d %4d | %7.2f %6.2f %7.1f %6d %4d | %7s %7s\n' \
        "${name:0:34}" "$size" "$aw" "$ac" "$(awk -v k="$ar" 'BEGIN{print k/1024}')" "$af" "$ae" \
        "$bw" "$bc" "$(awk -v k="$br" 'BEGIN{print k/1024}')" "$bf" "$be" "$xw" "$xc"
done
printf 'total wall: assay %.2f s, binwalk %.2f s, speedup %s\n' "$ta" "$tb" \
    "$(awk -v a="$ta" -v b="$tb" 'BEGIN { printf "%.1fx", b / a }')"
printf 'total cpu:  assay %.2f s, binwalk %.2f s, speedup %s\n' "$ca" "$cb" \
    "$(awk -v a="$ca" -v b="$cb" 'BEGIN { printf "%.1fx", b / a }')"
uptime
