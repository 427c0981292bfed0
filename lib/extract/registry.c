/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The extractor registry: extractors.def included twice (YARA's trick),
 * first for the extern declarations, then for a const pointer table. The
 * table is global and read-only; what a session turns on is decided per
 * session, never by changing it.
 */
#include "assay_config.h"

#include "engine_private.h"

#define ASSAY_EXTRACTOR(id) extern const struct assay_extractor ex_##id;
#include "extractors.def"
#undef ASSAY_EXTRACTOR

static const struct assay_extractor *const builtin[] = {
#define ASSAY_EXTRACTOR(id) &ex_##id,
#include "extractors.def"
#undef ASSAY_EXTRACTOR
};

size_t
extract_registry_count(void)
{
    return ASSAY_ARRAY_LEN(builtin);
}

const struct assay_extractor *
extract_registry_get(size_t i)
{
    return i < ASSAY_ARRAY_LEN(builtin) ? builtin[i] : NULL;
}

const char *
assay_extractor_name(size_t i)
{
    return i < ASSAY_ARRAY_LEN(builtin) ? builtin[i]->name : NULL;
}

const char *
assay_extractor_summary(size_t i)
{
    return i < ASSAY_ARRAY_LEN(builtin) ? builtin[i]->summary : NULL;
}
