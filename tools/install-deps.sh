#!/bin/bash
# Install every Debian package listed in tools/deps.txt that is missing.
# Needs root (or sudo). Waits for the dpkg lock instead of failing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mapfile -t pkgs < <(sed 's/#.*//' "$here/deps.txt" | awk 'NF { print $1 }')
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    export DEBIAN_FRONTEND=noninteractive
    echo "installing: ${missing[*]}"
    $SUDO apt-get -o DPkg::Lock::Timeout=900 update -q
    $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends "${missing[@]}"
fi
# Test-only npm packages (headless-browser and schema tests).
"$here/install-web-deps.sh"
# Real Debian executables of several architectures (ELF hardening tests),
# fetched with a private APT configuration; tests skip without them.
bash "$here/../tests/data/gen/fetch-debs.sh" "${ASSAY_DEBS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/assay/debs}" ||
    echo "could not fetch the Debian test executables: the checksec agreement test will be skipped"
