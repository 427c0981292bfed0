# One line per unit-test binary; each area appends its own.
assay_unit_test(test_catalogue unit/test_catalogue.c)
assay_unit_test(test_core unit/test_core.c)
assay_unit_test(test_ics unit/test_ics.c)
assay_unit_test(test_report unit/test_report.c)
assay_unit_test(test_check_creds unit/test_check_creds.c)
assay_unit_test(test_check_initsvc unit/test_check_initsvc.c)
assay_unit_test(test_check_registry unit/test_check_registry.c)
assay_unit_test(test_check_secrets unit/test_check_secrets.c)
