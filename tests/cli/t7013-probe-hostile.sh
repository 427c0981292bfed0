#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Hostile answers: a service that floods random bytes, one that accepts
# and never speaks (a tarpit), one that speaks HTTP with a 1 MB header
# line, and one that sends a telnet negotiation storm. The probe must
# finish within its deadlines, without a crash, a sanitizer report or a
# finding it cannot back.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

cat >"$T/hostile.py" <<'PY'
import os, socket, sys, threading, time
kind, port = sys.argv[1], int(sys.argv[2])
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port))
srv.listen(64)
def serve(c):
    try:
        c.settimeout(10)
        if kind == "flood":
            for _ in range(160):
                c.sendall(os.urandom(65536))
        elif kind == "tarpit":
            time.sleep(8)
        elif kind == "bighead":
            c.recv(4096)
            c.sendall(b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"" +
                      b"A" * (1 << 20) + b"\"\r\n\r\n")
        elif kind == "iac":
            c.sendall(bytes([255, 253, 1, 255, 250]) + b"\x18" * 200000)
            c.sendall(bytes([255, 251]) * 100000)
    except Exception:
        pass
    finally:
        c.close()
while True:
    conn, _ = srv.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
PY
ports=""
for kind in flood tarpit bighead iac; do
    p=$(free_port)
    start_bg python3 "$T/hostile.py" "$kind" "$p"
    eval "h_$kind=$p"
    ports="$ports,$p"
done
for kind in flood tarpit bighead iac; do
    eval "wait_tcp \$h_$kind"
done
start=$(date +%s)
probe "$T/r.json" 127.0.0.1 --ports "${ports#,}" --read-ms 1500 --probe-ms 8000 \
    --creds /dev/null
secs=$(( $(date +%s) - start ))
[ "$secs" -lt 90 ] || fail "hostile services took $secs s"
hasnt NET-CRED-001
hasnt NET-AUTH-001
has NET-SVC-001 "tcp/$h_tarpit" 5.6-1 "tcp/$h_tarpit"
echo "ok ($secs s)"
