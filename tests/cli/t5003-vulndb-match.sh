#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Offline vulnerability database on the real NVD 2.0 and OSV records of
# the shared corpus: import (plain, gzip feed, idempotent), info, and
# matching against a root file system this test builds (a dropbear binary
# with its version banner, a dpkg status with dnsmasq and dropbear on
# Ubuntu 16.04) and against the WR841N v10 product identity; each match
# has a look-alike that must not match (fixed versions, other hardware
# revision), and a VEX statement turns a match into info.
set -u
command -v jq >/dev/null || { echo "skip: jq missing"; exit 77; }
V=$ASSAY_SHARED/corpus/vulndata
[ -d "$V" ] || { echo "skip: $V absent"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/v.sqlite
fail=0
ok() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }

out=$("$ASSAY" vulndb --db "$db" import "$V"/nvd-2.0/CVE-*.json "$V"/osv/*.json) || exit 1
ok '[[ $out == *"6 added"* ]]' "first import adds 6 records: $out"
out=$("$ASSAY" vulndb --db "$db" import "$V/nvd-2.0/nvdcve-2.0-sample.json.gz") || exit 1
ok '[[ $out == *"0 added, 0 updated, 4 unchanged"* ]]' "feed re-import is idempotent: $out"
ASSAY_VULNDB=$db "$ASSAY" vulndb info > "$work/info" || exit 1
ok 'grep -q "^records: 6$" "$work/info"' "info counts"
ok 'grep -q "^newest: 20" "$work/info"' "info newest date"
echo '{"nope": 1}' > "$work/bad.json"
"$ASSAY" vulndb --db "$db" import "$work/bad.json" 2>"$work/err"
ok '[ $? -eq 3 ] && grep -q "neither NVD" "$work/err"' "unknown JSON rejected"

mk() { # dir dropbear-version dnsmasq-version dropbear-deb-version distro
    mkdir -p "$1/usr/sbin" "$1/var/lib/dpkg" "$1/etc"
    printf 'x\0SSH-2.0-dropbear_%s\0y' "$2" > "$1/usr/sbin/dropbear"
    printf 'ID=%s\nVERSION_ID="16.04"\n' "$5" > "$1/etc/os-release"
    printf 'Package: dnsmasq-base\nStatus: install ok installed\nSource: dnsmasq\nVersion: %s\n\nPackage: dropbear-bin\nStatus: install ok installed\nSource: dropbear\nVersion: %s\n' \
        "$3" "$4" > "$1/var/lib/dpkg/status"
}
mk "$work/vuln" 2012.55 2.75-1ubuntu0.16.04.2 2015.71-1 ubuntu
mk "$work/fixed" 2017.75 2.75-1ubuntu0.16.04.3 2017.75-3build1 ubuntu
# Same package versions on another distribution: Ubuntu records do not apply.
mk "$work/debian" 2017.75 2.75-1ubuntu0.16.04.2 2017.75-3build1 debian
"$ASSAY" sbom --format json --db "$db" --product "TP-Link,TL-WR841N,v10,3.16.9 Build 150310 Rel.56014n" \
    "$work/vuln" > "$work/vuln.json" || exit 1
"$ASSAY" sbom --format json --db "$db" --product "TP-Link,TL-WR841N,v11,3.16.9" \
    "$work/fixed" > "$work/fixed.json" || exit 1
f() { jq -r --arg v "$2" --arg c "$3" '[.findings[] | select(.vuln_id==$v and .component==$c)] | length' "$1"; }
ok '[ "$(f "$work/vuln.json" CVE-2016-7406 dropbear@2012.55)" = 1 ]' "CVE-2016-7406 matches dropbear 2012.55"
ok '[ "$(f "$work/vuln.json" CVE-2020-8423 tl-wr841n_firmware@3.16.9)" = 1 ]' "CVE-2020-8423 matches WR841N v10 3.16.9"
ok '[ "$(f "$work/vuln.json" UBUNTU-CVE-2017-14491 dnsmasq@2.75-1ubuntu0.16.04.2)" = 1 ]' "OSV dnsmasq matches"
ok '[ "$(jq -r ".findings[] | select(.vuln_id==\"UBUNTU-CVE-2017-14491\") | .cvss" "$work/vuln.json")" = 9.8 ]' "OSV CVSS from its vector"
ok '[ "$(f "$work/vuln.json" UBUNTU-CVE-2016-7406 dropbear@2015.71-1)" = 1 ]' "OSV dropbear matches"
# An NVD version-only match on a distribution package is weak evidence.
ok '[ "$(jq -r ".findings[] | select(.vuln_id==\"CVE-2016-7406\" and .component==\"dropbear@2015.71-1\") | .confidence" "$work/vuln.json")" = low ]' "dpkg NVD match is low confidence"
"$ASSAY" sbom --format json --db "$db" "$work/debian" > "$work/debian.json" || exit 1
# UBUNTU-CVE-2016-7406 says "introduced 0, no fix" for Ubuntu Pro 16.04:
# every dropbear there stays affected, so only that one may remain.
ok '[ "$(jq -c "[.findings[] | select(.check==\"CVE-MATCH\") | .vuln_id] | unique" "$work/fixed.json")" = "[\"UBUNTU-CVE-2016-7406\"]" ]' \
    "fixed versions and hardware v11: $(jq -c '[.findings[].vuln_id]' "$work/fixed.json")"
ok '[ "$(jq "[.findings[] | select(.path==\"/var/lib/dpkg/status\")] | length" "$work/debian.json")" = 0 ]' \
    "ubuntu records do not match debian packages: $(jq -c '[.findings[]|[.vuln_id,.component]]' "$work/debian.json")"
ok 'jq -e ".findings[] | select(.vuln_id==\"CVE-2016-7406\") | .provisions | index(\"5.3-8\")" "$work/vuln.json" >/dev/null' "provisions"
ok 'jq -e "[.diagnostics[] | select(.source==\"vulndb\" and (.message|test(\"snapshot: 6 records\")))] | length == 1" "$work/vuln.json" >/dev/null' "snapshot note"
ok '[ "$(jq -r ".findings[] | select(.vuln_id==\"CVE-2016-7406\" and .component==\"dropbear@2012.55\") | .cvss" "$work/vuln.json")" = 9.8 ]' "cvss"

cat > "$work/vex.json" <<'J'
{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
 {"vulnerability": {"name": "CVE-2016-7406"}, "status": "not_affected",
  "justification": "vulnerable_code_not_in_execute_path"}]}
J
"$ASSAY" sbom --format json --db "$db" --vex "$work/vex.json" "$work/vuln" > "$work/vex-out.json" || exit 1
ok '[ "$(jq -r "[.findings[] | select(.vuln_id==\"CVE-2016-7406\")][0].severity" "$work/vex-out.json")" = info ]' "vex lowers to info"
ok 'jq -e "[.findings[] | select(.vuln_id==\"CVE-2016-7406\")][0].evidence | test(\"vex: not_affected\")" "$work/vex-out.json" >/dev/null' "vex evidence"
exit $fail
