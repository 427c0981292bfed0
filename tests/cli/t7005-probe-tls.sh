#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# TLS assessment against openssl s_server: a legacy configuration (TLS 1.0,
# 1024-bit RSA, SHA-1, self-signed, expired) against a good one (TLS 1.2+,
# P-256 issued by a CA, SHA-256). Each TLS verdict must take under 5 s.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"
need openssl

tls_certs

bad=$(free_port)
start_bg openssl s_server -quiet -naccept 100 -accept "127.0.0.1:$bad" \
    -cert "$T/bad.pem" -key "$T/bad.key" -tls1 -cipher 'ALL:@SECLEVEL=0'
good=$(free_port)
start_bg openssl s_server -quiet -naccept 100 -accept "127.0.0.1:$good" \
    -cert "$T/good.pem" -key "$T/good.key" -cert_chain "$T/ca.pem" \
    -no_tls1 -no_tls1_1 -cipher 'ECDHE+AESGCM'
wait_tcp "$bad"
wait_tcp "$good"

start=$(date +%s%N)
probe "$T/bad.json" 127.0.0.1 --ports "$bad" --read-ms 1000
ms=$(( ($(date +%s%N) - start) / 1000000 ))
has NET-TLS-001 "tcp/$bad" 5.5-1 "TLSv1.0"
has NET-TLS-002 "tcp/$bad" 5.5-1 "static RSA"
has NET-TLS-003 "tcp/$bad" 5.5-1 "1024-bit"
has NET-TLS-004 "tcp/$bad" 5.5-1 "sha1WithRSAEncryption"
has NET-TLS-006 "tcp/$bad" 5.5-7 "self-signed"
has NET-TLS-005 "tcp/$bad" 5.5-1 "validity"
[ "$ms" -lt 5000 ] || fail "legacy TLS port took $ms ms"

start=$(date +%s%N)
probe "$T/good.json" 127.0.0.1 --ports "$good" --read-ms 1000
ms=$(( ($(date +%s%N) - start) / 1000000 ))
has NET-TLS-000 "tcp/$good" 5.5-1 "TLSv1.2 TLSv1.3"
for c in NET-TLS-001 NET-TLS-002 NET-TLS-003 NET-TLS-004 NET-TLS-005 NET-TLS-006; do
    hasnt "$c"
done
[ "$ms" -lt 5000 ] || fail "good TLS port took $ms ms"
echo ok
