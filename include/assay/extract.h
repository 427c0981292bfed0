/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the unpacking engine saw in each blob it carved: the region map.
 *
 * Every byte of the input, and of every decompressed payload the engine
 * carved, belongs to exactly one region: a known format (which became a
 * container node of the tree), padding (runs of 0x00 or 0xff), a format
 * that was recognised but is not supported, or unknown data (with its
 * Shannon entropy, which tells compressed or encrypted data from code and
 * text). The map is part of the tree and lives as long as the session.
 */
#ifndef ASSAY_EXTRACT_H
#define ASSAY_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/report.h"
#include "assay/tree.h"

#ifdef __cplusplus
extern "C" {
#endif

enum assay_region_kind {
    ASSAY_REGION_FORMAT = 0,     /* a known format, unpacked */
    ASSAY_REGION_PADDING = 1,    /* only 0x00 or only 0xff bytes */
    ASSAY_REGION_UNKNOWN = 2,    /* nothing recognised */
    ASSAY_REGION_UNSUPPORTED = 3 /* a format seen but not unpacked */
};

struct assay_region {
    const char *blob; /* container chain of the carved blob */
    uint64_t offset;  /* start in that blob, bytes */
    uint64_t size;    /* bytes; 0 when the format ran to the end */
    enum assay_region_kind kind;
    const char *format; /* extractor or signature name; NULL otherwise */
    double entropy;     /* bits per byte, 0..8 */
    const struct assay_node *node; /* container node of a FORMAT region */
};

/* Regions in canonical order (blob chain, then offset). Borrowed for the
 * session. */
ASSAY_API size_t assay_tree_region_count(const struct assay_tree *t);
ASSAY_API const struct assay_region *assay_tree_region(
    const struct assay_tree *t, size_t i);
/* "format", "padding", "unknown" or "unsupported". Static storage. */
ASSAY_API const char *assay_region_kind_name(enum assay_region_kind k);

/* Registered extractors: name and summary of the i-th, NULL past end. */
ASSAY_API const char *assay_extractor_name(size_t i);
ASSAY_API const char *assay_extractor_summary(size_t i);

/* Set the report's inventory (files, folders, ELF executables ...) from
 * the tree. */
ASSAY_API void assay_tree_inventory(
    const struct assay_tree *t, struct assay_inventory *inv);

/*
 * List the tree for people or programs: 'format' "text" (one line per
 * node: type, mode, uid/gid, size, container chain and path, link
 * target; then the region map when 'regions') or "json" (schema
 * "assay-ls/1": nodes and regions). Bytes go to 'fn'. Returns ASSAY_OK,
 * ASSAY_E_NOTFOUND (unknown format), ASSAY_E_NOMEM or what 'fn' returns.
 */
ASSAY_API enum assay_status assay_tree_list(const struct assay_tree *t,
    const char *format, bool regions, assay_sink_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_EXTRACT_H */
