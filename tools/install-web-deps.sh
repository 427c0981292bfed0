#!/bin/bash
# Install the test-only npm packages of tests/web (package-lock.json) into
# ${XDG_CACHE_HOME:-~/.cache}/assay/web, once per lock file. Part of the
# install step, so the tests themselves never reach a registry; the web
# tests skip with a message when the packages are absent.
set -uo pipefail
src=$(cd "$(dirname "$0")/../tests/web" && pwd)
dir="${XDG_CACHE_HOME:-$HOME/.cache}/assay/web"
command -v npm >/dev/null || { echo "npm is not installed: web tests will be skipped"; exit 0; }
mkdir -p "$dir"
if [ -f "$dir/node_modules/.assay-installed" ] && cmp -s "$src/package-lock.json" "$dir/package-lock.json"; then
    exit 0
fi
cp "$src/package.json" "$src/package-lock.json" "$dir/"
if (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund >npm.log 2>&1); then
    touch "$dir/node_modules/.assay-installed"
else
    echo "npm ci failed (see $dir/npm.log): web tests will be skipped"
    tail -5 "$dir/npm.log"
fi
exit 0
