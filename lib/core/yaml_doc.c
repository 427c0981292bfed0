/* SPDX-License-Identifier: Apache-2.0 */
/*
 * YAML to doc_node trees with libyaml's event parser. See doc_private.h
 * for why events and not libyaml's document loader. Containers being
 * built sit on an explicit stack (bounded by max_doc_depth); their
 * children collect in heap vectors and move into the arena when the
 * container closes, so the finished tree lives wholly in the arena.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "doc_private.h"

struct doc_frame {
    struct doc_node *node;  /* container being built */
    struct doc_node **kids; /* heap */
    size_t len;
    size_t alloc;
};

struct doc_parser {
    struct assay_session *s;
    const char *name;
    struct doc_frame *stack; /* heap, max_doc_depth frames */
    size_t depth;
    size_t max_depth;
    uint64_t nodes;
    uint64_t max_nodes;
    struct doc_node *root;
};

static enum assay_status
doc_fail(struct doc_parser *p, uint32_t line, uint32_t col, const char *msg,
    const char *detail)
{
    assay_diag_at(p->s, ASSAY_DIAG_ERROR, "yaml", p->name, line, col, "%s%s%s",
        msg, detail != NULL ? ": " : "", detail != NULL ? detail : "");
    return assay_err_set(assay_session_err(p->s), ASSAY_E_INVALID,
        "%s:%u:%u: %s%s%s", p->name, line, col, msg, detail != NULL ? ": " : "",
        detail != NULL ? detail : "");
}

static enum assay_status
frame_push_kid(struct doc_frame *f, struct doc_node *n)
{
    if (f->len == f->alloc) {
        size_t na = f->alloc == 0 ? 8 : f->alloc * 2;
        struct doc_node **nk = assay_realloc(f->kids, na * sizeof(*nk));

        if (nk == NULL)
            return ASSAY_E_NOMEM;
        f->kids = nk;
        f->alloc = na;
    }
    f->kids[f->len++] = n;
    return ASSAY_OK;
}

/* Attach a finished node to the open container, or make it the root. */
static enum assay_status
doc_attach(struct doc_parser *p, struct doc_node *n)
{
    struct doc_frame *f;

    if (p->depth == 0) {
        p->root = n;
        return ASSAY_OK;
    }
    f = &p->stack[p->depth - 1];
    if (f->node->kind == DOC_MAP && f->len % 2 == 0) {
        /* n is a key: keys must be scalars and unique. */
        if (n->kind != DOC_SCALAR)
            return doc_fail(
                p, n->line, n->column, "mapping keys must be plain text", NULL);
        for (size_t i = 0; i < f->len; i += 2) {
            if (strcmp(f->kids[i]->value, n->value) == 0)
                return doc_fail(
                    p, n->line, n->column, "duplicate key", n->value);
        }
    }
    return frame_push_kid(f, n);
}

static struct doc_node *
doc_node_new(struct doc_parser *p, enum doc_kind kind, const yaml_mark_t *m)
{
    struct doc_node *n;

    if (++p->nodes > p->max_nodes)
        return NULL;
    n = assay_arena_zalloc(assay_session_arena(p->s), sizeof(*n));
    if (n == NULL)
        return NULL;
    n->kind = kind;
    n->line = (uint32_t)m->line + 1;
    n->column = (uint32_t)m->column + 1;
    return n;
}

static enum assay_status
doc_open(struct doc_parser *p, enum doc_kind kind, const yaml_mark_t *m)
{
    struct doc_node *n;

    if (p->depth >= p->max_depth)
        return doc_fail(p, (uint32_t)m->line + 1, (uint32_t)m->column + 1,
            "document nested too deeply", NULL);
    n = doc_node_new(p, kind, m);
    if (n == NULL)
        return p->nodes > p->max_nodes
                   ? doc_fail(p, (uint32_t)m->line + 1, (uint32_t)m->column + 1,
                         "document has too many nodes", NULL)
                   : ASSAY_E_NOMEM;
    p->stack[p->depth].node = n;
    p->stack[p->depth].kids = NULL;
    p->stack[p->depth].len = 0;
    p->stack[p->depth].alloc = 0;
    p->depth++;
    return ASSAY_OK;
}

static enum assay_status
doc_close(struct doc_parser *p)
{
    struct doc_frame *f = &p->stack[p->depth - 1];
    struct doc_node *n = f->node;

    if (f->len > 0) {
        n->items = assay_arena_array(
            assay_session_arena(p->s), f->len, sizeof(*n->items));
        if (n->items == NULL)
            return ASSAY_E_NOMEM;
        memcpy(n->items, f->kids, f->len * sizeof(*n->items));
    }
    n->count = f->len;
    assay_free(f->kids);
    f->kids = NULL;
    p->depth--;
    return doc_attach(p, n);
}

