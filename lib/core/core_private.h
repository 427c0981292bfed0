/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Core services shared by every area of libassay: the session arena,
 * error records, capped growable buffers, checked arithmetic and the
 * diagnostic helper. Internal: tests and fuzzers define ASSAY_BUILDING_LIB
 * to reach it.
 *
 * How memory works (docs/internals/ARENA.md): everything derived from one
 * session is carried by its arena and freed with it; blocks are chained,
 * never moved, so arena pointers stay valid for the whole session. Bulk
 * data (file contents, decompression output) uses struct assay_buf, which
 * has a hard cap fixed at init time.
 */
#ifndef ASSAY_CORE_PRIVATE_H
#define ASSAY_CORE_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/limits.h"
#include "assay/report.h"
#include "assay/session.h"
#include "assay/status.h"

#define ASSAY_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define ASSAY_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ASSAY_PRINTF(f, a)
#endif

/* ---- checked arithmetic ------------------------------------------------ */

/* *out = a + b; true when it overflowed (then *out is unspecified). */
static inline bool
assay_add_ovf(uint64_t a, uint64_t b, uint64_t *out)
{
    return __builtin_add_overflow(a, b, out);
}

/* *out = a * b; true when it overflowed. */
static inline bool
assay_mul_ovf(uint64_t a, uint64_t b, uint64_t *out)
{
    return __builtin_mul_overflow(a, b, out);
}

/* Is [off, off + len) inside a buffer of 'size' bytes? Overflow-safe. */
static inline bool
assay_range_ok(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off;
}

/* Byte-order readers that never read past p[n-1]; caller checks bounds. */
static inline uint16_t
assay_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t
assay_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}
static inline uint64_t
assay_le64(const uint8_t *p)
{
    return (uint64_t)assay_le32(p) | ((uint64_t)assay_le32(p + 4) << 32);
}
static inline uint16_t
assay_be16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}
static inline uint32_t
assay_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}
static inline uint64_t
assay_be64(const uint8_t *p)
{
    return ((uint64_t)assay_be32(p) << 32) | (uint64_t)assay_be32(p + 4);
}

/* ---- allocation -------------------------------------------------------- */

/*
 * All heap allocation in libassay goes through these, so tests can make
 * the Nth allocation fail (allocation-failure torture). assay_free(NULL)
 * is a no-op.
 */
void *assay_malloc(size_t n);
void *assay_calloc(size_t count, size_t size);
void *assay_realloc(void *p, size_t n);
void assay_free(void *p);
/* Fail the 'nth' allocation from now on (1-based); 0 disables. Tests. */
void assay_alloc_fail_at(uint64_t nth);

/* ---- arena ------------------------------------------------------------- */

struct assay_arena;

/* A new empty arena, or NULL on OOM. Thread-safe allocation. */
struct assay_arena *assay_arena_new(void);
/* Release every block. NULL is accepted. */
void assay_arena_free(struct assay_arena *a);
/* 16-byte aligned memory valid until assay_arena_free(); NULL on OOM. */
void *assay_arena_alloc(struct assay_arena *a, size_t n);
void *assay_arena_zalloc(struct assay_arena *a, size_t n);
/* n * size zeroed bytes; NULL on OOM or when n * size overflows. */
void *assay_arena_array(struct assay_arena *a, size_t n, size_t size);
/* Copies; NULL in gives NULL out, OOM gives NULL. */
char *assay_arena_strdup(struct assay_arena *a, const char *s);
char *assay_arena_strndup(struct assay_arena *a, const char *s, size_t n);
char *assay_arena_printf(struct assay_arena *a, const char *fmt, ...)
    ASSAY_PRINTF(2, 3);
/* Bytes handed out so far (for benchmarks and limits). */
size_t assay_arena_used(const struct assay_arena *a);

/* ---- error record ------------------------------------------------------ */

#define ASSAY_ERR_MSG_MAX 512

struct assay_err {
    enum assay_status code;      /* last code set, ASSAY_OK if none */
    char msg[ASSAY_ERR_MSG_MAX]; /* formatted, truncated if longer */
};

/*
 * Record 'code' with a printf-style message and return 'code', so that
 * `return assay_err_set(err, ASSAY_E_CORRUPT, "squashfs: ...");` works.
 * 'err' may be NULL (the code is still returned).
 */
