/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A stand-in for the unpacking engine's emit side, for unit tests that
 * run one extractor directly: ex_record_run() hands the extractor a
 * region and records every entry, file, payload and warning it emits,
 * applying the same path and size rules the contract promises (paths
 * relative, no "..", capped buffers). Warnings also go to the session as
 * diagnostics, so t_has_diag() sees them.
 */
#ifndef ASSAY_EX_RECORD_H
#define ASSAY_EX_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "extract/extract_private.h"

/* One recorded emit. */
struct ex_rec_item {
    struct ex_entry e; /* copied; strings owned by the record */
    bool is_payload;   /* emitted with ex_emit_payload* */
    char *label;       /* payload label */
    uint8_t *data;     /* file or payload bytes (heap copy) */
    size_t len;        /* bytes */
    size_t n_xattrs;   /* xattrs attached to this item */
    char **xattr_names;
    uint8_t **xattr_values;
    size_t *xattr_lens;
};

struct ex_record {
    struct ex_rec_item *items; /* in emit order */
    size_t n;                  /* items used */
    size_t warnings;           /* ex_warn calls */
    uint64_t consumed;         /* ex_set_consumed(), 0 if not called */
    enum assay_status rc;      /* what run() returned */
};

/* Run 'ex' on data[0..len) inside session 's'; results in *r. */
void ex_record_run(struct assay_session *s, const struct assay_extractor *ex,
    const uint8_t *data, size_t len, struct ex_record *r);
/* The first item with this path (or payload label), NULL if none. */
const struct ex_rec_item *ex_record_find(
    const struct ex_record *r, const char *path);
/*
 * Does r hold the tree of the fact_extractor format samples: "testfile1"
 * (62 bytes), "testfile2" (28 bytes) and "generic folder/test file
 * 3_.txt" ("The third test file!"), with their exact bytes?
 */
bool ex_record_generic_ok(const struct ex_record *r);
/* The xattr 'name' of item 'it', NULL if none. */
const uint8_t *ex_record_xattr(
    const struct ex_rec_item *it, const char *name, size_t *len);
void ex_record_free(struct ex_record *r);
/*
 * Hostile-input smoke test: for every 'step'-th byte, run 'ex' (bid and
 * run) on a copy with that byte flipped and on the input cut there. Only
 * checks that nothing crashes or leaks (ASan/UBSan do the checking).
 */
void ex_record_mangle(const struct assay_extractor *ex, const uint8_t *orig,
    size_t len, size_t step);
/*
 * Allocation-failure torture: run 'ex' on data with the 1st, 2nd, ...
 * library allocation failing until a run ends as the undisturbed run did
 * (same status and item count). Every run must end in that or in
 * ASSAY_E_NOMEM; leaks show under ASan. Returns the runs made (capped at
 * 'max_runs').
 */
size_t ex_record_torture(const struct assay_extractor *ex, const uint8_t *data,
    size_t len, size_t max_runs);

#endif /* ASSAY_EX_RECORD_H */
