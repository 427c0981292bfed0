/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cpio in all four dialects Linux tools write (newc "070701", crc
 * "070702", odc "070707", old binary 0x71c7 in either byte order) via
 * libarchive. The bid checks the first header's fields are well-formed
 * (hex or octal digits, a name size that fits), which matters most for
 * the two-byte binary magic.
 */
#include "assay_config.h"

#include <string.h>

#include "archive_glue.h"

static const char *const cpio_magics[] = {
    "070701", "070702", "070707", "\xc7\x71", "\x71\xc7", NULL};
static const size_t cpio_magic_lens[] = {6, 6, 6, 2, 2};

static bool
cpio_hex(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t ch = p[i];

        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
                (ch >= 'A' && ch <= 'F')))
            return false;
    }
    return true;
}

static int
cpio_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint64_t namesize;

    *len = 0;
    if (avail >= 110 &&
        (memcmp(d, "070701", 6) == 0 || memcmp(d, "070702", 6) == 0)) {
        if (!cpio_hex(d + 6, 104))
            return 0;
        return 48 + 64;
    }
    if (avail >= 76 && memcmp(d, "070707", 6) == 0) {
        if (!extract_octal(d + 59, 6, &namesize) || namesize == 0 ||
            namesize > 4096 || !extract_octal(d + 65, 11, &namesize))
            return 0;
        return 48 + 32;
    }
    if (avail >= 26 &&
        ((d[0] == 0xc7 && d[1] == 0x71) || (d[0] == 0x71 && d[1] == 0xc7))) {
        uint16_t ns = d[0] == 0xc7 ? assay_le16(d + 20) : assay_be16(d + 20);

        if (ns == 0 || ns > 4096 || (size_t)ns + 26 > avail ||
            d[26 + ns - 1] != '\0')
            return 0;
        return 16 + 16;
    }
    return 0;
}

static int
cpio_enable(struct archive *a)
{
    return archive_read_support_format_cpio(a);
}

static enum assay_status
cpio_run(struct ex_ctx *c, const struct ex_input *in)
{
    return extract_archive_run(c, in, cpio_enable);
}

const struct assay_extractor ex_cpio = {
    .name = "cpio",
    .summary = "cpio: newc, crc, odc and binary (libarchive)",
    .magics = cpio_magics,
    .magic_lens = cpio_magic_lens,
    .magic_offset = 0,
    .bid = cpio_bid,
    .run = cpio_run,
};
