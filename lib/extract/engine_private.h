/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Unpacking engine internals: the node and tree objects behind
 * include/assay/tree.h, the per-region context behind struct ex_ctx, the
 * registry, the carver and the worker pool. Extractors never include
 * this; they see only extract_private.h.
 *
 * How the engine works (docs/internals/EXTRACT.md): the input is mapped
 * and becomes the root node. A *blob* (the input, a decompressed payload)
 * is carved: one Hyperscan pass finds every registered magic, each
 * candidate is validated by its extractor's bid(), overlaps are resolved
 * and every byte is accounted for as a format region, padding or unknown
 * data. Each format region becomes a container node and its extractor
 * runs on it; what it emits becomes nodes below. Payloads are carved
 * again and regular files are identified by bid() at offset 0, both as
 * jobs on a two-thread queue, up to limits.max_depth. When the queue is
 * empty every child list is sorted, which makes the tree order canonical
 * whatever order the threads finished in.
 */
#ifndef ASSAY_EXTRACT_ENGINE_PRIVATE_H
#define ASSAY_EXTRACT_ENGINE_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "assay/extract.h"

#include "extract_private.h"

/* Regular files smaller than this are not identified (no format fits). */
#define ENGINE_MIN_FILE 32u
/* Candidates kept per carved blob; more are counted and dropped. */
#define ENGINE_MAX_CANDIDATES 200000u
/* Regions started ahead of one unknown-length stream (engine.c). */
#define ENGINE_AHEAD_MAX 8u
/* Worker threads (both cores). */
#define ENGINE_THREADS 2u

struct node_xattr {
    const char *name;     /* arena copy */
    const uint8_t *value; /* arena copy */
    size_t len;           /* bytes of value */
};

struct assay_node {
    enum assay_node_type type;
    const char *name;      /* last component, or container label */
    const char *path;      /* from its fs root, "/" for a root */
    const char *container; /* chain of containers ("a.bin > gzip@0x0") */
    const char *format;    /* extractor that produced it */
    uint32_t mode;         /* permission and type-independent bits */
    uint32_t uid;
    uint32_t gid;
    uint32_t rdev_major;
    uint32_t rdev_minor;
    int64_t mtime;             /* seconds since 1970, 0 unknown */
    uint64_t size;             /* bytes of data (files, containers) */
    int64_t offset;            /* in the enclosing container, -1 unknown */
    const char *link;          /* symlink/hard-link target as stored */
    const uint8_t *data;       /* view or session-owned bytes; NULL if none */
    struct node_xattr *xattrs; /* arena array */
    size_t xattr_count;
    struct assay_node *parent;
    struct assay_node *child; /* first child (sorted after finalise) */
    struct assay_node *last;  /* last child while building */
    struct assay_node *next;  /* next sibling */
    struct assay_node *fs_root;
    struct assay_node **kids; /* sorted entry children, for lookup */
    size_t kid_count;         /* entries of kids */
    uint32_t depth;           /* container nesting, root = 0 */
    bool is_fs_root;
    bool implicit;  /* folder made for a path, not emitted */
    bool dead;      /* a carving false positive: unlinked */
    bool discarded; /* unlinked: started ahead, then found inside an earlier
                       region, or replaced by a later entry for its path;
                       read only once every job is done */
    bool decoded;   /* data is a decoded payload, not a view */
};

struct assay_tree {
    struct assay_node *root;
    struct assay_node **order; /* canonical order, node_count entries */
    size_t node_count;
    struct assay_region *regions; /* sorted, region_count entries */
    size_t region_count;
};

/* A region while carving (before it is published in the tree). */
struct region_rec {
    struct assay_region r;
    struct region_rec *next;
};

/* A container chain, in a list. */
struct chain_rec {
    const char *chain;
    struct chain_rec *next;
};

/* Per-extraction state shared by the workers. */
struct engine {
    struct assay_session *s;
    struct assay_arena *arena;
    const struct assay_limits *lim;
    pthread_mutex_t lock;    /* tree links, counters, queue */
    pthread_cond_t cond;     /* queue changed */
    struct job *head, *tail; /* pending jobs */
    unsigned running;        /* jobs being worked on */
    _Atomic bool stop;       /* a hard limit ended the walk; read
                                without the lock by emitters */
    bool limit_warned;
    uint64_t nodes;             /* nodes counted against max_nodes */
    uint64_t made;              /* nodes allocated (>= nodes) */
    uint64_t bytes;             /* bytes produced (copies, decoders) */
    struct region_rec *regions; /* unsorted */
    size_t region_count;
    struct assay_node *root;
    struct chain_rec *dropped; /* regions started ahead, then discarded */
    const uint8_t *map; /* the input when it is a mapped file, else NULL */
    size_t map_len;
};

