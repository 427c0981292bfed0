# One line per CLI test script (numbered: first digit = family).
assay_cli_test(t3001-extract-tplink.sh)
assay_cli_test(t3002-extract-squashfs.sh)
assay_cli_test(t3003-extract-archives.sh)
assay_cli_test(t3004-extract-corpus.sh)
assay_cli_test(t3005-extract-hostile.sh)
assay_cli_test(t3006-extract-corrupt.sh)
assay_cli_test(t3000-extract-cli.sh)
assay_cli_test(t3007-extract-report.sh)
