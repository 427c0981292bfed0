# One line per CLI test script (numbered: first digit = family).
assay_cli_test(t0001-provisions.sh)
assay_cli_test(t0002-ics.sh)
assay_cli_test(t0003-report-schema.sh)
assay_cli_test(t0004-lint.sh)
assay_cli_test(t3001-extract-tplink.sh)
assay_cli_test(t4001-scan-built.sh)
assay_cli_test(t4002-scan-cli.sh)
assay_cli_test(t4003-scan-corpus.sh)
