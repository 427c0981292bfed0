#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# assay scan with the component-area checks on two root file systems this
# test builds and packs as tar: "flawed" (plain-http firmware download,
# curl -k, opkg feeds without signature checks, sysupgrade without keys,
# Mender with SkipVerify, an unhardened binary, no secure boot) and the
# look-alike "clean" one (https, comments, loopback URLs, check_signature
# with usign keys, Mender artifact key, a hardened binary, a U-Boot DTB
# with a verified-boot key). Each flaw is found; no look-alike is. TLS
# verification and boot evidence are the checks area's FW-COM-002 and
# FW-BOOT-001, run here on the same images.
set -u
for tool in jq gcc tar dtc; do
    command -v $tool >/dev/null || { echo "skip: $tool missing"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
ok() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
printf '#include <string.h>\nint main(int c, char **v) { char b[32]; strcpy(b, v[c - 1]); return b[0]; }\n' > "$work/m.c"
for kind in flawed clean; do
    r=$work/$kind
    mkdir -p "$r/etc/opkg/keys" "$r/sbin" "$r/bin" "$r/usr/bin" "$r/usr/sbin" "$r/etc/mender" "$r/boot"
    printf '#!/bin/sh\n. /lib/upgrade/common.sh\n' > "$r/sbin/sysupgrade"
    printf '\177ELF opkg stand-in\n' > "$r/bin/opkg"
    printf 'mender stand-in\n' > "$r/usr/bin/mender"
done
f=$work/flawed
printf 'dest root /\nsrc/gz core http://downloads.example.com/feeds/core\n' > "$f/etc/opkg.conf"
cat > "$f/usr/sbin/fw_check.sh" <<'S'
#!/bin/sh
# fetch the newest firmware
wget -O /tmp/fw.bin http://update.example.com/firmware/latest.bin
curl -s -k https://update.example.com/firmware/sig -o /tmp/fw.sig
S
printf '{\n  "ServerURL": "http://mender.example.com",\n  "SkipVerify": true\n}\n' > "$f/etc/mender/mender.conf"
gcc -O0 -fno-stack-protector -no-pie -Wl,-z,norelro -Wl,-z,execstack -o "$f/usr/bin/app" "$work/m.c" || exit 1

c=$work/clean
printf 'dest root /\nsrc/gz core https://downloads.example.com/feeds/core\noption check_signature 1\n' > "$c/etc/opkg.conf"
printf 'untrusted comment: usign key\nRWQ...\n' > "$c/etc/opkg/keys/b5043e70f9a75cde"
printf 'usign stand-in\n' > "$c/usr/bin/usign"
cat > "$c/usr/sbin/fw_check.sh" <<'S'
#!/bin/sh
# old: wget -O /tmp/fw.bin http://update.example.com/firmware/latest.bin
wget -O /tmp/fw.bin https://update.example.com/firmware/latest.bin
curl -s http://127.0.0.1/cgi-bin/update-status
S
printf 'echo "firmware help: http://example.com/help"\n' > "$c/etc/banner"
printf '{\n  "ServerURL": "https://mender.example.com",\n  "ArtifactVerifyKey": "/etc/mender/artifact-verify-key.pem"\n}\n' > "$c/etc/mender/mender.conf"
gcc -O2 -fstack-protector-strong -fPIE -pie -Wl,-z,relro,-z,now,-z,noexecstack -o "$c/usr/bin/app" "$work/m.c" || exit 1
cat > "$work/ub.dts" <<'D'
/dts-v1/;
/ { signature { key-dev { required = "conf"; algo = "sha256,rsa2048"; key-name-hint = "dev"; }; }; };
D
dtc -I dts -O dtb -o "$c/boot/u-boot.dtb" "$work/ub.dts" 2>/dev/null || exit 1

for kind in flawed clean; do
    tar -C "$work/$kind" -cf "$work/$kind.tar" . || exit 1
    "$ASSAY" scan --only 'FW-UPD-*,FW-HARD-*,FW-BOOT-*,FW-COM-002' --fail-on info --format json \
        -o "$work/$kind.json" "$work/$kind.tar"
    [ $? -eq 1 ] || { echo "FAIL: scan of $kind did not report"; fail=1; }
done
n() { jq --arg c "$2" --arg p "$3" --arg e "${4:-.}" \
    '[.findings[] | select(.check==$c and (.path // "" | endswith($p)) and (.evidence | test($e)))] | length' "$work/$1.json"; }
ok '[ "$(n flawed FW-UPD-001 /usr/sbin/fw_check.sh "http URL")" = 1 ]' "plain http download"
ok '[ "$(n flawed FW-UPD-001 /etc/opkg.conf "src/gz")" = 1 ]' "plain opkg feed"
ok '[ "$(n flawed FW-UPD-001 /etc/mender/mender.conf ServerURL)" = 1 ]' "plain mender server"
# TLS verification off is the communications check (it cites 5.3-10 too).
ok '[ "$(n flawed FW-COM-002 /usr/sbin/fw_check.sh "curl -s -k")" = 1 ]' "curl -k"
ok '[ "$(n flawed FW-COM-002 /etc/mender/mender.conf SkipVerify)" = 1 ]' "mender SkipVerify"
ok '[ "$(n flawed FW-UPD-003 "" "check_signature")" = 1 ]' "opkg unsigned"
ok '[ "$(n flawed FW-UPD-003 "" "usign")" = 1 ]' "sysupgrade without keys"
ok '[ "$(n flawed FW-UPD-003 "" "ArtifactVerifyKey")" = 1 ]' "mender unsigned"
ok '[ "$(n flawed FW-HARD-001 /usr/bin/app "NX.*PIE.*RELRO.*canary")" = 1 ]' "unhardened binary"
ok '[ "$(n flawed FW-BOOT-001 "" "no signed FIT")" = 1 ]' "no secure boot"
for chk in FW-UPD-001 FW-COM-002 FW-UPD-003 FW-HARD-001; do
    ok '[ "$(n clean $chk "")" = 0 ]' "clean image has no $chk: $(jq -c "[.findings[] | select(.check==\"$chk\") | .evidence]" "$work/clean.json")"
done
ok '[ "$(n clean FW-BOOT-001 /boot/u-boot.dtb "verification key")" = 1 ]' "verified-boot key found"
ok '[ "$(jq -r "[.findings[] | select(.check==\"FW-BOOT-001\")][0].severity" "$work/clean.json")" = info ]' "secure boot is info"
ok '[ "$(n clean FW-UPD-004 "" "usign keys .1 in /etc/opkg/keys.*opkg check_signature")" = 1 ]' "inventory lists verification"
exit $fail
