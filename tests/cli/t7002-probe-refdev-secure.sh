#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The secure reference device (HTTPS with a CA-issued certificate, unique
# password, lockout) gives nothing above info, even with --intrusive and
# a credential list; its throttling is seen and reported as info.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"
need openssl

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
    -subj "/CN=Assay Test CA" -keyout "$T/ca.key" -out "$T/ca.pem" 2>/dev/null &&
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/CN=refdev.local" -keyout "$T/dev.key" -out "$T/dev.csr" 2>/dev/null &&
openssl x509 -req -in "$T/dev.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" \
    -CAcreateserial -days 30 -sha256 -out "$T/dev.pem" 2>/dev/null ||
    fail "cannot make test certificates"
pw=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
start_refdev rd --profile secure --password "$pw" \
    --tls-cert "$T/dev.pem" --tls-key "$T/dev.key"
printf 'admin:admin\nadmin:1234\nroot:root\n' >"$T/creds"
probe "$T/r.json" 127.0.0.1 --ports "$rd_http" --creds "$T/creds" \
    --intrusive --attempts 10
[ "$(max_sev "$T/r.json")" = info ] ||
    fail "secure profile: highest severity $(max_sev "$T/r.json"), want info"
[ "$PROBE_RC" = 0 ] || fail "exit code $PROBE_RC, want 0"
has NET-SVC-001 "tcp/$rd_http https" 5.6-1 "over TLS"
has NET-TLS-000 "tcp/$rd_http https" 5.5-1 "TLSv1.2"
has NET-CRED-003 "tcp/$rd_http" 5.1-5 "answered 429"
hasnt NET-TLS-006
hasnt NET-CRED-001
echo ok
