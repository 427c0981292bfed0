#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# mkrootfs-checks.sh OUTDIR
#
# Build the small root file systems the static-check tests scan:
#   OUTDIR/flawed.sqfs  seeded flaws, each next to a look-alike that must
#                       not be flagged (SquashFS 4, xz)
#   OUTDIR/privs.tar    modes, owners and capabilities (tar keeps xattrs):
#                       setuid busybox, a capability, world-writable
#                       paths next to a sticky /tmp and ordinary files
#   OUTDIR/clean.tar.gz built like a well-made product: locked root,
#                       per-device password at first boot, key-only SSH,
#                       HTTPS with signature checks, security.txt
# Hashes, keys and tokens are made fresh here with Debian tools (openssl,
# ssh-keygen, dropbearkey), so nothing secret is committed. Needs
# squashfs-tools, openssl, openssh-client, dropbear-bin, tar, gzip.
set -eu
out=${1:?usage: mkrootfs-checks.sh OUTDIR}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1700000000

skel() { # skel DIR: the folders every system root has
    mkdir -p "$1"/{bin,sbin,lib,usr/bin,usr/sbin,etc/init.d,tmp,var,www}
}
rand() { # rand N CHARSET
    LC_ALL=C tr -dc "$2" < /dev/urandom | head -c "$1"
}

# ---- flawed --------------------------------------------------------------
f=$work/flawed
skel "$f"
md5_admin=$(openssl passwd -1 admin)
sha_1234=$(openssl passwd -6 1234)
sha_strong=$(openssl passwd -6 "$(rand 20 'A-Za-z0-9')")
sha_svc=$(openssl passwd -5 svcuser)
# OpenSSL 3 dropped DES crypt: this is DES-crypt("password", salt "ab")
des_www='abJnggxhB/yWI'
cat > "$f/etc/passwd" <<EOF
root:x:0:0:root:/root:/bin/sh
daemon:*:1:1:daemon:/usr/sbin:/bin/false
admin:x:0:0:backdoor:/root:/bin/sh
guest::1000:1000:guest:/home/guest:/bin/sh
www:$des_www:33:33:www:/www:/bin/sh
ftp::21:21:ftp:/srv:/sbin/nologin
operator:x:0:0:locked operator:/root:/bin/sh
svcuser:x:500:500:service:/home/svc:/bin/sh
EOF
cat > "$f/etc/shadow" <<EOF
root:$md5_admin:19000:0:99999:7:::
admin:$sha_1234:19000:0:99999:7:::
daemon:*:19000:0:99999:7:::
user:$sha_strong:19000:0:99999:7:::
operator:!:19000:0:99999:7:::
svcuser:$sha_svc:19000:0:99999:7:::
EOF
printf 'root:x:0:\nwheel:x:10:root\n' > "$f/etc/group"
mkdir -p "$f/etc/config" "$f/www/cgi-bin"
printf 'admin:%s\n' "$(openssl passwd -apr1 password)" > "$f/www/.htpasswd"
printf 'A:*\n/cgi-bin:admin:admin\n' > "$f/etc/httpd.conf"
cat > "$f/etc/config/system" <<'EOF'
config login
	option username 'root'
	option password 'Zte521'
config system
	option hostname 'Router'
EOF
printf 'lan_ipaddr=192.168.1.1\nhttp_username=admin\nhttp_passwd=admin\nwl0_ssid=Router\n' \
    > "$f/etc/nvram.default"
# look-alikes: a policy setting, a variable, a masked value, nsswitch
cat > "$f/etc/app.conf" <<'EOF'
password_min_length=8
admin_password=$ADMIN_PASSWORD
backup_pass=********
EOF
printf 'passwd: files\nshadow: files\n' > "$f/etc/nsswitch.conf"

cat > "$f/etc/inittab" <<'EOF'
::sysinit:/etc/init.d/rcS
ttyS0::askfirst:-/bin/sh
::shutdown:/bin/umount -a
EOF
cat > "$f/etc/init.d/rcS" <<'EOF'
#!/bin/sh
# start all S?? scripts
for i in /etc/init.d/S??*; do
    [ -x "$i" ] && $i start
