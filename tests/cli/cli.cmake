# One line per CLI test script (numbered: first digit = family).
assay_cli_test(t3001-extract-tplink.sh)
