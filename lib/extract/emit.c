/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The extractor side of the engine: every ex_*() call of
 * extract_private.h. This is where hostile paths and sizes are stopped:
 * paths are normalised ("./a//b" -> "a/b"), ".." components and NULs are
 * refused, parents that are not folders are refused (a symlink named
 * "bin" cannot smuggle "bin/x" elsewhere), and every node and produced
 * byte is counted against the session's limits. Paths are looked up in a
 * per-container hash map that only the thread running that container's
 * extractor touches.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "engine_private.h"

/* ---- path map: normalised path -> node, one per container ---- */

struct path_slot {
    const char *path; /* normalised, no leading '/', arena */
    struct assay_node *node;
};

struct path_map {
    struct path_slot *slots; /* heap, 'cap' entries, power of two */
    size_t cap;
    size_t used;
};

static uint64_t
map_hash(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */

    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)p[i];
        h *= 1099511628211ull;
    }
    return h;
}

struct path_map *
engine_map_new(void)
{
    return assay_calloc(1, sizeof(struct path_map));
}

void
engine_map_free(struct path_map *m)
{
    if (m == NULL)
        return;
    assay_free(m->slots);
    assay_free(m);
}

static struct path_slot *
map_find(struct path_map *m, const char *p, size_t n)
{
    size_t i = (size_t)map_hash(p, n) & (m->cap - 1);

    for (;;) {
        struct path_slot *s = &m->slots[i];

        if (s->path == NULL ||
            (strncmp(s->path, p, n) == 0 && s->path[n] == '\0'))
            return s;
        i = (i + 1) & (m->cap - 1);
    }
}

static enum assay_status
map_grow(struct path_map *m)
{
    struct path_slot *old = m->slots;
    size_t ocap = m->cap, ncap = ocap ? ocap * 2 : 256;

    m->slots = assay_calloc(ncap, sizeof(*m->slots));
    if (m->slots == NULL) {
        m->slots = old;
        return ASSAY_E_NOMEM;
    }
    m->cap = ncap;
    for (size_t i = 0; i < ocap; i++) {
        if (old[i].path != NULL)
            *map_find(m, old[i].path, strlen(old[i].path)) = old[i];
    }
    assay_free(old);
    return ASSAY_OK;
}

static enum assay_status
map_put(struct path_map *m, const char *path, struct assay_node *n)
{
    struct path_slot *s;

    if ((m->used + 1) * 2 > m->cap && map_grow(m) != ASSAY_OK)
        return ASSAY_E_NOMEM;
    s = map_find(m, path, strlen(path));
    if (s->path == NULL)
        m->used++;
    s->path = path;
    s->node = n;
    return ASSAY_OK;
}

static struct assay_node *
map_get(struct path_map *m, const char *p, size_t n)
{
    if (m->cap == 0)
        return NULL;
    return map_find(m, p, n)->node;
}

/* Output below this never counts as a bomb: sparse file system images
 * (an ext3 image of 3 MiB in a 3 KiB xz) legitimately exceed any ratio. */
#define EX_RATIO_FLOOR (16u << 20)

/* ---- helpers ---- */

static void ctx_diag(struct ex_ctx *c, enum assay_diag_level lv, int64_t offset,
    const char *fmt, ...) ASSAY_PRINTF(4, 5);

static void
ctx_diag(struct ex_ctx *c, enum assay_diag_level lv, int64_t offset,
    const char *fmt, ...)
{
    char msg[768];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    /* The file is the region's container chain ("fw.bin > uimage@0x40"),
     * which says where the region starts; the offset counts from there. */
    assay_diag(c->eng->s, lv, c->ex->name,
        c->in != NULL ? c->in->name : c->cnode->container,
        offset < 0 ? -1 : offset, "%s: %s", c->ex->name, msg);
}

void
ex_warn(struct ex_ctx *c, int64_t offset, const char *fmt, ...)
{
    char msg[768];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    ctx_diag(c, ASSAY_DIAG_WARNING, offset, "%s", msg);
}

struct assay_session *
ex_session(struct ex_ctx *c)
{
    return c->eng->s;
}

void
ex_set_consumed(struct ex_ctx *c, uint64_t len)
{
    c->consumed = len;
}

