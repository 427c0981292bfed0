/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ARM Linux zImage: a self-decompressing kernel. Its header holds, at
 * 0x24, the magic 0x016f2818 in the kernel's byte order, then the load
 * start and end addresses (end - start = image length). After the
 * decompressor stub comes the compressed kernel ("piggy": gzip, LZMA, xz,
 * LZO, LZ4 or zstd), which may itself carry an initramfs (cpio).
 *
 * The zImage becomes a region of its stated length and one payload,
 * "kernel", holding the image after its header; the engine's carving of that
 * payload finds and unpacks the compressed kernel and anything inside it. A
 * note records byte order and length; a truncated image is reported and still
 * handed on.
 */
#include "assay_config.h"

#include <string.h>

#include "extract_private.h"

#define ZI_MAGIC_OFF 0x24u
#define ZI_HDR       0x30u
#define ZI_MAGIC     0x016f2818u

static bool
zi_header(const uint8_t *d, size_t avail, bool *be, uint32_t *size)
{
    uint32_t start, end;

    if (avail < ZI_HDR)
        return false;
    if (assay_le32(d + ZI_MAGIC_OFF) == ZI_MAGIC)
        *be = false;
    else if (assay_be32(d + ZI_MAGIC_OFF) == ZI_MAGIC)
        *be = true;
    else
        return false;
    start = *be ? assay_be32(d + 0x28) : assay_le32(d + 0x28);
    end = *be ? assay_be32(d + 0x2c) : assay_le32(d + 0x2c);
    if (end <= start || end - start < ZI_HDR)
        return false;
    *size = end - start;
    return true;
}

static int
zi_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    bool be;
    uint32_t size;

    *len = 0;
    if (!zi_header(d, avail, &be, &size))
        return 0;
    if (size <= avail)
        *len = size;
    return 32 + 16; /* magic, consistent start/end */
}

static enum assay_status
zi_run(struct ex_ctx *c, const struct ex_input *in)
{
    bool be;
    uint32_t size;
    size_t len;

    if (!zi_header(in->data, in->len, &be, &size))
        return ASSAY_E_CORRUPT;
    len = size;
    if (size > in->len) {
        ex_warn(c, 0x2c, "image of %u bytes truncated to %zu", size, in->len);
        len = in->len;
    }
    assay_diag(ex_session(c), ASSAY_DIAG_NOTE, "zimage", in->name, -1,
        "zimage: ARM Linux zImage, %s-endian, %u bytes", be ? "big" : "little",
        size);
    /* Hand on what follows the header, so that the payload is not
     * recognised as this zImage again. */
    return ex_emit_payload(c, "kernel", in->data + ZI_HDR, len - ZI_HDR);
}

static const char *const zi_magics[] = {
    "\x18\x28\x6f\x01", "\x01\x6f\x28\x18", NULL};
static const size_t zi_magic_lens[] = {4, 4, 0};

const struct assay_extractor ex_zimage = {
    .name = "zimage",
    .summary = "ARM Linux zImage (both byte orders); the compressed kernel "
               "inside is carved",
    .magics = zi_magics,
    .magic_lens = zi_magic_lens,
    .magic_offset = ZI_MAGIC_OFF,
    .bid = zi_bid,
    .run = zi_run,
};
