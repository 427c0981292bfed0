/* SPDX-License-Identifier: Apache-2.0 */
/*
 * U-Boot Flattened Image Tree (FIT) images, read with libfdt.
 *
 * A FIT is a device tree whose /images/<name> nodes hold the data
 * ("data" property, or "data-offset"/"data-size" after the tree when
 * built with external data, or an absolute "data-position") with its
 * "type", "compression", "arch" and "os", plus hash-* and signature-*
 * subnodes; /configurations/<name> nodes tie images together and may
 * carry the signature that a verified boot checks.
 *
 * Each image becomes a regular file "images/<name>" (identified and
 * unpacked in turn by the engine) carrying its facts as extended
 * attributes ("fit.type", "fit.compression", "fit.arch", "fit.os",
 * "fit.hash" = algorithms, "fit.hash-ok" = "yes"/"no" after recomputing
 * crc32/sha1/sha256, "fit.signature" = "algo:key-name-hint"). Each
 * configuration becomes an empty file "configurations/<name>" with
 * "fit.signature" and "fit.sign-images" when signed, so that the static
 * checks can tell a signed FIT from an unsigned one; a note in the
 * report says which it is.
 */
#include "assay_config.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include <openssl/evp.h>

#include "extract_private.h"

#define FIT_MAX_XATTRS 10u
#define FIT_TEXT       256u

/* Facts collected for one node, as xattrs. */
struct fit_attrs {
    struct ex_xattr x[FIT_MAX_XATTRS]; /* name/value views */
    size_t n;                          /* used */
    char hash[FIT_TEXT];               /* "sha256,crc32" */
    char sig[FIT_TEXT];                /* "sha256,rsa2048:dev" */
    char sign_images[FIT_TEXT];        /* "kernel,fdt" */
    const char *hash_ok;               /* "yes", "no" or NULL */
};

#define FIT_MAX_DEPTH 64u

/*
 * Walk the structure block tag by tag with every offset checked and
 * strictly increasing, so that it ends: libfdt 1.6 loops forever (in
 * fdt_check_full() and the path lookups) on some blobs whose header
 * checks, and dereferences NULL on some pre-17 ones (both fuzzer finds).
 * Only blobs that pass this are handed to libfdt.
 */
static bool
fit_struct_ok(const uint8_t *d, uint32_t total)
{
    uint32_t off = assay_be32(d + 8), size = assay_be32(d + 36);
    uint32_t soff = assay_be32(d + 12), ssize = assay_be32(d + 32);
    uint64_t pos, end;
    unsigned depth = 0;
    bool root = false;

    if (!assay_range_ok(off, size, total) ||
        !assay_range_ok(soff, ssize, total))
        return false;
    pos = off;
    end = (uint64_t)off + size;
    while (pos + 4 <= end) {
        uint32_t tag = assay_be32(d + pos);

        pos += 4;
        switch (tag) {
        case 1: { /* FDT_BEGIN_NODE: NUL-terminated name, 4-aligned */
            const uint8_t *nul = memchr(d + pos, 0, (size_t)(end - pos));

            if (nul == NULL || ++depth > FIT_MAX_DEPTH)
                return false;
            root = true;
            pos = ((uint64_t)(nul - d) + 1 + 3) & ~(uint64_t)3;
            break;
        }
        case 2: /* FDT_END_NODE */
            if (depth == 0)
                return false;
            depth--;
            break;
        case 3: { /* FDT_PROP: len, name offset, value */
            uint32_t len, name;

            if (pos + 8 > end || depth == 0)
                return false;
            len = assay_be32(d + pos);
            name = assay_be32(d + pos + 4);
            if (name >= ssize ||
                memchr(d + soff + name, 0, ssize - name) == NULL)
                return false;
            pos += 8;
            if ((uint64_t)len > end - pos)
                return false;
            pos = (pos + len + 3) & ~(uint64_t)3;
            break;
        }
        case 4: /* FDT_NOP */
            break;
        case 9: /* FDT_END */
            return depth == 0 && root;
        default:
            return false;
        }
    }
    return false;
}