void
ex_release(struct ex_ctx *c, uint64_t off, uint64_t len)
{
    if (assay_range_ok(off, len, c->in->len))
        engine_drop(c->eng, c->in->data + off, (size_t)len);
}

void
ex_buf_init(struct ex_ctx *c, struct assay_buf *b, size_t in_len)
{
    const struct assay_limits *lim = c->eng->lim;
    uint64_t cap = lim->max_file_bytes, left, ratio;

    pthread_mutex_lock(&c->eng->lock);
    left = lim->max_total_bytes - c->eng->bytes;
    pthread_mutex_unlock(&c->eng->lock);
    if (left < cap)
        cap = left;
    if (assay_mul_ovf(in_len, lim->max_ratio, &ratio) ||
        assay_add_ovf(ratio, EX_RATIO_FLOOR, &ratio))
        ratio = UINT64_MAX;
    if (ratio < cap)
        cap = ratio;
    if (cap > SIZE_MAX - 1)
        cap = SIZE_MAX - 1;
    assay_buf_init(b, (size_t)cap);
}

enum assay_status
ex_ratio_check(struct ex_ctx *c, uint64_t in_used, uint64_t out_len)
{
    uint64_t max;

    if (assay_mul_ovf(in_used, c->eng->lim->max_ratio, &max))
        return ASSAY_OK;
    if (out_len <= max || out_len <= EX_RATIO_FLOOR)
        return ASSAY_OK;
    ctx_diag(c, ASSAY_DIAG_ERROR, (int64_t)in_used,
        "output of %llu bytes from %llu input bytes exceeds the expansion "
        "limit %u; treated as a decompression bomb and cut",
        (unsigned long long)out_len, (unsigned long long)in_used,
        c->eng->lim->max_ratio);
    return ASSAY_E_LIMIT;
}

/*
 * Normalise 'path' into 'out' (no leading '/', no "." or empty parts).
 * ASSAY_E_CORRUPT for "..", ASSAY_E_LIMIT when longer than 'cap' - 1.
 */
static enum assay_status
path_normalise(const char *path, char *out, size_t cap)
{
    size_t o = 0;
    const char *p = path;

    while (*p != '\0') {
        const char *end;
        size_t len;

        while (*p == '/')
            p++;
        if (*p == '\0')
            break;
        end = strchr(p, '/');
        len = end != NULL ? (size_t)(end - p) : strlen(p);
        if (len == 2 && p[0] == '.' && p[1] == '.')
            return ASSAY_E_CORRUPT;
        if (!(len == 1 && p[0] == '.')) {
            if (o + len + 2 > cap)
                return ASSAY_E_LIMIT;
            if (o > 0)
                out[o++] = '/';
            memcpy(out + o, p, len);
            o += len;
        }
        p += len;
    }
    out[o] = '\0';
    return ASSAY_OK;
}

/* A node below c->cnode at normalised 'rel' (arena copy made here). */
static struct assay_node *
ctx_new_node(struct ex_ctx *c, struct assay_node *parent,
    enum assay_node_type type, const char *rel, size_t rel_len)
{
    struct engine *e = c->eng;
    const char *slash = NULL;
    char *path;
    struct assay_node *n;

    for (size_t i = 0; i < rel_len; i++)
        if (rel[i] == '/')
            slash = rel + i;
    path = assay_arena_alloc(e->arena, rel_len + 2);
    if (path == NULL)
        return NULL;
    path[0] = '/';
    memcpy(path + 1, rel, rel_len);
    path[rel_len + 1] = '\0';
    n = engine_node_new(e, parent, type,
        slash != NULL ? path + 1 + (slash - rel) + 1 : path + 1);
    if (n == NULL)
        return NULL;
    n->path = path;
    n->container = c->cnode->container;
    n->format = c->ex->name;
    n->fs_root = c->cnode;
    n->depth = c->cnode->depth;
    if (map_put(c->map, path + 1, n) != ASSAY_OK)
        return NULL;
    return n;
}

/* The folder 'rel[0..len)' of this container, made implicitly if absent. */
static enum assay_status
ctx_parent(struct ex_ctx *c, const char *rel, size_t len, int64_t offset,
    struct assay_node **out)
{
    struct assay_node *dir = c->cnode, *n;
    size_t i = 0;
    enum assay_status rc;

