/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Sessions: limits with defaults filled in, the arena, the error record,
 * the report, and the diagnostic helper every stage uses.
 */
#include "assay_config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "../report/report_private.h"
#include "core_private.h"

struct session_cleanup {
    void (*fn)(void *); /* called at assay_session_free() */
    void *arg;
    struct session_cleanup *next; /* older registration */
};

struct assay_session {
    struct assay_limits limits;       /* defaults filled in */
    pthread_mutex_t cleanup_lock;     /* guards cleanups */
    struct session_cleanup *cleanups; /* newest first, arena-allocated */
    struct assay_arena *arena;        /* owns everything derived from input */
    struct assay_err err;             /* last error */
    struct assay_report *report;
};

#define LIMIT_DEFAULT(field, def)                                              \
    do {                                                                       \
        if (s->limits.field == 0)                                              \
            s->limits.field = (def);                                           \
    } while (0)

struct assay_session *
assay_session_new(const struct assay_limits *lim)
{
    struct assay_session *s = assay_calloc(1, sizeof(*s));

    if (s == NULL)
        return NULL;
    if (lim != NULL)
        s->limits = *lim;
    LIMIT_DEFAULT(max_depth, ASSAY_DEFAULT_MAX_DEPTH);
    LIMIT_DEFAULT(max_total_bytes, ASSAY_DEFAULT_MAX_TOTAL_BYTES);
    LIMIT_DEFAULT(max_file_bytes, ASSAY_DEFAULT_MAX_FILE_BYTES);
    LIMIT_DEFAULT(max_ratio, ASSAY_DEFAULT_MAX_RATIO);
    LIMIT_DEFAULT(max_nodes, ASSAY_DEFAULT_MAX_NODES);
    LIMIT_DEFAULT(max_path, ASSAY_DEFAULT_MAX_PATH);
    LIMIT_DEFAULT(max_doc_bytes, ASSAY_DEFAULT_MAX_DOC_BYTES);
    LIMIT_DEFAULT(max_doc_depth, ASSAY_DEFAULT_MAX_DOC_DEPTH);
    LIMIT_DEFAULT(max_doc_nodes, ASSAY_DEFAULT_MAX_DOC_NODES);
    LIMIT_DEFAULT(max_diags, ASSAY_DEFAULT_MAX_DIAGS);
    LIMIT_DEFAULT(max_findings, ASSAY_DEFAULT_MAX_FINDINGS);
    LIMIT_DEFAULT(connect_ms, ASSAY_DEFAULT_CONNECT_MS);
    LIMIT_DEFAULT(read_ms, ASSAY_DEFAULT_READ_MS);
    LIMIT_DEFAULT(probe_ms, ASSAY_DEFAULT_PROBE_MS);

    if (pthread_mutex_init(&s->cleanup_lock, NULL) != 0)
        goto out_free;
    s->arena = assay_arena_new();
    if (s->arena == NULL)
        goto out_lock;
    s->report = report_new(s->arena, &s->limits);
    if (s->report == NULL)
        goto out_arena;
    return s;

out_arena:
    assay_arena_free(s->arena);
out_lock:
    pthread_mutex_destroy(&s->cleanup_lock);
out_free:
    assay_free(s);
    return NULL;
}

void
assay_session_free(struct assay_session *s)
{
    struct session_cleanup *c;

    if (s == NULL)
        return;
    for (c = s->cleanups; c != NULL; c = c->next)
        c->fn(c->arg);
    pthread_mutex_destroy(&s->cleanup_lock);
    report_free(s->report);
    assay_arena_free(s->arena);
    assay_free(s);
}

const struct assay_limits *
assay_session_limits(const struct assay_session *s)
{
    return &s->limits;
}

enum assay_status
assay_session_errcode(const struct assay_session *s)
{
    return s->err.code;
}

const char *
assay_session_errmsg(const struct assay_session *s)
{
    return s->err.msg;
}

struct assay_report *
assay_session_report(struct assay_session *s)
{
    return s->report;
}

struct assay_arena *
assay_session_arena(struct assay_session *s)
{
    return s->arena;
}

struct assay_err *
assay_session_err(struct assay_session *s)
{
    return &s->err;
}

enum assay_status
assay_session_on_free(struct assay_session *s, void (*fn)(void *), void *arg)
{
    struct session_cleanup *c = assay_arena_alloc(s->arena, sizeof(*c));

    if (c == NULL)
        return ASSAY_E_NOMEM;
    c->fn = fn;
    c->arg = arg;
    pthread_mutex_lock(&s->cleanup_lock);
    c->next = s->cleanups;
    s->cleanups = c;
    pthread_mutex_unlock(&s->cleanup_lock);
    return ASSAY_OK;
}

const char *
assay_version(void)
{
    return ASSAY_VERSION;
}

static void session_vdiag(struct assay_session *s, enum assay_diag_level level,
    const char *source, const char *file, int64_t offset, uint32_t line,
    uint32_t column, const char *fmt, va_list ap) ASSAY_PRINTF(8, 0);

static void
session_vdiag(struct assay_session *s, enum assay_diag_level level,
    const char *source, const char *file, int64_t offset, uint32_t line,
    uint32_t column, const char *fmt, va_list ap)
{
    char msg[1024];
    struct assay_diag d;

    vsnprintf(msg, sizeof(msg), fmt, ap);
    d.level = level;
    d.source = source;
    d.file = file;
    d.offset = offset;
    d.line = line;
    d.column = column;
    d.message = msg;
    (void)assay_report_add_diag(s->report, &d);
}

void
assay_diag(struct assay_session *s, enum assay_diag_level level,
    const char *source, const char *file, int64_t offset, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    session_vdiag(s, level, source, file, offset, 0, 0, fmt, ap);
    va_end(ap);
}

void
assay_diag_at(struct assay_session *s, enum assay_diag_level level,
    const char *source, const char *file, uint32_t line, uint32_t column,
    const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    session_vdiag(s, level, source, file, -1, line, column, fmt, ap);
    va_end(ap);
}
