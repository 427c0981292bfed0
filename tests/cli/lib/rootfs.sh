# SPDX-License-Identifier: Apache-2.0
# Sourced by the extract tests: make_rootfs DIR builds a small rootfs with
# the metadata the unpackers must keep: a setuid binary, a symlink, a hard
# link, a symlink pointing far above the root, a FIFO, an owned file and,
# when setcap works here, a file capability. Sets HAVE_CAP=1/0 and
# HAVE_OWNER=1/0.
make_rootfs() {
    local r=$1
    mkdir -p "$r/bin" "$r/etc" "$r/dev" "$r/usr/sbin" "$r/www/cgi-bin"
    cp /bin/true "$r/bin/busybox"
    chmod 0755 "$r/bin/busybox"
    printf 'root:$1$GTN.gpri$DlSyKvZKMR9A9Uj9e9wR3/:15502:0:99999:7:::\n' \
        > "$r/etc/shadow"
    chmod 0600 "$r/etc/shadow"
    printf 'root:x:0:0:root:/root:/bin/sh\n' > "$r/etc/passwd"
    cp /bin/true "$r/usr/sbin/su"
    chmod 4755 "$r/usr/sbin/su"
    ln -s busybox "$r/bin/sh"
    ln "$r/bin/busybox" "$r/bin/busybox-hard"
    ln -s ../../../../../../../../etc/hostname "$r/etc/escape"
    mkfifo "$r/dev/initctl"
    seq 1 20000 > "$r/www/index.html"
    printf '#!/bin/sh\necho ok\n' > "$r/www/cgi-bin/run.sh"
    chmod 1777 "$r/www/cgi-bin"
    HAVE_OWNER=0
    if chown 1234:567 "$r/www/index.html" 2>/dev/null; then
        HAVE_OWNER=1
    fi
    HAVE_CAP=0
    cp /bin/true "$r/usr/sbin/ping"
    if command -v setcap >/dev/null &&
        setcap cap_net_raw+ep "$r/usr/sbin/ping" 2>/dev/null &&
        getcap "$r/usr/sbin/ping" | grep -q cap_net_raw; then
        HAVE_CAP=1
    fi
    find "$r" -exec touch -h -d @1600000000 {} +
}

# check_tree OUT ROOT: the unpacked folder OUT matches rootfs ROOT:
# same regular file bytes, symlink targets as stored (never resolved),
# setuid and sticky bits kept (unless a third argument says the image
# maker changed modes itself).
check_tree() {
    local out=$1 r=$2
    diff -r --no-dereference -x initctl -x lost+found "$r" "$out" >&2
    [ "$(readlink "$out/etc/escape")" = "../../../../../../../../etc/hostname" ]
    [ "$(readlink "$out/bin/sh")" = "busybox" ]
    [ -n "${3:-}" ] && return 0
    [ "$(stat -c %a "$out/usr/sbin/su")" = 4755 ]
    [ "$(stat -c %a "$out/www/cgi-bin")" = 1777 ]
    [ ! -e "$out/dev/initctl" ]
}

# check_meta JSON: metadata in an `assay ls --format json` listing, for
# the fs whose container name matches FS.
check_meta() {
    local json=$1 fs=$2 q
    q=".nodes | map(select(.container | endswith(\"$fs\")))"
    jq -e "$q | map(select(.path == \"/usr/sbin/su\"))[0].mode == \"04755\"" "$json" >/dev/null
    jq -e "$q | map(select(.path == \"/etc/escape\"))[0].link == \"../../../../../../../../etc/hostname\"" "$json" >/dev/null
    jq -e "$q | map(select(.path == \"/dev/initctl\"))[0].type == \"fifo\"" "$json" >/dev/null
    jq -e "$q | map(select(.path == \"/etc/shadow\"))[0].mode == \"00600\"" "$json" >/dev/null
    if [ "${HAVE_OWNER:-0}" = 1 ]; then
        jq -e "$q | map(select(.path == \"/www/index.html\"))[0] | .uid == 1234 and .gid == 567" "$json" >/dev/null
    fi
}