struct ex_ctx {
    struct engine *eng;
    const struct assay_extractor *ex;
    const struct ex_input *in;
    struct assay_node *cnode; /* container node: the fs root */
    struct assay_node *last;  /* entry emitted last (for xattrs) */
    struct path_map *map;     /* path -> node within cnode */
    unsigned payloads;        /* payloads emitted so far */
    uint64_t consumed;        /* ex_set_consumed(), 0 unknown */
};

/* ---- registry (registry.c) ---- */
size_t extract_registry_count(void);
const struct assay_extractor *extract_registry_get(size_t i);

/* ---- carver (carve.c) ---- */

/* A candidate: extractor 'ex' may start at 'off'. */
struct carve_cand {
    uint64_t off; /* start of the format (magic position - magic_offset) */
    uint32_t ex;  /* registry index, or UINT32_MAX + sig for signatures */
    int32_t sig;  /* index into the unsupported-signature table, or -1 */
};

/*
 * Find every registered magic in data[0..len) with one Hyperscan pass.
 * On success *out is a heap array (assay_free) sorted by (off, ex).
 * Returns ASSAY_OK, ASSAY_E_NOMEM or ASSAY_E_INTERNAL (Hyperscan failed;
 * the message is in 'err').
 */
enum assay_status carve_scan(const uint8_t *data, size_t len,
    struct carve_cand **out, size_t *count, bool *capped,
    struct assay_err *err);
/* Name of unsupported signature 'sig' ("jffs2", "ubi" ...). */
const char *carve_sig_name(int32_t sig);
/* Shannon entropy of data[0..len) in bits per byte (0..8). */
double carve_entropy(const uint8_t *data, size_t len);

/* ---- tree building (tree.c) ---- */

/* A fresh node with defaults (offset -1), linked under 'parent' (may be
 * NULL for the root). NULL on OOM. Takes eng->lock for the link. */
struct assay_node *engine_node_new(struct engine *e, struct assay_node *parent,
    enum assay_node_type type, const char *name);
/* Sort children, build lookup arrays and the canonical order. */
enum assay_status engine_tree_finalise(struct engine *e, struct assay_tree *t);
/* Count a node against limits.max_nodes; ASSAY_E_LIMIT past it. */
enum assay_status engine_count_node(struct engine *e);
/* Count produced bytes against limits.max_total_bytes. */
enum assay_status engine_count_bytes(struct engine *e, uint64_t n);
/* Record a region for the tree's region list. */
enum assay_status engine_region_add(
    struct engine *e, const struct assay_region *r);
/* An empty path map for a context (heap), NULL on OOM. */
struct path_map *engine_map_new(void);
/* Free the path map of a context (heap). NULL accepted. */
void engine_map_free(struct path_map *m);

/* ---- listings (tree_list.c) ---- */

struct json_emit;
/* "file", "dir", "symlink" ... Static storage. */
const char *extract_node_type_name(enum assay_node_type t);
/* The members describing 'n' (type, container, format, mode, owner, size,
 * times, link, device, xattr names or, with 'xattr_values', an object of
 * hex values) into the object open in 'j'. */
void extract_node_json(
    struct json_emit *j, const struct assay_node *n, bool xattr_values);

/* ---- jobs (engine.c) ---- */

/* Queue the identification of a regular file node's bytes. */
enum assay_status engine_queue_file(struct engine *e, struct assay_node *n);
/* Queue the carving of a payload node's bytes. */
enum assay_status engine_queue_blob(struct engine *e, struct assay_node *n);
/* Keep a heap buffer until the session ends. */
enum assay_status engine_keep(struct engine *e, void *p);

/* Give back the pages of [p, p + len) of a mapped input (see engine.c). */
void engine_drop(struct engine *e, const uint8_t *p, size_t len);

#endif /* ASSAY_EXTRACT_ENGINE_PRIVATE_H */
