#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# With --ics, open services the IXIT does not declare are reported under
# 5.6-1 (test unit 5.6-1-2b); a declared one is not, and one declared
# disabled but open is (5.6-1-2a).
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

start_refdev rd --profile insecure
"$ASSAY" ics init >"$T/ics.yaml" || fail "ics init"
python3 - "$T/ics.yaml" "$rd_http" "$rd_telnet" <<'PY' || fail "cannot edit the ICS"
import sys
path, http, telnet = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
decl = ("  interfaces:\n"
        "    - name: web-admin\n"
        "      kind: network\n"
        "      protocol: http\n"
        f"      port: {http}\n"
        "      status: enabled\n"
        "      authentication: password\n"
        "      debug: no\n"
        "    - name: factory-telnet\n"
        "      kind: network\n"
        "      protocol: telnet\n"
        f"      port: {telnet}\n"
        "      status: disabled\n"
        "      authentication: password\n"
        "      debug: yes\n")
assert "  interfaces: []" in text
open(path, "w").write(text.replace("  interfaces: []", decl.rstrip("\n"), 1))
PY
"$ASSAY" ics check "$T/ics.yaml" --quiet || fail "the edited ICS is not accepted"
probe "$T/r.json" 127.0.0.1 --ports "$rd_http,$rd_telnet,$rd_mqtt" --ics "$T/ics.yaml"
has NET-SURF-001 "tcp/$rd_mqtt mqtt" 5.6-1 "5.6-1-2b"
has NET-SURF-002 "tcp/$rd_telnet telnet" 5.6-1 "factory-telnet"
hasnt NET-SURF-001 "tcp/$rd_http"
hasnt NET-SURF-001 "tcp/$rd_telnet"
# without --ics there is no comparison
probe "$T/plain.json" 127.0.0.1 --ports "$rd_mqtt"
hasnt NET-SURF-001 "" "$T/plain.json"
echo ok
