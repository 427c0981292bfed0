#!/bin/bash
# Every tracked C source and header is formatted as .clang-format says
# (clang-format --dry-run -Werror), so style never needs a review comment.
. "$(dirname "$0")/lib.sh"
command -v clang-format >/dev/null || skip "clang-format is not installed"
git -C "$ASSAY_SRC" rev-parse >/dev/null 2>&1 || skip "not a git checkout"
cd "$ASSAY_SRC" || exit 1
bad=$(git ls-files '*.c' '*.h' | grep -v '^tests/data/' | while read -r f; do
    clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || echo "$f"
done)
if [ -n "$bad" ]; then
    echo "$bad" | sed 's/^/not formatted: /' >&2
    fail "run clang-format -i on the files above"
else
    ok "all C files formatted"
fi
finish
