/* SPDX-License-Identifier: Apache-2.0 */
/*
 * TP-Link "safeloader" factory images (Pharos CPE/WBS, Archer C7 v4/v5,
 * A7, EAP, RE, Deco ...): a preamble, a vendor block, a text table of
 * named partitions and the partitions themselves.
 *
 * Layout, as OpenWrt's firmware-utils tplink-safeloader writes and reads
 * it (see docs/extractors/safeloader.md for the sources):
 *   0x0000  be32 image length, preamble included
 *   0x0004  MD5 over a fixed 16-byte salt followed by bytes 0x14..end
 *   0x0014  0x1000-byte vendor block: a be32 length and that much text
 *           ("CPE510(TP-LINK|UN|N300-5):1.0\r\n"), "fw-type:Cloud"
 *           followed by an RSA signature, or unspecified bytes
 *   0x1014  the payload: a 0x800-byte table of lines
 *           "fwup-ptn <name> base 0x<hex> size 0x<hex>\t\r\n", ended by a
 *           NUL and padded with 0xff; bases count from 0x1014
 *
 * Not handled: the "?NEW" variant firmware-utils also reads (a '?NEW'
 * header at 0x14, MD5 before the length, table at 0x1050). The engine
 * looks for all of an extractor's magics at one offset from its start, so
 * a table 0x1050 bytes in is never offered at the image's start; see
 * docs/extractors/safeloader.md.
 *
 * Every partition becomes a payload named after it, so "os-image" (the
 * kernel) and "file-system" (the root file system) are unpacked in turn.
 * The meta partitions firmware-utils builds (soft-version, support-list,
 * extra-para) carry an 8-byte header: be32 data length, be32 zero. The
 * soft-version data is text ("soft_ver:7.0.0\n") or binary: 0xff,
 * major, minor, patch, BCD year (two bytes), month, day, be32 revision,
 * optionally be32 compatibility level. Version, vendor text and support
 * list go into one diagnostic note; the MD5 is checked after the parts are
 * queued, as in ex_tplink.c, and a mismatch is a warning.
 *
 * Sysupgrade images of the same devices are raw flash contents (os-image,
 * then file-system, ...) with no header: the carver finds their parts.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "extract_private.h"

#define SL_PREAMBLE      0x14u
#define SL_PAYLOAD       0x1014u /* preamble + 0x1000 vendor block */
#define SL_TABLE         0x800u  /* bytes of the fwup-ptn table */
#define SL_MAX_PARTS     32u     /* firmware-utils' MAX_PARTITIONS */
#define SL_NAME_MAX      31u     /* its name buffer is 32 bytes */
#define SL_HEX_MAX       8u      /* digits of a base or size */
#define SL_META          8u      /* be32 length, be32 zero */
#define SL_BAD_MAX       8u      /* damaged lines reported before giving up */
#define SL_TAG           "fwup-ptn "
#define SL_TAG_LEN       9u
#define SL_CLOUD         "fw-type:Cloud"
#define SL_NOTE_TEXT_MAX 480u /* bytes of support list kept in the note */

/* Salt of the image MD5 (firmware-utils: "the same salt for most
 * devices which use the new image format"). */
static const uint8_t sl_salt[16] = {0x7a, 0x2b, 0x15, 0xed, 0x9b, 0x98, 0x59,
    0x6d, 0xe5, 0x04, 0xab, 0x44, 0xac, 0x2a, 0x9f, 0x4e};

enum sl_kind { SL_KIND_PLAIN, SL_KIND_VENDOR, SL_KIND_CLOUD };

/* One parsed table line. */
struct sl_part {
    char name[SL_NAME_MAX + 1];
    uint32_t base; /* from the payload start */
    uint32_t size;
    uint32_t line; /* offset of its table line in the image */
};

/* The image's shape once its preamble and first table line are checked. */
struct sl_hdr {
    enum sl_kind kind;
    uint32_t payload;  /* SL_PAYLOAD */
    uint64_t declared; /* whole image length from the preamble */
};

static bool
sl_name_char(uint8_t ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' ||
           ch == '@';
}

/* Hex digits at p[*i..n) (1 to SL_HEX_MAX of them) into *v. */
static bool
sl_hex(const uint8_t *p, size_t n, size_t *i, uint32_t *v)
{
    size_t start = *i;
    uint32_t x = 0;

    while (*i < n && *i - start < SL_HEX_MAX + 1) {
        uint8_t ch = p[*i];
        uint32_t d;

        if (ch >= '0' && ch <= '9')
            d = (uint32_t)(ch - '0');
        else if (ch >= 'a' && ch <= 'f')
            d = (uint32_t)(ch - 'a' + 10);
        else if (ch >= 'A' && ch <= 'F')
            d = (uint32_t)(ch - 'A' + 10);
        else
            break;
        x = (x << 4) | d;
        (*i)++;
    }
    if (*i == start || *i - start > SL_HEX_MAX)
        return false;
    *v = x;
    return true;
}

