#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# A web server that answers 200 with the same login page to everything
# must not yield default-credential or open-configuration findings.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

start_refdev rd --profile catchall
printf 'admin:admin\nroot:root\nuser:user\n' >"$T/creds"
probe "$T/r.json" 127.0.0.1 --ports "$rd_http" --creds "$T/creds"
has NET-SVC-001 "tcp/$rd_http http" 5.6-1 "identified as http"
hasnt NET-CRED-001
hasnt NET-AUTH-002
hasnt NET-AUTH-003
echo ok