/* Version 17 headers only (FIT tools write nothing older). */
static bool
fit_header_ok(const void *d, size_t avail)
{
    return avail >= FDT_V17_SIZE && fdt_magic(d) == FDT_MAGIC &&
           fdt_version(d) == 17 && fdt_last_comp_version(d) <= 17 &&
           fdt_totalsize(d) <= avail && fdt_check_header(d) == 0 &&
           fit_struct_ok(d, fdt_totalsize(d));
}

static int
fit_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    *len = 0;
    if (!fit_header_ok(d, avail))
        return 0;
    if (fdt_path_offset(d, "/images") < 0)
        return 0; /* a plain device tree, not an image */
    /* External data after the tree is found in run(); the region runs
     * to the next candidate. */
    return 32 + 32; /* magic, checked header with an /images node */
}

/* A string property, NUL-terminated within its length, or NULL. */
static const char *
fit_str(const void *fdt, int node, const char *name)
{
    int len = 0;
    const char *p = fdt_getprop(fdt, node, name, &len);

    if (p == NULL || len <= 0 || p[len - 1] != '\0')
        return NULL;
    return p;
}

static bool
fit_u32(const void *fdt, int node, const char *name, uint32_t *out)
{
    int len = 0;
    const uint8_t *p = fdt_getprop(fdt, node, name, &len);

    if (p == NULL || len != 4)
        return false;
    *out = assay_be32(p);
    return true;
}

static void
fit_add(struct fit_attrs *a, const char *name, const char *value)
{
    if (value == NULL || a->n >= FIT_MAX_XATTRS)
        return;
    a->x[a->n].name = name;
    a->x[a->n].value = (const uint8_t *)value;
    a->x[a->n].len = strlen(value);
    a->n++;
}

static void
fit_join(char *dst, const char *item)
{
    size_t n = strlen(dst);

    if (n > 0 && n + 1 < FIT_TEXT)
        dst[n++] = ',';
    snprintf(dst + n, FIT_TEXT - n, "%s", item);
}

/* Recompute one hash node's value over data; -1 unknown algorithm. */
static int
fit_hash_check(const char *algo, const uint8_t *want, int wlen,
    const uint8_t *data, size_t len)
{
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    const EVP_MD *m;

    if (strcmp(algo, "crc32") == 0) {
        uint32_t crc = (uint32_t)crc32(0, data, (uInt)0);

        for (size_t off = 0; off < len;) {
            size_t chunk = len - off > (1u << 30) ? (1u << 30) : len - off;

            crc = (uint32_t)crc32(crc, data + off, (uInt)chunk);
            off += chunk;
        }
        return wlen == 4 && assay_be32(want) == crc;
    }
    if (strcmp(algo, "sha1") == 0)
        m = EVP_sha1();
    else if (strcmp(algo, "sha256") == 0)
        m = EVP_sha256();
    else if (strcmp(algo, "sha384") == 0)
        m = EVP_sha384();
    else if (strcmp(algo, "sha512") == 0)
        m = EVP_sha512();
    else if (strcmp(algo, "md5") == 0)
        m = EVP_md5();
    else
        return -1;
    if (EVP_Digest(data, len, md, &mdlen, m, NULL) != 1)
        return -1;
    return wlen >= 0 && (unsigned)wlen == mdlen && memcmp(md, want, mdlen) == 0;
}

