#!/bin/bash
# Run every test: install missing dependencies, build the dev preset
# (warnings as errors) and the asan preset (ASan + UBSan), run ctest on
# both, build the libFuzzer targets, and end with one summary line
# "ctest: N passed, N failed, N skipped" over both runs.
set -uo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh || { echo "ctest: 0 passed, 1 failed"; exit 1; }

jobs=2
status=0
passed=0
failed=0
skipped=0
run_preset() {
    local preset=$1 log
    log=$(mktemp)
    echo "== $preset: configure and build"
    if ! { cmake --preset "$preset" >/dev/null && cmake --build --preset "$preset" -j "$jobs"; } >"$log" 2>&1; then
        tail -50 "$log"
        echo "== $preset: build failed"
        failed=$((failed + 1))
        status=1
        rm -f "$log"
        return
    fi
    echo "== $preset: ctest"
    ctest --preset "$preset" -j "$jobs" 2>&1 | tee "$log"
    local rc=${PIPESTATUS[0]}
    local line total nfail nskip
    line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1)
    total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
    nfail=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
    nskip=$(grep -c '(Skipped)' "$log" || true)
    if [ -z "$line" ]; then
        total=0 nfail=1
    fi
    passed=$((passed + total - nfail - nskip))
    failed=$((failed + nfail))
    skipped=$((skipped + nskip))
    [ "$rc" -eq 0 ] || status=1
    rm -f "$log"
}

run_preset dev
run_preset asan
echo "== fuzz: build libFuzzer targets"
if ! { cmake --preset fuzz >/dev/null && cmake --build --preset fuzz -j "$jobs"; } >/tmp/assay-fuzz-build.log 2>&1; then
    tail -30 /tmp/assay-fuzz-build.log
    echo "== fuzz: build failed"
    failed=$((failed + 1))
    status=1
fi
echo "ctest: $passed passed, $failed failed, $skipped skipped"
exit $status
