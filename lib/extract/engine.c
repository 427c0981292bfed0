/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The unpacking engine: input mapping, the job queue and its two worker
 * threads, carving of blobs and identification of files.
 *
 * Three kinds of job: CARVE a blob (the input or a payload) into regions,
 * RUN an extractor on a region whose length its header gave, and
 * IDENTIFY a regular file by bid() at offset 0. Regions of unknown length
 * (most compressed streams) run inside their CARVE job, because the bytes
 * after them can only be accounted for once the stream says where it
 * ended (ex_set_consumed); known-length regions and all recursion go to
 * the queue, so independent regions and files are unpacked on both cores.
 * The tree order is made canonical afterwards (tree.c), so output does
 * not depend on which thread finished first.
 */
#include "assay_config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sys/mman.h>
#include <sys/stat.h>

#include "../report/report_private.h"
#include "engine_private.h"

/* A run of 0x00 or 0xff this long inside unknown data is padding;
 * shorter runs are part of the data around them (kernels, tables). */
#define ENGINE_PAD_MIN 4096u
/* ... or this long where it touches a region's edge (alignment). */
#define ENGINE_PAD_EDGE 16u

enum job_kind {
    JOB_CARVE,   /* carve node->data */
    JOB_RUN,     /* run 'ex' on [off, off + len) of the blob */
    JOB_IDENTIFY /* bid on a regular file's bytes */
};

struct job {
    enum job_kind kind;
    struct assay_node *node;          /* blob, region container or file */
    const struct assay_extractor *ex; /* JOB_RUN */
    const uint8_t *data;              /* JOB_RUN: region bytes */
    size_t len;
    uint64_t base; /* JOB_RUN: region offset in blob */
    struct job *next;
};

static enum assay_status
engine_push(struct engine *e, const struct job *j)
{
    struct job *n = assay_arena_alloc(e->arena, sizeof(*n));

    if (n == NULL)
        return ASSAY_E_NOMEM;
    *n = *j;
    n->next = NULL;
    pthread_mutex_lock(&e->lock);
    if (e->tail != NULL)
        e->tail->next = n;
    else
        e->head = n;
    e->tail = n;
    pthread_cond_signal(&e->cond);
    pthread_mutex_unlock(&e->lock);
    return ASSAY_OK;
}

enum assay_status
engine_queue_file(struct engine *e, struct assay_node *n)
{
    struct job j = {.kind = JOB_IDENTIFY, .node = n};

    if (n->depth >= e->lim->max_depth)
        return ASSAY_OK;
    return engine_push(e, &j);
}

enum assay_status
engine_queue_blob(struct engine *e, struct assay_node *n)
{
    struct job j = {.kind = JOB_CARVE, .node = n};

    if (n->data == NULL || n->size == 0)
        return ASSAY_OK;
    if (n->depth >= e->lim->max_depth) {
        assay_diag(e->s, ASSAY_DIAG_WARNING, "extract", n->container, -1,
            "extract: nesting depth limit %u reached; payload not carved",
            e->lim->max_depth);
        return ASSAY_OK;
    }
    return engine_push(e, &j);
}

static void
engine_free_heap(void *p)
{
    assay_free(p);
}

enum assay_status
engine_keep(struct engine *e, void *p)
{
    enum assay_status rc = assay_session_on_free(e->s, engine_free_heap, p);

    if (rc != ASSAY_OK)
        assay_free(p);
    return rc;
}

/* A container node for a region of 'blob' (or of a file). */
static struct assay_node *
engine_container(struct engine *e, struct assay_node *parent, const char *chain,
    const struct assay_extractor *ex, uint64_t off, uint32_t depth)
{
    struct assay_node *n;
    char *name;

    if (engine_count_node(e) != ASSAY_OK)
        return NULL;
    name = assay_arena_printf(
        e->arena, "%s@0x%llx", ex->name, (unsigned long long)off);
    if (name == NULL)
        return NULL;
    n = engine_node_new(e, parent, ASSAY_NODE_CONTAINER, name);
    if (n == NULL)
        return NULL;
    n->path = "/";
    n->container = assay_arena_printf(e->arena, "%s > %s", chain, name);
    if (n->container == NULL)
        return NULL;
    n->format = ex->name;
    n->fs_root = n;
    n->is_fs_root = true;
    n->depth = depth;
    n->offset = (int64_t)off;
    n->mode = 0755;
    return n;
}

