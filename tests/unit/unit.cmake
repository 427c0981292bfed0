# One line per unit-test binary; each area appends its own.
assay_unit_test(test_catalogue unit/test_catalogue.c)
assay_unit_test(test_extract unit/test_extract.c)
assay_unit_test(test_ex_squashfs_vendor unit/test_ex_squashfs_vendor.c harness/ex_record.c harness/t_tool.c)
assay_unit_test(test_extract_vendor unit/test_extract_vendor.c harness/t_tool.c)
assay_unit_test(test_ex_jffs2 unit/test_ex_jffs2.c harness/ex_record.c harness/t_tool.c)
assay_unit_test(test_extract_ubi unit/test_extract_ubi.c harness/t_tool.c)
assay_unit_test(test_ex_romfs_cramfs unit/test_ex_romfs_cramfs.c harness/ex_record.c harness/t_tool.c)
assay_unit_test(test_ex_yaffs2 unit/test_ex_yaffs2.c harness/ex_record.c harness/t_tool.c)
