#!/bin/bash
# The main job on the bundled sample: build a small vendor-style firmware
# image (a U-Boot image holding a SquashFS root file system with seeded
# flaws, made here from tests/data/gen/mkrootfs-checks.sh with Debian's
# tools: nothing binary is shipped), then assess it against the example
# product's conformance statement: unpack, run every static check, judge
# each provision of EN 303 645, and write the reports.
# Usage: tools/sample.sh [path/to/assay]
set -uo pipefail
cd "$(dirname "$0")/.."
assay=${1:-build/release/assay}
out=build/sample
mkdir -p "$out"
bash tests/data/gen/mkrootfs-checks.sh "$out/gen" >"$out/gen.log" 2>&1 ||
    { echo "cannot build the sample image (see $out/gen.log)"; exit 1; }
mkimage -A arm -O linux -T filesystem -C none -n "ACME-CAM1 2.4.1" \
    -d "$out/gen/flawed.sqfs" "$out/acme-cam1-2.4.1.bin" >/dev/null ||
    { echo "mkimage failed"; exit 1; }

echo "\$ assay assess --image $out/acme-cam1-2.4.1.bin --ics examples/acme-cam.ics.yaml"
"$assay" assess --image "$out/acme-cam1-2.4.1.bin" --ics examples/acme-cam.ics.yaml \
    --format text -o - \
    --format json -o "$out/report.json" \
    --format html -o "$out/report.html" \
    --format sarif -o "$out/report.sarif" \
    --format ics-md -o "$out/ics.md"
rc=$?
echo
echo "reports: $out/report.json, report.html, report.sarif, ics.md"
echo "exit code $rc (0: nothing at or above the threshold, 1: findings or failed provisions)"
exit 0