/*
 * Run 'ex' on data[0..len) for container 'cn'; *consumed gets what the
 * extractor reported with ex_set_consumed() (0 unknown).
 */
static enum assay_status
engine_run(struct engine *e, const struct assay_extractor *ex,
    struct assay_node *cn, const uint8_t *data, size_t len, uint64_t base,
    uint64_t *consumed, bool *bogus)
{
    struct ex_input in = {
        .data = data, .len = len, .base = base, .name = cn->container};
    struct ex_ctx c = {.eng = e, .ex = ex, .in = &in, .cnode = cn};
    enum assay_status rc;

    if (consumed != NULL)
        *consumed = 0;
    if (bogus != NULL)
        *bogus = false;
    c.map = engine_map_new();
    if (c.map == NULL)
        return ASSAY_E_NOMEM;
    rc = ex->run(&c, &in);
    engine_map_free(c.map);
    if (consumed != NULL && c.consumed <= len)
        *consumed = c.consumed;
    if (bogus != NULL && rc == ASSAY_E_CORRUPT && c.last == NULL &&
        c.payloads == 0) {
        /* A candidate that passed bid() but is not the format: drop it
         * quietly, its bytes are accounted for as the gap they are. */
        cn->dead = true;
        *bogus = true;
        return ASSAY_OK;
    }
    if (rc == ASSAY_E_LIMIT || rc == ASSAY_E_NOMEM) {
        if (rc == ASSAY_E_LIMIT && !e->stop)
            rc = ASSAY_OK; /* a per-stream cap: reported, others go on */
        return rc;
    }
    if (rc != ASSAY_OK)
        assay_diag(e->s, ASSAY_DIAG_ERROR, ex->name, cn->container, -1,
            "%s: cannot unpack %zu bytes: %s", ex->name, len,
            assay_status_str(rc));
    return ASSAY_OK;
}

static enum assay_status
engine_region(struct engine *e, struct assay_node *blob, uint64_t off,
    uint64_t size, enum assay_region_kind kind, const char *format,
    const struct assay_node *node)
{
    struct assay_region r = {
        .blob = blob->container,
        .offset = off,
        .size = size,
        .kind = kind,
        .format = format,
        .entropy = 0.0,
        .node = node,
    };

    if (kind == ASSAY_REGION_UNKNOWN || kind == ASSAY_REGION_UNSUPPORTED)
        r.entropy = carve_entropy(blob->data + off, (size_t)size);
    return engine_region_add(e, &r);
}

/* Account for [a, b) of the blob: padding runs and unknown stretches. */
static enum assay_status
engine_gap(struct engine *e, struct assay_node *blob, uint64_t a, uint64_t b)
{
    const uint8_t *d = blob->data;
    uint64_t i = a, useg = a;
    enum assay_status rc;

    while (i < b) {
        uint8_t v = d[i];
        uint64_t j = i;

        if (v != 0x00 && v != 0xff) {
            i++;
            continue;
        }
        while (j < b && d[j] == v)
            j++;
        if (j - i >= ENGINE_PAD_MIN ||
            ((i == a || j == b) && j - i >= ENGINE_PAD_EDGE)) {
            if (i > useg) {
                rc = engine_region(
                    e, blob, useg, i - useg, ASSAY_REGION_UNKNOWN, NULL, NULL);
                if (rc != ASSAY_OK)
                    return rc;
            }
            rc = engine_region(
                e, blob, i, j - i, ASSAY_REGION_PADDING, NULL, NULL);
            if (rc != ASSAY_OK)
                return rc;
            useg = j;
        }
        i = j;
    }
    if (b > useg)
        return engine_region(
            e, blob, useg, b - useg, ASSAY_REGION_UNKNOWN, NULL, NULL);
    return ASSAY_OK;
}

