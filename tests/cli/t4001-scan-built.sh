#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# assay scan on the root file systems tests/data/gen/mkrootfs-checks.sh
# builds: every seeded flaw is found and attributed, every look-alike is
# left alone, the well-made product yields nothing above info, output is
# schema-valid and deterministic.
. "$(dirname "$0")/lib.sh"
for tool in mksquashfs openssl ssh-keygen dropbearkey jq; do
    command -v $tool > /dev/null || skip "$tool not installed"
done
"$ASSAY_SRC/tests/data/gen/mkrootfs-checks.sh" "$T_TMP/img" ||
    { fail "generator failed"; finish; }

expect_exit 1 "$ASSAY" scan --format json -o "$T_TMP/flawed.json" \
    "$T_TMP/img/flawed.sqfs"
j=$T_TMP/flawed.json
validate_json "$ASSAY_SRC/docs/assay-report.schema.json" "$j" ||
    fail "flawed report does not match the schema"
# has CHECK PATH EVIDENCE-REGEX [PROVISION]
has() {
    if jq -e --arg c "$1" --arg p "$2" --arg e "$3" --arg v "${4:-}" \
        '[.findings[] | select(.check == $c and .path == $p and
            (.evidence | test($e)) and
            ($v == "" or (.provisions | index($v) != null)))] | length >= 1' \
        "$j" > /dev/null; then
        ok "$1 $2 ~ $3"
    else
        fail "missing $1 at $2 matching '$3'"
    fi
}
# not CHECK PATH: no finding of that check on that file
hasnt() {
    if jq -e --arg c "$1" --arg p "$2" \
        '[.findings[] | select(.check == $c and .path == $p)] | length == 0' \
        "$j" > /dev/null; then
        ok "no $1 at $2"
    else
        fail "unexpected $1 at $2"
    fi
}
has FW-CRED-001 /etc/shadow "'root' has password 'admin'" 5.1-1
has FW-CRED-001 /etc/shadow "'admin' has password '1234' \\(sha512" 5.1-1
has FW-CRED-001 /etc/passwd "'www' has password 'password' \\(des" 5.1-1
has FW-CRED-001 /etc/shadow "'svcuser' has password 'svcuser' \\(sha256-crypt, the account name itself"
hasnt FW-CRED-001 /www/.htpasswd        # apache md5: weak, not crackable
has FW-CRED-002 /etc/passwd "'guest' has an empty" 5.1-1
has FW-CRED-003 /etc/config/system "password = 'Zte521'"
has FW-CRED-003 /etc/nvram.default "http_passwd = 'admin'"
has FW-CRED-003 /etc/httpd.conf "'admin' has plain-text password 'admin'"
hasnt FW-CRED-003 /etc/app.conf         # policy, variable, masked
hasnt FW-CRED-003 /etc/nsswitch.conf
has FW-CRED-004 /etc/shadow "'root' uses md5-crypt" 5.1-3
has FW-CRED-004 /www/.htpasswd "apache-md5"
has FW-CRED-005 /etc/passwd "'www' keeps its des-crypt"
has FW-CRED-006 /etc/passwd "'admin' has uid 0"
jq -e '[.findings[] | select(.evidence | test("account .(operator|ftp|daemon)."))] | length == 0' \
    "$j" > /dev/null && ok "locked and nologin accounts ignored" ||
    fail "locked or nologin account reported"
has FW-SVC-001 /etc/init.d/rcS "telnet server" 5.6-1
has FW-SVC-001 /etc/init.d/S50ftp "FTP server .*tcpsvd"
jq -e '[.findings[] | select(.evidence | test("miniupnpd"))] | length == 0' \
    "$j" > /dev/null && ok "present-but-not-started miniupnpd ignored" ||
    fail "miniupnpd reported though nothing starts it"
has FW-SVC-002 /etc/init.d/rcS "telnetd -l /bin/sh'"
has FW-SVC-002 /etc/inittab "console shell without login.*ttyS0"
has FW-SVC-003 /etc/init.d/rcS "dropbear started without -s or -g"
has FW-SEC-001 /etc/ssl/private/server.key "RSA 2048-bit private key \\(PEM" 5.4-3
has FW-SEC-001 /etc/ssl/private/device.der "EC 256-bit private key \\(DER"
has FW-SEC-002 /etc/ssh/ssh_host_ed25519_key "ssh-ed25519 private key \\(OpenSSH"
has FW-SEC-002 /etc/dropbear/dropbear_ecdsa_host_key "ecdsa-sha2-nistp256 .*dropbear"
has FW-SEC-003 /etc/cloud.conf "AWS access key id: AKIA\\*+"
has FW-SEC-004 /etc/app.json "api_"
hasnt FW-SEC-001 /usr/lib/libcrypto.so.3
hasnt FW-SEC-003 /usr/share/doc/aws/README
hasnt FW-SEC-003 /etc/sample.conf
hasnt FW-SEC-004 /etc/sample.conf
hasnt FW-SEC-004 /etc/cloud.conf        # the AWS secret is FW-SEC-003
has FW-COM-001 /etc/init.d/S60cloud "^http://update.vendor-cloud.net/fw.bin$" 5.5-1
has FW-COM-001 /etc/mosquitto/mosquitto.conf "MQTT listener on port 1883"
hasnt FW-COM-001 /www/desc.xml          # XML namespace
hasnt FW-COM-001 /usr/share/doc/x/README
has FW-COM-002 /etc/init.d/S60cloud "^curl -k https://api" 5.3-10
jq -e '[.findings[] | select(.check == "FW-COM-002")] | length == 1' "$j" \
    > /dev/null && ok "commented curl -k and --keepalive-time ignored" ||
    fail "FW-COM-002 look-alike reported"
