# One line per fuzz target (fuzz/<name>.c, dictionary fuzz/<name>.dict).
assay_fuzz_target(fuzz_ics)
assay_fuzz_target(fuzz_probe_telnet)
assay_fuzz_target(fuzz_probe_mqtt)
assay_fuzz_target(fuzz_probe_snmp)
assay_fuzz_target(fuzz_probe_ftp)
assay_fuzz_target(fuzz_probe_ssh)
assay_fuzz_target(fuzz_probe_http)
