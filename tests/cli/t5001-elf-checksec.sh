#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# ELF hardening agreement with Debian's checksec 2.6.0 on real Debian
# executables and libraries of several architectures (fetched once into
# the build folder by tests/data/gen/fetch-debs.sh), flag for flag. Copies
# of some files with the section header table removed must give the same
# answer as their originals: vendor firmware ships such files, and there
# checksec is wrong (it finds __stack_chk_fail only through sections).
set -u
gen=$ASSAY_SRC/tests/data/gen
command -v checksec >/dev/null || { echo "skip: checksec is not installed"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }
cache=$ASSAY_BUILD/testdata/debs
bash "$gen/fetch-debs.sh" "$cache"
rc=$?
[ $rc -eq 77 ] && { echo "skip: apt cannot reach the Debian mirror"; exit 77; }
[ $rc -ne 0 ] && { echo "fetch-debs.sh failed"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a "$cache/rootfs" "$work/elf" || exit 1
# A sample without section headers: one binary per architecture.
mapfile -t sample < <(find "$work/elf" -type f \( -name dropbear -o -name dnsmasq -o -name lighttpd \) | sort)
python3 "$gen/elf-strip-sections.py" "$work/elf" "$work/nosec" "${sample[@]}" || exit 1

checksec --output=json --dir="$work/elf" > "$work/checksec.json" 2>"$work/checksec.err" || {
    echo "checksec failed"; cat "$work/checksec.err"; exit 1; }
"$ASSAY" hardening --json "$work/elf" > "$work/assay.json" || exit 1
"$ASSAY" hardening --json "$work/nosec" > "$work/nosec.json" || exit 1
checksec --output=json --dir="$work/nosec" > "$work/checksec-nosec.json" 2>/dev/null
python3 "$gen/checksec-compare.py" "$work/checksec.json" "$work/assay.json" \
    "$work/nosec.json" "$work/elf" "$work/nosec" || exit 1
# Where checksec is wrong: it loses the canary once sections are gone.
n=$(python3 -c '
import json,sys
d=json.load(open(sys.argv[1])); d.pop("dir",None)
print(sum(1 for v in d.values() if v["canary"]=="no"), "of", len(d))' "$work/checksec-nosec.json")
echo "note: checksec reports no canary for $n files without section headers (assay reads the dynamic symbols)"
exit 0
