#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# ELF hardening on programs this test compiles: a hardened and a
# deliberately unhardened build for the host and, when the cross compiler
# is installed, for big-endian MIPS (the vendor-router case), each also
# without its section header table. Every flag must flip between the two.
set -u
command -v jq >/dev/null || { echo "skip: jq missing"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/h.c" <<'C'
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv)
{
    char buf[64];
    if (argc > 1) strcpy(buf, argv[1]); else buf[0] = 0;
    printf("%s\n", buf);
    return 0;
}
C
fail=0
check() { # file jq-filter expected
    got=$("$ASSAY" hardening --json "$1" | jq -r ".[0] | $2")
    if [ "$got" != "$3" ]; then
        echo "FAIL $1: $2 = $got, expected $3"; fail=1
    fi
}
strip_sections() {
    python3 "$ASSAY_SRC/tests/data/gen/elf-strip-sections.py" "$work" "$work/nosec" "$1"
}
for cc in gcc mips-linux-gnu-gcc; do
    command -v $cc >/dev/null || { echo "note: $cc not installed, skipped"; continue; }
    $cc -O2 -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE -pie \
        -Wl,-z,relro,-z,now,-z,noexecstack -Wl,--disable-new-dtags,-rpath,/opt/lib -o "$work/hard-$cc" "$work/h.c" || exit 1
    $cc -O0 -fno-stack-protector -no-pie -Wl,-z,norelro -Wl,-z,execstack \
        -o "$work/soft-$cc" "$work/h.c" || exit 1
    $cc -O0 -fno-stack-protector -no-pie -static -s -o "$work/static-$cc" "$work/h.c" || exit 1
    strip_sections "$work/hard-$cc"
    for f in "$work/hard-$cc" "$work/nosec/hard-$cc"; do
        check "$f" .relro full
        check "$f" .nx true
        check "$f" .pie true
        check "$f" .canary true
        check "$f" .fortify true
        check "$f" .rpath true
        check "$f" .runpath false
        check "$f" .static false
    done
    check "$work/nosec/hard-$cc" .sections false
    check "$work/soft-$cc" .relro none
    check "$work/soft-$cc" .nx false
    check "$work/soft-$cc" .pie false
    check "$work/soft-$cc" .kind exec
    check "$work/soft-$cc" .canary false
    check "$work/soft-$cc" .fortify false
    check "$work/soft-$cc" .stripped false
    check "$work/soft-$cc" .rpath false
    check "$work/static-$cc" .static true
    check "$work/static-$cc" .stripped true
done
if command -v mips-linux-gnu-gcc >/dev/null; then
    check "$work/soft-mips-linux-gnu-gcc" .endian big
    check "$work/soft-mips-linux-gnu-gcc" .arch mips
    check "$work/soft-mips-linux-gnu-gcc" '.note != null' true
fi
# Hostile input: cut a real file short; it must fail cleanly, not crash.
head -c 100 "$work/hard-gcc" > "$work/cut"
"$ASSAY" hardening "$work/cut" >/dev/null 2>"$work/err"
[ $? -eq 3 ] || { echo "FAIL: truncated ELF not reported"; fail=1; }
grep -q "elf: program header table" "$work/err" || { cat "$work/err"; fail=1; }
exit $fail
