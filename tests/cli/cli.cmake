# One line per CLI test script (numbered: first digit = family).
assay_cli_test(t5001-elf-checksec.sh)
assay_cli_test(t5002-elf-built.sh)
assay_cli_test(t5003-vulndb-match.sh)
assay_cli_test(t5004-sbom-cyclonedx.sh)
