/* SPDX-License-Identifier: Apache-2.0 */
/*
 * File and tool helpers for tests that build their input with Debian
 * tools (mksquashfs, mkimage, mkfs.jffs2 ...): run a tool without a
 * shell, write and read whole files, find the shared corpus.
 */
#ifndef ASSAY_T_TOOL_H
#define ASSAY_T_TOOL_H

#include <stddef.h>
#include <stdint.h>

/* Run argv[0] (searched in PATH) with argv, NULL-terminated; its exit
 * status, or -1 when it could not run or died. */
int t_run_tool(const char *const argv[]);
/* Write n bytes to path (created or truncated); 0 or -1. */
int t_write_file(const char *path, const void *p, size_t n);
/* A whole file in a heap buffer (free()), NULL if unreadable. */
uint8_t *t_slurp(const char *path, size_t *len);
/* $ASSAY_SHARED/corpus/real/<rel> read whole, NULL when absent. */
uint8_t *t_corpus(const char *rel, size_t *len);
/* A fresh temporary folder name in buf (mkdtemp), or NULL. */
char *t_tmpdir(char *buf, size_t size);
/* rm -rf of a folder made by t_tmpdir. */
void t_rmdir(const char *dir);

struct assay_tree;
struct assay_node;
/* The node at fs path 'path' made by extractor 'format', or NULL. */
const struct assay_node *t_find_fs(
    const struct assay_tree *t, const char *format, const char *path);
/* The container node whose chain ends with 'suffix', or NULL. */
const struct assay_node *t_find_chain(
    const struct assay_tree *t, const char *suffix);

#endif /* ASSAY_T_TOOL_H */
