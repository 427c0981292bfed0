#!/bin/bash
# The main job on the bundled sample: check the example product's
# conformance statement (ICS/IXIT) and write its verdict report.
# Usage: tools/sample.sh [path/to/assay]
set -uo pipefail
cd "$(dirname "$0")/.."
assay=${1:-build/release/assay}
out=build/sample
mkdir -p "$out"
echo "\$ assay provisions --clause 5.1"
"$assay" provisions --clause 5.1
echo
echo "\$ assay ics check examples/acme-cam.ics.yaml --format text"
"$assay" ics check examples/acme-cam.ics.yaml --format text
rc=$?
"$assay" ics check examples/acme-cam.ics.yaml --format json -o "$out/acme-cam.report.json" --quiet
echo
echo "JSON report: $out/acme-cam.report.json (exit code $rc: 0 accepted, 1 conformance failures)"
exit 0
