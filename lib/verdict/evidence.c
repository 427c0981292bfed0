/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The table of evidence sources (evidence.def): how `assay assess` reaches
 * the scan and probe engines, which are built in their own areas. An X-
 * macro table keeps the link honest: a source is there only when its
 * engine is compiled in, and the CLI says so when it is not.
 */
#include "assay_config.h"

#include <string.h>

#include "verdict_private.h"

struct evidence_source {
    const char *kind;
    assay_evidence_fn fn;
};

/* Declarations from the table itself, so a line in evidence.def is all
 * an engine adds (the function must have the assay_evidence_fn type). */
#define ASSAY_EVIDENCE(kind, fn)                                               \
    enum assay_status fn(struct assay_session *s, const struct assay_ics *ics, \
        const char *target);
#include "evidence.def"
#undef ASSAY_EVIDENCE

static const struct evidence_source sources[] = {
#define ASSAY_EVIDENCE(kind, fn) {#kind, fn},
#include "evidence.def"
#undef ASSAY_EVIDENCE
    {NULL, NULL},
};

assay_evidence_fn
assay_evidence_source(const char *kind)
{
    for (size_t i = 0; sources[i].kind != NULL; i++) {
        if (strcmp(sources[i].kind, kind) == 0)
            return sources[i].fn;
    }
    return NULL;
}
