/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Carving support: one Hyperscan pass over a blob for every registered
 * extractor's magics plus a table of formats Assay recognises but does
 * not unpack, and the entropy measure for unknown data.
 *
 * The Hyperscan database is compiled once per process (pthread_once) from
 * the const registry, so it can never disagree with it; scratch space is
 * per call because scans run on several threads. Hyperscan takes lengths
 * as unsigned int, so blobs are scanned in windows of 1 GiB that overlap
 * by the longest magic. The signature table exists so that a format found
 * but not supported is reported (name, offset, size) instead of vanishing
 * into "unknown data"; once an extractor for it is registered, its bid
 * wins at that offset and the signature is ignored.
 */
#include "assay_config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hs/hs.h>

#include "engine_private.h"

/* Windows of this many bytes per hs_scan() call. */
#define CARVE_WINDOW (1u << 30)
/* Most patterns in the database. */
#define CARVE_MAX_PATTERNS 512u

/* A recognised-but-unsupported format: magic at 'off' from its start. */
struct carve_sig {
    const char *name;  /* reported format name */
    const char *magic; /* bytes */
    size_t len;        /* bytes of magic */
    uint32_t off;      /* magic position inside the format */
    /* Extra plausibility check on data[0..avail) (format start). */
    bool (*check)(const uint8_t *data, size_t avail);
};

static bool
sig_squashfs_old(const uint8_t *d, size_t n)
{
    uint16_t le, be;

    if (n < 30)
        return false;
    le = assay_le16(d + 28);
    be = assay_be16(d + 28);
    return (d[0] == 'h' && le >= 1 && le <= 3) ||
           (d[0] == 's' && be >= 1 && be <= 4);
}

static bool
sig_ubi(const uint8_t *d, size_t n)
{
    return n >= 64 && d[4] == 1;
}

static bool
sig_cramfs(const uint8_t *d, size_t n)
{
    return n >= 32 && memcmp(d + 16, "Compressed ROMFS", 16) == 0;
}

static bool
sig_uimage(const uint8_t *d, size_t n)
{
    return n >= 64 && d[28] <= 32 && d[29] <= 32 && d[30] <= 32 && d[31] <= 8 &&
           assay_be32(d + 12) > 0;
}

static bool
sig_trx(const uint8_t *d, size_t n)
{
    return n >= 28 && assay_le32(d + 4) >= 28;
}

static bool
sig_fdt(const uint8_t *d, size_t n)
{
    uint32_t v;

    if (n < 40)
        return false;
    v = assay_be32(d + 20);
    return v >= 16 && v <= 17 && assay_be32(d + 4) >= 40;
}

/* Arcadyan's obfuscation (Linksys WRT120N and kin): a signature at 0x68
 * that the scheme leaves in place, never NUL bytes in the first four. */
static bool
sig_arcadyan(const uint8_t *d, size_t n)
{
    return n >= 0x6c && d[0x6b] == 0 && d[0] != 0 && d[1] != 0 && d[2] != 0 &&
           d[3] != 0;
}

static bool
sig_any(const uint8_t *d, size_t n)
{
    (void)d;
    (void)n;
    return true;
}

