#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# p0004-probe: assay probe against the peers Debian packages (nmap -sV with
# default-account and TLS scripts, hydra, ssh-audit, testssl.sh) on the
# same targets: the insecure reference device on its usual ports, dropbear
# on 22, a legacy-TLS openssl s_server on 8443 and a DTLS 1.0 one on udp
# 5684 (no peer here assesses DTLS), all inside a network
# namespace this script creates (needs root). Prints wall time and the
# verdicts each tool reached. Numbers are not committed.
#
#   bench/p0004-probe.sh [BUILD_DIR]      (default: build/dev)
#   P0004_SKIP="nmap testssl" bench/p0004-probe.sh   skips those peers
# Targets: whole-device probe, default port set, < 60 s; TLS verdicts for
# one port < 5 s.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/build/dev}
ASSAY=$BUILD/assay
[ -x "$ASSAY" ] && [ -x "$BUILD/refdev" ] || { echo "build first: $BUILD"; exit 2; }
[ "$(id -u)" = 0 ] || { echo "p0004: needs root (network namespace)"; exit 77; }
T=$(mktemp -d)
NS="assay-bench-$$"
V="ab$$"
A=10.204.0.1
B=10.204.0.2
PIDS=""
cleanup() {
    for p in $PIDS $(ip netns pids "$NS" 2>/dev/null); do
        kill "$p" 2>/dev/null
    done
    sleep 0.3
    ip netns del "$NS" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT

ip netns add "$NS" && ip link add "${V}h" type veth peer name "${V}d" &&
ip link set "${V}d" netns "$NS" && ip addr add "$A/30" dev "${V}h" &&
ip link set "${V}h" up && ip netns exec "$NS" ip addr add "$B/30" dev "${V}d" &&
ip netns exec "$NS" ip link set "${V}d" up &&
ip netns exec "$NS" ip link set lo up || { echo "p0004: netns setup failed"; exit 1; }

REFDEV_ANY_ADDR=1 ip netns exec "$NS" "$BUILD/refdev" --profile insecure --std-ports \
    --bind "$B" --ready "$T/ready" >/dev/null 2>&1 &
PIDS="$PIDS $!"
dropbearkey -t ed25519 -f "$T/hk" >/dev/null 2>&1
ip netns exec "$NS" dropbear -F -E -R -p "$B:22" -r "$T/hk" -P "$T/db.pid" >/dev/null 2>&1 &
PIDS="$PIDS $!"
openssl req -x509 -newkey rsa:1024 -sha1 -nodes -days 2 -subj /CN=legacy \
    -keyout "$T/k.pem" -out "$T/c.pem" >/dev/null 2>&1
ip netns exec "$NS" openssl s_server -quiet -accept "$B:8443" -cert "$T/c.pem" \
    -key "$T/k.pem" -tls1 -cipher 'ALL:@SECLEVEL=0' -www >/dev/null 2>&1 &
PIDS="$PIDS $!"
ip netns exec "$NS" openssl s_server -quiet -dtls1 -accept "$B:5684" \
    -cert "$T/c.pem" -key "$T/k.pem" -cipher 'ALL:@SECLEVEL=0' >/dev/null 2>&1 &
PIDS="$PIDS $!"
sleep 1
printf 'root:xc3511\nroot:vizxv\nadmin:admin\nroot:888888\nsupport:support\n' >"$T/creds"
printf '%s\n' root admin support >"$T/users"

now() { date +%s.%N; }
want() { command -v "$1" >/dev/null && case " ${P0004_SKIP:-} " in *" $1 "*) return 1 ;; esac; }
row() { printf '%-34s %8.2f s  %s\n' "$1" "$2" "$3"; }
elapsed() { echo "$(now) - $1" | bc; }

echo "p0004-probe: targets in netns $NS at $B (tcp 22 23 80 554 1883 8443, udp 1900 5684 DTLS 1.0)"
printf '%-34s %10s  %s\n' "tool" "wall" "verdicts"

t=$(now)
"$ASSAY" probe "$B" --creds "$T/creds" --format json -o "$T/a.json" 2>/dev/null
row "assay probe (default port set)" "$(elapsed "$t")" \
    "$(jq -r '[.findings[] | select(.severity != "info") | .check] | group_by(.) | map("\(.[0])x\(length)") | join(" ")' "$T/a.json")"
