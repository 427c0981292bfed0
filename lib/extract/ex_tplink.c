/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TP-Link firmware update images with the version 1 header: 512 bytes,
 * big-endian, "TP-LINK Technologies" at offset 4, hardware id and
 * revision, an MD5 over the image, then kernel, rootfs and bootloader
 * offsets and lengths relative to the header.
 *
 * Facts that shaped this file:
 *   - the MD5 at 0x4c is computed over the image with that field replaced
 *     by one of two fixed salts: one for plain images, one for images
 *     that carry a bootloader ("up_boot"). Which salt matches says which
 *     kind of image it is; neither matching means the image was altered.
 *   - an "up_boot" image holds U-Boot at 0x200 (boot_len bytes) and a
 *     complete second TP-Link image at 0x20200 whose offsets are relative
 *     to that second header.
 *   - version 2 headers have no vendor string to find them by; they are
 *     not handled here.
 * Parts become payloads "bootloader", "kernel" and "rootfs".
 */
#include "assay_config.h"

#include <string.h>

#include <openssl/evp.h>

#include "extract_private.h"

#define TPL_HDR          0x200u
#define TPL_V1           0x01000000u
#define TPL_UPBOOT_INNER 0x20200u
#define TPL_VENDOR       "TP-LINK Technologies"

static const uint8_t tpl_salt_normal[16] = {0xdc, 0xd7, 0x3a, 0xa5, 0xc3, 0x95,
    0x98, 0xfb, 0xdd, 0xf9, 0xe7, 0xf4, 0x0e, 0xae, 0x47, 0x38};
static const uint8_t tpl_salt_boot[16] = {0x8c, 0xef, 0x33, 0x5b, 0xd5, 0xc5,
    0xce, 0xfa, 0xa7, 0x9c, 0x28, 0xda, 0xb2, 0xe9, 0x0f, 0x42};

static bool
tpl_header(const uint8_t *d, size_t avail)
{
    return avail >= TPL_HDR && assay_be32(d) == TPL_V1 &&
           memcmp(d + 4, TPL_VENDOR, sizeof(TPL_VENDOR) - 1) == 0;
}

static int
tpl_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    uint32_t fw_len;

    *len = 0;
    if (!tpl_header(d, avail))
        return 0;
    fw_len = assay_be32(d + 0x7c);
    if (fw_len < TPL_HDR)
        return 0;
    if (fw_len <= avail)
        *len = fw_len;
    return 32 + 160; /* version word and the 20-byte vendor string */
}

/* Which salt makes the stored MD5 right: 1 normal, 2 boot, 0 none. */
static int
tpl_md5(const uint8_t *d, size_t len)
{
    static const uint8_t *const salts[2] = {tpl_salt_normal, tpl_salt_boot};
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;

    for (int i = 0; i < 2; i++) {
        EVP_MD_CTX *x = EVP_MD_CTX_new();
        bool ok;

        if (x == NULL)
            return 0;
        ok = EVP_DigestInit_ex(x, EVP_md5(), NULL) == 1 &&
             EVP_DigestUpdate(x, d, 0x4c) == 1 &&
             EVP_DigestUpdate(x, salts[i], 16) == 1 &&
             EVP_DigestUpdate(x, d + 0x5c, len - 0x5c) == 1 &&
             EVP_DigestFinal_ex(x, md, &mdlen) == 1;
        EVP_MD_CTX_free(x);
        if (ok && mdlen == 16 && memcmp(md, d + 0x4c, 16) == 0)
            return i + 1;
    }
    return 0;
}

/* Emit part [ofs, ofs + len) of the image at 'img' (img_len bytes). */
static enum assay_status
tpl_part(struct ex_ctx *c, const uint8_t *img, uint64_t img_len, uint64_t base,
    const char *label, uint32_t ofs, uint32_t len)
{
    enum assay_status rc;

    if (len == 0)
        return ASSAY_OK;
    if (ofs < TPL_HDR || !assay_range_ok(ofs, len, img_len)) {
        ex_warn(c, (int64_t)base, "%s at 0x%x (%u bytes) outside the image",
            label, ofs, len);
        if (ofs < TPL_HDR || ofs >= img_len)
            return ASSAY_OK;
        len = (uint32_t)(img_len - ofs); /* keep what is there */
    }
    rc = ex_emit_payload(c, label, img + ofs, len);
    return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
}

