# One line per CLI test script (numbered: first digit = family).
assay_cli_test(t6001-probe-refdev-insecure.sh)
assay_cli_test(t6002-probe-refdev-secure.sh)
assay_cli_test(t6003-probe-catchall.sh)
assay_cli_test(t6004-probe-telnet-ssh.sh)
assay_cli_test(t6005-probe-tls.sh)
assay_cli_test(t6006-probe-mqtt-ftp-snmp.sh)
assay_cli_test(t6007-probe-ics.sh)
assay_cli_test(t6008-probe-usage.sh)
