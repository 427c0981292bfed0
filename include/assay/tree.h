/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The unpacked tree: what the unpacking engine recovered from an image,
 * and what every static check reads.
 *
 * The tree is built once per session (assay_extract_*) and is read-only
 * afterwards, so checks may read it from several threads. Its top node is
 * the input itself; below it hang the containers found in it, and under a
 * file system's root node the entries of that file system. Every node
 * knows its path from its own file system's root ("/etc/shadow") and the
 * chain of containers that led there ("fw.bin > trx > squashfs@0x1c0000").
 * File bytes are views: into the mapped input where the format stores
 * them plainly, or into buffers the session owns. Symlink targets are kept
 * as data and never followed outside their file system.
 */
#ifndef ASSAY_TREE_H
#define ASSAY_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/status.h"

#ifdef __cplusplus
extern "C" {
#endif

struct assay_session;
struct assay_tree;
struct assay_node;

enum assay_node_type {
    ASSAY_NODE_FILE = 0,
    ASSAY_NODE_DIR = 1,
    ASSAY_NODE_SYMLINK = 2,
    ASSAY_NODE_HARDLINK = 3, /* its link names another entry */
    ASSAY_NODE_CHARDEV = 4,
    ASSAY_NODE_BLOCKDEV = 5,
    ASSAY_NODE_FIFO = 6,
    ASSAY_NODE_SOCKET = 7,
    ASSAY_NODE_CONTAINER = 8 /* a container or file system found in data */
};

/*
 * Unpack the file at 'path' (mapped read-only) or 'len' bytes at 'data'
 * (borrowed: must outlive the session) completely. Damage is reported as
 * diagnostics in the session report and unpacking goes on; the tree
 * holds whatever could be recovered. Returns ASSAY_OK, ASSAY_E_IO (path
 * unreadable), ASSAY_E_LIMIT (a hard limit stopped the walk; the tree is
 * still valid) or ASSAY_E_NOMEM. *out lives in the session.
 */
ASSAY_API enum assay_status assay_extract_file(
    struct assay_session *s, const char *path, struct assay_tree **out);
ASSAY_API enum assay_status assay_extract_mem(struct assay_session *s,
    const char *name, const void *data, size_t len, struct assay_tree **out);

/* The node for the input itself. */
ASSAY_API const struct assay_node *assay_tree_root(const struct assay_tree *t);
/* All nodes in canonical (depth-first, name-sorted) order. */
ASSAY_API size_t assay_tree_node_count(const struct assay_tree *t);
ASSAY_API const struct assay_node *assay_tree_node(
    const struct assay_tree *t, size_t i);

ASSAY_API enum assay_node_type assay_node_type(const struct assay_node *n);
/* Last path component ("shadow"); for containers their label. */
ASSAY_API const char *assay_node_name(const struct assay_node *n);
/* Path from the root of the file system holding it ("/etc/shadow"). */
ASSAY_API const char *assay_node_path(const struct assay_node *n);
/* Chain of containers that led to its file system, e.g.
 * "fw.bin > trx@0x0 > squashfs@0x1c0000". */
ASSAY_API const char *assay_node_container(const struct assay_node *n);
/* The format that produced it ("squashfs", "tar" ...). */
ASSAY_API const char *assay_node_format(const struct assay_node *n);
ASSAY_API uint32_t assay_node_mode(const struct assay_node *n);
ASSAY_API uint32_t assay_node_uid(const struct assay_node *n);
ASSAY_API uint32_t assay_node_gid(const struct assay_node *n);
ASSAY_API int64_t assay_node_mtime(const struct assay_node *n);
ASSAY_API uint64_t assay_node_size(const struct assay_node *n);
/* Offset of the node's bytes in the enclosing container, -1 unknown. */
ASSAY_API int64_t assay_node_offset(const struct assay_node *n);
/* Symlink or hard-link target as stored, NULL for other types. */
ASSAY_API const char *assay_node_link(const struct assay_node *n);
/* Bytes of a regular file or container; NULL otherwise. Borrowed for the
 * session. */
ASSAY_API const uint8_t *assay_node_data(
    const struct assay_node *n, size_t *len);
/* Extended attribute value (e.g. "security.capability"), NULL if none. */
ASSAY_API const uint8_t *assay_node_xattr(
    const struct assay_node *n, const char *name, size_t *len);

ASSAY_API const struct assay_node *assay_node_parent(
    const struct assay_node *n);
ASSAY_API const struct assay_node *assay_node_child(const struct assay_node *n);
ASSAY_API const struct assay_node *assay_node_next(const struct assay_node *n);
/* The root node of the file system holding 'n' (itself for a root). */
ASSAY_API const struct assay_node *assay_node_fs_root(
    const struct assay_node *n);
ASSAY_API bool assay_node_is_fs_root(const struct assay_node *n);

/*
 * Find 'path' ("/etc/passwd", or relative to 'from') inside the file
 * system that holds 'from'. With 'follow', symlinks are resolved inside
 * that file system only (absolute targets from its root; at most 40
 * links); a target outside it resolves to NULL. NULL when absent.
 */
ASSAY_API const struct assay_node *assay_node_lookup(
    const struct assay_node *from, const char *path, bool follow);

/*
 * Write the tree under 'dir' (created; must be empty or absent): regular
 * files, folders and symlinks (targets as stored, never followed); modes
 * kept where an ordinary user can; ownership, device nodes and anything
 * not representable recorded in 'dir'/.assay-manifest.json. Never writes
 * outside 'dir'.
 */
ASSAY_API enum assay_status assay_tree_write(
    struct assay_session *s, const struct assay_tree *t, const char *dir);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_TREE_H */
