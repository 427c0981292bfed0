#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Debian servers on loopback with configurations generated here:
# mosquitto with anonymous access (negative: a password file), vsftpd with
# anonymous login, snmpd with community 'public' (negative: an agent
# whose only community is a long random one).
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

ran=0
if command -v mosquitto >/dev/null && command -v mosquitto_passwd >/dev/null; then
    ran=1
    m1=$(free_port)
    printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' \
        "$m1" >"$T/m1.conf"
    m2=$(free_port)
    mosquitto_passwd -b -c "$T/pw" device 'S3cret-per-device!' 2>/dev/null ||
        fail "mosquitto_passwd"
    chmod 0644 "$T/pw"
    chmod 0755 "$T" # mosquitto reads it after dropping root
    printf 'listener %s 127.0.0.1\nallow_anonymous false\npassword_file %s\npersistence false\n' \
        "$m2" "$T/pw" >"$T/m2.conf"
    start_bg mosquitto -c "$T/m1.conf"
    start_bg mosquitto -c "$T/m2.conf"
    wait_tcp "$m1"
    wait_tcp "$m2"
    printf 'admin:admin\ndevice:device\n' >"$T/creds"
    probe "$T/mq.json" 127.0.0.1 --ports "$m1,$m2" --creds "$T/creds"
    has NET-AUTH-004 "tcp/$m1 mqtt" 5.5-4 "CONNACK 0; SUBSCRIBE '#' granted"
    has NET-CLEAR-001 "tcp/$m2 mqtt" 5.5-7 "refuses anonymous"
    hasnt NET-AUTH-004 "tcp/$m2"
    hasnt NET-CRED-001
fi

if command -v vsftpd >/dev/null; then
    ran=1
    f1=$(free_port)
    mkdir -p "$T/ftp" "$T/empty"
    cat >"$T/vsftpd.conf" <<CONF
listen=YES
listen_address=127.0.0.1
listen_port=$f1
background=NO
anonymous_enable=YES
anon_root=$T/ftp
local_enable=NO
write_enable=NO
secure_chroot_dir=$T/empty
pasv_enable=NO
CONF
    start_bg vsftpd "$T/vsftpd.conf"
    wait_tcp "$f1"
    probe "$T/ftp.json" 127.0.0.1 --ports "$f1"
    has NET-AUTH-007 "tcp/$f1 ftp" 5.5-4 "230"
    has NET-CLEAR-001 "tcp/$f1 ftp" 5.5-7 "AUTH TLS"
    has NET-INFO-001 "tcp/$f1 ftp" 5.6-2 "vsFTPd"
fi

if command -v snmpd >/dev/null; then
    ran=1
    s1=$(free_port udp)
    s2=$(free_port udp)
    printf 'rocommunity public 127.0.0.1\nsysDescr Assay test agent\n' >"$T/s1.conf"
    printf 'rocommunity %s 127.0.0.1\n' "$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$T/s2.conf"
    start_bg snmpd -f -Lo -C -c "$T/s1.conf" -p "$T/s1.pid" "udp:127.0.0.1:$s1"
    start_bg snmpd -f -Lo -C -c "$T/s2.conf" -p "$T/s2.pid" "udp:127.0.0.1:$s2"
    sleep 1
    probe "$T/snmp.json" 127.0.0.1 --ports "U:$s1,U:$s2"
    has NET-CRED-001 "udp/$s1 snmp" 5.1-1 "'public' answered 'Assay test agent'"
    hasnt NET-CRED-001 "udp/$s2"
    hasnt NET-AUTH-005
fi
[ "$ran" = 1 ] || skip "none of mosquitto, vsftpd, snmpd is installed"
echo ok
