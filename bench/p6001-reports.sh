#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Throughput of the verdict engine, the report reader, the writers and
# diff on a large synthetic report: N findings (default 50000) spread over
# the V2.1.1 provisions, with coverage, judged against the bundled sample
# statement. Prints seconds per step; numbers are not committed.
#   ASSAY=build/release/assay bench/p6001-reports.sh [N]
set -eu
N=${1:-50000}
ASSAY=${ASSAY:-build/dev/assay}
SRC=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

"$ASSAY" ics check "$SRC/tests/data/verdict/ics.yaml" --quiet --format json -o "$T/base.json" 2>/dev/null || true
python3 - "$T/base.json" "$N" > "$T/big.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
ids = [p["id"] for p in r["provisions"]]
sev = ["info", "low", "medium", "high", "critical"]
r["findings"] = [{
    "check": "FW-BENCH-%03d" % (i % 97), "provisions": [ids[i % len(ids)]],
    "severity": sev[i % 5], "confidence": "medium",
    "title": "synthetic finding %d <with> \"markup\" & more" % i, "source": "static",
    "path": "/usr/lib/lib%d.so" % i, "container": "fw.bin > squashfs@0x40000",
    "line": i % 300 + 1, "evidence": "evidence %d" % i, "remediation": "fix %d" % (i % 11)}
    for i in range(n)]
r["coverage"] = [{"provision": p, "check": "FW-BENCH-%03d" % k} for k, p in enumerate(ids)]
json.dump(r, sys.stdout)
PY
python3 - "$T/big.json" > "$T/big2.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["findings"] = r["findings"][len(r["findings"]) // 10:]
json.dump(r, sys.stdout)
PY
step() { local name=$1; shift; local t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; echo "$name $(echo "$(date +%s.%N) - $t0" | bc) s"; }
echo "findings: $N ($(stat -c %s "$T/big.json") bytes of JSON)"
step "assess --result (read + judge + json)" "$ASSAY" assess --ics "$SRC/tests/data/verdict/ics.yaml" --result "$T/big.json" --format json -o "$T/judged.json"
for f in json sarif html markdown ics-csv; do
    step "report --format $f" "$ASSAY" report "$T/judged.json" --format "$f" -o "$T/out.$f"
done
step "diff (json)" "$ASSAY" diff "$T/big.json" "$T/big2.json" --format json -o "$T/diff.json"
ls -l "$T"/out.* | awk '{print $5, $9}' | sed "s#$T/##"
