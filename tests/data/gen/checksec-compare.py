#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Compare `assay hardening --json` with `checksec --output=json --dir`.

usage: checksec-compare.py CHECKSEC.json ASSAY.json [ASSAY-NOSEC.json PREFIX NOSEC-PREFIX]

Every ELF file checksec lists must be in assay's output with the same
relro, canary, nx, pie, rpath, runpath, symbols, fortify_source and
fortified values. With the optional arguments, files whose section header
table was removed (NOSEC-PREFIX) must give assay the same answer as the
originals (PREFIX) for every flag except 'symbols': that is where checksec
is wrong (it reads symbols through section headers), which is printed as a
note, not a failure.
"""
import json
import sys

FLAGS = ("relro", "canary", "nx", "pie", "rpath", "runpath", "symbols",
         "fortify_source", "fortified")


def yn(b):
    return "yes" if b else "no"


def assay_view(o):
    pie = {"exec": "no", "pie": "yes", "dso": "dso", "rel": "rel"}.get(
        o["kind"], "other")
    return {
        "relro": {"none": "no"}.get(o["relro"], o["relro"]),
        "canary": yn(o["canary"]),
        "nx": yn(o["nx"]),
        "pie": pie,
        "rpath": yn(o["rpath"]),
        "runpath": yn(o["runpath"]),
        "symbols": yn(not o["stripped"]),
        "fortify_source": yn(o["fortify"]),
        "fortified": str(o["fortified"]),
    }


def checksec_known_wrong(o, key, cs_value):
    """Cases where checksec 2.6.0 is wrong and assay is right (see
    docs/hardening.md). On ppc64 `readelf -W --dyn-syms` prints an extra
    "[<localentry>: 8]" column, so checksec's `awk '{print $8}'` reads the
    wrong column and never sees a __*_chk import."""
    return (o["arch"] == "powerpc64" and key in ("fortify_source", "fortified")
            and cs_value in ("no", "0"))


def main():
    cs = json.load(open(sys.argv[1]))
    raw = {o["file"]: o for o in json.load(open(sys.argv[2]))}
    ours = {p: assay_view(o) for p, o in raw.items()}
    known = 0
    cs.pop("dir", None)
    bad = 0
    archs = set()
    for path, v in sorted(cs.items()):
        if path not in ours:
            print(f"MISSING in assay: {path}")
            bad += 1
            continue
        for k in FLAGS:
            if str(v.get(k)) != ours[path][k]:
                if checksec_known_wrong(raw[path], k, str(v.get(k))):
                    known += 1
                    continue
                print(f"DIFF {path}: {k} checksec={v.get(k)} assay={ours[path][k]}")
                bad += 1
    extra = set(ours) - set(cs)
    for p in sorted(extra):
        print(f"EXTRA in assay (checksec skipped it): {p}")
    for o in raw.values():
        archs.add(f'{o["arch"]}/{o["bits"]}/{o["endian"]}')
    print(f"compared {len(cs)} files, {len(FLAGS)} flags each, "
          f"architectures: {', '.join(sorted(archs))}; {bad} differences, "
          f"{known} known checksec errors (ppc64 FORTIFY column shift)")
    if len(sys.argv) > 3:
        nosec = json.load(open(sys.argv[3]))
        pre, npre = sys.argv[4], sys.argv[5]
        for o in nosec:
            orig = o["file"].replace(npre, pre, 1)
            if orig not in ours:
                print(f"MISSING original for {o['file']}")
                bad += 1
                continue
            mine = assay_view(o)
            for k in FLAGS:
                if k == "symbols":
                    continue
                if mine[k] != ours[orig][k]:
                    print(f"NOSEC DIFF {o['file']}: {k} {mine[k]} != {ours[orig][k]}")
                    bad += 1
            if o["sections"]:
                print(f"NOSEC still has sections: {o['file']}")
                bad += 1
        print(f"checked {len(nosec)} files without section headers against "
              f"their originals")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
