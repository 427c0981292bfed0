#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Debian web servers with the logins cheap devices use: lighttpd with HTTP
# Digest (htdigest) and busybox httpd with HTTP Basic, each once with a
# default password and once with a strong one (the look-alike negative).
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

strong=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf 'root:root\nadmin:admin\n' >"$T/creds"
mkdir -p "$T/www"
echo hello >"$T/www/index.html"
chmod 0755 "$T" "$T/www"
ran=0
ports=""
if command -v lighttpd >/dev/null; then
    ran=1
    for kind in weak strong; do
        pw=admin
        [ $kind = strong ] && pw=$strong
        port=$(free_port)
        printf 'admin:cam:%s\n' "$(printf 'admin:cam:%s' "$pw" | md5sum | cut -d' ' -f1)" \
            >"$T/digest-$kind"
        cat >"$T/lighttpd-$kind.conf" <<CONF
server.document-root = "$T/www"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$T/lighttpd-$kind.err"
index-file.names = ("index.html")
server.modules = ("mod_auth", "mod_authn_file")
auth.backend = "htdigest"
auth.backend.htdigest.userfile = "$T/digest-$kind"
auth.require = ("/" => ("method" => "digest", "realm" => "cam", "require" => "valid-user"))
CONF
        start_bg lighttpd -D -f "$T/lighttpd-$kind.conf"
        wait_tcp "$port"
        eval "lt_$kind=$port"
        ports="$ports,$port"
    done
fi
if busybox httpd --help >/dev/null 2>&1; then
    ran=1
    for kind in weak strong; do
        pw=admin
        [ $kind = strong ] && pw=$strong
        port=$(free_port)
        printf '/:admin:%s\n' "$pw" >"$T/bb-$kind.conf"
        start_bg busybox httpd -f -p "127.0.0.1:$port" -h "$T/www" -c "$T/bb-$kind.conf"
        wait_tcp "$port"
        eval "bb_$kind=$port"
        ports="$ports,$port"
    done
fi
[ "$ran" = 1 ] || skip "neither lighttpd nor busybox httpd is installed"
probe "$T/r.json" 127.0.0.1 --ports "${ports#,}" --creds "$T/creds"
if [ -n "${lt_weak:-}" ]; then
    has NET-CRED-001 "tcp/$lt_weak http" 5.1-1 "HTTP Digest at '/' login 'admin' / 'admin' answered 200"
    has NET-CLEAR-001 "tcp/$lt_strong http" 5.5-7 "HTTP Digest"
    has NET-INFO-001 "tcp/$lt_weak http" 5.6-2 "lighttpd/"
    hasnt NET-CRED-001 "tcp/$lt_strong"
fi
if [ -n "${bb_weak:-}" ]; then
    has NET-CRED-001 "tcp/$bb_weak http" 5.1-2 "HTTP Basic at '/' login 'admin' / 'admin' answered 200"
    has NET-CLEAR-001 "tcp/$bb_strong http" 5.5-7 "HTTP Basic"
    hasnt NET-CRED-001 "tcp/$bb_strong"
fi
echo ok