has FW-COM-003 /etc/lighttpd/lighttpd.conf "SSLv2/SSLv3 enabled"
has FW-COM-003 /etc/lighttpd/lighttpd.conf "weak cipher family RC4"
hasnt FW-COM-003 /etc/nginx/nginx.conf  # !RC4, TLSv1.2+
has FW-DBG-001 /etc/u-boot.env "bootdelay=3 and no bootstopkey" 5.6-4
has FW-INP-001 /www/cgi-bin/ping.cgi "passes HOST to eval" 5.13-1
hasnt FW-INP-001 /www/cgi-bin/status.cgi
has FW-EVD-004 /lib/modules/4.14/uvcvideo.ko "camera"
has FW-EVD-003 /etc/analytics.conf "Google Analytics .google-analytics.com.; Sentry"
jq -e '.target.sha256 | test("^[0-9a-f]{64}$")' "$j" > /dev/null &&
    ok "target sha256" || fail "target sha256 missing"
[ "$(jq -r .target.sha256 "$j")" = "$(sha256sum "$T_TMP/img/flawed.sqfs" | cut -d' ' -f1)" ] &&
    ok "sha256 matches" || fail "sha256 differs from sha256sum"
jq -e '.inventory.files > 20 and .inventory.directories > 5' "$j" > /dev/null &&
    ok "inventory" || fail "inventory counts"

# Deterministic: a second run gives the same bytes.
"$ASSAY" scan --format json "$T_TMP/img/flawed.sqfs" 2> /dev/null |
    cmp -s - "$j" && ok "deterministic" || fail "second run differs"

# The same tree packed one folder down ("squashfs-root/...", as the EMUX
# tarballs are): the checks find its system root and the same flaws.
j=$T_TMP/nested.json
"$ASSAY" scan --format json "$T_TMP/img/nested.tar.gz" > "$j" 2> /dev/null
has FW-CRED-001 /squashfs-root/etc/shadow "'root' has password 'admin'"
has FW-CRED-002 /squashfs-root/etc/passwd "'guest' has an empty"
has FW-SVC-002 /squashfs-root/etc/inittab "console shell without login"
has FW-SVC-001 /squashfs-root/etc/init.d/S50ftp "FTP server"
hasnt FW-SEC-003 /squashfs-root/usr/share/doc/aws/README
[ "$(jq '.findings | length' "$j")" = "$(jq '.findings | length' "$T_TMP/flawed.json")" ] &&
    ok "nested tree: same number of findings" ||
    fail "nested tree: $(jq '.findings | length' "$j") findings, flat: $(jq '.findings | length' "$T_TMP/flawed.json")"

# Privileges: modes, owners and capabilities from a tar with xattrs.
j=$T_TMP/privs.json
"$ASSAY" scan --format json "$T_TMP/img/privs.tar" > "$j" 2> /dev/null
has FW-PRIV-001 /bin/busybox "mode 4755, owner 0:0 .every busybox" 5.6-7
has FW-PRIV-001 /usr/bin/passwd "mode 2755"
has FW-PRIV-003 /etc/shared.db "mode 0666"
has FW-PRIV-003 /var/www "mode 0777"
hasnt FW-PRIV-003 /tmp                  # sticky
has FW-PRIV-004 /etc/systemd/system/lighttpd.service "'lighttpd': its systemd unit sets no User="
hasnt FW-PRIV-004 /etc/systemd/system/mosquitto.service
has FW-SVC-002 /sbin/init "busybox init without /etc/inittab"
if tar --xattrs -tvf "$T_TMP/img/privs.tar" ./bin/ping > /dev/null 2>&1; then
    has FW-PRIV-002 /bin/ping "permitted cap_net_raw"
fi

# Precision: the well-made product has nothing above info.
expect_exit 0 "$ASSAY" scan --format json -o "$T_TMP/clean.json" \
    "$T_TMP/img/clean.tar.gz" && ok "clean image exits 0"
jq -e '[.findings[] | select(.severity != "info")] | length == 0' \
    "$T_TMP/clean.json" > /dev/null && ok "clean image: no finding above info" ||
    { fail "clean image has findings"; jq -c '.findings[]' "$T_TMP/clean.json" >&2; }
finish
