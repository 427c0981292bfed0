#!/bin/bash
# House rules the compiler cannot check: banned functions, raw allocation
# outside lib/core, printing outside cli/out.c (tools/lint-banned.sh).
. "$(dirname "$0")/lib.sh"
command -v git >/dev/null && git -C "$ASSAY_SRC" rev-parse >/dev/null 2>&1 || skip "not a git checkout"
if "$ASSAY_SRC/tools/lint-banned.sh" > "$T_TMP/lint" 2>&1; then
    ok "no banned calls"
else
    cat "$T_TMP/lint" >&2
    fail "banned calls found"
fi
finish