    while (i < len) {
        size_t j = i;

        while (j < len && rel[j] != '/')
            j++;
        n = map_get(c->map, rel, j);
        if (n == NULL) {
            rc = engine_count_node(c->eng);
            if (rc != ASSAY_OK)
                return rc;
            n = ctx_new_node(c, dir, ASSAY_NODE_DIR, rel, j);
            if (n == NULL)
                return ASSAY_E_NOMEM;
            n->mode = 0755;
            n->implicit = true;
        } else if (n->type != ASSAY_NODE_DIR) {
            ctx_diag(c, ASSAY_DIAG_WARNING, offset,
                "entry '/%.200s' lies below '/%.*s', which is not a folder: "
                "refused",
                rel, (int)j, rel);
            return ASSAY_E_CORRUPT;
        }
        dir = n;
        i = j + 1;
    }
    *out = dir;
    return ASSAY_OK;
}

static void
node_set_meta(struct assay_node *n, const struct ex_entry *e)
{
    n->type = e->type;
    n->mode = e->mode & 07777;
    n->uid = e->uid;
    n->gid = e->gid;
    n->mtime = e->mtime;
    n->rdev_major = e->rdev_major;
    n->rdev_minor = e->rdev_minor;
    n->offset = (int64_t)e->offset;
    n->implicit = false;
}

/* Emit the entry and return its node (NULL with a status on refusal). */
static enum assay_status
emit_node(struct ex_ctx *c, const struct ex_entry *e, struct assay_node **out)
{
    struct engine *e_ = c->eng;
    size_t cap = (size_t)e_->lim->max_path + 2, len;
    const char *slash;
    struct assay_node *parent, *n;
    enum assay_status rc;
    char *rel;

    *out = NULL;
    if (e_->stop)
        return ASSAY_E_LIMIT;
    if (e->path == NULL || (unsigned)e->type > ASSAY_NODE_SOCKET) {
        ctx_diag(c, ASSAY_DIAG_WARNING, (int64_t)e->offset,
            "entry without a path or with a bad type: refused");
        return ASSAY_E_CORRUPT;
    }
    rel = assay_malloc(cap);
    if (rel == NULL)
        return ASSAY_E_NOMEM;
    rc = path_normalise(e->path, rel, cap);
    if (rc != ASSAY_OK) {
        ctx_diag(c, ASSAY_DIAG_WARNING, (int64_t)e->offset,
            rc == ASSAY_E_CORRUPT ? "entry '%.200s' escapes the root: refused"
                                  : "entry '%.200s' is longer than the path "
                                    "limit: refused",
            e->path);
        rc = ASSAY_E_CORRUPT;
        goto out_free;
    }
    len = strlen(rel);
    if (len == 0) {
        /* The root folder itself: keep its metadata on the container. */
        if (e->type != ASSAY_NODE_DIR) {
            ctx_diag(c, ASSAY_DIAG_WARNING, (int64_t)e->offset,
                "entry '%.200s' names the root but is not a folder: refused",
                e->path);
            rc = ASSAY_E_CORRUPT;
            goto out_free;
        }
        c->cnode->mode = e->mode & 07777;
        c->cnode->uid = e->uid;
        c->cnode->gid = e->gid;
        c->cnode->mtime = e->mtime;
        c->last = c->cnode;
        goto out_free;
    }
    slash = strrchr(rel, '/');
    rc = ctx_parent(c, rel, slash != NULL ? (size_t)(slash - rel) : 0,
        (int64_t)e->offset, &parent);
    if (rc != ASSAY_OK)
        goto out_free;
    n = map_get(c->map, rel, len);
    if (n != NULL) {
        if (n->type == ASSAY_NODE_DIR && n->child != NULL &&
            e->type != ASSAY_NODE_DIR) {
            ctx_diag(c, ASSAY_DIAG_WARNING, (int64_t)e->offset,
                "entry '/%.200s' would replace a folder: refused", rel);
            rc = ASSAY_E_CORRUPT;
            goto out_free;
        }
        if (n->type != ASSAY_NODE_DIR || e->type != ASSAY_NODE_DIR) {
            /* A later entry for the same path wins (tar semantics). The
             * earlier node is unlinked, not changed: the other worker may
             * be identifying its bytes right now. */
            n->discarded = true;
            n = NULL;
        }
    }
    if (n == NULL) {
        rc = engine_count_node(e_);
        if (rc != ASSAY_OK)
            goto out_free;
        n = ctx_new_node(c, parent, e->type, rel, len);
        if (n == NULL) {
            rc = ASSAY_E_NOMEM;
            goto out_free;
        }
    }
    node_set_meta(n, e);
    if ((e->type == ASSAY_NODE_SYMLINK || e->type == ASSAY_NODE_HARDLINK) &&
        e->link != NULL) {
        if (strlen(e->link) > e_->lim->max_path) {
            ctx_diag(c, ASSAY_DIAG_WARNING, (int64_t)e->offset,
                "link target of '/%.200s' is longer than the path limit", rel);
            n->link = "";
        } else {
            n->link = assay_arena_strdup(e_->arena, e->link);
            if (n->link == NULL) {
                rc = ASSAY_E_NOMEM;
                goto out_free;
            }
        }
    }
    c->last = n;
    *out = n;
out_free:
    assay_free(rel);
    return rc;
}

