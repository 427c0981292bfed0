#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Command line, exit codes, closed ports, and IPv6 loopback.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

"$ASSAY" probe >/dev/null 2>&1; [ $? = 2 ] || fail "no host: want exit 2"
"$ASSAY" probe 127.0.0.1 --ports 0 >/dev/null 2>&1; [ $? = 2 ] || fail "port 0"
"$ASSAY" probe 127.0.0.1 --ports 70000 >/dev/null 2>&1; [ $? = 2 ] || fail "port 70000"
"$ASSAY" probe 127.0.0.1 --ports 9-3 >/dev/null 2>&1; [ $? = 2 ] || fail "range 9-3"
"$ASSAY" probe 127.0.0.1 --ports 80 --all-ports >/dev/null 2>&1; [ $? = 2 ] ||
    fail "--ports with --all-ports"
"$ASSAY" probe 127.0.0.1 --attempts 100000 --intrusive >/dev/null 2>&1; [ $? = 2 ] ||
    fail "attempts above the cap"
"$ASSAY" probe no-such-host.invalid --ports 80 >/dev/null 2>"$T/err"; rc=$?
[ $rc = 6 ] || fail "unresolvable host: exit $rc, want 6"
grep -q "cannot resolve 'no-such-host.invalid'" "$T/err" || fail "message: $(cat "$T/err")"
printf 'admin\n' >"$T/bad-creds"
"$ASSAY" probe 127.0.0.1 --ports 80 --creds "$T/bad-creds" >/dev/null 2>&1; [ $? = 3 ] ||
    fail "malformed credential file: want exit 3"
"$ASSAY" probe --help | grep -q "usage: assay probe HOST" || fail "--help"

# the probe registry is data
"$ASSAY" list probes >"$T/list" || fail "assay list probes"
grep -q '^telnet ' "$T/list" && grep -q '^throttle   intrusive' "$T/list" ||
    fail "list probes: $(cat "$T/list")"

# closed ports: no services, a clean exit
p=$(free_port)
probe "$T/closed.json" 127.0.0.1 --ports "$p,U:$(free_port udp)"
[ "$PROBE_RC" = 0 ] || fail "closed ports: exit $PROBE_RC"
jq -e '.findings | length == 0' "$T/closed.json" >/dev/null || fail "findings on closed ports"

# IPv6 loopback
if python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0))' 2>/dev/null; then
    start_refdev v6 --profile insecure --bind ::1
    probe "$T/v6.json" ::1 --ports "$v6_http"
    has NET-SVC-001 "tcp/$v6_http http" 5.6-1 "identified as http"
    has NET-AUTH-003 "tcp/$v6_http" 5.6-2 "wifi_psk"
else
    echo "note: no IPv6 loopback, IPv6 not tested"
fi
echo ok
