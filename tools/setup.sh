#!/bin/bash
# One command on a fresh Debian 12: install dependencies, build Assay
# (release preset) and run the main job on the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j 2
echo
tools/sample.sh build/release/assay