t=$(now)
"$ASSAY" probe "$B" --ports 22,8443 --creds "$T/creds" --format json -o "$T/b.json" 2>/dev/null
row "assay probe (+ssh 22, tls 8443)" "$(elapsed "$t")" \
    "$(jq -r '[.findings[] | select(.severity != "info") | .check] | group_by(.) | map("\(.[0])x\(length)") | join(" ")' "$T/b.json")"
t=$(now)
"$ASSAY" probe "$B" --ports 8443 --read-ms 1000 --format json -o "$T/c.json" 2>/dev/null
row "assay probe TLS one port" "$(elapsed "$t")" \
    "$(jq -r '[.findings[] | select(.check | startswith("NET-TLS")) | .check] | join(" ")' "$T/c.json")"
t=$(now)
"$ASSAY" probe "$B" --ports U:5684 --read-ms 1000 --format json -o "$T/e.json" 2>/dev/null
row "assay probe DTLS one port" "$(elapsed "$t")" \
    "$(jq -r '[.findings[] | select(.check | startswith("NET-TLS")) | .check] | join(" ")' "$T/e.json")"
t=$(now)
"$ASSAY" probe "$B" --ports 80 --creds "$T/creds" --intrusive --attempts 20 \
    --format json -o "$T/d.json" 2>/dev/null
row "assay probe --intrusive (http 80)" "$(elapsed "$t")" \
    "$(jq -r '[.findings[] | select(.check == "NET-CRED-002") | .evidence] | join(" ")' "$T/d.json")"

if want nmap; then
    t=$(now)
    timeout 300 nmap -Pn -sV -sU -sS -p T:22,23,80,554,1883,8443,U:1900 \
        --script 'ssl-enum-ciphers,ssl-cert,http-default-accounts,ssh2-enum-algos,mqtt-subscribe,rtsp-methods,upnp-info,http-title' \
        "$B" -oN "$T/nmap.txt" >/dev/null 2>&1
    row "nmap -sV + scripts" "$(elapsed "$t")" \
        "open=$(grep -c ' open ' "$T/nmap.txt") tls-grade=$(grep -o 'least strength: [A-F]' "$T/nmap.txt" | head -1 | cut -d' ' -f3) default-accounts=$(grep -c -i 'credentials' "$T/nmap.txt") mqtt-topics=$(grep -c 'Topic' "$T/nmap.txt")"
fi
if want hydra; then
    t=$(now)
    # hydra leaves hydra.restore in its working folder: keep it in $T
    cd "$T" || exit 1
    timeout 120 hydra -C "$T/creds" -s 80 -t 4 -f "$B" http-post-form \
        "/login:username=^USER^&password=^PASS^:invalid" >"$T/hydra.txt" 2>&1
    row "hydra http-post-form" "$(elapsed "$t")" \
        "valid=$(grep -c '^\[80\].*login:' "$T/hydra.txt")"
    t=$(now)
    timeout 120 hydra -C "$T/creds" -s 23 -t 1 -w 5 -f "$B" telnet \
        >"$T/hydra2.txt" 2>&1
    row "hydra telnet (timeout 120 s)" "$(elapsed "$t")" \
        "valid=$(grep -c '^\[23\].*login:' "$T/hydra2.txt")"
    cd "$SRC" || exit 1
fi
if want ssh-audit; then
    t=$(now)
    timeout 120 ssh-audit -p 22 "$B" >"$T/ssh-audit.txt" 2>&1
    row "ssh-audit" "$(elapsed "$t")" \
        "fail=$(grep -c '(fail)\|\[fail\]\|-- \[fail' "$T/ssh-audit.txt") warn=$(grep -c '(warn)\|\[warn\]' "$T/ssh-audit.txt")"
fi
TESTSSL=$(command -v testssl || command -v testssl.sh)
if [ -n "$TESTSSL" ] && want "$(basename "$TESTSSL")"; then
    t=$(now)
    timeout 300 "$TESTSSL" --quiet --color 0 --warnings batch --protocols --std --server-defaults \
        "$B:8443" >"$T/testssl.txt" 2>&1
    row "testssl.sh -p -s -S" "$(elapsed "$t")" \
        "not-ok=$(grep -c 'NOT ok\|not ok' "$T/testssl.txt") offered-deprecated=$(grep -E -c 'TLS 1(\.0|\.1)? +offered' "$T/testssl.txt")"
fi
