# One line per CLI test script (numbered: first digit = family).
assay_cli_test(t3001-extract-tplink.sh)
assay_cli_test(t3002-extract-squashfs.sh)
assay_cli_test(t3003-extract-archives.sh)