static const struct carve_sig sigs[] = {
    {"squashfs-v3", "hsqs", 4, 0, sig_squashfs_old},
    {"squashfs-be", "sqsh", 4, 0, sig_squashfs_old},
    {"jffs2", "\x85\x19\x01\xe0", 4, 0, sig_any},
    {"jffs2", "\x85\x19\x02\xe0", 4, 0, sig_any},
    {"jffs2", "\x85\x19\x03\x20", 4, 0, sig_any},
    {"jffs2", "\x19\x85\xe0\x01", 4, 0, sig_any},
    {"jffs2", "\x19\x85\xe0\x02", 4, 0, sig_any},
    {"jffs2", "\x19\x85\x20\x03", 4, 0, sig_any},
    {"ubi", "UBI#", 4, 0, sig_ubi},
    {"ubifs", "\x31\x18\x10\x06", 4, 0, sig_any},
    {"cramfs", "\x45\x3d\xcd\x28", 4, 0, sig_cramfs},
    {"cramfs", "\x28\xcd\x3d\x45", 4, 0, sig_cramfs},
    {"romfs", "-rom1fs-", 8, 0, sig_any},
    {"uimage", "\x27\x05\x19\x56", 4, 0, sig_uimage},
    {"trx", "HDR0", 4, 0, sig_trx},
    {"fdt", "\xd0\x0d\xfe\xed", 4, 0, sig_fdt},
    {"7z", "7z\xbc\xaf\x27\x1c", 6, 0, sig_any},
    {"rar", "Rar!\x1a\x07", 6, 0, sig_any},
    {"tplink", "TP-LINK Technologies", 20, 4, sig_any},
    {"arcadyan-obfuscated", "\x00\xd5\x08", 3, 0x68, sig_arcadyan},
};

struct carve_pat {
    uint32_t ex;  /* registry index, UINT32_MAX for a signature */
    int32_t sig;  /* signature index or -1 */
    uint32_t len; /* magic bytes */
    uint32_t off; /* magic offset inside the format */
};

static pthread_once_t carve_once = PTHREAD_ONCE_INIT;
static hs_database_t *carve_db;
static struct carve_pat carve_pats[CARVE_MAX_PATTERNS];
static unsigned carve_npats;
static size_t carve_maxlen; /* longest magic + offset */
static char carve_error[256];

static void
carve_pat_add(const char *magic, size_t len, uint32_t off, uint32_t ex,
    int32_t sig, const char **exprs, size_t *lens)
{
    if (carve_npats >= CARVE_MAX_PATTERNS || len == 0)
        return;
    exprs[carve_npats] = magic;
    lens[carve_npats] = len;
    carve_pats[carve_npats].ex = ex;
    carve_pats[carve_npats].sig = sig;
    carve_pats[carve_npats].len = (uint32_t)len;
    carve_pats[carve_npats].off = off;
    if (len + off > carve_maxlen)
        carve_maxlen = len + off;
    carve_npats++;
}

static void
carve_compile(void)
{
    static const char *exprs[CARVE_MAX_PATTERNS];
    static size_t lens[CARVE_MAX_PATTERNS];
    static unsigned flags[CARVE_MAX_PATTERNS];
    static unsigned ids[CARVE_MAX_PATTERNS];
    hs_compile_error_t *cerr = NULL;

    for (size_t i = 0; i < extract_registry_count(); i++) {
        const struct assay_extractor *x = extract_registry_get(i);

        for (size_t m = 0; x->magics != NULL && x->magics[m] != NULL; m++)
            carve_pat_add(x->magics[m], x->magic_lens[m], x->magic_offset,
                (uint32_t)i, -1, exprs, lens);
    }
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(sigs); i++)
        carve_pat_add(sigs[i].magic, sigs[i].len, sigs[i].off, UINT32_MAX,
            (int32_t)i, exprs, lens);
    for (unsigned i = 0; i < carve_npats; i++) {
        flags[i] = 0;
        ids[i] = i;
    }
    if (hs_compile_lit_multi(exprs, flags, ids, lens, carve_npats,
            HS_MODE_BLOCK, NULL, &carve_db, &cerr) != HS_SUCCESS) {
        snprintf(carve_error, sizeof(carve_error),
            "carve: cannot compile the magic database: %s",
            cerr != NULL ? cerr->message : "unknown error");
        hs_free_compile_error(cerr);
        carve_db = NULL;
    }
}

const char *
carve_sig_name(int32_t sig)
{
    if (sig < 0 || (size_t)sig >= ASSAY_ARRAY_LEN(sigs))
        return "unknown";
    return sigs[sig].name;
}

struct carve_scan_state {
    const uint8_t *data; /* whole blob */
    size_t len;
    uint64_t base; /* window start in the blob */
    struct carve_cand *cands;
    size_t count;
    size_t cap;
    bool capped;
    bool nomem;
};

