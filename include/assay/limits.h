/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Every cap libassay applies to untrusted input, in one place.
 *
 * Firmware images and device answers are hostile. Each limit below bounds
 * one way an input could make Assay use unbounded time, memory or disk
 * (YARA's commented limits.h is the model). A session takes a copy of
 * struct assay_limits; a zero field means "use the default below". The CLI
 * exposes the ones a user may need to raise (--max-depth, --max-bytes ...).
 */
#ifndef ASSAY_LIMITS_H
#define ASSAY_LIMITS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Containers nested deeper than this are reported, not entered. */
#define ASSAY_DEFAULT_MAX_DEPTH 16
/* Total bytes all extractors together may produce for one image: 4 GiB. */
#define ASSAY_DEFAULT_MAX_TOTAL_BYTES (4ull << 30)
/* Bytes one decompressed stream or file may produce: 1 GiB. */
#define ASSAY_DEFAULT_MAX_FILE_BYTES (1ull << 30)
/* Output/input ratio above which a stream is treated as a bomb. */
#define ASSAY_DEFAULT_MAX_RATIO 1024
/* Nodes (files, folders, links ...) one image may yield. */
#define ASSAY_DEFAULT_MAX_NODES 1000000
/* Longest path inside an image, in bytes. */
#define ASSAY_DEFAULT_MAX_PATH 4096
/* Largest document (ICS, assessor file, config) parsed whole: 16 MiB. */
#define ASSAY_DEFAULT_MAX_DOC_BYTES (16u << 20)
/* Deepest nesting of a YAML or JSON document. */
#define ASSAY_DEFAULT_MAX_DOC_DEPTH 64
/* Most nodes (scalars, maps, lists) in one YAML or JSON document. */
#define ASSAY_DEFAULT_MAX_DOC_NODES 1000000
/* Diagnostics kept per session; later ones are counted, not stored. */
#define ASSAY_DEFAULT_MAX_DIAGS 10000
/* Findings kept per session. */
#define ASSAY_DEFAULT_MAX_FINDINGS 100000
/* Network: connect, read and whole-probe deadlines in milliseconds. */
#define ASSAY_DEFAULT_CONNECT_MS 3000
#define ASSAY_DEFAULT_READ_MS    5000
#define ASSAY_DEFAULT_PROBE_MS   60000

struct assay_limits {
    uint32_t max_depth;       /* container nesting, 1..1000 */
    uint64_t max_total_bytes; /* bytes produced per image */
    uint64_t max_file_bytes;  /* bytes produced per stream or file */
    uint32_t max_ratio;       /* output/input expansion, >= 1 */
    uint32_t max_nodes;       /* tree nodes per image */
    uint32_t max_path;        /* bytes per path */
    uint32_t max_doc_bytes;   /* bytes per parsed document */
    uint32_t max_doc_depth;   /* nesting per parsed document */
    uint32_t max_doc_nodes;   /* nodes per parsed document */
    uint32_t max_diags;       /* diagnostics stored per session */
    uint32_t max_findings;    /* findings stored per session */
    uint32_t connect_ms;      /* per TCP connect, milliseconds */
    uint32_t read_ms;         /* per read wait, milliseconds */
    uint32_t probe_ms;        /* per probe of one service, milliseconds */
};

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_LIMITS_H */
