#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# assay sbom on a root file system this test compiles: a "dropbear" that
# links a shared library carrying an OpenSSL version string, plus a dpkg
# status. The CycloneDX 1.5 output must validate against the official
# schema (vendored in tests/data/schema), carry purl, CPE and SHA-256 of
# the identifying file, the dependency read from DT_NEEDED, and, with the
# corpus vulnerability records, the matched vulnerabilities.
set -u
command -v jq >/dev/null || { echo "skip: jq missing"; exit 77; }
command -v gcc >/dev/null || { echo "skip: gcc missing"; exit 77; }
py=/usr/bin/python3
[ -x $py ] || py=python3
$py -c 'import jsonschema' 2>/dev/null || { echo "skip: python3-jsonschema missing"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root/usr/sbin" "$root/usr/lib" "$root/var/lib/dpkg" "$root/etc"
cat > "$work/lib.c" <<'C'
const char *ssl_version_text(void) { return "OpenSSL 1.0.2k  26 Jan 2017"; }
C
cat > "$work/main.c" <<'C'
#include <stdio.h>
const char *ssl_version_text(void);
int main(void) { printf("%s %s\n", "SSH-2.0-dropbear_2012.55", ssl_version_text()); return 0; }
C
gcc -shared -fPIC -Wl,-soname,libcrypto.so.1.0.0 -o "$root/usr/lib/libcrypto.so.1.0.0" "$work/lib.c" || exit 1
gcc -o "$root/usr/sbin/dropbear" "$work/main.c" -L"$root/usr/lib" -l:libcrypto.so.1.0.0 || exit 1
printf 'Package: busybox\nStatus: install ok installed\nVersion: 1:1.35.0-4\nArchitecture: mipsel\n' > "$root/var/lib/dpkg/status"
printf 'ID=debian\nVERSION_ID="12"\n' > "$root/etc/os-release"

fail=0
ok() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
"$ASSAY" sbom --no-db --product "TP-Link,TL-WR841N,v10,3.16.9" -o "$work/sbom.json" "$root" || exit 1
$py "$ASSAY_SRC/tests/data/gen/cdx-validate.py" "$ASSAY_SRC/tests/data/schema" "$work/sbom.json" || fail=1
c() { jq -r --arg n "$1" ".components[] | select(.name==\$n) | $2" "$work/sbom.json"; }
ok '[ "$(c dropbear .version)" = 2012.55 ]' "dropbear version"
ok '[ "$(c dropbear .purl)" = pkg:generic/dropbear@2012.55 ]' "dropbear purl"
ok '[ "$(c dropbear .cpe)" = "cpe:2.3:a:dropbear_ssh_project:dropbear_ssh:2012.55:*:*:*:*:*:*:*" ]' "dropbear cpe"
ok '[ "$(c dropbear ".hashes[0].content")" = "$(sha256sum "$root/usr/sbin/dropbear" | cut -d" " -f1)" ]' "dropbear sha256"
ok '[ "$(c openssl .version)" = 1.0.2k ]' "openssl from the library"
ok '[ "$(c busybox .purl)" = "pkg:deb/debian/busybox@1:1.35.0-4?arch=mipsel&distro=debian-12" ]' "dpkg purl: $(c busybox .purl)"
ok '[ "$(c busybox .cpe)" = "cpe:2.3:a:busybox:busybox:1.35.0:*:*:*:*:*:*:*" ]' "dpkg cpe: $(c busybox .cpe)"
ok '[ "$(c tl-wr841n_firmware .type)" = firmware ]' "product firmware"
ok '[ "$(c tl-wr841n .type)" = device ]' "product hardware"
dropref=$(c dropbear '."bom-ref"')
sslref=$(c openssl '."bom-ref"')
ok '[ "$(jq -r --arg r "$dropref" ".dependencies[] | select(.ref==\$r) | .dependsOn[0]" "$work/sbom.json")" = "$sslref" ]' "dependency from DT_NEEDED"

V=$ASSAY_SHARED/corpus/vulndata
if [ -d "$V" ]; then
    "$ASSAY" vulndb --db "$work/v.sqlite" import "$V"/nvd-2.0/CVE-*.json >/dev/null || exit 1
    "$ASSAY" sbom --db "$work/v.sqlite" --product "TP-Link,TL-WR841N,v10,3.16.9" -o "$work/vuln.json" "$root" || exit 1
    $py "$ASSAY_SRC/tests/data/gen/cdx-validate.py" "$ASSAY_SRC/tests/data/schema" "$work/vuln.json" || fail=1
    ok '[ "$(jq -r --arg r "$dropref" ".vulnerabilities[] | select(.id==\"CVE-2016-7406\") | .affects[0].ref" "$work/vuln.json")" = "$dropref" ]' "vulnerability affects dropbear"
    ok 'jq -e ".vulnerabilities[] | select(.id==\"CVE-2020-8423\")" "$work/vuln.json" >/dev/null' "product vulnerability"
else
    echo "note: $V absent, vulnerability part skipped"
fi
# --format cyclonedx works for any report writer call.
"$ASSAY" list writers | grep -q '^cyclonedx' || { echo "FAIL: writer not listed"; fail=1; }
exit $fail
