# One line per fuzz target (fuzz/<name>.c, dictionary fuzz/<name>.dict).
assay_fuzz_target(fuzz_ics)
assay_fuzz_target(fuzz_extract)
assay_fuzz_target(fuzz_lzop)
assay_fuzz_target(fuzz_carve)
assay_fuzz_target(fuzz_creds)
assay_fuzz_target(fuzz_initscripts)
assay_fuzz_target(fuzz_secrets)
assay_fuzz_target(fuzz_scan)