done
# telnetd -l /bin/login (comment: not a command)
telnetd -l /bin/sh &
/usr/sbin/dropbear -p 22
EOF
printf '#!/bin/sh\ntcpsvd -vE 0.0.0.0 21 ftpd -w /srv &\n' > "$f/etc/init.d/S50ftp"
# present but never started: inventory, not a finding
printf '#!/bin/sh\n/usr/sbin/miniupnpd -f /etc/miniupnpd.conf\n' > "$f/etc/init.d/K50upnp"
printf '\177ELF-miniupnpd-placeholder' > "$f/usr/sbin/miniupnpd"
chmod 755 "$f"/etc/init.d/*

mkdir -p "$f/etc/ssl/private" "$f/etc/ssh" "$f/etc/dropbear" "$f/usr/lib"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
    -out "$f/etc/ssl/private/server.key" 2>/dev/null
openssl req -new -x509 -key "$f/etc/ssl/private/server.key" -days 1 \
    -subj /CN=router.local -out "$f/etc/ssl/server.crt" 2>/dev/null
ssh-keygen -q -t ed25519 -N '' -C '' -f "$f/etc/ssh/ssh_host_ed25519_key"
dropbearkey -t ecdsa -s 256 -f "$f/etc/dropbear/dropbear_ecdsa_host_key" \
    > /dev/null 2>&1
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -outform DER -out "$f/etc/ssl/private/device.der" 2>/dev/null
cat > "$f/etc/cloud.conf" <<EOF
aws_access_key_id = AKIA$(rand 16 'A-Z0-9')
aws_secret_access_key = $(rand 40 'A-Za-z0-9')
EOF
printf '{\n  "api_key": "%s"\n}\n' "$(rand 24 'A-Za-z0-9')$(rand 8 '0-9')" \
    > "$f/etc/app.json"
# look-alikes: a crypto library's string table, a public key, doc keys
printf '\177ELF\0\0-----BEGIN RSA PRIVATE KEY-----\0-----END RSA PRIVATE KEY-----\0' \
    > "$f/usr/lib/libcrypto.so.3"
mkdir -p "$f/usr/share/doc/aws"
printf 'export AWS_ACCESS_KEY_ID=AKIA%s\n' "$(rand 16 'A-Z0-9')" > "$f/usr/share/doc/aws/README"
printf 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\napi_key = your_api_key_here_123456\n' \
    > "$f/etc/sample.conf"

# communications: plain download, TLS checks off, weak TLS, plain MQTT
mkdir -p "$f/etc/lighttpd" "$f/etc/nginx" "$f/etc/mosquitto" \
    "$f/usr/share/doc/x"
cat > "$f/etc/init.d/S60cloud" <<'EOF'
#!/bin/sh
wget http://update.vendor-cloud.net/fw.bin -O /tmp/fw.bin
curl -k https://api.vendor-cloud.net/register
# curl -k https://old.vendor-cloud.net/  (commented out)
curl --keepalive-time 5 https://api.vendor-cloud.net/ping
EOF
chmod 755 "$f/etc/init.d/S60cloud"
cat > "$f/etc/lighttpd/lighttpd.conf" <<'EOF'
ssl.engine = "enable"
ssl.use-sslv3 = "enable"
ssl.cipher-list = "RC4-SHA:AES128-SHA"
EOF
cat > "$f/etc/nginx/nginx.conf" <<'EOF'
ssl_protocols TLSv1.2 TLSv1.3;
ssl_ciphers HIGH:!aNULL:!MD5:!RC4;
EOF
printf 'listener 1883\nallow_anonymous true\n' > "$f/etc/mosquitto/mosquitto.conf"
cat > "$f/www/desc.xml" <<'EOF'
<root xmlns="http://schemas.upnp.org/device-1-0">
<specVersion><major>1</major></specVersion>
</root>
EOF
printf 'See http://www.vendor-cloud.net/manual for help\n' > "$f/usr/share/doc/x/README"
# debug: a U-Boot environment that stops on any key, console on ttyS0
printf 'bootcmd=bootm 0x9f020000\nbootdelay=3\nbootargs=console=ttyS0,115200 root=/dev/mtdblock2\n' \
    > "$f/etc/u-boot.env"
# input handling: a CGI that evals request data, next to one that does not
cat > "$f/www/cgi-bin/ping.cgi" <<'EOF'
#!/bin/sh
echo "Content-type: text/plain"
echo
HOST=$(echo "$QUERY_STRING" | sed 's/host=//')
eval "ping -c 1 $HOST"
EOF
cat > "$f/www/cgi-bin/status.cgi" <<'EOF'
#!/bin/sh
echo "Content-type: text/plain"
echo
echo "$QUERY_STRING" | grep -q verbose && cat /proc/uptime
ping -c 1 "192.168.1.1"
EOF
printf 'stats=https://www.google-analytics.com/collect\ncrash=https://o1.ingest.sentry.io/api/1\n' \
    > "$f/etc/analytics.conf"
mkdir -p "$f/lib/modules/4.14"
printf '\177ELF-uvc' > "$f/lib/modules/4.14/uvcvideo.ko"

mksquashfs "$f" "$out/flawed.sqfs" -noappend -all-root -comp xz \
    -quiet > /dev/null
# the same tree one folder down, as unpacked root file systems are shipped
tar --sort=name --mtime=@"$SOURCE_DATE_EPOCH" --owner=0 --group=0 \
    --transform 's,^flawed,squashfs-root,' -C "$work" -czf "$out/nested.tar.gz" flawed

# ---- privileges ------------------------------------------------------------
p=$work/privs
skel "$p"
mkdir -p "$p/etc/systemd/system/multi-user.target.wants" "$p/var/www"
printf '\177ELF-busybox' > "$p/bin/busybox"
printf '\177ELF-ping' > "$p/bin/ping"
printf '\177ELF-passwd' > "$p/usr/bin/passwd"
printf 'data\n' > "$p/etc/shared.db"
chmod 4755 "$p/bin/busybox"
chmod 2755 "$p/usr/bin/passwd"
chmod 0755 "$p/bin/ping"
chmod 0666 "$p/etc/shared.db"
chmod 0777 "$p/var/www"
chmod 1777 "$p/tmp"
# setcap needs libcap2-bin and a file system with xattrs; skip otherwise
setcap cap_net_raw+ep "$p/bin/ping" 2> /dev/null || rm -f "$p/bin/ping"
printf '[Service]\nExecStart=/usr/sbin/lighttpd -D -f /etc/lighttpd.conf\n' \
    > "$p/etc/systemd/system/lighttpd.service"
printf '[Service]\nUser=mosquitto\nExecStart=/usr/sbin/mosquitto -c /etc/m.conf\n' \
    > "$p/etc/systemd/system/mosquitto.service"
ln -s ../lighttpd.service "$p/etc/systemd/system/multi-user.target.wants/lighttpd.service"
# busybox init and no /etc/inittab: its built-in table runs console shells
ln -s ../bin/busybox "$p/sbin/init"
ln -s ../mosquitto.service "$p/etc/systemd/system/multi-user.target.wants/mosquitto.service"
tar --sort=name --mtime=@"$SOURCE_DATE_EPOCH" --owner=0 --group=0 \
    --xattrs --xattrs-include='security.*' -C "$p" -cf "$out/privs.tar" .

# ---- clean ---------------------------------------------------------------
c=$work/clean
skel "$c"
mkdir -p "$c/etc/ssl/certs" "$c/www/.well-known" "$c/etc/lighttpd" \
    "$c/usr/lib/ssl"
cat > "$c/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:*:1:1:daemon:/usr/sbin:/bin/false
admin:x:1000:1000:admin:/home/admin:/bin/sh
EOF
cat > "$c/etc/shadow" <<'EOF'
root:!:19000:0:99999:7:::
daemon:*:19000:0:99999:7:::
admin:!:19000:0:99999:7:::
EOF
printf 'root:x:0:\n' > "$c/etc/group"
# the serial console is disabled in production: no getty on ttyS0
cat > "$c/etc/inittab" <<'EOF'
::sysinit:/etc/init.d/rcS
::shutdown:/bin/umount -a
EOF
printf 'bootcmd=bootm 0x9f020000\nbootdelay=0\nbootargs=root=/dev/mtdblock2 quiet\n' \
    > "$c/etc/u-boot.env"
cat > "$c/etc/init.d/rcS" <<'EOF'
#!/bin/sh
for i in /etc/init.d/S??*; do
    [ -x "$i" ] && $i start
done
EOF
cat > "$c/etc/init.d/S10firstboot" <<'EOF'
#!/bin/sh
# Per-device password, set once at first boot and printed on the label.
if [ ! -f /data/.provisioned ]; then
    PASS=$(head -c 12 /dev/urandom | base64)
    echo "admin:$PASS" | chpasswd
    echo "$PASS" > /data/label-password
    touch /data/.provisioned
fi
EOF
cat > "$c/etc/init.d/S50dropbear" <<'EOF'
#!/bin/sh
# Key-only SSH; host keys are generated on the device (-R).
/usr/sbin/dropbear -s -g -R -p 22
EOF
cat > "$c/etc/init.d/S60lighttpd" <<'EOF'
#!/bin/sh
/usr/sbin/lighttpd -f /etc/lighttpd/lighttpd.conf
EOF
cat > "$c/etc/lighttpd/lighttpd.conf" <<'EOF'
server.port = 443
ssl.engine = "enable"
ssl.pemfile = "/data/device.pem"
ssl.openssl.ssl-conf-cmd = ("MinProtocol" => "TLSv1.2")
EOF
cat > "$c/usr/bin/update.sh" <<'EOF'
#!/bin/sh
# Fetch and verify an update over HTTPS with a signature check.
curl -fsS https://updates.example.com/fw.bin -o /tmp/fw.bin
curl -fsS https://updates.example.com/fw.sig -o /tmp/fw.sig
openssl dgst -sha256 -verify /etc/update-pub.pem -signature /tmp/fw.sig /tmp/fw.bin
EOF
chmod 755 "$c"/etc/init.d/* "$c/usr/bin/update.sh"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null |
    openssl pkey -pubout -out "$c/etc/update-pub.pem"
printf 'password_min_length=12\nPasswordAuthentication no\n' > "$c/etc/policy.conf"
cat > "$c/www/.well-known/security.txt" <<'EOF'
Contact: mailto:security@example.com
Expires: 2030-01-01T00:00:00.000Z
Policy: https://example.com/security-policy
EOF
printf '\177ELF-telnetd-placeholder' > "$c/usr/sbin/telnetd"
printf '\177ELF-busybox' > "$c/bin/busybox"
ln -s ../bin/busybox "$c/sbin/init"     # with an inittab: fine
tar --sort=name --mtime=@"$SOURCE_DATE_EPOCH" --owner=0 --group=0 \
    -C "$c" -czf "$out/clean.tar.gz" .
