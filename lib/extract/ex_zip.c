/* SPDX-License-Identifier: Apache-2.0 */
/*
 * zip archives via libarchive (stored, deflate and whatever else the
 * system libarchive decodes). The bid checks the first local header's
 * version and method fields.
 */
#include "assay_config.h"

#include <string.h>

#include "archive_glue.h"

static const char *const zip_magics[] = {"PK\x03\x04", NULL};
static const size_t zip_magic_lens[] = {4};

static int
zip_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint16_t method, nlen;

    *len = 0;
    if (avail < 30 || memcmp(d, "PK\x03\x04", 4) != 0)
        return 0;
    method = assay_le16(d + 8);
    nlen = assay_le16(d + 26);
    if (assay_le16(d + 4) > 63 || nlen == 0 || (size_t)nlen + 30 > avail)
        return 0;
    if (method != 0 && method != 8 && method != 9 && method != 12 &&
        method != 14 && method != 93 && method != 95 && method != 99)
        return 0;
    return 32 + 16;
}

static int
zip_enable(struct archive *a)
{
    return archive_read_support_format_zip(a);
}

static enum assay_status
zip_run(struct ex_ctx *c, const struct ex_input *in)
{
    return extract_archive_run(c, in, zip_enable);
}

const struct assay_extractor ex_zip = {
    .name = "zip",
    .summary = "zip archives (libarchive)",
    .magics = zip_magics,
    .magic_lens = zip_magic_lens,
    .magic_offset = 0,
    .bid = zip_bid,
    .run = zip_run,
};
