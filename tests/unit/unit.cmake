# One line per unit-test binary; each area appends its own.
assay_unit_test(test_catalogue unit/test_catalogue.c)
assay_unit_test(test_probe_parse unit/test_probe_parse.c)
