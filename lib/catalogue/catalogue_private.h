/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Compile-time provision constants, generated from provisions.def: one
 * enumerator per row, CAT_V2_P_5_1_1, CAT_V3_P_5_13_1A ..., indexing the
 * combined row table. catalogue_row() turns one into its row, so code that
 * names a provision this way cannot name one that does not exist.
 */
#ifndef ASSAY_CATALOGUE_PRIVATE_H
#define ASSAY_CATALOGUE_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include "assay/catalogue.h"

enum catalogue_row_index {
#define ASSAY_PROVISION(std, cname, ...) CAT_##std##_##cname,
#include "provisions.def"
#undef ASSAY_PROVISION
    CAT_ROW_COUNT
};

/* The row for 'idx'. Static storage. */
const struct assay_provision *catalogue_row(enum catalogue_row_index idx);

#endif /* ASSAY_CATALOGUE_PRIVATE_H */
