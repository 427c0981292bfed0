#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The insecure reference device: every seeded weakness is reported with
# its provision and evidence (intrusive run, so 5.1-5 is assessed too).
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

start_refdev rd --profile insecure
printf '# test list\nroot:xc3511\nsupport support\nadmin:admin\n' >"$T/creds"
probe "$T/r.json" 127.0.0.1 \
    --ports "$rd_http,$rd_telnet,$rd_mqtt,$rd_rtsp,U:$rd_ssdp" \
    --creds "$T/creds" --intrusive --attempts 12
[ "$PROBE_RC" = 1 ] || fail "exit code $PROBE_RC, want 1"

jq -e '.target.kind == "device" and .target.name == "127.0.0.1"' "$T/r.json" >/dev/null ||
    fail "target is not the device"
has NET-CRED-001  "tcp/$rd_http http"   5.1-1 "HTML form at '/' login 'admin' / 'admin' answered 302"
has NET-CRED-001  "tcp/$rd_telnet telnet" 5.1-2 "'admin' / 'admin' gave a shell"
has NET-CLEAR-001 "tcp/$rd_http http"   5.5-7 "HTML form"
has NET-CLEAR-001 "tcp/$rd_telnet telnet" 5.5-7 "login:"
has NET-AUTH-002  "tcp/$rd_http"        5.5-5 "POST /api/config"
has NET-AUTH-003  "tcp/$rd_http"        5.6-2 "wifi_psk"
has NET-AUTH-004  "tcp/$rd_mqtt mqtt"   5.5-4 "'refdev/config'"
has NET-AUTH-006  "udp/$rd_ssdp ssdp"   5.5-5 "GetGenericPortMappingEntry"
has NET-INFO-002  "udp/$rd_ssdp"        5.6-2 "RD100-00042-7731"
has NET-AUTH-008  "tcp/$rd_rtsp rtsp"   5.5-4 "/live"
has NET-CRED-002  "tcp/$rd_http"        5.1-5 "attempts/s"
has NET-INFO-001  "tcp/$rd_http"        5.6-2 "RefDev/1.4.2"
has NET-SVC-001   "tcp/$rd_rtsp rtsp"   5.6-1 "identified as rtsp"
# the wrong pairs of the list are not reported
jq -e '[.findings[] | select(.evidence | test("xc3511|support"))] | length == 0' \
    "$T/r.json" >/dev/null || fail "a refused pair was reported"
jq -e '[.diagnostics[] | select(.message | test("intrusive tests ran"))] | length == 1' \
    "$T/r.json" >/dev/null || fail "the report does not say intrusive tests ran"
# without --creds the built-in dictionary (shared with the static checks)
# is used, and the report says so
probe "$T/builtin.json" 127.0.0.1 --ports "$rd_http"
has NET-CRED-001 "tcp/$rd_http http" 5.1-1 "'admin' / 'admin'"
jq -e '[.diagnostics[] | select(.message | test("built-in dictionary"))] | length == 1' \
    "$T/builtin.json" >/dev/null || fail "the report does not name the dictionary"
probe "$T/nocreds.json" 127.0.0.1 --ports "$rd_http" --no-default-creds
hasnt NET-CRED-001 "" "$T/nocreds.json"
# the text writer carries the same findings
"$ASSAY" probe 127.0.0.1 --ports "$rd_http" --creds "$T/creds" >"$T/r.txt" 2>&1
grep -q "NET-CRED-001" "$T/r.txt" || fail "text report lacks NET-CRED-001"
echo ok
