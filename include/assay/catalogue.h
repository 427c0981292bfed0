/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The provision catalogue of ETSI EN 303 645, compiled in.
 *
 * Both V2.1.1 (2020; 68 provisions, 33 M + 35 R, Provision 4-1 included)
 * and V3.1.3 (2024; 78 provisions, 36 M + 42 R, plus six V2 ids that V3
 * marks "Void"). The rows live in lib/catalogue/provisions.def, the one
 * place provision ids are declared. Each row carries the status column of
 * Annex B Table B.1 (M/R, condition numbers, V3 feature letters), the
 * shape of its TS 103 701 test group and the IXIT tables it reads.
 * Titles are our own short paraphrases, not ETSI text.
 */
#ifndef ASSAY_CATALOGUE_H
#define ASSAY_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/status.h"

#ifdef __cplusplus
extern "C" {
#endif

enum assay_standard {
    ASSAY_STD_V2_1_1 = 0, /* EN 303 645 V2.1.1 (2020-06) */
    ASSAY_STD_V3_1_3 = 1  /* EN 303 645 V3.1.3 (2024-09) */
};
#define ASSAY_STD_COUNT 2

enum assay_requirement {
    ASSAY_REQ_M = 0,   /* mandatory: "shall" */
    ASSAY_REQ_R = 1,   /* recommendation: "should" */
    ASSAY_REQ_VOID = 2 /* V3: id kept but provision withdrawn */
};

/* Feature letters of V3 Table B.1: bit 0 = 'a' ... bit 25 = 'z', 26 = "aa". */
#define ASSAY_FEATURE_COUNT 27
/* Condition numbers are 1..16: bit n of condition_mask = condition n. */
#define ASSAY_CONDITION_MAX 16

struct assay_provision {
    enum assay_standard standard;
    const char *id;           /* exactly as printed: "5.1-1", "5.13-1A" */
    const char *clause;       /* "4", "5.1" ... "6" */
    const char *clause_title; /* title of that clause */
    enum assay_requirement req;
    const char *status;      /* Table B.1 form: "M C (1)", "R F (g)" */
    uint32_t condition_mask; /* bit n set = applies only if condition n */
    uint32_t feature_mask;   /* bit k set = applies only if feature k */
    const char *tests;       /* TS 103 701 group: "c,f", "c", "f", "c/f" */
    const char *ixit;        /* IXIT table numbers read: "1,13" */
    const char *v2_id;       /* V3 rows: the V2.1.1 id it came from */
    const char *title;       /* short paraphrase, our words */
};

/* Rows of 'std', void rows included, in the order of the standard. */
ASSAY_API size_t assay_catalogue_count(enum assay_standard std);
/* The i-th row, NULL past the end. Static storage. */
ASSAY_API const struct assay_provision *assay_catalogue_get(
    enum assay_standard std, size_t i);
/* The row with id 'id' ("5.1-1"), NULL if none. */
ASSAY_API const struct assay_provision *assay_catalogue_find(
    enum assay_standard std, const char *id);

/* "2.1.1" / "3.1.3". */
ASSAY_API const char *assay_standard_name(enum assay_standard std);
/* Accepts "2.1.1", "v2.1.1", "2", "3.1.3", "v3", ...; false if unknown. */
ASSAY_API bool assay_standard_parse(const char *s, enum assay_standard *out);

/* Paraphrased text of condition 'n' in 'std', NULL if 'std' has none. */
ASSAY_API const char *assay_condition_text(enum assay_standard std, unsigned n);
/* Letter ("a" .. "aa") and paraphrased text of feature bit 'k'. */
ASSAY_API const char *assay_feature_letter(unsigned k);
ASSAY_API const char *assay_feature_text(unsigned k);
/* Parse a feature letter; false if not one of a..aa. */
ASSAY_API bool assay_feature_parse(const char *s, unsigned *k);
/* IXIT table 'n' (1..29) as "1-AuthMech", NULL if out of range. */
ASSAY_API const char *assay_ixit_table(unsigned n);
ASSAY_API const char *assay_ixit_table_title(unsigned n);

/*
 * Write 'n' rows (from this catalogue) as a JSON document
 * {"standard": ..., "count": n, "provisions": [...]} to 'fn'
 * (docs/provisions/README.md lists the members).
 */
ASSAY_API enum assay_status assay_catalogue_write_json(enum assay_standard std,
    const struct assay_provision *const *rows, size_t n, assay_sink_fn fn,
    void *ctx);

/* "M" / "R" / "Void". */
ASSAY_API const char *assay_requirement_name(enum assay_requirement r);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_CATALOGUE_H */
