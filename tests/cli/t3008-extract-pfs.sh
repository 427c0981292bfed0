#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# PFS/0.9 (Arcadyan eCos web file system) built here by
# tests/data/gen/mkpfs.py with nested folders, an empty file, three damaged
# entries (empty name, '..' name, data past the end) and a duplicate name:
# the good files come back byte for byte, each damaged entry is named by
# index and offset and the rest goes on, the later duplicate wins. The
# image is carved out of an LZMA stream at 0x200 (as in the Linksys
# WRT120N) and read inside gzip.
set -eu
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
A=$ASSAY
cd "$tmp"
mkdir -p root/www/cgi-bin root/www/images/icons
printf '#!cgi apply\n' > root/www/cgi-bin/apply.cgi
: > root/www/cgi-bin/empty.cgi
{ printf 'GIF89a'; seq 1 600; } > root/www/images/icons/logo.gif
printf 'x' > root/www/images/a.js
printf '<html>login</html>\n' > root/www/login.htm
/usr/bin/python3 "$ASSAY_SRC/tests/data/gen/mkpfs.py" img.pfs root --damage
size=$(stat -c %s img.pfs)
# What should come out: the later www\cgi-bin\apply.cgi entry holds the
# bytes of login.htm.
cp -r root want
cp root/www/login.htm want/www/cgi-bin/apply.cgi
{ head -c 512 /dev/zero | tr '\0' 'J'; cat img.pfs; printf 'TRAILER'; } > blob
lzma -c blob > blob.lzma
gzip -9 -n -c img.pfs > img.pfs.gz

"$A" ls --regions blob.lzma > ls.txt 2> err.txt
c='blob.lzma > lzma@0x0 > pfs@0x200'
cat > want.txt <<EOF
C 00755     0/0           $size $c
d 00755     0/0              0 $c /www
d 00755     0/0              0 $c /www/cgi-bin
- 00644     0/0             19 $c /www/cgi-bin/apply.cgi
- 00644     0/0              0 $c /www/cgi-bin/empty.cgi
d 00755     0/0              0 $c /www/images
- 00644     0/0              1 $c /www/images/a.js
d 00755     0/0              0 $c /www/images/icons
- 00644     0/0           2298 $c /www/images/icons/logo.gif
- 00644     0/0             19 $c /www/login.htm
EOF
grep -F "$c" ls.txt | grep -v '^blob' | diff -u want.txt -
# The file system region ends where its last file does: the trailer is
# left as unknown data.
grep -q "^blob.lzma > lzma@0x0  0x00000200 *$size  format      pfs" ls.txt
grep -q "^blob.lzma > lzma@0x0  $(printf '0x%08x' $((512 + size))) *7  unknown" ls.txt
# One warning per damaged entry: its index, and the offset of its table
# entry (16 + i * 76) from the start of the file system. Nine entries;
# the bad one points 16 bytes past the end of the data.
data=$((size - 16 - 9 * 76))
grep -qx "$c+0x5c: warning: pfs: entry 1 has an empty or invalid name: skipped" err.txt
grep -qx "$c+0xa8: warning: pfs: entry 2 has an empty or invalid name: skipped" err.txt
grep -qx "$c+0xf4: warning: pfs: entry 3: 'www/past-end.bin' (32 bytes at data offset 0x$(printf %x $((data + 16)))) runs past the end of the file system: skipped" err.txt
[ "$(grep -c 'pfs: entry' err.txt)" = 3 ]

# Byte for byte through gzip and through the carved LZMA payload.
"$A" extract -q img.pfs.gz -o out1 2> /dev/null
diff -r want out1/gzip@0x0/pfs@0x0
"$A" extract -q blob.lzma -o out2 2> /dev/null
diff -r want out2/lzma@0x0/pfs@0x200
[ ! -e out2/lzma@0x0/pfs@0x200/evil ] && [ ! -e out2/evil ]
jq -e '[.entries[] | select(.format == "pfs" and .type == "file")] | length == 5' \
    out2/.assay-manifest.json > /dev/null
