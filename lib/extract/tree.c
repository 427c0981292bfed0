/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The unpacked tree: node accessors, the canonical order and path lookup.
 *
 * Nodes are built by several worker threads in whatever order extractors
 * emit them; engine_tree_finalise() then sorts every child list (entries
 * by name, then containers by offset and name) and walks the tree depth
 * first, so the order callers see depends only on the input. After that
 * the tree is read-only and lookups need no lock. Lookup resolves
 * symlinks inside the node's own file system only: ".." above its root
 * and more than ASSAY_TREE_MAX_LINKS links give NULL, never another file
 * system.
 */
#include "assay_config.h"

#include <stdlib.h>
#include <string.h>

#include "engine_private.h"

/* Symlinks followed by one lookup (the kernel's MAXSYMLINKS). */
#define TREE_MAX_LINKS 40

struct assay_node *
engine_node_new(struct engine *e, struct assay_node *parent,
    enum assay_node_type type, const char *name)
{
    struct assay_node *n = assay_arena_zalloc(e->arena, sizeof(*n));

    if (n == NULL)
        return NULL;
    n->type = type;
    n->name = name;
    n->offset = -1;
    n->parent = parent;
    pthread_mutex_lock(&e->lock);
    e->made++;
    if (parent != NULL) {
        if (parent->last != NULL)
            parent->last->next = n;
        else
            parent->child = n;
        parent->last = n;
    }
    pthread_mutex_unlock(&e->lock);
    return n;
}

enum assay_status
engine_count_node(struct engine *e)
{
    enum assay_status rc = ASSAY_OK;
    bool warn = false;

    pthread_mutex_lock(&e->lock);
    if (e->nodes >= e->lim->max_nodes) {
        rc = ASSAY_E_LIMIT;
        e->stop = true;
        warn = !e->limit_warned;
        e->limit_warned = true;
    } else {
        e->nodes++;
    }
    pthread_mutex_unlock(&e->lock);
    if (warn)
        assay_diag(e->s, ASSAY_DIAG_ERROR, "extract", NULL, -1,
            "extract: node limit %u reached; the rest of the image is not "
            "unpacked",
            e->lim->max_nodes);
    return rc;
}

enum assay_status
engine_count_bytes(struct engine *e, uint64_t n)
{
    enum assay_status rc = ASSAY_OK;
    uint64_t sum;
    bool warn = false;

    pthread_mutex_lock(&e->lock);
    if (assay_add_ovf(e->bytes, n, &sum) || sum > e->lim->max_total_bytes) {
        rc = ASSAY_E_LIMIT;
        e->stop = true;
        warn = !e->limit_warned;
        e->limit_warned = true;
    } else {
        e->bytes = sum;
    }
    pthread_mutex_unlock(&e->lock);
    if (warn)
        assay_diag(e->s, ASSAY_DIAG_ERROR, "extract", NULL, -1,
            "extract: total output limit of %llu bytes reached; the rest of "
            "the image is not unpacked",
            (unsigned long long)e->lim->max_total_bytes);
    return rc;
}

enum assay_status
engine_region_add(struct engine *e, const struct assay_region *r)
{
    struct region_rec *rec = assay_arena_alloc(e->arena, sizeof(*rec));

    if (rec == NULL)
        return ASSAY_E_NOMEM;
    rec->r = *r;
    pthread_mutex_lock(&e->lock);
    rec->next = e->regions;
    e->regions = rec;
    e->region_count++;
    pthread_mutex_unlock(&e->lock);
    return ASSAY_OK;
}

static bool
node_is_entry(const struct assay_node *n)
{
    return n->type != ASSAY_NODE_CONTAINER;
}

