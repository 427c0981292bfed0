# One line per fuzz target (fuzz/<name>.c, dictionary fuzz/<name>.dict).
assay_fuzz_target(fuzz_ics)
assay_fuzz_target(fuzz_extract)
assay_fuzz_target(fuzz_lzop)
assay_fuzz_target(fuzz_carve)
# Vendor-format extractors, each run alone through the recording harness.
foreach(fz squashfs_vendor uimage trx fit tplink jffs2 ubi ubifs cramfs romfs yaffs2 zimage)
    assay_fuzz_target(fuzz_ex_${fz})
    target_sources(fuzz_ex_${fz} PRIVATE ${PROJECT_SOURCE_DIR}/tests/harness/ex_record.c)
    target_include_directories(fuzz_ex_${fz} PRIVATE ${PROJECT_SOURCE_DIR}/tests/harness)
endforeach()
