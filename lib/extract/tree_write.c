/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Writing the tree to disk as an ordinary user (assay_tree_write).
 *
 * Safety comes from never resolving a path: every object is created with
 * the *at() calls relative to an open folder descriptor, folders are
 * opened with O_NOFOLLOW|O_DIRECTORY and files created with
 * O_CREAT|O_EXCL|O_NOFOLLOW, so a symlink written earlier (whatever its
 * target, "../../../etc" included) can never be followed by a later
 * write, and nothing is ever written outside 'dir'. Layout: the input's
 * containers are folders named like "squashfs@0x120200"; a file system's
 * entries are below its folder; a stream's decoded bytes are the file
 * ".payload" in its folder; containers found inside a regular file go to
 * "<file>.extracted/". What a user cannot create (ownership, device
 * nodes, FIFOs, sockets, setgid to a foreign group, xattrs) is recorded in
 * "<dir>/.assay-manifest.json" with the full metadata of every node.
 */
#include "assay_config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "../report/report_private.h"
#include "engine_private.h"

/* Folder nesting written; deeper entries are only in the manifest. */
#define WRITE_MAX_DEPTH 256u

struct tw {
    struct assay_session *s;
    struct json_emit j;   /* manifest entries */
    struct assay_buf rel; /* current disk path relative to dir */
    unsigned failures;    /* objects that could not be written */
};

/* A safe single component for 'name' into buf (never "", ".", ".."). */
static void
tw_component(const char *name, char *buf, size_t cap)
{
    size_t n = 0;

    for (const char *p = name; *p != '\0' && n + 1 < cap; p++)
        buf[n++] = *p == '/' ? '_' : *p;
    buf[n] = '\0';
    if (n == 0 || strcmp(buf, ".") == 0 || strcmp(buf, "..") == 0)
        snprintf(buf, cap, "_%s", n == 0 ? "unnamed" : name);
}

static void
tw_manifest(struct tw *w, const struct assay_node *n, const char *disk,
    bool written, const char *note)
{
    struct json_emit *j = &w->j;

    json_obj_begin(j);
    json_kv_str(j, "path", disk);
    json_kv_str(j, "fs_path", n->path);
    extract_node_json(j, n, true);
    json_kv_bool(j, "written", written);
    json_kv_str_opt(j, "note", note);
    json_obj_end(j);
}

static enum assay_status
tw_write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return ASSAY_E_IO;
        }
        p += w;
        n -= (size_t)w;
    }
    return ASSAY_OK;
}

