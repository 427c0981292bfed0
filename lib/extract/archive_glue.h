/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libarchive behind the tar, cpio, zip and ar extractors: one reader
 * from memory, no decompression filters (compressed streams are the
 * stream extractors' job, so each layer shows up in the container chain).
 */
#ifndef ASSAY_EXTRACT_ARCHIVE_GLUE_H
#define ASSAY_EXTRACT_ARCHIVE_GLUE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <archive.h>

#include "extract_private.h"

/*
 * Read the region with a libarchive reader whose formats 'enable' turns
 * on, emitting every entry; stored file data that lies plainly in the
 * region stays a view. Damaged entries are reported and skipped; a fatal
 * error keeps what was read. Returns ASSAY_OK, ASSAY_E_CORRUPT (not even
 * one header), ASSAY_E_LIMIT or ASSAY_E_NOMEM.
 */
enum assay_status extract_archive_run(struct ex_ctx *c,
    const struct ex_input *in, int (*enable)(struct archive *));

/* Parse an octal field of 'n' bytes (spaces/NULs allowed around). */
bool extract_octal(const uint8_t *p, size_t n, uint64_t *out);

#endif /* ASSAY_EXTRACT_ARCHIVE_GLUE_H */