/* A validated candidate. */
struct carve_hit {
    uint64_t off;
    uint64_t len;                     /* 0 unknown */
    const struct assay_extractor *ex; /* NULL for a signature */
    int32_t sig;
};

/* Bid at each distinct offset; keep the best extractor (or signature). */
static size_t
engine_validate(const uint8_t *data, size_t len, const struct carve_cand *c,
    size_t nc, struct carve_hit *hits)
{
    size_t nh = 0, i = 0;

    while (i < nc) {
        uint64_t off = c[i].off;
        int best = 0;
        struct carve_hit h = {.off = off, .sig = -1};

        for (; i < nc && c[i].off == off; i++) {
            if (c[i].ex != UINT32_MAX) {
                const struct assay_extractor *x = extract_registry_get(c[i].ex);
                uint64_t flen = 0;
                int bid = x->bid(data + off, len - (size_t)off, &flen);

                if (bid > best) {
                    best = bid;
                    h.ex = x;
                    h.len = flen;
                    h.sig = -1;
                }
            } else if (best == 0 && h.sig < 0) {
                h.sig = c[i].sig;
            }
        }
        if (best > 0 || h.sig >= 0)
            hits[nh++] = h;
    }
    return nh;
}

/*
 * Give back the pages of [p, p + len) of the mapped input file: they are
 * re-read from the page cache if anything touches them again, so this is
 * safe for any view into them and only lowers the peak memory. Used once
 * the carver has scanned the input and once a region of it is unpacked.
 * Never on memory input (assay_extract_mem), where it would lose data.
 */
void
engine_drop(struct engine *e, const uint8_t *p, size_t len)
{
    uintptr_t b, a, z;
    long pg = sysconf(_SC_PAGESIZE);

    if (e->map == NULL || pg <= 0 || p < e->map ||
        !assay_range_ok((uint64_t)(p - e->map), len, e->map_len))
        return;
    b = (uintptr_t)p;
    a = (b + (uintptr_t)pg - 1) & ~((uintptr_t)pg - 1);
    z = (b + len) & ~((uintptr_t)pg - 1);
    if (z > a)
        (void)madvise((void *)a, z - a, MADV_DONTNEED);
}

/*
 * Region 'cn', started ahead, lies inside an earlier stream: unlink it,
 * and remember it so that what its job says about itself (diagnostics,
 * regions of what it unpacked) is dropped once every job is done; the
 * job may still be running now.
 */
static enum assay_status
engine_discard_ahead(struct engine *e, struct assay_node *cn)
{
    struct chain_rec *r = assay_arena_alloc(e->arena, sizeof(*r));

    if (r == NULL)
        return ASSAY_E_NOMEM;
    cn->discarded = true;
    r->chain = cn->container;
    pthread_mutex_lock(&e->lock);
    r->next = e->dropped;
    e->dropped = r;
    pthread_mutex_unlock(&e->lock);
    return ASSAY_OK;
}

/* After the last job: forget what discarded regions reported. */
static void
engine_forget_dropped(struct engine *e)
{
    for (const struct chain_rec *d = e->dropped; d != NULL; d = d->next) {
        struct region_rec **pp = &e->regions;

        report_drop_diags_under(assay_session_report(e->s), d->chain);
        while (*pp != NULL) {
            if (assay_chain_under((*pp)->r.blob, d->chain)) {
                *pp = (*pp)->next;
                e->region_count--;
            } else {
                pp = &(*pp)->next;
            }
        }
    }
}

/*
 * Start known-length hit 'h' of 'blob': its container, and its extractor
 * as a job (unless the nesting depth is reached).
 */
