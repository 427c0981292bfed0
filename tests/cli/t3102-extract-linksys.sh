#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The real Linksys WRT120N 1.0.07.002 image (eCos, Arcadyan): the LZMA
# stream at 0xfe400 decompresses to a PFS/0.9 file system of 1,420,202
# bytes holding the web UI. All 168 entries come back (39 of them empty
# files under www/cgi-bin), 1,407,418 bytes in all, with the sizes of the
# table and known contents. The obfuscated head at 0 is reported as a
# recognised, unsupported format.
set -eu
img="$ASSAY_SHARED/corpus/real/vendor/linksys_wrt120n_1.0.07.002_us.bin"
[ -f "$img" ] || { echo "skip: $img absent"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
A=$ASSAY

"$A" ls --regions "$img" > "$tmp/ls.txt" 2> "$tmp/err.txt"
c='linksys_wrt120n_1.0.07.002_us.bin > lzma@0xfe400 > pfs@0x0'
grep -q "^C 00755     0/0        1420202 $c\$" "$tmp/ls.txt"
grep -q "^linksys_wrt120n_1.0.07.002_us.bin > lzma@0xfe400  0x00000000 *1420202  format      pfs" \
    "$tmp/ls.txt"
[ "$(grep -c "^- 00644 .* $c /www/" "$tmp/ls.txt")" = 168 ]
[ "$(grep -c "^- 00644     0/0              0 $c /www/cgi-bin/" "$tmp/ls.txt")" = 39 ]
! grep -q 'pfs' "$tmp/err.txt"   # no damaged entry
# The obfuscated head (Arcadyan's scheme) is named, not silently dropped.
grep -q '^linksys_wrt120n_1.0.07.002_us.bin  0x00000000 .* unsupported arcadyan-obfuscated' \
    "$tmp/ls.txt"

"$A" extract -q "$img" -o "$tmp/out"
r="$tmp/out/lzma@0xfe400/pfs@0x0"
[ "$(find "$r" -type f | wc -l)" = 168 ]
[ "$(find "$r" -type f -empty | wc -l)" = 39 ]
[ "$(find "$r/www/cgi-bin" -type f | wc -l)" = 39 ]
[ "$(find "$r/www/doc" -type f | wc -l)" = 103 ]
[ "$(find "$r/www/images" -type f | wc -l)" = 26 ]
[ "$(find "$r" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')" = 1407418 ]
[ -f "$r/www/cgi-bin/apply.cgi" ] && [ ! -s "$r/www/cgi-bin/apply.cgi" ]
[ -f "$r/www/cgi-bin/upgrade.cgi" ]
[ "$(stat -c %s "$r/www/doc/ACC.stm")" = 11620 ]
[ "$(stat -c %s "$r/www/doc/DHCP_Client_log.stm")" = 4543 ]
[ "$(stat -c %s "$r/www/images/trendlogo.gif")" = 2673 ]
[ "$(stat -c %s "$r/www/images/wps_success.gif")" = 3455 ]
[ "$(md5sum < "$r/www/doc/ACC.stm")" = "8f89678f57df01b0a370567a4db180d3  -" ]
[ "$(md5sum < "$r/www/images/wps_success.gif")" = "699901e43a96a0bb2f96e0b1218e54e8  -" ]
head -c 6 "$r/www/images/wps_fail.gif" | grep -q '^GIF89a$'
head -c 15 "$r/www/doc/h_DDNS.htm" | grep -q '^<!DOCTYPE HTML'
