# One line per fuzz target (fuzz/<name>.c, dictionary fuzz/<name>.dict).
assay_fuzz_target(fuzz_ics)
assay_fuzz_target(fuzz_elf)
assay_fuzz_target(fuzz_component)
assay_fuzz_target(fuzz_vulndb)
assay_fuzz_target(fuzz_extract)
assay_fuzz_target(fuzz_lzop)
assay_fuzz_target(fuzz_carve)
