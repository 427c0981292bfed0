#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Find the test-only npm packages that tools/install-web-deps.sh (part of
# the install step) put in ${XDG_CACHE_HOME:-~/.cache}/assay/web. Tests
# never install anything or reach a registry: without the packages the
# calling test is skipped (exit 77) with a message. Prints nothing on
# success.
web_setup() {
    local dir="${ASSAY_WEB_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/assay/web}"

    if [ ! -f "$dir/node_modules/.assay-installed" ] ||
       ! cmp -s "$ASSAY_SRC/tests/web/package-lock.json" "$dir/package-lock.json"; then
        echo "skip: test npm packages not installed (run tools/install-web-deps.sh)"
        exit 77
    fi
    WEB_MODULES="$dir/node_modules"
}
