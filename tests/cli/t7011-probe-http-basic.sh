#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# HTTP Basic authentication: a default pair is found against a server that
# refuses random pairs; a look-alike that answers 401 to every pair yields
# the clear-text finding but no default-credential one.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

start_refdev ok --profile basic --password 1234
start_refdev deny --profile deny
printf 'admin:admin\nadmin:1234\nroot:root\n' >"$T/creds"
probe "$T/r.json" 127.0.0.1 --ports "$ok_http,$deny_http" --creds "$T/creds"
has NET-CRED-001 "tcp/$ok_http http" 5.1-1 "HTTP Basic at '/' login 'admin' / '1234' answered 200"
has NET-CLEAR-001 "tcp/$ok_http http" 5.5-7 "HTTP Basic"
has NET-CLEAR-001 "tcp/$deny_http http" 5.5-7 "HTTP Basic"
hasnt NET-CRED-001 "tcp/$deny_http"
jq -e '[.findings[] | select(.check == "NET-CRED-001")] | length == 1' \
    "$T/r.json" >/dev/null || fail "more than one default-credential finding"
echo ok