static enum assay_status
doc_scalar(struct doc_parser *p, const yaml_event_t *ev)
{
    struct doc_node *n = doc_node_new(p, DOC_SCALAR, &ev->start_mark);

    if (n == NULL)
        return p->nodes > p->max_nodes
                   ? doc_fail(p, (uint32_t)ev->start_mark.line + 1,
                         (uint32_t)ev->start_mark.column + 1,
                         "document has too many nodes", NULL)
                   : ASSAY_E_NOMEM;
    n->value = assay_arena_strndup(assay_session_arena(p->s),
        (const char *)ev->data.scalar.value, ev->data.scalar.length);
    if (n->value == NULL)
        return ASSAY_E_NOMEM;
    /* strndup stops at a NUL byte; keep the real length for checks. */
    n->value_len = strlen(n->value);
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return doc_attach(p, n);
}

enum assay_status
doc_yaml_parse(struct assay_session *s, const char *name, const void *data,
    size_t len, struct doc_node **root)
{
    const struct assay_limits *lim = assay_session_limits(s);
    struct doc_parser p = {.s = s, .name = name};
    yaml_parser_t parser;
    yaml_event_t ev;
    enum assay_status rc = ASSAY_OK;
    bool done = false;
    int docs = 0;

    *root = NULL;
    if (len > lim->max_doc_bytes) {
        assay_diag(s, ASSAY_DIAG_ERROR, "yaml", name, -1,
            "document is %zu bytes, more than the limit of %u", len,
            lim->max_doc_bytes);
        return assay_err_set(assay_session_err(s), ASSAY_E_LIMIT,
            "%s: document too large", name);
    }
    p.max_depth = lim->max_doc_depth;
    p.max_nodes = lim->max_doc_nodes;
    p.stack = assay_calloc(p.max_depth, sizeof(*p.stack));
    if (p.stack == NULL)
        return ASSAY_E_NOMEM;
    if (!yaml_parser_initialize(&parser)) {
        assay_free(p.stack);
        return ASSAY_E_NOMEM;
    }
    yaml_parser_set_input_string(&parser, data, len);

    while (!done && rc == ASSAY_OK) {
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = doc_fail(&p, (uint32_t)parser.problem_mark.line + 1,
                (uint32_t)parser.problem_mark.column + 1,
                parser.problem != NULL ? parser.problem : "syntax error",
                parser.context);
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1)
                rc = doc_fail(&p, (uint32_t)ev.start_mark.line + 1,
                    (uint32_t)ev.start_mark.column + 1,
                    "only one document per file is allowed", NULL);
            break;
        case YAML_ALIAS_EVENT:
            rc = doc_fail(&p, (uint32_t)ev.start_mark.line + 1,
                (uint32_t)ev.start_mark.column + 1, "aliases are not allowed",
                NULL);
            break;
        case YAML_SCALAR_EVENT:
            rc = doc_scalar(&p, &ev);
            break;
        case YAML_SEQUENCE_START_EVENT:
            rc = doc_open(&p, DOC_SEQ, &ev.start_mark);
            break;
        case YAML_MAPPING_START_EVENT:
            rc = doc_open(&p, DOC_MAP, &ev.start_mark);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            rc = doc_close(&p);
            break;
        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    while (p.depth > 0)
        assay_free(p.stack[--p.depth].kids);
    assay_free(p.stack);
    if (rc != ASSAY_OK)
        return rc;
    if (p.root == NULL || doc_is_null(p.root)) {
        /* An empty file is an empty mapping. */
        yaml_mark_t m = {0, 0, 0};

        p.root = doc_node_new(&p, DOC_MAP, &m);
        if (p.root == NULL)
            return ASSAY_E_NOMEM;
    }
    *root = p.root;
    return ASSAY_OK;
}

void
doc_verror(struct assay_session *s, const char *source, const char *file,
    const struct doc_node *n, size_t *errors, const char *fmt, va_list ap)
{
    char msg[512];
    uint32_t line = n != NULL ? n->line : 0;
    uint32_t col = n != NULL ? n->column : 0;

    vsnprintf(msg, sizeof(msg), fmt, ap);
    assay_diag_at(s, ASSAY_DIAG_ERROR, source, file, line, col, "%s", msg);
    if (*errors == 0)
        assay_err_set(assay_session_err(s), ASSAY_E_INVALID, "%s:%u:%u: %s",
            file, line, col, msg);
    (*errors)++;
}

void
doc_error(struct assay_session *s, const char *source, const char *file,
    const struct doc_node *n, size_t *errors, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    doc_verror(s, source, file, n, errors, fmt, ap);
    va_end(ap);
}

const struct doc_node *
doc_map_get(const struct doc_node *map, const char *key)
{
    if (map == NULL || map->kind != DOC_MAP)
        return NULL;
    for (size_t i = 0; i + 1 < map->count; i += 2) {
        if (strcmp(map->items[i]->value, key) == 0)
            return map->items[i + 1];
    }
    return NULL;
}

bool
doc_is_null(const struct doc_node *n)
{
    if (n == NULL)
        return true;
    if (n->kind != DOC_SCALAR || !n->plain)
        return false;
    return n->value_len == 0 || strcmp(n->value, "~") == 0 ||
           strcasecmp(n->value, "null") == 0;
}

bool
doc_get_bool(const struct doc_node *n, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "y"};
    static const char *const no[] = {"false", "no", "off", "n"};

    if (n == NULL || n->kind != DOC_SCALAR || !n->plain)
        return false;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(yes); i++) {
        if (strcasecmp(n->value, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcasecmp(n->value, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}
