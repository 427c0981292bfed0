# SPDX-License-Identifier: Apache-2.0
# Helpers for the probe tests (tests/cli/t7*-*.sh), sourced.
# Every server runs on loopback (or in a network namespace the test
# creates), on a port the kernel or free_port picks, with its
# configuration in the test's own directory; the EXIT trap stops it.
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/assay-probe.XXXXXX")
PIDS=""

probe_cleanup() {
    [ -n "${NETNS:-}" ] && PIDS="$PIDS $(ip netns pids "$NETNS" 2>/dev/null)"
    for p in $PIDS; do
        kill "$p" 2>/dev/null
    done
    for p in $PIDS; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            kill -0 "$p" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$p" 2>/dev/null
    done
    [ -n "${NETNS:-}" ] && ip netns del "$NETNS" 2>/dev/null
    rm -rf "$T"
}
trap probe_cleanup EXIT

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; [ -n "${LAST_JSON:-}" ] && [ -f "$LAST_JSON" ] && jq -c '.findings[] | [.severity,.check,.path,.evidence]' "$LAST_JSON"; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"; }

need jq
need python3

# A TCP (or, with "udp", UDP) port that is free on 127.0.0.1 right now.
free_port() {
    python3 - "$@" <<'PY'
import socket, sys
kind = socket.SOCK_DGRAM if sys.argv[1:] == ["udp"] else socket.SOCK_STREAM
s = socket.socket(socket.AF_INET, kind)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
PY
}

# wait_tcp PORT [HOST]: until something listens, at most 5 s.
wait_tcp() {
    for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    fail "nothing listens on ${2:-127.0.0.1}:$1"
}

# wait_udp PORT: until something has bound 127.0.0.1:PORT/udp, at most 5 s.
wait_udp() {
    python3 - "$1" <<'PY' || fail "nothing bound udp 127.0.0.1:$1"
import socket, sys, time
for _ in range(50):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind(("127.0.0.1", int(sys.argv[1])))
    except OSError:
        sys.exit(0)
    finally:
        s.close()
    time.sleep(0.1)
sys.exit(1)
PY
}

# tls_certs: certificates for the (D)TLS tests, in $T. bad.{key,pem}: a
# 1024-bit RSA key, self-signed with SHA-1, expired (2019-2020; made with
# 'openssl ca' so that it can be backdated). good.{key,pem}: P-256,
# SHA-256, issued by ca.pem, valid 30 days.
tls_certs() {
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
}

# start_bg CMD...: run a server in the background, remember its pid.
start_bg() {
    "$@" >"$T/bg.$$.$RANDOM.log" 2>&1 &
    PIDS="$PIDS $!"
}

# start_refdev NAME ARGS...: reference device; sets NAME_http, NAME_mqtt...
start_refdev() {
    local name=$1 ready="$T/$1.ready"
    shift
    "$ASSAY_BUILD/refdev" --ready "$ready" "$@" >"$T/$name.log" 2>&1 &
    PIDS="$PIDS $!"
    for _ in $(seq 1 50); do
        [ -s "$ready" ] && grep -q '^pid=' "$ready" && break
        sleep 0.1
    done
    [ -s "$ready" ] || fail "refdev $name did not start: $(cat "$T/$name.log")"
    while IFS='=' read -r k v; do
        eval "${name}_$k=$v"
    done <"$ready"
}

# probe OUT ARGS...: assay probe with JSON output to OUT; sets PROBE_RC.
probe() {
    local out=$1
    shift
    LAST_JSON=$out
    "$ASSAY" probe "$@" --format json -o "$out" 2>"$out.err"
    PROBE_RC=$?
    [ -s "$out" ] || fail "assay probe wrote no report (rc $PROBE_RC): $(cat "$out.err")"
    # 0 or 1 only: a sanitizer (asan preset) exits otherwise, leaks too
    case $PROBE_RC in
    0 | 1) ;;
    *) fail "assay probe exited $PROBE_RC: $(head -c 2000 "$out.err")" ;;
    esac
    if grep -q "Sanitizer" "$out.err"; then
        fail "sanitizer report: $(head -c 2000 "$out.err")"
    fi
}

# has CHECK PATH-SUBSTRING PROVISION EVIDENCE-SUBSTRING [FILE]
has() {
    jq -e --arg c "$1" --arg p "$2" --arg v "$3" --arg e "$4" '
        [.findings[] | select(.check == $c and (.path // "" | contains($p))
            and (.provisions | index($v)) and (.evidence | contains($e))
            and .source == "dynamic")] | length > 0' "${5:-$LAST_JSON}" \
        >/dev/null || fail "no $1 at '$2' citing $3 with evidence '$4'"
}

# hasnt CHECK [PATH-SUBSTRING] [FILE]
hasnt() {
    jq -e --arg c "$1" --arg p "${2:-}" '
        [.findings[] | select(.check == $c and (.path // "" | contains($p)))]
        | length == 0' "${3:-$LAST_JSON}" >/dev/null ||
        fail "unexpected $1 at '${2:-}'"
}

# max_sev FILE: highest severity name, "none" without findings.
max_sev() {
    jq -r '[.findings[].severity] as $s
        | (["critical","high","medium","low","info"] | map(select(. as $x | $s | index($x))))
        | .[0] // "none"' "$1"
}

# netns_refdev TAG NET2 [refdev options...]: a network namespace of this
# test's own with the reference device on its usual ports, reached over a
# veth pair. Sets NETNS, A (our end), B (the device), V (veth name stem).
# The /30 comes out of 10.NET2.0.0/16, chosen by pid so that parallel
# tests do not clash. Skips without root or iproute2.
netns_refdev() {
    local tag=$1 net2=$2 n ready
    shift 2
    [ "$(id -u)" = 0 ] || skip "needs root to create a network namespace"
    command -v ip >/dev/null || skip "ip (iproute2) is not installed"
    NETNS="assay-$tag-$$"
    n=$(( ($$ % 16000) * 4 ))
    A="10.$net2.$((n / 256)).$((n % 256 + 1))"
    B="10.$net2.$((n / 256)).$((n % 256 + 2))"
    V="${tag:0:2}$$"
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
        --std-ports --bind "$B" --ready "$ready" "$@" >"$T/ns.log" 2>&1 &
    PIDS="$PIDS $!"
    for _ in $(seq 1 50); do
        [ -s "$ready" ] && grep -q '^pid=' "$ready" && break
        sleep 0.1
    done
    grep -q '^pid=' "$ready" 2>/dev/null || fail "refdev did not start: $(cat "$T/ns.log")"
}