enum assay_status
ex_emit_entry(struct ex_ctx *c, const struct ex_entry *e)
{
    struct assay_node *n;

    return emit_node(c, e, &n);
}

static bool
ctx_in_input(const struct ex_ctx *c, const uint8_t *data, size_t len)
{
    uintptr_t b = (uintptr_t)c->in->data, p = (uintptr_t)data;

    return p >= b && assay_range_ok(p - b, len, c->in->len);
}

/* Give node 'n' the bytes data[0..len), owned by the session if 'owned'. */
static enum assay_status
node_set_data(struct ex_ctx *c, struct assay_node *n, const uint8_t *data,
    size_t len, bool owned)
{
    enum assay_status rc;
    uint8_t *copy;

    if (owned || len == 0 || ctx_in_input(c, data, len)) {
        n->data = data;
        n->size = len;
        if (!owned && len > 0 && n->type == ASSAY_NODE_FILE)
            n->offset = data - c->in->data; /* where the bytes lie */
        return ASSAY_OK;
    }
    rc = engine_count_bytes(c->eng, len);
    if (rc != ASSAY_OK)
        return rc;
    copy = assay_malloc(len);
    if (copy == NULL)
        return ASSAY_E_NOMEM;
    memcpy(copy, data, len);
    rc = engine_keep(c->eng, copy);
    if (rc != ASSAY_OK)
        return rc;
    n->data = copy;
    n->size = len;
    return ASSAY_OK;
}

static enum assay_status
emit_file(struct ex_ctx *c, const struct ex_entry *e, const uint8_t *data,
    size_t len, bool owned)
{
    struct ex_entry fe = *e;
    struct assay_node *n;
    enum assay_status rc;

    fe.type = ASSAY_NODE_FILE;
    rc = emit_node(c, &fe, &n);
    if (rc != ASSAY_OK)
        return rc;
    if (n == NULL)
        return ASSAY_E_INTERNAL; /* emit_node gives a node for files */
    rc = node_set_data(c, n, data, len, owned);
    if (rc != ASSAY_OK)
        return rc;
    if (len >= ENGINE_MIN_FILE)
        return engine_queue_file(c->eng, n);
    return ASSAY_OK;
}

enum assay_status
ex_emit_file(
    struct ex_ctx *c, const struct ex_entry *e, const uint8_t *data, size_t len)
{
    return emit_file(c, e, data, len, false);
}

/* Take the bytes of 'b' for the session; *data NULL when empty. */
static enum assay_status
ctx_take_buf(struct ex_ctx *c, struct assay_buf *b, uint8_t **data, size_t *len)
{
    enum assay_status rc;
    char *p;

    *data = NULL;
    *len = 0;
    rc = engine_count_bytes(c->eng, b->len);
    if (rc != ASSAY_OK) {
        assay_buf_release(b);
        return rc;
    }
    p = assay_buf_detach(b, len);
    if (p == NULL)
        return ASSAY_OK;
    {
        /* The buffer grew by doubling: give the slack back, since the
         * bytes stay for the whole session (peak RSS). */
        char *fit = assay_realloc(p, *len + 1);

        if (fit != NULL)
            p = fit;
    }
    rc = engine_keep(c->eng, p);
    if (rc != ASSAY_OK)
        return rc;
    *data = (uint8_t *)p;
    return ASSAY_OK;
}