/* Does p[*i..n) start with the literal s? Advances past it if so. */
static bool
sl_lit(const uint8_t *p, size_t n, size_t *i, const char *s)
{
    size_t l = strlen(s);

    if (!assay_range_ok(*i, l, n) || memcmp(p + *i, s, l) != 0)
        return false;
    *i += l;
    return true;
}

/*
 * Parse one line "fwup-ptn NAME base 0xHEX size 0xHEX" then an optional
 * '\t', an optional '\r' and '\n', from p[0..n). On success *out holds
 * it and *used the bytes of the line, '\n' included.
 */
static bool
sl_line(const uint8_t *p, size_t n, struct sl_part *out, size_t *used)
{
    size_t i = 0, nl;

    if (!sl_lit(p, n, &i, SL_TAG))
        return false;
    for (nl = 0; i < n && sl_name_char(p[i]); i++, nl++) {
        if (nl >= SL_NAME_MAX)
            return false;
        out->name[nl] = (char)p[i];
    }
    out->name[nl] = '\0';
    if (nl == 0 || strcmp(out->name, ".") == 0 || strcmp(out->name, "..") == 0)
        return false;
    if (!sl_lit(p, n, &i, " base 0x") || !sl_hex(p, n, &i, &out->base) ||
        !sl_lit(p, n, &i, " size 0x") || !sl_hex(p, n, &i, &out->size))
        return false;
    if (i < n && p[i] == '\t')
        i++;
    if (i < n && p[i] == '\r')
        i++;
    if (i >= n || p[i] != '\n')
        return false;
    *used = i + 1;
    return true;
}

/*
 * Check the preamble and the first table line of the image at d (avail
 * bytes): the table must be where the preamble says, its first line well
 * formed and the partition it names inside the declared image.
 */
static bool
sl_header(const uint8_t *d, size_t avail, struct sl_hdr *h)
{
    struct sl_part first;
    uint64_t table_len, end;
    size_t used;
    if (avail < SL_PAYLOAD + SL_TAG_LEN ||
        memcmp(d + SL_PAYLOAD, SL_TAG, SL_TAG_LEN) != 0)
        return false;
    h->payload = SL_PAYLOAD;
    h->declared = assay_be32(d);
    if (memcmp(d + SL_PREAMBLE, SL_CLOUD, sizeof(SL_CLOUD) - 1) == 0)
        h->kind = SL_KIND_CLOUD;
    else if (assay_be32(d + SL_PREAMBLE) <= SL_PAYLOAD - SL_PREAMBLE - 4)
        h->kind = SL_KIND_VENDOR;
    else
        h->kind = SL_KIND_PLAIN;
    if (h->declared < (uint64_t)h->payload + SL_TABLE)
        return false;
    table_len = avail - h->payload < SL_TABLE ? avail - h->payload : SL_TABLE;
    if (!sl_line(d + h->payload, (size_t)table_len, &first, &used))
        return false; /* The first partition starts right after the table
                       * (firmware-utils and vendor images alike); a later line
                       * of the table, found by the carver, does not. */
    if (first.base != SL_TABLE ||
        assay_add_ovf((uint64_t)h->payload + first.base, first.size, &end) ||
        end > h->declared)
        return false;
    return true;
}

static int
sl_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    struct sl_hdr h;

    *len = 0;
    if (!sl_header(d, avail, &h))
        return 0;
    *len = h.declared < avail ? h.declared : avail;
    /* "fwup-ptn ", " base 0x", " size 0x" and the line's shape */
    return 72 + 64 + 64 + 16;
}

/*
 * Copy text t[0..n) into out (cap bytes) for a note: stops at a NUL, line
 * breaks become "; ", other control and non-ASCII bytes '?', the result
 * is cut at 'max' bytes with "...". Returns the length written.
 */