/* hash-* and signature-* subnodes of 'node'. */
static void
fit_sub(struct ex_ctx *c, const void *fdt, int node, const uint8_t *data,
    size_t len, struct fit_attrs *a)
{
    int sub;

    fdt_for_each_subnode(sub, fdt, node)
    {
        const char *nm = fdt_get_name(fdt, sub, NULL);
        const char *algo = fit_str(fdt, sub, "algo");

        if (nm == NULL || algo == NULL)
            continue;
        if (strncmp(nm, "hash", 4) == 0) {
            int wlen = 0;
            const uint8_t *want = fdt_getprop(fdt, sub, "value", &wlen);
            int ok;

            fit_join(a->hash, algo);
            if (data == NULL || want == NULL)
                continue;
            ok = fit_hash_check(algo, want, wlen, data, len);
            if (ok == 0) {
                a->hash_ok = "no";
                ex_warn(c, sub, "%s hash of '%s' does not match", algo,
                    fdt_get_name(fdt, node, NULL));
            } else if (ok == 1 && a->hash_ok == NULL) {
                a->hash_ok = "yes";
            }
        } else if (strncmp(nm, "signature", 9) == 0) {
            const char *key = fit_str(fdt, sub, "key-name-hint");
            const char *imgs = NULL;
            char item[FIT_TEXT];
            int ilen = 0;

            snprintf(item, sizeof(item), "%s:%s", algo, key ? key : "");
            fit_join(a->sig, item);
            imgs = fdt_getprop(fdt, sub, "sign-images", &ilen);
            /* A string list: NUL-separated names. */
            for (int i = 0; imgs != NULL && i < ilen;) {
                size_t sl = strnlen(imgs + i, (size_t)(ilen - i));

                if (sl > 0 && (size_t)i + sl < (size_t)ilen)
                    fit_join(a->sign_images, imgs + i);
                i += (int)sl + 1;
            }
        }
    }
}

/* The bytes of image node 'node', or NULL (diagnostic given). */
static const uint8_t *
fit_data(struct ex_ctx *c, const struct ex_input *in, const void *fdt, int node,
    const char *name, size_t *len)
{
    int plen = 0;
    const uint8_t *p = fdt_getprop(fdt, node, "data", &plen);
    uint32_t off, size;
    uint64_t at;

    if (p != NULL && plen >= 0) {
        *len = (size_t)plen;
        return p;
    }
    if (!fit_u32(fdt, node, "data-size", &size)) {
        ex_warn(c, node, "image '%s' has no data", name);
        return NULL;
    }
    if (fit_u32(fdt, node, "data-position", &off)) {
        at = off;
    } else if (fit_u32(fdt, node, "data-offset", &off)) {
        /* External data starts after the tree, 4-byte aligned. */
        at = (((uint64_t)fdt_totalsize(fdt) + 3) & ~(uint64_t)3) + off;
    } else {
        ex_warn(c, node, "image '%s' has no data", name);
        return NULL;
    }
    if (!assay_range_ok(at, size, in->len)) {
        ex_warn(c, (int64_t)at,
            "external data of '%s' (%u bytes at 0x%llx) past the region", name,
            size, (unsigned long long)at);
        return NULL;
    }
    *len = size;
    return in->data + at;
}

static enum assay_status
fit_images(
    struct ex_ctx *c, const struct ex_input *in, const void *fdt, uint64_t *end)
{
    int images = fdt_path_offset(fdt, "/images"), node;
    char path[512];

    fdt_for_each_subnode(node, fdt, images)
    {
        const char *name = fdt_get_name(fdt, node, NULL);
        struct ex_entry e = {.type = EX_FILE, .mode = 0644};
        struct fit_attrs a;
        const uint8_t *data;
        size_t len = 0;
        enum assay_status rc;

        if (name == NULL)
            continue;
        data = fit_data(c, in, fdt, node, name, &len);
        if (data == NULL)
            continue;
        if ((uint64_t)(data - in->data) + len > *end)
            *end = (uint64_t)(data - in->data) + len;
        memset(&a, 0, sizeof(a));
        fit_sub(c, fdt, node, data, len, &a);
        fit_add(&a, "fit.type", fit_str(fdt, node, "type"));
        fit_add(&a, "fit.compression", fit_str(fdt, node, "compression"));
        fit_add(&a, "fit.arch", fit_str(fdt, node, "arch"));
        fit_add(&a, "fit.os", fit_str(fdt, node, "os"));
        fit_add(&a, "fit.description", fit_str(fdt, node, "description"));
        if (a.hash[0] != '\0')
            fit_add(&a, "fit.hash", a.hash);
        fit_add(&a, "fit.hash-ok", a.hash_ok);
        if (a.sig[0] != '\0')
            fit_add(&a, "fit.signature", a.sig);
        snprintf(path, sizeof(path), "images/%s", name);
        e.path = path;
        e.offset = (uint64_t)(data - in->data);
        rc = ex_emit_file(c, &e, data, len);
        if (rc == ASSAY_OK)
            rc = ex_emit_xattrs(c, a.x, a.n);
        if (rc != ASSAY_OK && rc != ASSAY_E_CORRUPT)
            return rc;
    }
    return ASSAY_OK;
}

