#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Components and vulnerabilities of the real TP-Link TL-WR841N v10 image
# (shared corpus): the known contents (BusyBox 1.01, Dropbear 2012.55,
# Linux 2.6.31, pppd 2.4.3, hostapd 0.5.9, uClibc 0.9.30, U-Boot 1.1.4),
# the product from its vendor header (model and hardware revision) with
# the firmware version from the statement, CVE-2016-7406 on Dropbear and
# CVE-2020-8423 on the product; the CycloneDX form validates.
set -u
command -v jq >/dev/null || { echo "skip: jq missing"; exit 77; }
W=$ASSAY_SHARED/corpus/real/vendor/tplink_tl-wr841n_v10_3.16.9_150310_up_boot.bin
V=$ASSAY_SHARED/corpus/vulndata
[ -f "$W" ] && [ -d "$V" ] || { echo "skip: shared corpus absent"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
ok() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
"$ASSAY" vulndb --db "$work/v.sqlite" import "$V/nvd-2.0/nvdcve-2.0-sample.json.gz" >/dev/null || exit 1
"$ASSAY" sbom --format json --db "$work/v.sqlite" --product ",,,3.16.9 Build 150310 Rel.56014n" \
    "$W" > "$work/r.json" || exit 1
has() { [ "$(jq -r --arg n "$1" --arg v "$2" '[.components[] | select(.name==$n and .version==$v)] | length' "$work/r.json")" -ge 1 ]; }
for nv in busybox:1.01 dropbear:2012.55 linux:2.6.31 pppd:2.4.3 hostapd:0.5.9 uclibc:0.9.30 u-boot:1.1.4 \
          tl-wr841n:v10 tl-wr841n_firmware:3.16.9; do
    ok "has ${nv%%:*} ${nv#*:}" "component $nv"
done
ok '[ "$(jq -r ".components[] | select(.name==\"linux\") | .cpe" "$work/r.json")" = "cpe:2.3:o:linux:linux_kernel:2.6.31:*:*:*:*:*:*:*" ]' "kernel cpe"
ok 'jq -r ".components[] | select(.name==\"tl-wr841n\") | .evidence" "$work/r.json" | grep -q "vendor firmware header"' "product from the vendor header"
f() { jq -r --arg v "$1" --arg c "$2" '[.findings[] | select(.vuln_id==$v and .component==$c)] | length' "$work/r.json"; }
ok '[ "$(f CVE-2016-7406 dropbear@2012.55)" = 1 ]' "CVE-2016-7406 on dropbear"
ok '[ "$(f CVE-2020-8423 tl-wr841n_firmware@3.16.9)" = 1 ]' "CVE-2020-8423 on the product"
ok '[ "$(jq "[.findings[] | select(.vuln_id==\"CVE-2017-13772\" or .vuln_id==\"CVE-2017-17215\")] | length" "$work/r.json")" = 0 ]' \
    "WR940N and HG532 records do not match the WR841N"
# Without the version the firmware CVE cannot be decided: no match.
"$ASSAY" sbom --format json --db "$work/v.sqlite" "$W" > "$work/nov.json" || exit 1
ok '[ "$(jq "[.findings[] | select(.vuln_id==\"CVE-2020-8423\")] | length" "$work/nov.json")" = 0 ]' "no version, no firmware match"
# Another TP-Link header: the MR3020 v1 sample (real header and kernel).
M=$ASSAY_SHARED/corpus/real/formats/fact_extractor/tplink_mr3020v1_3.17.2_stubrootfs.tpl
if [ -f "$M" ]; then
    "$ASSAY" sbom --format json --no-db "$M" > "$work/m.json" || exit 1
    ok '[ "$(jq -r ".components[] | select(.name==\"tl-mr3020\") | .cpe" "$work/m.json")" = "cpe:2.3:h:tp-link:tl-mr3020:v1:*:*:*:*:*:*:*" ]' "MR3020 header"
fi
py=/usr/bin/python3
[ -x $py ] || py=python3
if $py -c 'import jsonschema' 2>/dev/null; then
    "$ASSAY" sbom --db "$work/v.sqlite" --product ",,,3.16.9" -o "$work/bom.json" "$W" || exit 1
    $py "$ASSAY_SRC/tests/data/gen/cdx-validate.py" "$ASSAY_SRC/tests/data/schema" "$work/bom.json" || fail=1
fi
exit $fail
