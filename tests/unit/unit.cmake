# One line per unit-test binary; each area appends its own.
assay_unit_test(test_catalogue unit/test_catalogue.c)
assay_unit_test(test_elf unit/test_elf.c)
assay_unit_test(test_vulndb unit/test_vulndb.c)
assay_unit_test(test_extract unit/test_extract.c)