/* Entries first, by name (bytewise); then containers by offset, name. */
static int
node_cmp(const void *pa, const void *pb)
{
    const struct assay_node *a = *(const struct assay_node *const *)pa;
    const struct assay_node *b = *(const struct assay_node *const *)pb;

    if (node_is_entry(a) != node_is_entry(b))
        return node_is_entry(a) ? -1 : 1;
    if (!node_is_entry(a) && a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Sort the children of every node; iterative so depth costs no stack. */
static enum assay_status
tree_sort(struct engine *e, struct assay_node **order, size_t *count)
{
    struct assay_node **stack;
    size_t top = 0, n = 0, cap = (size_t)e->made + 1;

    stack = assay_malloc(cap * sizeof(*stack));
    if (stack == NULL)
        return ASSAY_E_NOMEM;
    stack[top++] = e->root;
    while (top > 0) {
        struct assay_node *p = stack[--top];
        struct assay_node **kids, *c;
        size_t k = 0, nk = 0;

        if (n >= cap)
            break; /* cannot happen: every node was counted */
        order[n++] = p;
        for (c = p->child; c != NULL; c = c->next)
            nk += !c->dead && !c->discarded;
        if (nk == 0) {
            p->child = NULL; /* only false positives hung here */
            p->last = NULL;
            continue;
        }
        kids = assay_arena_array(e->arena, nk, sizeof(*kids));
        if (kids == NULL) {
            assay_free(stack);
            return ASSAY_E_NOMEM;
        }
        for (c = p->child; c != NULL; c = c->next)
            if (!c->dead && !c->discarded)
                kids[k++] = c;
        qsort(kids, nk, sizeof(*kids), node_cmp);
        for (k = 0; k < nk; k++)
            kids[k]->next = k + 1 < nk ? kids[k + 1] : NULL;
        p->child = kids[0];
        p->last = kids[nk - 1];
        p->kids = kids;
        for (k = 0; k < nk && node_is_entry(kids[k]); k++)
            ;
        p->kid_count = k;
        /* Push in reverse so the first child is visited first. */
        for (k = nk; k > 0 && top < cap; k--)
            stack[top++] = kids[k - 1];
    }
    assay_free(stack);
    *count = n;
    return ASSAY_OK;
}

static int
region_cmp(const void *pa, const void *pb)
{
    const struct assay_region *a = pa, *b = pb;
    int c = strcmp(a->blob, b->blob);

    if (c != 0)
        return c;
    if (a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    return (int)a->kind - (int)b->kind;
}

enum assay_status
engine_tree_finalise(struct engine *e, struct assay_tree *t)
{
    struct region_rec *r;
    enum assay_status rc;
    size_t i = 0;

    t->root = e->root;
    t->order =
        assay_arena_array(e->arena, (size_t)e->made + 1, sizeof(*t->order));
    if (t->order == NULL)
        return ASSAY_E_NOMEM;
    rc = tree_sort(e, t->order, &t->node_count);
    if (rc != ASSAY_OK)
        return rc;
    t->regions =
        assay_arena_array(e->arena, e->region_count + 1, sizeof(*t->regions));
    if (t->regions == NULL)
        return ASSAY_E_NOMEM;
    for (r = e->regions; r != NULL; r = r->next)
        t->regions[i++] = r->r;
    t->region_count = i;
    qsort(t->regions, i, sizeof(*t->regions), region_cmp);
    return ASSAY_OK;
}

/* ---- public accessors ---- */

const struct assay_node *
assay_tree_root(const struct assay_tree *t)
{
    return t->root;
}

size_t
assay_tree_node_count(const struct assay_tree *t)
{
    return t->node_count;
}

const struct assay_node *
assay_tree_node(const struct assay_tree *t, size_t i)
{
    return i < t->node_count ? t->order[i] : NULL;
}

size_t
assay_tree_region_count(const struct assay_tree *t)
{
    return t->region_count;
}

const struct assay_region *
assay_tree_region(const struct assay_tree *t, size_t i)
{
    return i < t->region_count ? &t->regions[i] : NULL;
}

const char *
assay_region_kind_name(enum assay_region_kind k)
{
    switch (k) {
    case ASSAY_REGION_FORMAT:
        return "format";
    case ASSAY_REGION_PADDING:
        return "padding";
    case ASSAY_REGION_UNKNOWN:
        return "unknown";
    case ASSAY_REGION_UNSUPPORTED:
        return "unsupported";
    }
    return "unknown";
}

enum assay_node_type
assay_node_type(const struct assay_node *n)
{
    return n->type;
}

const char *
assay_node_name(const struct assay_node *n)
{
    return n->name;
}

const char *
assay_node_path(const struct assay_node *n)
{
    return n->path;
}

const char *
assay_node_container(const struct assay_node *n)
{
    return n->container;
}

const char *
assay_node_format(const struct assay_node *n)
{
    return n->format;
}

uint32_t
assay_node_mode(const struct assay_node *n)
{
    return n->mode;
}

uint32_t
assay_node_uid(const struct assay_node *n)
{
    return n->uid;
}

uint32_t
assay_node_gid(const struct assay_node *n)
{
    return n->gid;
}

int64_t
assay_node_mtime(const struct assay_node *n)
{
    return n->mtime;
}

uint64_t
assay_node_size(const struct assay_node *n)
{
    return n->size;
}

int64_t
assay_node_offset(const struct assay_node *n)
{
    return n->offset;
}

const char *
assay_node_link(const struct assay_node *n)
{
    if (n->type != ASSAY_NODE_SYMLINK && n->type != ASSAY_NODE_HARDLINK)
        return NULL;
    return n->link;
}

const uint8_t *
assay_node_data(const struct assay_node *n, size_t *len)
{
    if ((n->type != ASSAY_NODE_FILE && n->type != ASSAY_NODE_CONTAINER) ||
        n->data == NULL) {
        if (len != NULL)
            *len = 0;
        return NULL;
    }
    if (len != NULL)
        *len = (size_t)n->size;
    return n->data;
}

const uint8_t *
assay_node_xattr(const struct assay_node *n, const char *name, size_t *len)
{
    for (size_t i = 0; i < n->xattr_count; i++) {
        if (strcmp(n->xattrs[i].name, name) == 0) {
            if (len != NULL)
                *len = n->xattrs[i].len;
            return n->xattrs[i].value;
        }
    }
    if (len != NULL)
        *len = 0;
    return NULL;
}

const struct assay_node *
assay_node_parent(const struct assay_node *n)
{
    return n->parent;
}

const struct assay_node *
assay_node_child(const struct assay_node *n)
{
    return n->child;
}

const struct assay_node *
assay_node_next(const struct assay_node *n)
{
    return n->next;
}

const struct assay_node *
assay_node_fs_root(const struct assay_node *n)
{
    return n->fs_root;
}

bool
assay_node_is_fs_root(const struct assay_node *n)
{
    return n->is_fs_root;
}

/* The entry child of 'dir' called name[0..len), or NULL. */
static const struct assay_node *
tree_child(const struct assay_node *dir, const char *name, size_t len)
{
    size_t lo = 0, hi = dir->kid_count;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *k = dir->kids[mid]->name;
        int c = strncmp(k, name, len);

        if (c == 0 && k[len] != '\0')
            c = 1;
        if (c == 0)
            return dir->kids[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/*
 * Walk 'path' from 'cur' (a folder of fs 'root'), following symlinks in
 * the middle always and at the end when 'follow'. '*links' counts the
 * links followed so far across the recursion.
 */
static const struct assay_node *
tree_walk(const struct assay_node *root, const struct assay_node *cur,
    const char *path, bool follow, unsigned *links)
{
    const char *p = path;

    if (*p == '/') {
        cur = root;
        while (*p == '/')
            p++;
    }
    while (*p != '\0') {
        const char *end = strchr(p, '/');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        const char *rest = p + len;
        const struct assay_node *n;
        bool last;

        while (*rest == '/')
            rest++;
        last = *rest == '\0';
        if (cur->type != ASSAY_NODE_DIR && cur != root)
            return NULL;
        if (len == 1 && p[0] == '.') {
            p = rest;
            continue;
        }
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (cur == root)
                return NULL; /* above the file system: outside it */
            cur = cur->parent;
            p = rest;
            continue;
        }
        n = tree_child(cur, p, len);
        if (n == NULL)
            return NULL;
        if (n->type == ASSAY_NODE_SYMLINK && (follow || !last)) {
            if (++*links > TREE_MAX_LINKS || n->link == NULL)
                return NULL;
            n = tree_walk(root, n->parent, n->link, true, links);
            if (n == NULL)
                return NULL;
        }
        cur = n;
        p = rest;
    }
    return cur;
}

const struct assay_node *
assay_node_lookup(const struct assay_node *from, const char *path, bool follow)
{
    const struct assay_node *root, *cur;
    unsigned links = 0;

    if (from == NULL || path == NULL)
        return NULL;
    root = from->fs_root;
    cur = from;
    if (cur != root && cur->type != ASSAY_NODE_DIR)
        cur = cur->parent;
    if (cur == NULL)
        return NULL;
    return tree_walk(root, cur, path, follow, &links);
}

void
assay_tree_inventory(const struct assay_tree *t, struct assay_inventory *inv)
{
    memset(inv, 0, sizeof(*inv));
    for (size_t i = 0; i < t->node_count; i++) {
        const struct assay_node *n = t->order[i];

        switch (n->type) {
        case ASSAY_NODE_FILE:
            inv->files++;
            inv->bytes += n->size;
            if (n->data != NULL && n->size >= 4 &&
                memcmp(n->data, "\177ELF", 4) == 0)
                inv->executables++;
            break;
        case ASSAY_NODE_DIR:
            inv->directories++;
            break;
        case ASSAY_NODE_SYMLINK:
            inv->symlinks++;
            break;
        case ASSAY_NODE_CHARDEV:
        case ASSAY_NODE_BLOCKDEV:
        case ASSAY_NODE_FIFO:
        case ASSAY_NODE_SOCKET:
            inv->devices++;
            break;
        case ASSAY_NODE_CONTAINER:
            if (n != t->root)
                inv->containers++;
            break;
        case ASSAY_NODE_HARDLINK:
            inv->files++;
            break;
        }
    }
}
