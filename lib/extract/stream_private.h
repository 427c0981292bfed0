/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared plumbing of the compression-stream extractors (gzip, zlib, xz,
 * lzma, bzip2, lz4, zstd, lzop): each decoder writes into a fixed chunk,
 * and stream_put() moves the chunk into the capped output buffer while
 * applying the running expansion-ratio check, so every stream extractor
 * handles limits and truncation the same way.
 */
#ifndef ASSAY_EXTRACT_STREAM_PRIVATE_H
#define ASSAY_EXTRACT_STREAM_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <lzma.h>

#include "extract_private.h"

/* A stream that breaks before producing this much was a false carving
 * candidate, not damaged data: nothing is emitted. */
#define STREAM_MIN_PARTIAL 1024u
/* Output chunk each decoder fills per step. */
#define STREAM_CHUNK (256u * 1024u)

struct stream_out {
    struct ex_ctx *c;
    struct assay_buf buf; /* decoded bytes, capped by ex_buf_init */
    uint8_t *chunk;       /* STREAM_CHUNK bytes, heap */
    bool cut;             /* a limit cut the output short */
};

/* ASSAY_OK or ASSAY_E_NOMEM. 'in_len' sizes the cap (ex_buf_init). */
enum assay_status stream_out_init(
    struct stream_out *o, struct ex_ctx *c, size_t in_len);
/*
 * Append chunk[0..n) after 'in_used' input bytes. ASSAY_OK, ASSAY_E_LIMIT
 * (cap or ratio reached: o->cut set, diagnostic recorded; stop decoding
 * and emit what there is) or ASSAY_E_NOMEM.
 */
enum assay_status stream_put(struct stream_out *o, size_t n, uint64_t in_used);
/*
 * Finish: report the consumed length, emit the output as the payload and
 * release everything. 'rc' is the decoder's status: ASSAY_OK (clean end),
 * ASSAY_E_TRUNCATED (input ended early), ASSAY_E_CORRUPT (bad data at
 * 'in_at'), ASSAY_E_LIMIT or ASSAY_E_NOMEM. Damage is diagnosed here;
 * corrupt streams shorter than STREAM_MIN_PARTIAL are dropped silently
 * (ASSAY_E_CORRUPT: the engine discards the candidate). Returns the
 * status the extractor should return.
 */
enum assay_status stream_finish(struct stream_out *o, uint64_t consumed,
    enum assay_status rc, uint64_t in_at);

/*
 * Run liblzma stream 's' (set up by the caller: xz, lzma_alone or raw
 * LZMA1) over data[0..len) and emit the output as the payload;
 * 'base_used' is where data starts in the region (for the consumed length
 * and messages). Ends 's'. Returns what the extractor should return.
 */
enum assay_status extract_lzma_decode(struct ex_ctx *c, lzma_stream *s,
    const uint8_t *data, size_t len, uint64_t base_used);

/*
 * Inflate a zlib (window_bits 15) or gzip (15 + 16) stream over the region
 * and emit it as the payload. With 'empty_is_bogus' a clean stream that
 * decodes to nothing counts as a false carving candidate (the weak zlib
 * magic). Returns what the extractor should return.
 */
enum assay_status extract_inflate(struct ex_ctx *c, const struct ex_input *in,
    int window_bits, bool empty_is_bogus);

/* An lzop file header, parsed by hand (liblzo2 has only the codec). */
struct lzop_header {
    uint16_t version;  /* lzop version that wrote it, e.g. 0x1040 */
    uint8_t method;    /* 1..3: LZO1X-1, LZO1X-1(15), LZO1X-999 */
    uint32_t flags;    /* F_* bits: checksums present per block */
    uint32_t mode;     /* original file mode */
    int64_t mtime;     /* seconds since 1970 */
    char name[256];    /* original file name, NUL-terminated */
    size_t header_len; /* bytes up to the first block */
};

/*
 * Parse the lzop header at d[0..len). Returns ASSAY_OK,
 * ASSAY_E_TRUNCATED, ASSAY_E_CORRUPT (bad magic, method or header
 * checksum) or ASSAY_E_UNSUPPORTED (a filter, or a newer version).
 */
enum assay_status extract_lzop_header(
    const uint8_t *d, size_t len, struct lzop_header *h);

#endif /* ASSAY_EXTRACT_STREAM_PRIVATE_H */
