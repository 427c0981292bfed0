#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# docs/checks/<ID>.md pages are compiled into the library for the SARIF
# rule help: the generator (lib/report/embed_docs.cmake) run on sample
# pages must give a table with each page's body, front matter left out,
# bytes intact (UTF-8, quotes, backslashes), README.md skipped.
set -eu
command -v cmake >/dev/null && command -v cc >/dev/null || { echo "skip: cmake or cc missing"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir "$T/docs"
printf -- '---\nid: FW-A-001\nseverity: high\n---\n# Hard-coded "root" password\n\nUse `passwd` \\ café.\n' > "$T/docs/FW-A-001.md"
printf '# No front matter\n\nBody.\n' > "$T/docs/FW-B-002.md"
printf '# Check pages\n' > "$T/docs/README.md"
cmake -DDOCS_DIR="$T/docs" -DOUT="$T/docs.c" -P "$ASSAY_SRC/lib/report/embed_docs.cmake"
cat > "$T/main.c" <<'C'
#include <stdio.h>
#include "report/report_private.h"
int main(void)
{
    for (size_t i = 0; report_check_docs[i].id != NULL; i++)
        printf("[%s]\n%s\n", report_check_docs[i].id, report_check_docs[i].markdown);
    return 0;
}
C
cc -std=c17 -DASSAY_BUILDING_LIB -I"$ASSAY_SRC/lib" -I"$ASSAY_SRC/include" \
    -I"$ASSAY_BUILD/generated" "$T/docs.c" "$T/main.c" -o "$T/show"
"$T/show" > "$T/got"
printf '[FW-A-001]\n# Hard-coded "root" password\n\nUse `passwd` \\ café.\n[FW-B-002]\n# No front matter\n\nBody.\n' > "$T/want"
diff -u "$T/want" "$T/got" || fail "embedded pages differ"
echo ok
