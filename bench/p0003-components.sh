#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Component-area benchmarks (not part of ctest):
#   1. ELF hardening of ~650 ELF files: assay hardening vs checksec --dir
#      (same files, wall time, ratio; target >= 20x);
#   2. vulnerability matching of a router image against a synthetic
#      database of ~250,000 NVD CVE records with realistic CPE ranges
#      (target < 1 s for the matching);
#   3. everything (unpack, identify, match, CycloneDX) on the router image
#      (target < 2 s).
#
# usage: bench/p0003-components.sh [ASSAY_BINARY]
# Env: ASSAY_SHARED (default ../shared), P3_RECORDS (default 250000),
#      P3_ELF (default 650), P3_WORK (default a temp folder).
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
assay=${1:-$src/build/release/assay}
if [ ! -x "$assay" ]; then
    (cd "$src" && cmake --preset release >/dev/null && cmake --build --preset release >/dev/null) || exit 1
fi
shared=${ASSAY_SHARED:-$src/../shared}
records=${P3_RECORDS:-250000}
nelf=${P3_ELF:-650}
work=${P3_WORK:-$(mktemp -d)}
[ -n "${P3_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
image=$shared/corpus/real/vendor/tplink_tl-wr841n_v10_3.16.9_150310_up_boot.bin

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

echo "assay: $assay ($("$assay" version))"

# ---- 1. hardening vs checksec ----------------------------------------
mkdir -p "$work/elf"
debs=$src/build/dev/testdata/debs
[ -d "$debs/rootfs" ] || bash "$src/tests/data/gen/fetch-debs.sh" "$debs" || true
n=0
while IFS= read -r f; do
    [ $n -ge "$nelf" ] && break
    head -c 4 "$f" 2>/dev/null | grep -q $'\x7fELF' || continue
    n=$((n + 1))
    cp "$f" "$work/elf/$(printf %04d $n)-$(basename "$f")"
done < <( { [ -d "$debs/rootfs" ] && find "$debs/rootfs" -type f; \
            find /usr/bin /usr/sbin /usr/lib/x86_64-linux-gnu -maxdepth 1 -type f; } 2>/dev/null)
echo "1. hardening: $n ELF files ($(du -sh "$work/elf" | cut -f1))"
t0=$(now); "$assay" hardening --json "$work/elf" > "$work/a.json"; t1=$(now)
ta=$(secs "$t0" "$t1")
echo "   assay hardening --json DIR: ${ta}s, peak RSS $(rss "$assay" hardening --json "$work/elf") KiB"
if command -v checksec >/dev/null; then
    t0=$(now); checksec --output=json --dir="$work/elf" > "$work/c.json" 2>/dev/null; t1=$(now)
    tc=$(secs "$t0" "$t1")
    echo "   checksec --output=json --dir=DIR: ${tc}s"
    echo "   ratio: $(echo "scale=1; $tc / $ta" | bc)x (target >= 20x)"
else
    echo "   checksec not installed: no ratio"
fi

# ---- 2. synthetic database --------------------------------------------
echo "2. synthetic NVD database: $records records"
python3 - "$records" "$work/feed.json" <<'PY'
import json, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
random.seed(303645)
real = [("busybox", "busybox"), ("dropbear_ssh_project", "dropbear_ssh"),
        ("linux", "linux_kernel"), ("denx", "u-boot"), ("uclibc", "uclibc"),
        ("w1.fi", "hostapd"), ("w1.fi", "wpa_supplicant"),
        ("point-to-point_protocol_project", "point-to-point_protocol"),
        ("thekelleys", "dnsmasq"), ("openssl", "openssl"), ("haxx", "libcurl")]
vendors = [f"vendor{i:04d}" for i in range(4000)]
def ver():
    return ".".join(str(random.randint(0, 20)) for _ in range(random.randint(2, 3)))
def rec(i):
    if random.random() < 0.02:
        v, p = random.choice(real)
    else:
        v = random.choice(vendors); p = f"product{random.randint(0, 30)}"
    part = "o" if p == "linux_kernel" else "a"
    m = {"vulnerable": True, "criteria": f"cpe:2.3:{part}:{v}:{p}:*:*:*:*:*:*:*:*"}
    r = random.random()
    if r < 0.4:
        m["versionEndExcluding"] = ver()
    elif r < 0.7:
        m["versionStartIncluding"] = ver(); m["versionEndIncluding"] = ver()
    elif r < 0.9:
        m["criteria"] = f"cpe:2.3:{part}:{v}:{p}:{ver()}:*:*:*:*:*:*:*"
    else:
        m["versionEndIncluding"] = ver()
    cfg = {"nodes": [{"operator": "OR", "negate": False, "cpeMatch": [m]}]}
    if random.random() < 0.1:
        cfg = {"operator": "AND", "nodes": [
            {"operator": "OR", "negate": False, "cpeMatch": [
                {"vulnerable": True, "criteria": f"cpe:2.3:o:{v}:{p}_firmware:{ver()}:*:*:*:*:*:*:*"}]},
            {"operator": "OR", "negate": False, "cpeMatch": [
                {"vulnerable": False, "criteria": f"cpe:2.3:h:{v}:{p}:-:*:*:*:*:*:*:*"}]}]}
    return {"cve": {"id": f"CVE-2099-{i:07d}", "sourceIdentifier": "bench",
        "published": "2099-01-01T00:00:00.000", "lastModified": "2099-01-02T00:00:00.000",
        "vulnStatus": "Analyzed",
        "descriptions": [{"lang": "en", "value": f"synthetic record {i}"}],
        "metrics": {"cvssMetricV31": [{"cvssData": {"baseScore": round(random.uniform(1, 10), 1)}}]},
        "configurations": [cfg]}}
with open(out, "w") as f:
    json.dump({"format": "NVD_CVE", "version": "2.0",
               "vulnerabilities": [rec(i) for i in range(n)]}, f)
PY
echo "   feed: $(du -h "$work/feed.json" | cut -f1)"
db=$work/bench.sqlite
rm -f "$db"
t0=$(now); "$assay" vulndb --db "$db" import "$work/feed.json" >/dev/null; t1=$(now)
echo "   import: $(secs "$t0" "$t1")s ($(du -h "$db" | cut -f1))"
"$assay" vulndb --db "$db" import "$shared"/corpus/vulndata/nvd-2.0/CVE-*.json >/dev/null 2>&1

# ---- 3. router image ----------------------------------------------------
if [ -f "$image" ]; then
    t0=$(now); "$assay" sbom --no-db --format json "$image" > "$work/nodb.json"; t1=$(now)
    tn=$(secs "$t0" "$t1")
    t0=$(now); "$assay" sbom --db "$db" -o "$work/bom.json" "$image"; t1=$(now)
    tw=$(secs "$t0" "$t1")
    echo "3. router image $(basename "$image"):"
    echo "   unpack + identify: ${tn}s"
    echo "   unpack + identify + match ($records records) + CycloneDX: ${tw}s (target < 2 s), peak RSS $(rss "$assay" sbom --db "$db" -o /dev/null "$image") KiB"
    echo "   matching alone: $(secs "$tn" "$tw")s (target < 1 s); $(jq '.components | length' "$work/bom.json") components, $(jq '.vulnerabilities | length' "$work/bom.json") vulnerabilities"
else
    echo "3. $image absent: skipped"
fi
