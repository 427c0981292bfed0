#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Whole-device probe with the default port set: the reference device runs
# on its usual ports (80, 23, 1883, 554, UDP 1900) inside a network
# namespace this test creates, reached over a veth pair; the probe must
# finish in under 60 s and find the seeded weaknesses on those ports.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root to create a network namespace"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
NETNS="assay-probe-$$"
# a /30 out of 10.203.0.0/16, chosen by pid so parallel runs do not clash
n=$(( ($$ % 16000) * 4 ))
A="10.203.$((n / 256)).$((n % 256 + 1))"
B="10.203.$((n / 256)).$((n % 256 + 2))"
V="ap$$"
ip netns add "$NETNS" 2>/dev/null || skip "cannot create a network namespace"
ip link add "${V}h" type veth peer name "${V}d" 2>/dev/null ||
    skip "cannot create a veth pair"
ip link set "${V}d" netns "$NETNS" &&
ip addr add "$A/30" dev "${V}h" && ip link set "${V}h" up &&
ip netns exec "$NETNS" ip addr add "$B/30" dev "${V}d" &&
ip netns exec "$NETNS" ip link set "${V}d" up &&
ip netns exec "$NETNS" ip link set lo up || fail "cannot set up the veth pair"

ready="$T/ns.ready"
REFDEV_ANY_ADDR=1 ip netns exec "$NETNS" "$ASSAY_BUILD/refdev" \
    --profile insecure --std-ports --bind "$B" --ready "$ready" \
    >"$T/ns.log" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 1 50); do
    [ -s "$ready" ] && grep -q '^pid=' "$ready" && break
    sleep 0.1
done
grep -q '^pid=' "$ready" 2>/dev/null || fail "refdev did not start: $(cat "$T/ns.log")"

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