static enum assay_status
engine_start(struct engine *e, struct assay_node *blob,
    const struct carve_hit *h, struct assay_node **out)
{
    size_t len = (size_t)blob->size;
    uint32_t depth = blob->depth + 1;
    uint64_t end = h->off + (h->len < len - h->off ? h->len : len - h->off);
    struct assay_node *cn;

    cn = engine_container(e, blob, blob->container, h->ex, h->off, depth);
    *out = cn;
    if (cn == NULL)
        return e->stop ? ASSAY_E_LIMIT : ASSAY_E_NOMEM;
    cn->size = end - h->off;
    cn->data = blob->data + h->off;
    if (depth > e->lim->max_depth) {
        assay_diag(e->s, ASSAY_DIAG_WARNING, "extract", cn->container, -1,
            "extract: nesting depth limit %u reached; %s not entered",
            e->lim->max_depth, h->ex->name);
        return ASSAY_OK;
    }
    {
        struct job j = {.kind = JOB_RUN,
            .node = cn,
            .ex = h->ex,
            .data = cn->data,
            .len = (size_t)cn->size,
            .base = h->off};

        return engine_push(e, &j);
    }
}

/*
 * Before unknown-length hit 'u' runs on this thread, start the
 * known-length hits after it, up to the next unknown-length one, so that
 * the other worker unpacks them meanwhile (a SquashFS after an LZMA
 * kernel). Overlaps among them are resolved as the carve loop will; one
 * that the stream turns out to cover is discarded by the loop. At most
 * ENGINE_AHEAD_MAX: a stream can hide any number of valid-looking
 * headers (gzip stored blocks), and each started region costs a node.
 */
static enum assay_status
engine_start_ahead(struct engine *e, struct assay_node *blob,
    const struct carve_hit *hits, size_t nh, size_t u, struct assay_node **spec)
{
    uint64_t spos = hits[u].off + 1;
    unsigned started = 0;

    for (size_t k = u + 1; k < nh && !e->stop && started < ENGINE_AHEAD_MAX;
         k++) {
        const struct carve_hit *h = &hits[k];
        enum assay_status rc;

        if (h->off < spos || h->ex == NULL || spec[k] != NULL)
            continue;
        if (h->len == 0)
            break;
        rc = engine_start(e, blob, h, &spec[k]);
        if (rc != ASSAY_OK)
            return rc;
        started++;
        spos = h->off + h->len;
    }
    return ASSAY_OK;
}

