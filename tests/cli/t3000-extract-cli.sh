#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# assay extract / ls / list extractors: help text, usage errors and exit
# codes, empty and unreadable inputs.
set -eu
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
A=$ASSAY
"$A" extract --help | grep -q '^usage: assay extract IMAGE -o DIR'
"$A" ls --help | grep -q '^usage: assay ls IMAGE \[--format text|json\]'
"$A" list extractors > "$tmp/list"
for x in squashfs ext tar cpio zip ar gzip zlib xz lzma bzip2 lz4 zstd lzop; do
    grep -q "^$x " "$tmp/list"
done
code() { set +e; "$@" > /dev/null 2>&1; echo $?; set -e; }
[ "$(code "$A" extract)" = 2 ]
[ "$(code "$A" extract "$tmp/nope")" = 2 ]          # no -o
[ "$(code "$A" ls --format xml "$tmp/nope")" = 2 ]
[ "$(code "$A" ls --max-nodes 1x "$tmp/nope")" = 2 ]
[ "$(code "$A" ls "$tmp/nope")" = 3 ]
[ "$(code "$A" ls "$tmp")" = 3 ]                     # a folder
: > "$tmp/empty"
"$A" ls "$tmp/empty" | grep -q '^C 00755     0/0              0 empty$'
printf 'just some text, nothing to unpack\n' > "$tmp/text"
"$A" ls --regions --format json "$tmp/text" > "$tmp/text.json"
jq -e '.regions == [{"blob": "text", "offset": 0, "size": 34, "kind": "unknown", "entropy": 3.9}]' "$tmp/text.json" > /dev/null
"$A" extract -q "$tmp/text" -o "$tmp/out"
jq -e '.entries == []' "$tmp/out/.assay-manifest.json" > /dev/null