static bool
tw_file(struct tw *w, int dfd, const char *name, const uint8_t *data,
    size_t len, uint32_t mode)
{
    int fd = openat(
        dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    bool ok;

    if (fd < 0)
        return false;
    ok = tw_write_all(fd, data, len) == ASSAY_OK;
    /* setuid/setgid/sticky kept where the kernel lets an owner. */
    (void)fchmod(fd, mode & 07777);
    if (close(fd) != 0)
        ok = false;
    (void)w;
    return ok;
}

/* Push "/name" on w->rel; returns the old length for tw_pop. */
static size_t
tw_push(struct tw *w, const char *name)
{
    size_t old = w->rel.len;

    if (old > 0)
        (void)assay_buf_putc(&w->rel, '/');
    (void)assay_buf_puts(&w->rel, name);
    return old;
}

static void
tw_pop(struct tw *w, size_t old)
{
    w->rel.len = old;
    if (w->rel.data != NULL)
        w->rel.data[old] = '\0';
}

static void tw_children(struct tw *w, int dfd, const struct assay_node *p,
    bool entries, unsigned depth);

static int
tw_mkdir(int dfd, const char *name)
{
    if (mkdirat(dfd, name, 0700) != 0 && errno != EEXIST)
        return -1;
    return openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

static void
tw_node(struct tw *w, int dfd, const struct assay_node *n, unsigned depth)
{
    char name[256];
    const struct assay_node *t;
    bool ok = false;
    const char *note = NULL;
    size_t old;
    int fd;

    tw_component(n->name, name, sizeof(name));
    old = tw_push(w, name);
    if (depth > WRITE_MAX_DEPTH) {
        tw_manifest(w, n, w->rel.data, false, "nested too deep to write");
        tw_pop(w, old);
        return;
    }
    switch (n->type) {
    case ASSAY_NODE_CONTAINER:
    case ASSAY_NODE_DIR:
        fd = tw_mkdir(dfd, name);
        ok = fd >= 0;
        tw_manifest(w, n, w->rel.data, ok, ok ? NULL : strerror(errno));
        if (fd >= 0) {
            if (n->type == ASSAY_NODE_CONTAINER && n->data != NULL &&
                n->decoded) {
                size_t o2 = tw_push(w, ".payload");

                if (!tw_file(w, fd, ".payload", n->data, (size_t)n->size, 0644))
                    w->failures++;
                tw_pop(w, o2);
            }
            tw_children(w, fd, n, true, depth + 1);
            tw_children(w, fd, n, false, depth + 1);
            (void)fchmod(fd, (n->mode & 07777) | 0700);
            close(fd);
        }
        break;
    case ASSAY_NODE_FILE:
        ok = tw_file(
            w, dfd, name, n->data, n->data ? (size_t)n->size : 0, n->mode);
        tw_manifest(w, n, w->rel.data, ok, ok ? NULL : strerror(errno));
        break;
    case ASSAY_NODE_SYMLINK:
        ok = n->link != NULL && symlinkat(n->link, dfd, name) == 0;
        tw_manifest(w, n, w->rel.data, ok, ok ? NULL : "symlink not made");
        break;
    case ASSAY_NODE_HARDLINK:
        t = n->link != NULL ? assay_node_lookup(n->fs_root, n->link, false)
                            : NULL;
        if (t != NULL && t->type == ASSAY_NODE_FILE) {
            ok = tw_file(
                w, dfd, name, t->data, t->data ? (size_t)t->size : 0, t->mode);
            note = "hard link written as a copy of its target";
        } else {
            note = "hard link target not found";
        }
        tw_manifest(w, n, w->rel.data, ok, note);
        break;
    default:
        tw_manifest(w, n, w->rel.data, false,
            "special file recorded only (not creatable as a user)");
        ok = true;
        break;
    }
    if (!ok)
        w->failures++;
    tw_pop(w, old);
}

/* Write the entry children, or the container children, of 'p'. */
static void
tw_children(struct tw *w, int dfd, const struct assay_node *p, bool entries,
    unsigned depth)
{
    for (const struct assay_node *c = p->child; c != NULL; c = c->next) {
        bool is_entry = c->type != ASSAY_NODE_CONTAINER;

        if (is_entry != entries)
            continue;
        if (!entries && p->type == ASSAY_NODE_FILE)
            continue; /* handled by the caller via .extracted */
        tw_node(w, dfd, c, depth);
        if (c->type == ASSAY_NODE_FILE && c->child != NULL) {
            char name[300];
            size_t old;
            int xfd;

            tw_component(c->name, name, 256);
            strncat(name, ".extracted", sizeof(name) - strlen(name) - 1);
            old = tw_push(w, name);
            xfd = tw_mkdir(dfd, name);
            if (xfd >= 0) {
                for (const struct assay_node *k = c->child; k != NULL;
                     k = k->next)
                    tw_node(w, xfd, k, depth + 1);
                close(xfd);
            } else {
                w->failures++;
            }
            tw_pop(w, old);
        }
    }
}

static enum assay_status
tw_dir_empty(const char *dir, bool *empty)
{
    DIR *d = opendir(dir);
    struct dirent *de;

    *empty = true;
    if (d == NULL)
        return ASSAY_E_IO;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
            *empty = false;
            break;
        }
    }
    closedir(d);
    return ASSAY_OK;
}

enum assay_status
assay_tree_write(
    struct assay_session *s, const struct assay_tree *t, const char *dir)
{
    struct assay_err *err = assay_session_err(s);
    struct assay_buf man;
    struct tw w;
    enum assay_status rc;
    bool empty;
    int dfd, fd;

    if (t == NULL || dir == NULL)
        return ASSAY_E_USAGE;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return assay_err_set(err, ASSAY_E_IO, "extract: cannot create '%s': %s",
            dir, strerror(errno));
    if (tw_dir_empty(dir, &empty) != ASSAY_OK || !empty)
        return assay_err_set(err, ASSAY_E_IO,
            "extract: output folder '%s' is not an empty folder", dir);
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return assay_err_set(err, ASSAY_E_IO, "extract: cannot open '%s': %s",
            dir, strerror(errno));
    memset(&w, 0, sizeof(w));
    w.s = s;
    assay_buf_init(&w.rel, 1u << 20);
    assay_buf_init(&man, REPORT_OUT_CAP);
    json_init(&w.j, &man);
    json_obj_begin(&w.j);
    json_kv_str(&w.j, "schema", "assay-manifest/1");
    json_kv_str(&w.j, "input", t->root->name);
    json_key(&w.j, "entries");
    json_arr_begin(&w.j);
    tw_children(&w, dfd, t->root, true, 0);
    tw_children(&w, dfd, t->root, false, 0);
    json_arr_end(&w.j);
    json_kv_uint(&w.j, "failures", w.failures);
    json_obj_end(&w.j);
    rc = json_finish(&w.j);
    if (rc == ASSAY_OK) {
        fd = openat(dfd, ".assay-manifest.json",
            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0 ||
            tw_write_all(fd, (const uint8_t *)man.data, man.len) != ASSAY_OK)
            rc = assay_err_set(err, ASSAY_E_IO,
                "extract: cannot write the manifest in '%s'", dir);
        if (fd >= 0 && close(fd) != 0 && rc == ASSAY_OK)
            rc = ASSAY_E_IO;
    }
    if (w.failures > 0)
        assay_diag(s, ASSAY_DIAG_WARNING, "extract", dir, -1,
            "extract: %u objects could not be written under '%s'", w.failures,
            dir);
    assay_buf_release(&man);
    assay_buf_release(&w.rel);
    close(dfd);
    return rc;
}