static int
carve_on_match(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *ctx)
{
    struct carve_scan_state *st = ctx;
    const struct carve_pat *p = &carve_pats[id];
    uint64_t end = st->base + to, start;

    (void)from;
    (void)flags;
    if (end < (uint64_t)p->len + p->off)
        return 0;
    start = end - p->len - p->off;
    if (p->sig >= 0 &&
        !sigs[p->sig].check(st->data + start, st->len - (size_t)start))
        return 0;
    if (st->count >= ENGINE_MAX_CANDIDATES) {
        st->capped = true;
        return 0;
    }
    if (st->count == st->cap) {
        size_t ncap = st->cap ? st->cap * 2 : 256;
        struct carve_cand *n =
            assay_realloc(st->cands, ncap * sizeof(*st->cands));

        if (n == NULL) {
            st->nomem = true;
            return 1; /* stop the scan */
        }
        st->cands = n;
        st->cap = ncap;
    }
    st->cands[st->count].off = start;
    st->cands[st->count].ex = p->ex;
    st->cands[st->count].sig = p->sig;
    st->count++;
    return 0;
}

static int
cand_cmp(const void *pa, const void *pb)
{
    const struct carve_cand *a = pa, *b = pb;

    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    if (a->ex != b->ex)
        return a->ex < b->ex ? -1 : 1;
    return (a->sig > b->sig) - (a->sig < b->sig);
}

enum assay_status
carve_scan(const uint8_t *data, size_t len, struct carve_cand **out,
    size_t *count, bool *capped, struct assay_err *err)
{
    struct carve_scan_state st = {.data = data, .len = len};
    hs_scratch_t *scratch = NULL;
    size_t w = 0, n = 0;

    *out = NULL;
    *count = 0;
    *capped = false;
    pthread_once(&carve_once, carve_compile);
    if (carve_db == NULL)
        return assay_err_set(err, ASSAY_E_INTERNAL, "%s", carve_error);
    if (hs_alloc_scratch(carve_db, &scratch) != HS_SUCCESS)
        return ASSAY_E_NOMEM;
    while (w < len) {
        size_t wl = len - w > CARVE_WINDOW ? CARVE_WINDOW : len - w;
        hs_error_t hr;

        st.base = w;
        hr = hs_scan(carve_db, (const char *)data + w, (unsigned)wl, 0, scratch,
            carve_on_match, &st);
        if (st.nomem) {
            hs_free_scratch(scratch);
            assay_free(st.cands);
            return ASSAY_E_NOMEM;
        }
        if (hr != HS_SUCCESS && hr != HS_SCAN_TERMINATED) {
            hs_free_scratch(scratch);
            assay_free(st.cands);
            return assay_err_set(err, ASSAY_E_INTERNAL,
                "carve: scan failed (hyperscan error %d)", (int)hr);
        }
        if (w + wl >= len)
            break;
        /* Overlap so a magic across the seam is seen. */
        w += wl - (carve_maxlen < wl ? carve_maxlen : 0);
    }
    hs_free_scratch(scratch);
    if (st.count > 0)
        qsort(st.cands, st.count, sizeof(*st.cands), cand_cmp);
    /* Windows overlap: drop exact duplicates. */
    for (size_t i = 0; i < st.count; i++) {
        if (n > 0 && cand_cmp(&st.cands[n - 1], &st.cands[i]) == 0)
            continue;
        st.cands[n++] = st.cands[i];
    }
    *out = st.cands;
    *count = n;
    *capped = st.capped;
    return ASSAY_OK;
}

double
carve_entropy(const uint8_t *data, size_t len)
{
    uint64_t hist[256] = {0};
    double h = 0.0;

    if (len == 0)
        return 0.0;
    for (size_t i = 0; i < len; i++)
        hist[data[i]]++;
    for (size_t i = 0; i < 256; i++) {
        if (hist[i] != 0) {
            double p = (double)hist[i] / (double)len;

            h -= p * log2(p);
        }
    }
    return h;
}
