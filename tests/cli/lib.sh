# SPDX-License-Identifier: Apache-2.0
# Sourced by tests/cli/tNNNN-*.sh. ctest sets ASSAY, ASSAY_SRC,
# ASSAY_BUILD, ASSAY_SHARED. Exit 77 marks a test as skipped.
set -u
: "${ASSAY:?run through ctest}"
T_FAILED=0
T_TMP=$(mktemp -d)
trap 'rm -rf "$T_TMP"' EXIT
# Debian's python has python3-jsonschema; a pyenv python in PATH may not.
T_PY=/usr/bin/python3

ok() { printf 'ok: %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; T_FAILED=1; }
skip() { printf 'skipped: %s\n' "$*"; exit 77; }
# expect_exit CODE CMD...: run CMD, compare its exit status.
expect_exit() {
    local want=$1 got
    shift
    "$@" >"$T_TMP/out" 2>"$T_TMP/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "'$*' exited $got, want $want"
        sed 's/^/  stderr: /' "$T_TMP/err" | head -20 >&2
        return 1
    fi
    return 0
}
# validate_json SCHEMA FILE
validate_json() {
    "$T_PY" - "$1" "$2" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
for e in errs[:10]:
    print("schema:", "/".join(map(str, e.path)), e.message, file=sys.stderr)
sys.exit(1 if errs else 0)
PY
}
finish() { exit "$T_FAILED"; }