static size_t
sl_text(const uint8_t *t, size_t n, char *out, size_t cap, size_t max)
{
    size_t o = 0;
    bool brk = false;

    if (cap == 0)
        return 0;
    for (size_t i = 0; i < n && t[i] != '\0'; i++) {
        uint8_t ch = t[i];

        if (ch == '\r' || ch == '\n') {
            brk = o > 0;
            continue;
        }
        if (o + (brk ? 2 : 0) + 1 > max || o + 6 >= cap) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (brk) {
            out[o++] = ';';
            out[o++] = ' ';
            brk = false;
        }
        out[o++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
    }
    out[o] = '\0';
    return o;
}

/* The data of meta partition 'p' (8-byte header) into *t / *n. */
static bool
sl_meta(const uint8_t *part, uint32_t size, const uint8_t **t, size_t *n)
{
    uint32_t dlen;

    if (size < SL_META)
        return false;
    dlen = assay_be32(part);
    if (dlen > size - SL_META)
        return false;
    *t = part + SL_META;
    *n = dlen;
    return true;
}

/* "7.0.0" or "1.0.0 (2024-05-01, rev 12)" from a soft-version partition. */
static void
sl_version(const uint8_t *part, uint32_t size, char *out, size_t cap)
{
    const uint8_t *t;
    size_t n;
    bool text = true;

    snprintf(out, cap, "unknown");
    if (!sl_meta(part, size, &t, &n) || n == 0)
        return;
    for (size_t i = 0; i < n; i++)
        text = text && t[i] < 0x80;
    if (text) {
        const char *pfx = "soft_ver:";
        size_t pl = strlen(pfx);

        if (n >= pl && memcmp(t, pfx, pl) == 0) {
            t += pl;
            n -= pl;
        }
        sl_text(t, n, out, cap, 64);
        return;
    }
    if (n < 12)
        return;
    snprintf(out, cap, "%u.%u.%u (%02x%02x-%02x-%02x, rev %u)", t[1], t[2],
        t[3], t[4], t[5], t[6], t[7], assay_be32(t + 8));
}

/* Which kind of image, as words for the note. */
static const char *
sl_kind_name(enum sl_kind k)
{
    switch (k) {
    case SL_KIND_VENDOR:
        return "vendor";
    case SL_KIND_CLOUD:
        return "cloud";
    case SL_KIND_PLAIN:
        break;
    }
    return "plain";
}

/* Does the salted MD5 at 0x4 match bytes 0x14..len? */
static bool
sl_md5_ok(const uint8_t *d, size_t len)
{
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    EVP_MD_CTX *x = EVP_MD_CTX_new();
    bool ok;

    if (x == NULL)
        return false;
    ok = EVP_DigestInit_ex(x, EVP_md5(), NULL) == 1 &&
         EVP_DigestUpdate(x, sl_salt, sizeof(sl_salt)) == 1 &&
         EVP_DigestUpdate(x, d + SL_PREAMBLE, len - SL_PREAMBLE) == 1 &&
         EVP_DigestFinal_ex(x, md, &mdlen) == 1;
    EVP_MD_CTX_free(x);
    return ok && mdlen == 16 && memcmp(md, d + 4, 16) == 0;
}

/* Parse the table at d + h->payload (of an image 'len' bytes long). */
static unsigned
sl_table(struct ex_ctx *c, const uint8_t *d, size_t len, const struct sl_hdr *h,
    struct sl_part *parts)
{
    size_t tlen = len - h->payload < SL_TABLE ? len - h->payload : SL_TABLE;
    const uint8_t *t = d + h->payload;
    size_t pos = 0;
    unsigned n = 0, bad = 0;

    while (pos < tlen && t[pos] != '\0') {
        struct sl_part p;
        size_t used = 0;
        const uint8_t *nl;
        bool dup = false;

        if (n == SL_MAX_PARTS) {
            ex_warn(c, (int64_t)(h->payload + pos),
                "more than %u partitions in the table: the rest ignored",
                SL_MAX_PARTS);
            break;
        }
        if (!sl_line(t + pos, tlen - pos, &p, &used)) {
            if (++bad > SL_BAD_MAX) {
                ex_warn(c, (int64_t)(h->payload + pos),
                    "more than %u damaged table lines: the rest ignored",
                    SL_BAD_MAX);
                break;
            }
            ex_warn(c, (int64_t)(h->payload + pos),
                "damaged partition table line: skipped");
            nl = memchr(t + pos, '\n', tlen - pos);
            if (nl == NULL)
                break;
            pos = (size_t)(nl - t) + 1;
            continue;
        }
        p.line = (uint32_t)(h->payload + pos);
        for (unsigned i = 0; i < n; i++)
            dup = dup || strcmp(parts[i].name, p.name) == 0;
        if (dup)
            ex_warn(c, (int64_t)(h->payload + pos),
                "partition '%s' listed twice: the later entry skipped", p.name);
        else
            parts[n++] = p;
        pos += used;
    }
    if (pos >= tlen && tlen == SL_TABLE)
        ex_warn(c, (int64_t)h->payload,
            "partition table not terminated within 0x%x bytes", SL_TABLE);
    return n;
}

/* Emit partition p of the image d (len bytes); damage is a warning. */
static enum assay_status
sl_part(struct ex_ctx *c, const uint8_t *d, size_t len, const struct sl_hdr *h,
    const struct sl_part *p)
{
    uint64_t off = (uint64_t)h->payload + p->base, size = p->size;
    enum assay_status rc;

    if (p->base < SL_TABLE) {
        ex_warn(c, p->line,
            "partition '%s' at base 0x%x overlaps the partition table: "
            "skipped",
            p->name, p->base);
        return ASSAY_OK;
    }
    if (!assay_range_ok(off, size, len)) {
        if (off >= len) {
            ex_warn(c, p->line,
                "partition '%s' (0x%x bytes at base 0x%x) lies past the end "
                "of the image: skipped",
                p->name, p->size, p->base);
            return ASSAY_OK;
        }
        ex_warn(c, p->line,
            "partition '%s' (0x%x bytes at base 0x%x) truncated to 0x%llx "
            "bytes",
            p->name, p->size, p->base, (unsigned long long)(len - off));
        size = len - off;
    }
    rc = ex_emit_payload(c, p->name, d + off, (size_t)size);
    return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
}

/* The note: kind, version, vendor text, support list, checksum. */
static void
sl_note(struct ex_ctx *c, const struct ex_input *in, const struct sl_hdr *h,
    const uint8_t *d, size_t len, const struct sl_part *parts, unsigned n,
    const char *sum)
{
    char ver[96], vendor[128], list[SL_NOTE_TEXT_MAX + 8];
    const uint8_t *t;
    size_t tn;

    snprintf(ver, sizeof(ver), "unknown");
    vendor[0] = list[0] = '\0';
    if (h->kind == SL_KIND_VENDOR) {
        uint32_t vlen = assay_be32(d + SL_PREAMBLE);

        sl_text(d + SL_PREAMBLE + 4, vlen, vendor, sizeof(vendor), 96);
    }
    for (unsigned i = 0; i < n; i++) {
        uint64_t off = (uint64_t)h->payload + parts[i].base;

        if (!assay_range_ok(off, parts[i].size, len) ||
            parts[i].base < SL_TABLE)
            continue;
        if (strcmp(parts[i].name, "soft-version") == 0 ||
            strncmp(parts[i].name, "soft-version@", 13) == 0)
            sl_version(d + off, parts[i].size, ver, sizeof(ver));
        else if (strcmp(parts[i].name, "support-list") == 0 &&
                 sl_meta(d + off, parts[i].size, &t, &tn)) {
            /* The firmware checks for this prefix; it is not a board. */
            if (tn >= 12 && memcmp(t, "SupportList:", 12) == 0) {
                t += 12;
                tn -= 12;
            }
            sl_text(t, tn, list, sizeof(list), SL_NOTE_TEXT_MAX);
        }
    }
    assay_diag(ex_session(c), ASSAY_DIAG_NOTE, "safeloader", in->name, -1,
        "safeloader: %s image, %u partitions, firmware %s%s%s%s, support "
        "list: %s; checksum %s",
        sl_kind_name(h->kind), n, ver, vendor[0] ? ", vendor '" : "", vendor,
        vendor[0] ? "'" : "", list[0] ? list : "none", sum);
}

static enum assay_status
sl_run(struct ex_ctx *c, const struct ex_input *in)
{
    const uint8_t *d = in->data;
    struct sl_part parts[SL_MAX_PARTS];
    struct sl_hdr h;
    const char *sum;
    size_t len = in->len;
    unsigned n;

    if (!sl_header(d, in->len, &h))
        return ASSAY_E_CORRUPT;
    if (h.declared > len)
        ex_warn(c, 0, "image of %llu bytes truncated to %zu",
            (unsigned long long)h.declared, len);
    else
        len = (size_t)h.declared;
    n = sl_table(c, d, len, &h, parts);
    for (unsigned i = 0; i < n; i++) {
        enum assay_status rc = sl_part(c, d, len, &h, &parts[i]);

        if (rc != ASSAY_OK)
            return rc;
    }
    /* The checksum last, so the other worker unpacks the parts meanwhile. */
    if (h.declared != len)
        sum = "not checked (truncated)";
    else if (sl_md5_ok(d, len))
        sum = "valid";
    else if (h.kind == SL_KIND_CLOUD)
        sum = "not the salted MD5 (cloud images are RSA-signed; not verified)";
    else
        sum = "invalid";
    if (strcmp(sum, "invalid") == 0)
        ex_warn(c, 4, "md5 checksum mismatch");
    sl_note(c, in, &h, d, len, parts, n, sum);
    return ASSAY_OK;
}

static const char *const sl_magics[] = {SL_TAG, NULL};
static const size_t sl_magic_lens[] = {SL_TAG_LEN, 0};

const struct assay_extractor ex_safeloader = {
    .name = "safeloader",
    .summary = "TP-Link safeloader factory image (fwup-ptn partition table), "
               "MD5 checked with the vendor salt",
    .magics = sl_magics,
    .magic_lens = sl_magic_lens,
    .magic_offset = SL_PAYLOAD,
    .bid = sl_bid,
    .run = sl_run,
};