static enum assay_status
fit_configs(
    struct ex_ctx *c, const void *fdt, unsigned *signed_n, unsigned *total)
{
    int confs = fdt_path_offset(fdt, "/configurations"), node;
    char path[512];

    if (confs < 0)
        return ASSAY_OK;
    fdt_for_each_subnode(node, fdt, confs)
    {
        const char *name = fdt_get_name(fdt, node, NULL);
        struct ex_entry e = {.type = EX_FILE, .mode = 0644};
        struct fit_attrs a;
        enum assay_status rc;

        if (name == NULL)
            continue;
        memset(&a, 0, sizeof(a));
        fit_sub(c, fdt, node, NULL, 0, &a);
        fit_add(&a, "fit.kernel", fit_str(fdt, node, "kernel"));
        fit_add(&a, "fit.fdt", fit_str(fdt, node, "fdt"));
        fit_add(&a, "fit.ramdisk", fit_str(fdt, node, "ramdisk"));
        fit_add(&a, "fit.description", fit_str(fdt, node, "description"));
        if (a.sig[0] != '\0') {
            fit_add(&a, "fit.signature", a.sig);
            fit_add(&a, "fit.sign-images", a.sign_images);
            (*signed_n)++;
        }
        (*total)++;
        snprintf(path, sizeof(path), "configurations/%s", name);
        e.path = path;
        rc = ex_emit_file(c, &e, NULL, 0);
        if (rc == ASSAY_OK)
            rc = ex_emit_xattrs(c, a.x, a.n);
        if (rc != ASSAY_OK && rc != ASSAY_E_CORRUPT)
            return rc;
    }
    return ASSAY_OK;
}

static enum assay_status
fit_run(struct ex_ctx *c, const struct ex_input *in)
{
    const void *fdt = in->data;
    uint64_t end;
    unsigned signed_n = 0, total = 0;
    enum assay_status rc;
    int err;

    if (!fit_header_ok(fdt, in->len))
        return ASSAY_E_CORRUPT;
    err = fdt_check_full(fdt, fdt_totalsize(fdt));
    if (err != 0) {
        ex_warn(c, 0, "device tree is damaged (%s)", fdt_strerror(err));
        return ASSAY_E_CORRUPT;
    }
    end = fdt_totalsize(fdt);
    rc = fit_images(c, in, fdt, &end);
    if (rc == ASSAY_OK)
        rc = fit_configs(c, fdt, &signed_n, &total);
    if (rc != ASSAY_OK)
        return rc;
    ex_set_consumed(c, end);
    assay_diag(ex_session(c), ASSAY_DIAG_NOTE, "fit", in->name, -1,
        "fit: %u of %u configurations signed", signed_n, total);
    return ASSAY_OK;
}

static const char *const fit_magics[] = {"\xd0\x0d\xfe\xed", NULL};
static const size_t fit_magic_lens[] = {4, 0};

const struct assay_extractor ex_fit = {
    .name = "fit",
    .summary = "U-Boot FIT image (libfdt): images with type, compression, "
               "hashes checked, signatures recorded",
    .magics = fit_magics,
    .magic_lens = fit_magic_lens,
    .magic_offset = 0,
    .bid = fit_bid,
    .run = fit_run,
};
