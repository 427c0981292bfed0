#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# DTLS discovery and assessment against openssl s_server -dtls on loopback
# UDP ports the test lists (they answer no other UDP request): a legacy
# configuration (DTLS 1.0 only, every suite at @SECLEVEL=0, 1024-bit RSA,
# SHA-1, self-signed, expired) against a good one (DTLS 1.2, ECDHE with
# AES-GCM, P-256 issued by a CA). A UDP port that stays silent is the
# baseline for discovery time: each DTLS assessment must take under 5 s
# on top of it. A libcoap CoAPS server is named coaps by the CoAP answer
# inside the DTLS session.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"
need openssl

tls_certs

bad=$(free_port udp)
start_bg openssl s_server -quiet -naccept 100 -accept "127.0.0.1:$bad" \
    -dtls1 -cert "$T/bad.pem" -key "$T/bad.key" -cipher 'ALL:@SECLEVEL=0'
good=$(free_port udp)
start_bg openssl s_server -quiet -naccept 100 -accept "127.0.0.1:$good" \
    -dtls1_2 -cert "$T/good.pem" -key "$T/good.key" -cert_chain "$T/ca.pem" \
    -cipher 'ECDHE+AESGCM'
silent=$(free_port udp)
start_bg python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
time.sleep(300)' "$silent"
wait_udp "$bad"
wait_udp "$good"
wait_udp "$silent"

# timed_probe OUT ARGS...: probe, wall time in milliseconds into $ms
timed_probe() {
    local start
    start=$(date +%s%N)
    probe "$@"
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
}

timed_probe "$T/silent.json" 127.0.0.1 --ports "U:$silent" --read-ms 300
base=$ms
hasnt NET-SVC-001 "udp/$silent" "$T/silent.json"

timed_probe "$T/bad.json" 127.0.0.1 --ports "U:$bad" --read-ms 300
has NET-SVC-001 "udp/$bad dtls" 5.6-1 "identified as dtls by a DTLS handshake answer"
has NET-TLS-001 "udp/$bad dtls" 5.5-1 "DTLSv1.0"
has NET-TLS-002 "udp/$bad dtls" 5.5-1 "static RSA"
has NET-TLS-003 "udp/$bad dtls" 5.5-1 "1024-bit"
has NET-TLS-004 "udp/$bad dtls" 5.5-1 "sha1WithRSAEncryption"
has NET-TLS-005 "udp/$bad dtls" 5.5-1 "validity"
has NET-TLS-006 "udp/$bad dtls" 5.5-7 "self-signed"
jq -e --arg p "udp/$bad" '[.findings[] | select(.check | startswith("NET-TLS"))
    | select((.path | startswith($p)) and (.title | startswith("DTLS ")))]
    | length == 7' "$T/bad.json" >/dev/null || fail "DTLS findings not titled DTLS"
echo "legacy DTLS port: $ms ms (silent-port discovery $base ms)"
[ $((ms - base)) -lt 5000 ] || fail "legacy DTLS port took $ms ms, baseline $base ms"

timed_probe "$T/good.json" 127.0.0.1 --ports "U:$good" --read-ms 300
has NET-SVC-001 "udp/$good dtls" 5.6-1 "identified as dtls"
has NET-TLS-000 "udp/$good dtls" 5.5-1 "versions: DTLSv1.2; negotiated DTLSv1.2 ECDHE"
[ "$(max_sev "$T/good.json")" = info ] || fail "good DTLS port has findings above info"
echo "good DTLS port: $ms ms (silent-port discovery $base ms)"
[ $((ms - base)) -lt 5000 ] || fail "good DTLS port took $ms ms, baseline $base ms"

# CoAP over DTLS (libcoap's coap-server, certificate mode, CoAPS on its
# CoAP port + 1): once a handshake completes, the CoAP question asked in
# the clear during discovery is asked inside, and the answer names the
# service coaps.
COAPS=$(command -v coap-server-openssl || true)
if [ -n "$COAPS" ]; then
    cs=""
    for _ in 1 2 3 4 5 6 7 8; do
        p=$(free_port udp)
        if ! ss -Huln "sport = :$((p - 1))" | grep -q .; then cs=$p; break; fi
    done
    [ -n "$cs" ] || fail "no two free UDP ports in a row"
    start_bg "$COAPS" -A 127.0.0.1 -p "$((cs - 1))" -c "$T/good.pem" \
        -j "$T/good.key" -n
    wait_udp "$cs"
    probe "$T/coaps.json" 127.0.0.1 --ports "U:$cs" --read-ms 300
    has NET-TLS-000 "udp/$cs coaps" 5.5-1 "CoAP inside answered GET /.well-known/core with 2.05"
    hasnt NET-INFO-003 "udp/$cs coaps" "$T/coaps.json"
else
    echo "coap-server-openssl absent: CoAPS case skipped"
fi
echo ok
