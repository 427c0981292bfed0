# One line per fuzz target (fuzz/<name>.c, dictionary fuzz/<name>.dict).
assay_fuzz_target(fuzz_ics)
assay_fuzz_target(fuzz_assessor)
assay_fuzz_target(fuzz_report_read)
assay_fuzz_target(fuzz_extract)
assay_fuzz_target(fuzz_lzop)
assay_fuzz_target(fuzz_carve)