static enum assay_status
engine_carve(struct engine *e, struct assay_node *blob)
{
    const uint8_t *data = blob->data;
    size_t len = (size_t)blob->size, nc, nh;
    struct carve_cand *cands;
    struct carve_hit *hits;
    struct assay_node **spec; /* regions started ahead, by hit */
    struct assay_err err = {0};
    enum assay_status rc;
    uint64_t pos = 0;
    bool capped;

    rc = carve_scan(data, len, &cands, &nc, &capped, &err);
    if (rc != ASSAY_OK) {
        assay_diag(e->s, ASSAY_DIAG_ERROR, "carve", blob->container, -1, "%s",
            err.msg[0] ? err.msg : "carve: scan failed");
        return rc == ASSAY_E_NOMEM ? rc : ASSAY_OK;
    }
    if (capped)
        assay_diag(e->s, ASSAY_DIAG_WARNING, "carve", blob->container, -1,
            "carve: more than %u candidate offsets; the rest are ignored",
            ENGINE_MAX_CANDIDATES);
    hits = assay_malloc((nc + 1) * sizeof(*hits));
    if (hits == NULL) {
        assay_free(cands);
        return ASSAY_E_NOMEM;
    }
    nh = engine_validate(data, len, cands, nc, hits);
    assay_free(cands);
    spec = assay_calloc(nh + 1, sizeof(*spec));
    if (spec == NULL) {
        assay_free(hits);
        return ASSAY_E_NOMEM;
    }

    for (size_t i = 0; i < nh && !e->stop; i++) {
        struct carve_hit *h = &hits[i];
        uint64_t end, next = len, used = 0;
        uint32_t depth = blob->depth + 1;
        struct assay_node *cn;

        if (h->off < pos) {
            /* Inside a region already accounted for: a region started
             * ahead of time turned out to be part of an earlier one. */
            if (spec[i] != NULL) {
                rc = engine_discard_ahead(e, spec[i]);
                if (rc != ASSAY_OK)
                    goto out;
            }
            continue;
        }
        for (size_t k = i + 1; k < nh; k++) {
            if (hits[k].off > h->off) {
                next = hits[k].off;
                break;
            }
        }
        if (h->ex == NULL) {
            /* Recognised, not supported: say so, keep carving after it. */
            end = next;
            assay_diag(e->s, ASSAY_DIAG_NOTE, "carve", blob->container,
                (int64_t)h->off, "carve: %s (%llu bytes) is not supported",
                carve_sig_name(h->sig), (unsigned long long)(end - h->off));
            rc = engine_gap(e, blob, pos, h->off);
            if (rc == ASSAY_OK)
                rc = engine_region(e, blob, h->off, end - h->off,
                    ASSAY_REGION_UNSUPPORTED, carve_sig_name(h->sig), NULL);
            if (rc != ASSAY_OK)
                goto out;
            pos = end;
            continue;
        }
        if (h->len > 0) {
            /* Started ahead already, or now: a job on the queue. */
            cn = spec[i];
            if (cn == NULL && (rc = engine_start(e, blob, h, &cn)) != ASSAY_OK)
                goto out;
            end = h->off + cn->size;
        } else {
            cn = engine_container(
                e, blob, blob->container, h->ex, h->off, depth);
            if (cn == NULL) {
                rc = e->stop ? ASSAY_E_LIMIT : ASSAY_E_NOMEM;
                goto out;
            }
            /* Unknown length: run now, learn where it ended. */
            if (depth <= e->lim->max_depth) {
                bool bogus;

                rc = engine_start_ahead(e, blob, hits, nh, i, spec);
                if (rc != ASSAY_OK)
                    goto out;

                rc = engine_run(e, h->ex, cn, data + h->off,
                    len - (size_t)h->off, h->off, &used, &bogus);
                if (rc != ASSAY_OK)
                    goto out;
                if (bogus)
                    continue; /* pos unchanged: the gap goes on */
            }
            end = used > 0 ? h->off + used : next;
            if (cn->data == NULL) {
                cn->data = data + h->off;
                cn->size = end - h->off;
            }
        }
        rc = engine_gap(e, blob, pos, h->off);
        if (rc == ASSAY_OK)
            rc = engine_region(e, blob, h->off, end - h->off,
                ASSAY_REGION_FORMAT, h->ex->name, cn);
        if (rc != ASSAY_OK)
            goto out;
        pos = end;
    }
    rc = ASSAY_OK;
    if (pos < len && !e->stop)
        rc = engine_gap(e, blob, pos, len);
    /* The scan touched every page; the regions' jobs fault back in only
     * what they read. */
    engine_drop(e, data, len);
out:
    assay_free(spec);
    assay_free(hits);
    return rc;
}

