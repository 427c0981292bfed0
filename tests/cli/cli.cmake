# One line per CLI test script (numbered: first digit = family).
assay_cli_test(t6001-assess.sh)
assay_cli_test(t6002-diff.sh)
assay_cli_test(t6003-sarif.sh)
assay_cli_test(t6004-html.sh)
assay_cli_test(t6005-goldens.sh)
