#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Debian servers on loopback: busybox telnetd giving a shell without a
# login (look-alike negative: telnetd running /bin/login asks first), and
# dropbear with password authentication (negative: dropbear -s, keys only).
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

ran=0
if busybox telnetd --help >/dev/null 2>&1; then
    ran=1
    p1=$(free_port)
    start_bg busybox telnetd -F -b "127.0.0.1:$p1" -l /bin/sh
    p2=$(free_port)
    start_bg busybox telnetd -F -b "127.0.0.1:$p2" -l /bin/login
    wait_tcp "$p1"
    wait_tcp "$p2"
    # /bin/login guards this host's own accounts: no password guessing there
    probe "$T/tel.json" 127.0.0.1 --ports "$p1,$p2" --no-default-creds
    has NET-AUTH-001 "tcp/$p1 telnet" 5.5-5 "the device answered 'ASSAY"
    has NET-SVC-001 "tcp/$p2 telnet" 5.6-1 "identified as telnet"
    has NET-CLEAR-001 "tcp/$p2 telnet" 5.5-7 "ogin:"
    hasnt NET-AUTH-001 "tcp/$p2"
else
    echo "note: busybox without telnetd (install busybox-static)"
fi

if command -v dropbear >/dev/null && command -v dropbearkey >/dev/null; then
    ran=1
    dropbearkey -t ed25519 -f "$T/hk" >/dev/null 2>&1 || fail "dropbearkey"
    p3=$(free_port)
    start_bg dropbear -F -E -R -p "127.0.0.1:$p3" -r "$T/hk" -P "$T/db1.pid"
    p4=$(free_port)
    start_bg dropbear -F -E -s -p "127.0.0.1:$p4" -r "$T/hk" -P "$T/db2.pid"
    wait_tcp "$p3"
    wait_tcp "$p4"
    printf 'root:root\nadmin:admin\n' >"$T/creds"
    probe "$T/ssh.json" 127.0.0.1 --ports "$p3,$p4" --creds "$T/creds"
    has NET-SVC-001 "tcp/$p3 ssh" 5.6-1 "SSH-2.0-dropbear"
    has NET-SSH-000 "tcp/$p3 ssh" 5.5-1 "curve25519"
    has NET-SSH-001 "tcp/$p3 ssh" 5.1-1 "password"
    has NET-INFO-001 "tcp/$p3 ssh" 5.6-2 "dropbear_"
    hasnt NET-SSH-001 "tcp/$p4"
    hasnt NET-CRED-001
else
    echo "note: dropbear not installed"
fi
[ "$ran" = 1 ] || skip "neither busybox telnetd nor dropbear is installed"
echo ok
