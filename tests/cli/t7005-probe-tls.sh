#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# TLS assessment against openssl s_server: a legacy configuration (TLS 1.0,
# 1024-bit RSA, SHA-1, self-signed, expired) against a good one (TLS 1.2+,
# P-256 issued by a CA, SHA-256). Each TLS verdict must take under 5 s.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"
need openssl

# legacy: self-signed with 'openssl ca' so that it can be backdated
openssl req -new -newkey rsa:1024 -nodes -subj /CN=legacy \
    -keyout "$T/bad.key" -out "$T/bad.csr" >/dev/null 2>&1 || fail "bad key"
: >"$T/index.txt"
echo 01 >"$T/serial"
cat >"$T/ca.cnf" <<CNF
[ca]
default_ca = legacy
[legacy]
database = $T/index.txt
new_certs_dir = $T
serial = $T/serial
policy = anything
default_md = sha1
[anything]
commonName = supplied
CNF
openssl ca -batch -config "$T/ca.cnf" -selfsign -keyfile "$T/bad.key" \
    -in "$T/bad.csr" -startdate 20190101000000Z -enddate 20200101000000Z \
    -md sha1 -out "$T/bad.pem" >/dev/null 2>&1 || fail "bad cert"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
    -subj "/CN=Assay Test CA" -keyout "$T/ca.key" -out "$T/ca.pem" 2>/dev/null &&
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=good \
    -keyout "$T/good.key" -out "$T/good.csr" 2>/dev/null &&
openssl x509 -req -in "$T/good.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" \
    -CAcreateserial -days 30 -sha256 -out "$T/good.pem" 2>/dev/null ||
    fail "good cert"

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
