/* SPDX-License-Identifier: Apache-2.0 */
/* The verdict engine's internals: the parsed assessor file. */
#ifndef ASSAY_VERDICT_PRIVATE_H
#define ASSAY_VERDICT_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include "assay/assess.h"

#include "../core/core_private.h"

/* Most entries one assessor file may hold. */
#define ASSESSOR_MAX_ENTRIES 4096

/* One result: for a provision, a test case of it, or a unit of a case. */
struct assessor_entry {
    const char *key;            /* as written: "5.1-1-2a" */
    char provision[16];         /* "5.1-1" */
    unsigned tcase;             /* 1, 2 ...; 0 for the whole provision */
    char unit[4];               /* "a" .. "zz"; "" for the whole case */
    bool assessed;              /* verdict given (not left empty) */
    enum assay_verdict verdict; /* PASS, FAIL or INCONCLUSIVE */
    const char *note;           /* "" when none */
    uint32_t line;
    uint32_t column;
};

struct assay_assessor {
    const char *name; /* file name for messages */
    bool has_standard;
    enum assay_standard standard;
    struct assessor_entry *entries; /* arena */
    size_t count;
};

/*
 * Split "5.1-1-2a" into provision "5.1-1", case 2 and unit "a". False
 * when the text is not of that shape (the catalogue is not consulted).
 */
bool verdict_split_key(const char *key, struct assessor_entry *e);

#endif /* ASSAY_VERDICT_PRIVATE_H */
