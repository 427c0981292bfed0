/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small document tree for the YAML files Assay reads (ICS/IXIT,
 * assessor results), with the line and column of every node so that each
 * error can name its place.
 *
 * Why not libyaml's document API: it resolves aliases into shared nodes,
 * so a hostile file can make a tree walk exponential ("billion laughs").
 * doc_yaml_parse() drives libyaml's event parser instead, refuses aliases,
 * and caps bytes, depth and node count from the session limits.
 */
#ifndef ASSAY_DOC_PRIVATE_H
#define ASSAY_DOC_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include "core_private.h"

enum doc_kind { DOC_SCALAR = 0, DOC_MAP = 1, DOC_SEQ = 2 };

struct doc_node {
    enum doc_kind kind;
    uint32_t line;           /* 1-based */
    uint32_t column;         /* 1-based */
    const char *value;       /* scalar text (NUL-terminated), else NULL */
    size_t value_len;        /* bytes of value */
    bool plain;              /* scalar was unquoted (so may be null/bool) */
    struct doc_node **items; /* SEQ: elements; MAP: key, value, key, ... */
    size_t count;            /* SEQ: elements; MAP: 2 * pairs */
};

/*
 * Parse 'len' bytes of YAML named 'name' into a tree in the session
 * arena. An empty document gives an empty map. On a syntax error, an alias,
 * a duplicate key or a limit, records a diagnostic naming name:line:column
 * and returns ASSAY_E_INVALID (or ASSAY_E_NOMEM); *root is then NULL.
 */
enum assay_status doc_yaml_parse(struct assay_session *s, const char *name,
    const void *data, size_t len, struct doc_node **root);

/*
 * Report an error about node 'n' (may be NULL) of document 'file', from
 * 'source' ("ics", "assessor"): an error diagnostic at its line and
 * column, and, for the first error of the document (*errors == 0), the
 * session's error record with code ASSAY_E_INVALID. Increments *errors.
 * Loaders call it for every problem and go on, so one run reports all.
 */
void doc_error(struct assay_session *s, const char *source, const char *file,
    const struct doc_node *n, size_t *errors, const char *fmt, ...)
    ASSAY_PRINTF(6, 7);
void doc_verror(struct assay_session *s, const char *source, const char *file,
    const struct doc_node *n, size_t *errors, const char *fmt, va_list ap)
    ASSAY_PRINTF(6, 0);

/* Value for 'key' in a MAP node, NULL when absent or not a map. */
const struct doc_node *doc_map_get(const struct doc_node *map, const char *key);
/* Is this a plain null scalar ("", "~", "null")? NULL counts as null. */
bool doc_is_null(const struct doc_node *n);
/* YAML 1.1 booleans: true/false/yes/no/on/off (any case); false if not. */
bool doc_get_bool(const struct doc_node *n, bool *out);

#endif /* ASSAY_DOC_PRIVATE_H */