enum assay_status
ex_emit_file_buf(
    struct ex_ctx *c, const struct ex_entry *e, struct assay_buf *b)
{
    enum assay_status rc;
    uint8_t *data;
    size_t len;

    rc = ctx_take_buf(c, b, &data, &len);
    if (rc != ASSAY_OK)
        return rc;
    return emit_file(c, e, data, len, true);
}

enum assay_status
ex_emit_xattrs(struct ex_ctx *c, const struct ex_xattr *x, size_t n)
{
    struct assay_node *node = c->last;
    struct node_xattr *arr;

    if (node == NULL || n == 0)
        return ASSAY_OK;
    arr = assay_arena_array(c->eng->arena, n, sizeof(*arr));
    if (arr == NULL)
        return ASSAY_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        uint8_t *v = assay_arena_alloc(c->eng->arena, x[i].len + 1);

        arr[i].name = assay_arena_strdup(c->eng->arena, x[i].name);
        if (v == NULL || arr[i].name == NULL)
            return ASSAY_E_NOMEM;
        if (x[i].len > 0)
            memcpy(v, x[i].value, x[i].len);
        v[x[i].len] = 0;
        arr[i].value = v;
        arr[i].len = x[i].len;
    }
    node->xattrs = arr;
    node->xattr_count = n;
    return ASSAY_OK;
}

static enum assay_status
emit_payload(struct ex_ctx *c, const char *label, const uint8_t *data,
    size_t len, bool owned)
{
    struct engine *e = c->eng;
    struct assay_node *n;
    enum assay_status rc;

    if (e->stop)
        return ASSAY_E_LIMIT;
    if ((label == NULL || label[0] == '\0') && c->payloads == 0 &&
        !c->cnode->decoded) {
        /* The stream's one payload: it becomes the container's bytes. */
        c->payloads++;
        c->cnode->decoded = true;
        rc = node_set_data(c, c->cnode, data, len, owned);
        if (rc != ASSAY_OK)
            return rc;
        return engine_queue_blob(e, c->cnode);
    }
    rc = engine_count_node(e);
    if (rc != ASSAY_OK)
        return rc;
    c->payloads++;
    if (label == NULL || label[0] == '\0')
        label = assay_arena_printf(e->arena, "payload-%u", c->payloads);
    else
        label = assay_arena_strdup(e->arena, label);
    if (label == NULL)
        return ASSAY_E_NOMEM;
    n = engine_node_new(e, c->cnode, ASSAY_NODE_CONTAINER, label);
    if (n == NULL)
        return ASSAY_E_NOMEM;
    n->path = "/";
    n->container =
        assay_arena_printf(e->arena, "%s > %s", c->cnode->container, label);
    if (n->container == NULL)
        return ASSAY_E_NOMEM;
    n->format = c->ex->name;
    n->fs_root = n;
    n->is_fs_root = true;
    n->depth = c->cnode->depth + 1;
    n->offset = ctx_in_input(c, data, len) ? data - c->in->data : -1;
    n->mode = 0755;
    n->decoded = true;
    rc = node_set_data(c, n, data, len, owned);
    if (rc != ASSAY_OK)
        return rc;
    return engine_queue_blob(e, n);
}

enum assay_status
ex_emit_payload(
    struct ex_ctx *c, const char *label, const uint8_t *data, size_t len)
{
    return emit_payload(c, label, data, len, false);
}

enum assay_status
ex_emit_payload_buf(struct ex_ctx *c, const char *label, struct assay_buf *b)
{
    enum assay_status rc;
    uint8_t *data;
    size_t len;

    rc = ctx_take_buf(c, b, &data, &len);
    if (rc != ASSAY_OK)
        return rc;
    return emit_payload(c, label, data, len, true);
}
