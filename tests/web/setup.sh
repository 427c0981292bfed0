#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Install the test-only npm packages (package-lock.json) into
# $ASSAY_BUILD/web once per build tree; tests source this file. Without
# npm, or when the registry cannot be reached, the calling test is skipped
# (exit 77) with a message. Prints nothing on success.
web_setup() {
    local dir="$ASSAY_BUILD/web" src="$ASSAY_SRC/tests/web"

    command -v npm >/dev/null || { echo "skip: npm is not installed"; exit 77; }
    mkdir -p "$dir"
    exec 9>"$dir/.lock"
    flock 9
    if [ ! -f "$dir/node_modules/.assay-installed" ] ||
       ! cmp -s "$src/package-lock.json" "$dir/package-lock.json"; then
        cp "$src/package.json" "$src/package-lock.json" "$dir/"
        if ! (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund >npm.log 2>&1); then
            echo "skip: npm ci failed (see $dir/npm.log)"
            tail -5 "$dir/npm.log"
            exec 9>&-
            exit 77
        fi
        touch "$dir/node_modules/.assay-installed"
    fi
    exec 9>&-
    WEB_MODULES="$dir/node_modules"
}
