#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Fetch a handful of real Debian executables of several architectures for
# the ELF hardening tests, without touching the system's APT or dpkg state
# (private APT_CONFIG, docs: /work/shared/reference/test-data.md 2.1).
#
# usage: fetch-debs.sh CACHE_DIR
# Leaves CACHE_DIR/rootfs/<arch>/ (unpacked .debs) and CACHE_DIR/.done.
# Exit 0 on success (or when already cached), 77 when the mirror cannot
# be reached, 1 on other errors.
set -u
cache=${1:?usage: fetch-debs.sh CACHE_DIR}
[ -f "$cache/.done" ] && exit 0
mkdir -p "$cache" || exit 1
cd "$cache" || exit 1

archs="armel armhf arm64 mipsel mips64el i386 ppc64el"
pkgs="busybox-static dropbear-bin dnsmasq-base lighttpd libssl3"

mkdir -p apt/state/lists/partial apt/cache/archives/partial apt/etc debs
: > apt/state/status
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    cp /etc/apt/sources.list.d/debian.sources apt/etc/debian.sources
else
    echo "fetch-debs: no /etc/apt/sources.list.d/debian.sources" >&2
    exit 77
fi
{
    echo "Dir::State \"$cache/apt/state\";"
    echo "Dir::State::status \"$cache/apt/state/status\";"
    echo "Dir::Cache \"$cache/apt/cache\";"
    echo "Dir::Etc::sourcelist \"/dev/null\";"
    echo "Dir::Etc::sourceparts \"$cache/apt/etc\";"
    echo "APT::Architecture \"amd64\";"
    printf 'APT::Architectures { "amd64";'
    for a in $archs; do printf ' "%s";' "$a"; done
    echo ' };'
    echo 'Acquire::Retries "2";'
} > apt/apt.conf
export APT_CONFIG="$cache/apt/apt.conf"

if ! timeout 300 apt-get -qq update >apt/update.log 2>&1; then
    # A transient "mirror sync" error on one index is fine if lists exist.
    if ! ls apt/state/lists/*_Packages* >/dev/null 2>&1; then
        echo "fetch-debs: apt cannot reach the mirror (see $cache/apt/update.log)" >&2
        exit 77
    fi
fi

want=""
for a in $archs; do
    for p in $pkgs; do want="$want $p:$a"; done
done
cd debs || exit 1
# Download one by one so a package missing on one architecture does not
# stop the rest.
for w in $want; do
    timeout 120 apt-get -qq download "$w" >/dev/null 2>&1 ||
        echo "fetch-debs: cannot download $w" >&2
done
cd .. || exit 1
ls debs/*.deb >/dev/null 2>&1 || { echo "fetch-debs: nothing downloaded" >&2; exit 77; }

rm -rf rootfs
for d in debs/*.deb; do
    arch=$(dpkg-deb -f "$d" Architecture)
    mkdir -p "rootfs/$arch"
    dpkg-deb -x "$d" "rootfs/$arch" || exit 1
done
touch .done
exit 0
