/* SPDX-License-Identifier: Apache-2.0 */
/*
 * LZMA1 streams as found in kernels, bootloaders and vendor blobs, via
 * liblzma: the lzma_alone layout (13-byte header: properties, dictionary
 * size, uncompressed size or -1), and the vendor variant with a 5-byte
 * header and no size field, decoded as raw LZMA1 from byte 5 when the
 * size field is implausible. There is no magic beyond the properties
 * byte, so the bid checks every header field against what encoders write
 * (lc+lp+pb in range, dictionary 4 KiB..256 MiB and a power of two or a
 * 2^n + 2^(n-1), size unknown or at most limits.max_ratio times the rest)
 * and the carver drops candidates that decode to nothing.
 */
#include "assay_config.h"

#include <lzma.h>
#include <string.h>

#include "stream_private.h"

#define LZMA_MEMLIMIT (256u << 20)
/* Largest plausible uncompressed size in a header: 4 GiB. */
#define LZMA_MAX_SIZE (4ull << 30)

/* The common properties bytes: lc=3 lp=0 pb=2 (0x5d) and a few others. */
static const char *const lzma_magics[] = {
    "\x5d\x00\x00", "\x6d\x00\x00", "\x6c\x00\x00", "\x5e\x00\x00", NULL};
static const size_t lzma_magic_lens[] = {3, 3, 3, 3};

static bool
lzma_dict_ok(uint32_t dict)
{
    if (dict < 4096 || dict > (256u << 20))
        return false;
    for (unsigned b = 12; b <= 28; b++) {
        if (dict == (1u << b) || dict == (1u << b) + (1u << (b - 1)))
            return true;
    }
    return false;
}

static bool
lzma_props_ok(uint8_t p)
{
    return p < 9 * 5 * 5;
}

static int
lzma_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint64_t size;

    *len = 0;
    if (avail < 32 || !lzma_props_ok(d[0]) || !lzma_dict_ok(assay_le32(d + 1)))
        return 0;
    size = assay_le64(d + 5);
    if (size == UINT64_MAX || size <= LZMA_MAX_SIZE) {
        if (size != UINT64_MAX && size == 0)
            return 0;
        /* lzma_alone: the byte after the header starts the range coder
         * and is always 0. */
        if (d[13] != 0)
            return 0;
        return 8 + 16 + 8;
    }
    /* 5-byte header: the range coder's first byte follows at once. */
    if (d[5] != 0)
        return 0;
    return 8 + 16;
}

static enum assay_status
lzma_run(struct ex_ctx *c, const struct ex_input *in)
{
    lzma_stream s = LZMA_STREAM_INIT;
    lzma_options_lzma opt;
    lzma_filter filters[2];
    uint64_t size = assay_le64(in->data + 5);

    if (in->len < 14)
        return ASSAY_E_TRUNCATED;
    if (size == UINT64_MAX || size <= LZMA_MAX_SIZE) {
        if (lzma_alone_decoder(&s, LZMA_MEMLIMIT) != LZMA_OK)
            return ASSAY_E_NOMEM;
        return extract_lzma_decode(c, &s, in->data, in->len, 0);
    }
    /* Raw LZMA1 after a 5-byte header (no size, needs an end marker or
     * the end of the region). */
    memset(&opt, 0, sizeof(opt));
    if (lzma_lzma_preset(&opt, 6))
        return ASSAY_E_INTERNAL;
    opt.dict_size = assay_le32(in->data + 1);
    opt.lc = in->data[0] % 9;
    opt.lp = (in->data[0] / 9) % 5;
    opt.pb = in->data[0] / 45;
    filters[0].id = LZMA_FILTER_LZMA1;
    filters[0].options = &opt;
    filters[1].id = LZMA_VLI_UNKNOWN;
    filters[1].options = NULL;
    if (lzma_raw_decoder(&s, filters) != LZMA_OK)
        return ASSAY_E_CORRUPT;
    return extract_lzma_decode(c, &s, in->data + 5, in->len - 5, 5);
}

const struct assay_extractor ex_lzma = {
    .name = "lzma",
    .summary = "LZMA1: lzma_alone (13-byte header) and raw vendor streams "
               "(liblzma)",
    .magics = lzma_magics,
    .magic_lens = lzma_magic_lens,
    .magic_offset = 0,
    .bid = lzma_bid,
    .run = lzma_run,
};
