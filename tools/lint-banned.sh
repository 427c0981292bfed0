#!/bin/bash
# Banned-function lint (curl's checksrc idea, ../shared/STYLE.md C8):
# - nowhere in lib/ or cli/: strcpy strcat sprintf vsprintf gets atoi atol
#   strtok alloca system popen tmpnam;
# - in lib/ outside lib/core/: raw malloc/calloc/realloc/free (use the
#   arena, assay_buf or assay_malloc);
# - printf/fprintf/puts only in cli/out.c (and cli/main.c's usage text).
# Prints each hit as file:line: text and exits 1 if there is any.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
strip() { # drop comments and string literals so prose does not match
    sed -E 's:/\*.*\*/::g; s:"([^"\\]|\\.)*":"":g' "$1"
}
check() { # check REGEX WHAT FILE...
    local re=$1 what=$2 f
    shift 2
    for f in "$@"; do
        strip "$f" | grep -nE "$re" | while IFS= read -r hit; do
            echo "$f:${hit%%:*}: $what: ${hit#*:}"
        done
    done
}
mapfile -t all < <(git ls-files 'lib/*.c' 'lib/*.h' 'cli/*.c' 'cli/*.h')
mapfile -t lib_noncore < <(git ls-files 'lib/*.c' 'lib/*.h' | grep -v '^lib/core/')
mapfile -t not_out < <(git ls-files 'lib/*.c' 'cli/*.c' | grep -vE '^cli/(out|main)\.c$')
out=$(
    check '(^|[^a-z_])(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|strtok|alloca|system|popen|tmpnam)[[:space:]]*\(' "banned function" "${all[@]}"
    check '(^|[^a-z_])(malloc|calloc|realloc|free)[[:space:]]*\(' "raw allocation outside lib/core" "${lib_noncore[@]}"
    check '(^|[^a-z_])(printf|fprintf|puts|fputs|vfprintf)[[:space:]]*\(' "printing outside cli/out.c" "${not_out[@]}"
)
if [ -n "$out" ]; then
    echo "$out"
    status=1
fi
exit $status
