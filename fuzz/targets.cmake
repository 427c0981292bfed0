# One line per fuzz target (fuzz/<name>.c, dictionary fuzz/<name>.dict).
assay_fuzz_target(fuzz_ics)
assay_fuzz_target(fuzz_elf)
assay_fuzz_target(fuzz_component)
assay_fuzz_target(fuzz_vulndb)
assay_fuzz_target(fuzz_probe_telnet)
assay_fuzz_target(fuzz_probe_mqtt)
assay_fuzz_target(fuzz_probe_snmp)
assay_fuzz_target(fuzz_probe_ftp)
assay_fuzz_target(fuzz_probe_ssh)
assay_fuzz_target(fuzz_probe_http)
assay_fuzz_target(fuzz_extract)
assay_fuzz_target(fuzz_lzop)
assay_fuzz_target(fuzz_carve)
assay_fuzz_target(fuzz_creds)
assay_fuzz_target(fuzz_initscripts)
assay_fuzz_target(fuzz_secrets)
assay_fuzz_target(fuzz_scan)
assay_fuzz_target(fuzz_assessor)
assay_fuzz_target(fuzz_report_read)
assay_fuzz_target(fuzz_probe_udp)
# Vendor-format extractors, each run alone through the recording harness.
# One extractor per line (the file is merged line by line).
set(ASSAY_FUZZ_EXTRACTORS
    squashfs
    squashfs_vendor
    uimage
    trx
    fit
    tplink
    safeloader
    jffs2
    ubi
    ubifs
    cramfs
    romfs
    pfs
    yaffs2
    zimage
    vmlinux
)
foreach(fz ${ASSAY_FUZZ_EXTRACTORS})
    assay_fuzz_target(fuzz_ex_${fz})
    target_sources(fuzz_ex_${fz} PRIVATE ${PROJECT_SOURCE_DIR}/tests/harness/ex_record.c)
    target_include_directories(fuzz_ex_${fz} PRIVATE ${PROJECT_SOURCE_DIR}/tests/harness)
endforeach()
