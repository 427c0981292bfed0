/* SPDX-License-Identifier: Apache-2.0 */
/* The parsed statement; shared by ics.c, ics_verdict.c and ics_template.c. */
#ifndef ASSAY_ICS_PRIVATE_H
#define ASSAY_ICS_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include "assay/ics.h"

#include "../core/core_private.h"

/* Most answers one statement holds: every row of the larger catalogue. */
#define ICS_MAX_ANSWERS 128
/* Most rows one IXIT table may hold. */
#define ICS_MAX_IXIT_ROWS 4096

struct assay_ics {
    const char *name; /* file name for messages */
    enum assay_standard standard;
    struct assay_product product;
    enum assay_answer conditions[ASSAY_CONDITION_MAX + 1];
    uint32_t condition_line[ASSAY_CONDITION_MAX + 1];
    enum assay_answer features[ASSAY_FEATURE_COUNT];
    uint32_t feature_line[ASSAY_FEATURE_COUNT];
    struct assay_ics_answer answers[ICS_MAX_ANSWERS];
    size_t answer_count;
    uint32_t provisions_line; /* line of the provisions: key */
    struct assay_ixit_entry *ixit[ASSAY_IXIT_TABLE_COUNT]; /* arena */
    size_t ixit_count[ASSAY_IXIT_TABLE_COUNT];
    struct assay_ixit_user_info user_info;
};

/* Section names of the IXIT tables in the YAML file, by table id. */
extern const char *const ics_ixit_keys[ASSAY_IXIT_TABLE_COUNT];
/* TS 103 701 table number of each, for messages. */
extern const unsigned ics_ixit_numbers[ASSAY_IXIT_TABLE_COUNT];

#endif /* ASSAY_ICS_PRIVATE_H */