/*
 * The checksum of one image and the note naming it. Done after its parts
 * are emitted, so that the other worker unpacks them meanwhile (two MD5
 * passes over a 4 MiB image are ~17 ms).
 */
static void
tpl_check(struct ex_ctx *c, const uint8_t *d, uint64_t len, uint32_t fw_len,
    uint64_t base)
{
    int salt = len == fw_len ? tpl_md5(d, (size_t)len) : 0;

    if (len == fw_len && salt == 0)
        ex_warn(c, (int64_t)base + 0x4c, "md5 checksum mismatch");
    assay_diag(ex_session(c), ASSAY_DIAG_NOTE, "tplink", NULL, (int64_t)base,
        "tplink: hardware 0x%08x rev %u, firmware %u.%u.%u, %s checksum %s",
        assay_be32(d + 0x40), assay_be32(d + 0x44), assay_be16(d + 0x98),
        assay_be16(d + 0x9a), assay_be16(d + 0x9c),
        salt == 2 ? "bootloader" : "plain", salt ? "valid" : "invalid");
}

/* One image (header at d) of up to 'avail' bytes; 'base' for messages. */
static enum assay_status
tpl_image(
    struct ex_ctx *c, const uint8_t *d, size_t avail, uint64_t base, bool inner)
{
    uint32_t fw_len = assay_be32(d + 0x7c);
    uint32_t boot_len = assay_be32(d + 0x94);
    uint64_t len = fw_len;
    enum assay_status rc;

    if (len > avail) {
        ex_warn(c, (int64_t)base + 0x7c, "image of %u bytes truncated to %zu",
            fw_len, avail);
        len = avail;
    }
    if (!inner && boot_len != 0 &&
        tpl_header(d + (len > TPL_UPBOOT_INNER ? TPL_UPBOOT_INNER : 0),
            len > TPL_UPBOOT_INNER ? (size_t)(len - TPL_UPBOOT_INNER) : 0)) {
        /* up_boot: U-Boot after this header, a whole image after it. */
        rc = tpl_part(c, d, len, base, "bootloader",
            assay_be32(d + 0x90) ? assay_be32(d + 0x90) : TPL_HDR, boot_len);
        if (rc == ASSAY_OK)
            rc = tpl_image(c, d + TPL_UPBOOT_INNER,
                (size_t)(len - TPL_UPBOOT_INNER), base + TPL_UPBOOT_INNER,
                true);
        if (rc == ASSAY_OK)
            tpl_check(c, d, len, fw_len, base);
        return rc;
    }
    rc = tpl_part(
        c, d, len, base, "kernel", assay_be32(d + 0x80), assay_be32(d + 0x84));
    if (rc == ASSAY_OK)
        rc = tpl_part(c, d, len, base, "rootfs", assay_be32(d + 0x88),
            assay_be32(d + 0x8c));
    if (rc == ASSAY_OK && boot_len != 0)
        rc = tpl_part(
            c, d, len, base, "bootloader", assay_be32(d + 0x90), boot_len);
    if (rc == ASSAY_OK)
        tpl_check(c, d, len, fw_len, base);
    return rc;
}

static enum assay_status
tpl_run(struct ex_ctx *c, const struct ex_input *in)
{
    if (!tpl_header(in->data, in->len))
        return ASSAY_E_CORRUPT;
    return tpl_image(c, in->data, in->len, 0, false);
}

static const char *const tpl_magics[] = {TPL_VENDOR, NULL};
static const size_t tpl_magic_lens[] = {sizeof(TPL_VENDOR) - 1, 0};

const struct assay_extractor ex_tplink = {
    .name = "tplink",
    .summary = "TP-Link firmware (header version 1, up_boot variant), MD5 "
               "checked with the vendor salts",
    .magics = tpl_magics,
    .magic_lens = tpl_magic_lens,
    .magic_offset = 4,
    .bid = tpl_bid,
    .run = tpl_run,
};
