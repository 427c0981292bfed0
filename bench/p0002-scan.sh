#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# p0002: assay scan on a ~30 MB root file system built here.
#
# usage: bench/p0002-scan.sh [ASSAY_BINARY]
#
# The tree: the seeded flaws of tests/data/gen/mkrootfs-checks.sh (keys,
# tokens, init scripts, credential stores) plus ~24 MB of real ELF
# programs and libraries of this machine, ~4 MB of configuration and
# script text, and 2,000 small web pages. It is packed twice: as an
# uncompressed tar (the cost is then the checks, not decompression) and
# as a gzip SquashFS (unpacking included). For each: wall time and peak
# RSS (/usr/bin/time -v) of
#   - all checks except FW-CRED-001 (slow-hash cracking), the target
#     under 1 s on 2 cores,
#   - FW-CRED-001 alone (cracking, reported separately),
#   - `assay ls` (unpacking alone, for reference).
# Numbers are printed, never committed.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
ASSAY=${1:-$here/build/release/assay}
[ -x "$ASSAY" ] || ASSAY=$here/build/dev/assay
for t in /usr/bin/time mksquashfs tar openssl ssh-keygen dropbearkey; do
    command -v "$t" > /dev/null || { echo "p0002: '$t' missing" >&2; exit 2; }
done
work=$(mktemp -d /tmp/p0002.XXXXXX)
trap 'rm -rf "$work"' EXIT

"$here/tests/data/gen/mkrootfs-checks.sh" "$work/gen" || exit 2
r=$work/root
mkdir -p "$r"
tar -xzf "$work/gen/nested.tar.gz" -C "$r" --strip-components=1
mkdir -p "$r/usr/bin" "$r/usr/lib" "$r/etc/conf.d" "$r/www/pages"
total=0
for f in /usr/bin/* /usr/lib/x86_64-linux-gnu/*.so*; do
    [ -f "$f" ] && [ ! -L "$f" ] || continue
    head -c 4 "$f" | grep -q 'ELF' || continue
    case "$f" in */lib/*) d=$r/usr/lib ;; *) d=$r/usr/bin ;; esac
    cp "$f" "$d/" 2> /dev/null || continue
    total=$((total + $(stat -c %s "$f")))
    [ "$total" -gt 24000000 ] && break
done
for i in $(seq 1 400); do
    {
        printf '# generated configuration %d\n' "$i"
        for k in $(seq 1 120); do
            printf 'option_%d_%d = value-%d-%d\n' "$i" "$k" "$k" "$i"
        done
    } > "$r/etc/conf.d/svc$i.conf"
    printf '#!/bin/sh\n# helper %d\nlogger "step %d"\nsleep 1\n' "$i" "$i" \
        > "$r/etc/conf.d/helper$i.sh"
done
for i in $(seq 1 2000); do
    printf '<html><body><p>page %d</p><a href="/page%d.html">next</a></body></html>\n' \
        "$i" "$((i + 1))" > "$r/www/pages/page$i.html"
done
tar -C "$r" -cf "$work/rootfs.tar" .
mksquashfs "$r" "$work/rootfs.sqfs" -comp gzip -noappend -quiet \
    -no-progress > /dev/null

measure() { # measure LABEL CMD...
    local label=$1 log=$work/time.log
    shift
    /usr/bin/time -v "$@" > /dev/null 2> "$log"
    printf '%-38s %8s s  %8s MiB peak RSS\n' "$label" \
        "$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":");
            printf "%.2f", t[1] * 60 + t[2]}' "$log")" \
        "$(awk -F': ' '/Maximum resident/ {printf "%.1f", $2 / 1024}' "$log")"
}

printf 'p0002: %s, tree %s MiB in %s files, %s cores\n' "$ASSAY" \
    "$(du -sm "$r" | cut -f1)" "$(find "$r" -type f | wc -l)" "$(nproc)"
for img in rootfs.tar rootfs.sqfs; do
    printf -- '-- %s (%s MiB)\n' "$img" \
        "$(( $(stat -c %s "$work/$img") / 1048576 ))"
    measure "unpack only (assay ls)" "$ASSAY" ls "$work/$img"
    measure "checks except FW-CRED-001" "$ASSAY" scan --skip FW-CRED-001 \
        --format json "$work/$img"
    measure "FW-CRED-001 only (cracking)" "$ASSAY" scan --only FW-CRED-001 \
        --format json "$work/$img"
    measure "all checks" "$ASSAY" scan --format json "$work/$img"
done