enum assay_status assay_err_set(struct assay_err *err, enum assay_status code,
    const char *fmt, ...) ASSAY_PRINTF(3, 4);
enum assay_status assay_err_vset(struct assay_err *err, enum assay_status code,
    const char *fmt, va_list ap) ASSAY_PRINTF(3, 0);
void assay_err_clear(struct assay_err *err);

/* ---- capped growable buffer -------------------------------------------- */

/*
 * A byte buffer that grows on the heap up to 'cap' bytes and refuses to
 * grow further (curl's dynbuf). Always NUL-terminated after a successful
 * append, so text can be read as a C string. Do not touch fields from
 * outside lib/core except to read data and len.
 */
struct assay_buf {
    char *data;   /* heap, NULL until first append */
    size_t len;   /* bytes used, excluding the terminating NUL */
    size_t alloc; /* bytes allocated */
    size_t cap;   /* most bytes len may reach */
};

void assay_buf_init(struct assay_buf *b, size_t cap);
void assay_buf_release(struct assay_buf *b);
void assay_buf_reset(struct assay_buf *b); /* len = 0, memory kept */
/* ASSAY_OK, ASSAY_E_LIMIT (cap reached, buffer unchanged) or E_NOMEM. */
enum assay_status assay_buf_append(
    struct assay_buf *b, const void *p, size_t n);
/* Make room for 'n' more bytes in one allocation (a size known in
 * advance: no doubling slack). ASSAY_OK, ASSAY_E_LIMIT (past the cap,
 * buffer unchanged) or ASSAY_E_NOMEM. */
enum assay_status assay_buf_reserve(struct assay_buf *b, size_t n);
enum assay_status assay_buf_putc(struct assay_buf *b, char c);
enum assay_status assay_buf_puts(struct assay_buf *b, const char *s);
enum assay_status assay_buf_printf(struct assay_buf *b, const char *fmt, ...)
    ASSAY_PRINTF(2, 3);
/* Hand the data to the caller (free with assay_free) and reset. */
char *assay_buf_detach(struct assay_buf *b, size_t *len);

/* ---- strings ----------------------------------------------------------- */

/* strcmp that orders NULL before every string. */
int assay_strcmp_null(const char *a, const char *b);
/* Does 's' start with / end with 'x'? */
bool assay_str_starts(const char *s, const char *x);
bool assay_str_ends(const char *s, const char *x);
/* Is container chain 'c' the chain 'under' ("fw.bin > gzip@0x0") or one
 * inside it ("fw.bin > gzip@0x0 > ...")? false for NULL. */
bool assay_chain_under(const char *c, const char *under);
/* Parse a whole decimal string into [min, max]; false on any junk. */
bool assay_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);
/* Lower-case hex of 'len' bytes into 'out' (2 * len + 1 bytes). */
void assay_hex(const uint8_t *p, size_t len, char *out);

/* ---- session internals ------------------------------------------------- */

struct assay_arena *assay_session_arena(struct assay_session *s);
struct assay_err *assay_session_err(struct assay_session *s);
/*
 * Run fn(arg) when 's' is freed, before its arena goes (newest first): for
 * heap buffers and mappings whose lifetime is the session's. Returns
 * ASSAY_OK or ASSAY_E_NOMEM (then nothing was registered and the caller
 * still owns arg). Thread-safe.
 */
enum assay_status assay_session_on_free(
    struct assay_session *s, void (*fn)(void *), void *arg);

/*
 * Add a diagnostic to the session's report: 'source' names the stage or
 * plug-in ("ics", "squashfs"), 'file' the input or container (may be
 * NULL), 'offset' -1 when unknown. Never fails visibly: a diagnostic that
 * cannot be stored is counted as dropped.
 */
void assay_diag(struct assay_session *s, enum assay_diag_level level,
    const char *source, const char *file, int64_t offset, const char *fmt, ...)
    ASSAY_PRINTF(6, 7);
/* Same with a line and column (documents). */
void assay_diag_at(struct assay_session *s, enum assay_diag_level level,
    const char *source, const char *file, uint32_t line, uint32_t column,
    const char *fmt, ...) ASSAY_PRINTF(7, 8);

#endif /* ASSAY_CORE_PRIVATE_H */
