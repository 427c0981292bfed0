#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Whole-device probe with the default port set: the reference device runs
# on its usual ports (80, 23, 1883, 554, UDP 1900) inside a network
# namespace this test creates, reached over a veth pair; the probe must
# finish in under 60 s and find the seeded weaknesses on those ports.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

netns_refdev probe 203 --profile insecure

printf 'admin:admin\nroot:xc3511\n' >"$T/creds"
start=$(date +%s)
probe "$T/r.json" "$B" --creds "$T/creds"
secs=$(( $(date +%s) - start ))
[ "$secs" -lt 60 ] || fail "whole-device probe took $secs s"
has NET-CRED-001 "tcp/80 http" 5.1-1 "'admin' / 'admin'"
has NET-CRED-001 "tcp/23 telnet" 5.1-1 "gave a shell"
has NET-AUTH-004 "tcp/1883 mqtt" 5.5-4 "CONNACK 0"
has NET-AUTH-008 "tcp/554 rtsp" 5.5-4 "/live"
has NET-AUTH-006 "udp/1900 ssdp" 5.5-5 "GetGenericPortMappingEntry"
jq -e '.target.name == $b' --arg b "$B" "$T/r.json" >/dev/null || fail "target"
# nothing but the named host was contacted: every finding is about it
jq -e --arg b "$B" '[.findings[] | select(.container != $b)] | length == 0' \
    "$T/r.json" >/dev/null || fail "a finding names another host"
ip link del "${V}h" 2>/dev/null
echo "ok ($secs s)"