/* Identify a regular file by bid() at offset 0 and unpack it. */
static enum assay_status
engine_identify(struct engine *e, struct assay_node *f)
{
    const struct assay_extractor *best = NULL;
    uint64_t best_len = 0, len;
    int best_bid = 0;
    const char *chain;
    struct assay_node *cn;

    for (size_t i = 0; i < extract_registry_count(); i++) {
        const struct assay_extractor *x = extract_registry_get(i);
        bool magic = false;
        uint64_t flen = 0;
        int bid;

        for (size_t m = 0; x->magics != NULL && x->magics[m] != NULL; m++) {
            if (assay_range_ok(x->magic_offset, x->magic_lens[m], f->size) &&
                memcmp(f->data + x->magic_offset, x->magics[m],
                    x->magic_lens[m]) == 0) {
                magic = true;
                break;
            }
        }
        if (!magic)
            continue;
        bid = x->bid(f->data, (size_t)f->size, &flen);
        if (bid > best_bid) {
            best_bid = bid;
            best = x;
            best_len = flen;
        }
    }
    if (best == NULL)
        return ASSAY_OK;
    chain = assay_arena_printf(e->arena, "%s > %s", f->container, f->path);
    if (chain == NULL)
        return ASSAY_E_NOMEM;
    cn = engine_container(e, f, chain, best, 0, f->fs_root->depth + 1);
    if (cn == NULL)
        return e->stop ? ASSAY_E_LIMIT : ASSAY_E_NOMEM;
    len = best_len > 0 && best_len < f->size ? best_len : f->size;
    cn->data = f->data;
    cn->size = len;
    if (cn->depth > e->lim->max_depth)
        return ASSAY_OK;
    {
        bool bogus;

        return engine_run(e, best, cn, f->data, (size_t)len, 0, NULL, &bogus);
    }
}

static enum assay_status
engine_do(struct engine *e, struct job *j)
{
    switch (j->kind) {
    case JOB_CARVE:
        return engine_carve(e, j->node);
    case JOB_RUN: {
        enum assay_status rc =
            engine_run(e, j->ex, j->node, j->data, j->len, j->base, NULL, NULL);

        engine_drop(e, j->data, j->len);
        return rc;
    }
    case JOB_IDENTIFY:
        return engine_identify(e, j->node);
    }
    return ASSAY_E_INTERNAL;
}

struct worker {
    struct engine *e;
    enum assay_status rc; /* first hard failure (NOMEM) */
};

static void *
engine_worker(void *arg)
{
    struct worker *w = arg;
    struct engine *e = w->e;

    pthread_mutex_lock(&e->lock);
    for (;;) {
        struct job *j;
        enum assay_status rc;

        while (e->head == NULL && e->running > 0)
            pthread_cond_wait(&e->cond, &e->lock);
        if (e->head == NULL)
            break; /* nothing queued and nobody can queue more */
        j = e->head;
        e->head = j->next;
        if (e->head == NULL)
            e->tail = NULL;
        if (e->stop)
            continue;
        e->running++;
        pthread_mutex_unlock(&e->lock);
        rc = engine_do(e, j);
        pthread_mutex_lock(&e->lock);
        e->running--;
        if (rc == ASSAY_E_NOMEM) {
            w->rc = rc;
            e->stop = true;
        }
        pthread_cond_broadcast(&e->cond);
    }
    pthread_cond_broadcast(&e->cond);
    pthread_mutex_unlock(&e->lock);
    return NULL;
}

