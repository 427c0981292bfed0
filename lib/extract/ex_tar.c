/* SPDX-License-Identifier: Apache-2.0 */
/*
 * tar (POSIX ustar, pax, GNU) via libarchive. The carver finds "ustar" at
 * offset 257; the bid also verifies the header checksum, so a stray
 * "ustar" string in a binary is not taken for an archive.
 */
#include "assay_config.h"

#include <string.h>

#include "archive_glue.h"

static const char *const tar_magics[] = {"ustar", NULL};
static const size_t tar_magic_lens[] = {5};

static int
tar_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint64_t want, sum = 0;

    *len = 0;
    if (avail < 512 || memcmp(d + 257, "ustar", 5) != 0)
        return 0;
    if (!extract_octal(d + 148, 8, &want))
        return 0;
    for (size_t i = 0; i < 512; i++)
        sum += (i >= 148 && i < 156) ? ' ' : d[i];
    if (sum != want)
        return 0;
    return 40 + 32;
}

static int
tar_enable(struct archive *a)
{
    return archive_read_support_format_tar(a);
}

static enum assay_status
tar_run(struct ex_ctx *c, const struct ex_input *in)
{
    return extract_archive_run(c, in, tar_enable);
}

const struct assay_extractor ex_tar = {
    .name = "tar",
    .summary = "tar: ustar, pax, GNU (libarchive)",
    .magics = tar_magics,
    .magic_lens = tar_magic_lens,
    .magic_offset = 257,
    .bid = tar_bid,
    .run = tar_run,
};
