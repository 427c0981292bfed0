/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Unix ar archives (System V/GNU and BSD variants; .deb packages and
 * static libraries in firmware) via libarchive. The bid checks the
 * global magic and the first member header's terminator.
 */
#include "assay_config.h"

#include <string.h>

#include "archive_glue.h"

static const char *const ar_magics[] = {"!<arch>\n", NULL};
static const size_t ar_magic_lens[] = {8};

static int
ar_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    *len = 0;
    if (avail < 8 || memcmp(d, "!<arch>\n", 8) != 0)
        return 0;
    if (avail >= 68 && (d[66] != '`' || d[67] != '\n'))
        return 0;
    return 64 + (avail >= 68 ? 16 : 0);
}

static int
ar_enable(struct archive *a)
{
    return archive_read_support_format_ar(a);
}

static enum assay_status
ar_run(struct ex_ctx *c, const struct ex_input *in)
{
    return extract_archive_run(c, in, ar_enable);
}

const struct assay_extractor ex_ar = {
    .name = "ar",
    .summary = "Unix ar archives (libarchive)",
    .magics = ar_magics,
    .magic_lens = ar_magic_lens,
    .magic_offset = 0,
    .bid = ar_bid,
    .run = ar_run,
};