static enum assay_status
engine_main(struct assay_session *s, const char *name, const uint8_t *data,
    size_t len, bool mapped, struct assay_tree **out)
{
    struct engine e = {0};
    struct worker w[ENGINE_THREADS];
    pthread_t tid[ENGINE_THREADS];
    bool started[ENGINE_THREADS] = {false};
    struct assay_inventory inv;
    struct assay_tree *t;
    struct job j = {.kind = JOB_CARVE};
    enum assay_status rc;

    *out = NULL;
    e.s = s;
    e.arena = assay_session_arena(s);
    e.lim = assay_session_limits(s);
    if (mapped) {
        e.map = data;
        e.map_len = len;
    }
    if (pthread_mutex_init(&e.lock, NULL) != 0)
        return ASSAY_E_NOMEM;
    if (pthread_cond_init(&e.cond, NULL) != 0) {
        pthread_mutex_destroy(&e.lock);
        return ASSAY_E_NOMEM;
    }
    rc = ASSAY_E_NOMEM;
    t = assay_arena_zalloc(e.arena, sizeof(*t));
    e.root = t != NULL ? engine_node_new(&e, NULL, ASSAY_NODE_CONTAINER,
                             assay_arena_strdup(e.arena, name))
                       : NULL;
    if (e.root == NULL || e.root->name == NULL)
        goto out;
    e.nodes = 1;
    e.root->path = "/";
    e.root->container = e.root->name;
    e.root->format = "input";
    e.root->fs_root = e.root;
    e.root->is_fs_root = true;
    e.root->data = data;
    e.root->size = len;
    e.root->offset = 0;
    e.root->mode = 0755;
    j.node = e.root;
    if (len > 0) {
        rc = engine_push(&e, &j);
        if (rc != ASSAY_OK)
            goto out;
    }
    for (unsigned i = 1; i < ENGINE_THREADS; i++) {
        w[i].e = &e;
        w[i].rc = ASSAY_OK;
        started[i] = pthread_create(&tid[i], NULL, engine_worker, &w[i]) == 0;
    }
    w[0].e = &e;
    w[0].rc = ASSAY_OK;
    engine_worker(&w[0]);
    rc = w[0].rc;
    for (unsigned i = 1; i < ENGINE_THREADS; i++) {
        if (started[i]) {
            pthread_join(tid[i], NULL);
            if (w[i].rc != ASSAY_OK)
                rc = w[i].rc;
        }
    }
    if (rc != ASSAY_OK)
        goto out;
    engine_forget_dropped(&e);
    rc = engine_tree_finalise(&e, t);
    if (rc != ASSAY_OK)
        goto out;
    assay_tree_inventory(t, &inv);
    assay_report_set_inventory(assay_session_report(s), &inv);
    *out = t;
    rc = e.stop ? ASSAY_E_LIMIT : ASSAY_OK;
out:
    pthread_cond_destroy(&e.cond);
    pthread_mutex_destroy(&e.lock);
    if (rc == ASSAY_E_NOMEM)
        assay_err_set(assay_session_err(s), rc, "extract: out of memory");
    return rc;
}

enum assay_status
assay_extract_mem(struct assay_session *s, const char *name, const void *data,
    size_t len, struct assay_tree **out)
{
    if (s == NULL || out == NULL || (data == NULL && len > 0))
        return ASSAY_E_USAGE;
    return engine_main(s, name != NULL ? name : "input", data, len, false, out);
}

struct engine_map {
    void *addr; /* mmap()ed input */
    size_t len;
};

static void
engine_unmap(void *arg)
{
    struct engine_map *m = arg;

    munmap(m->addr, m->len);
}

enum assay_status
assay_extract_file(
    struct assay_session *s, const char *path, struct assay_tree **out)
{
    struct engine_map *m;
    struct stat st;
    const char *name;
    void *addr = NULL;
    int fd;

    if (s == NULL || path == NULL || out == NULL)
        return ASSAY_E_USAGE;
    *out = NULL;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return assay_err_set(assay_session_err(s), ASSAY_E_IO,
            "extract: cannot open '%s': %s", path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return assay_err_set(assay_session_err(s), ASSAY_E_IO,
            "extract: '%s' is not a regular file", path);
    }
    if (st.st_size > 0) {
        addr = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (addr == MAP_FAILED) {
            close(fd);
            return assay_err_set(assay_session_err(s), ASSAY_E_IO,
                "extract: cannot map '%s': %s", path, strerror(errno));
        }
        m = assay_arena_alloc(assay_session_arena(s), sizeof(*m));
        if (m == NULL ||
            assay_session_on_free(s, engine_unmap, m) != ASSAY_OK) {
            munmap(addr, (size_t)st.st_size);
            close(fd);
            return ASSAY_E_NOMEM;
        }
        m->addr = addr;
        m->len = (size_t)st.st_size;
        madvise(addr, (size_t)st.st_size, MADV_SEQUENTIAL);
    }
    close(fd);
    name = strrchr(path, '/');
    name = name != NULL && name[1] != '\0' ? name + 1 : path;
    return engine_main(s, name, addr, (size_t)st.st_size, addr != NULL, out);
}
