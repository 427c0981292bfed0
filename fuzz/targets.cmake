# One line per fuzz target (fuzz/<name>.c, dictionary fuzz/<name>.dict).
assay_fuzz_target(fuzz_ics)
assay_fuzz_target(fuzz_ex_squashfs_vendor)
target_sources(fuzz_ex_squashfs_vendor PRIVATE ${PROJECT_SOURCE_DIR}/tests/harness/ex_record.c)
target_include_directories(fuzz_ex_squashfs_vendor PRIVATE ${PROJECT_SOURCE_DIR}/tests/harness)
