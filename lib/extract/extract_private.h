/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The unpacking engine's plug-in contract.
 *
 * How extraction works: the engine maps the input, finds candidate
 * regions (one multi-pattern pass over all magics, then each candidate
 * extractor's bid() on the bytes at that offset), resolves overlaps, and
 * runs the winning extractor on each region. An extractor reads only the
 * region it was given (struct ex_input: bytes + length, zero-copy into the
 * mapped image or a decompressed buffer) and reports what it finds
 * through the ex_emit_*() calls below. It never touches the file system.
 * What it emits becomes nodes of the unpacked tree; a regular file's
 * contents are then themselves identified and unpacked, recursively, up
 * to limits.max_depth.
 *
 * Two kinds of extractor:
 *   - a *filesystem/archive* emits entries (files, folders, links ...)
 *     with their metadata: squashfs, jffs2, tar, cpio, ...;
 *   - a *stream* (compression, firmware container) emits one or more
 *     payloads as anonymous blobs: gzip, xz, uImage, TRX, ... A payload is
 *     identified and unpacked again.
 *
 * Rules every extractor follows (checked by review and by the fuzzers):
 *   - bid() does no I/O and no allocation; it returns the bits of magic
 *     and header it verified (0 = not mine). Highest bid wins; ties go to
 *     extractors.def order.
 *   - every read is bounds-checked against in->len with assay_range_ok();
 *     every size computed from input uses assay_add_ovf/assay_mul_ovf;
 *   - output goes through ex_emit_*(), which enforce the node, byte,
 *     ratio and path limits and refuse "..", absolute escapes and NULs;
 *     an extractor stops when an emit returns a non-OK status;
 *   - damage inside the region is reported with ex_warn() (names the
 *     extractor, container and offset) and extraction goes on with what
 *     can still be read; only a region that cannot be read at all returns
 *     an error;
 *   - decompression goes through ex_buf_*() capped buffers (limits
 *     max_file_bytes and max_ratio).
 *
 * Adding a new extractor:
 *   1. lib/extract/ex_<id>.c with `const struct assay_extractor ex_<id>`
 *      (designated initialisers; everything else static);
 *   2. one ASSAY_EXTRACTOR(<id>) line in extractors.def;
 *   3. the file in lib/extract/sources.cmake;
 *   4. a unit or integration test on an image the suite builds, a
 *      fuzz/fuzz_ex_<id>.c target with a .dict, and docs/extractors/<id>.md.
 */
#ifndef ASSAY_EXTRACT_PRIVATE_H
#define ASSAY_EXTRACT_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/tree.h"

#include "../core/core_private.h"

/* Node types are the public ones (assay/tree.h). */
#define EX_FILE     ASSAY_NODE_FILE
#define EX_DIR      ASSAY_NODE_DIR
#define EX_SYMLINK  ASSAY_NODE_SYMLINK
#define EX_HARDLINK ASSAY_NODE_HARDLINK
#define EX_CHARDEV  ASSAY_NODE_CHARDEV
#define EX_BLOCKDEV ASSAY_NODE_BLOCKDEV
#define EX_FIFO     ASSAY_NODE_FIFO
#define EX_SOCKET   ASSAY_NODE_SOCKET

/* The bytes an extractor works on. Borrowed for the call. */
struct ex_input {
    const uint8_t *data; /* region start (mapped image or a blob) */
    size_t len;          /* region length in bytes */
    uint64_t base;       /* offset of data[0] in the enclosing container */
    const char *name;    /* container chain for messages: "fw.bin > trx" */
};

/* Metadata of one entry; strings borrowed for the call (emit copies). */
struct ex_entry {
    const char *path; /* '/'-separated, relative to the fs root */
    enum assay_node_type type;
    uint32_t mode; /* permission bits incl. setuid/setgid/sticky */
    uint32_t uid;
    uint32_t gid;
    int64_t mtime;       /* seconds since 1970, 0 when unknown */
    const char *link;    /* symlink target (kept, never followed) or
                            hard-link target path; NULL otherwise */
    uint32_t rdev_major; /* device nodes */
    uint32_t rdev_minor;
    uint64_t offset; /* where the entry's data starts in the region,
                        for messages; 0 if not meaningful */
};

/* One extended attribute (e.g. security.capability). */
struct ex_xattr {
    const char *name;
    const uint8_t *value;
    size_t len;
};

struct ex_ctx; /* the engine's per-region context; opaque to extractors */

/*
 * Emitters. Each returns ASSAY_OK, ASSAY_E_LIMIT (a limit was reached:
 * stop and return it), ASSAY_E_CORRUPT (the entry was refused, e.g. a
 * path escaping the root; a diagnostic was recorded; continue with the
 * next entry) or ASSAY_E_NOMEM.
 */
/* A folder, link, device ... (no contents). */
enum assay_status ex_emit_entry(struct ex_ctx *c, const struct ex_entry *e);
/*
 * A regular file whose bytes are 'data[0..len)'. If 'data' points into
 * in->data the engine keeps a view (zero copy); otherwise it copies.
 */
enum assay_status ex_emit_file(struct ex_ctx *c, const struct ex_entry *e,
    const uint8_t *data, size_t len);
/*
 * A regular file whose bytes the extractor produced into 'b' (a buffer
 * from ex_buf_init); the engine takes ownership and resets 'b'.
 */
enum assay_status ex_emit_file_buf(
    struct ex_ctx *c, const struct ex_entry *e, struct assay_buf *b);
/* Extended attributes of the entry emitted last. */
enum assay_status ex_emit_xattrs(
    struct ex_ctx *c, const struct ex_xattr *x, size_t n);
/*
 * A stream payload (decompressed data, a container's kernel or rootfs):
 * 'label' names it in the container chain ("kernel", "rootfs",
 * "squashfs@0x1c0000" is made by the engine). Same ownership rules as the
 * file emitters; the payload is identified and unpacked in turn.
 */
enum assay_status ex_emit_payload(
    struct ex_ctx *c, const char *label, const uint8_t *data, size_t len);
enum assay_status ex_emit_payload_buf(
    struct ex_ctx *c, const char *label, struct assay_buf *b);

/*
 * A hint: the extractor is done with in->data[off, off + len) for now.
 * When the input is a mapped file its pages are given back (re-read from
 * the page cache if touched again, so views stay valid); otherwise
 * nothing happens. Lowers peak memory on large regions.
 */
void ex_release(struct ex_ctx *c, uint64_t off, uint64_t len);

/* A diagnostic about damage at 'offset' of the region (-1 unknown). */
void ex_warn(struct ex_ctx *c, int64_t offset, const char *fmt, ...)
    ASSAY_PRINTF(3, 4);

/*
 * Capped buffer for decompressed output: cap = min(limits.max_file_bytes,
 * bytes left of limits.max_total_bytes, in_len * limits.max_ratio +
 * 16 MiB).
 */
void ex_buf_init(struct ex_ctx *c, struct assay_buf *b, size_t in_len);

/* The session (arena, limits, error record) behind this extraction. */
struct assay_session *ex_session(struct ex_ctx *c);

/*
 * A stream extractor whose region length is not in its header (gzip, xz,
 * raw LZMA ...) is handed the bytes up to the end of the blob; once it
 * knows where its stream ended it reports the length here, so the engine
 * can account for, and carve, the bytes after it.
 */
void ex_set_consumed(struct ex_ctx *c, uint64_t len);

/*
 * Decompression-bomb check while streaming: ASSAY_E_LIMIT (with a
 * diagnostic naming the input offset) once 'out_len' bytes were produced
 * from only 'in_used' input bytes, i.e. out_len > in_used *
 * limits.max_ratio and out_len > 16 MiB (small sparse images are not
 * bombs); ASSAY_OK otherwise.
 */
enum assay_status ex_ratio_check(
    struct ex_ctx *c, uint64_t in_used, uint64_t out_len);

struct assay_extractor {
    const char *name;    /* stable id used in reports: "squashfs" */
    const char *summary; /* one line for `assay list extractors` */
    /* Magic byte strings the carver looks for, NULL-terminated; with
     * magic_offset = where the magic sits from the start of the format. */
    const char *const *magics;
    const size_t *magic_lens; /* lengths of magics[i] (binary-safe) */
    uint32_t magic_offset;
    /* Bits of magic/header verified at data[0], 0 if not mine. When the
     * format's length is known from its header, *len receives it (else 0:
     * the region runs to the next candidate or the end). */
    int (*bid)(const uint8_t *data, size_t avail, uint64_t *len);
    /* Unpack the whole region, emitting as it goes. */
    enum assay_status (*run)(struct ex_ctx *c, const struct ex_input *in);
};

#endif /* ASSAY_EXTRACT_PRIVATE_H */
