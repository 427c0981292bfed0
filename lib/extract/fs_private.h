/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helpers shared by the file-system extractors written without a library
 * (squashfs-vendor, jffs2, ubifs, yaffs2, cramfs, romfs): byte-order
 * readers chosen at run time, the kernel's raw CRC-32, mode-to-node-type
 * mapping, entry-name checks, and a memory of emitted inodes for hard
 * links. Internal to lib/extract.
 */
#ifndef ASSAY_EXTRACT_FS_PRIVATE_H
#define ASSAY_EXTRACT_FS_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extract_private.h"

/* Readers for images whose byte order is known only at run time. */
static inline uint16_t
extract_rd16(bool be, const uint8_t *p)
{
    return be ? assay_be16(p) : assay_le16(p);
}

static inline uint32_t
extract_rd32(bool be, const uint8_t *p)
{
    return be ? assay_be32(p) : assay_le32(p);
}

static inline uint64_t
extract_rd64(bool be, const uint8_t *p)
{
    return be ? assay_be64(p) : assay_le64(p);
}

/*
 * The Linux kernel's crc32_le(seed, p, n): no final inversion. JFFS2 uses
 * seed 0, UBI and UBIFS seed 0xffffffff.
 */
uint32_t extract_crc32_raw(uint32_t seed, const uint8_t *p, size_t n);

/* Node type for a POSIX st_mode (regular file for anything unknown). */
enum assay_node_type extract_mode_type(uint32_t mode);

/*
 * May 'name' (n bytes, not NUL-terminated) be one path component? False
 * for "", ".", "..", and names holding '/' or NUL.
 */
bool extract_name_ok(const uint8_t *name, size_t n);

/*
 * Append component name[0..n) to the path path[0..plen) held in a buffer
 * of 'cap' bytes, with a '/' between unless plen is 0. Returns the new
 * length, or 0 (path unchanged) when it would not fit. The caller undoes
 * it with path[plen] = '\0'.
 */
size_t extract_path_push(
    char *path, size_t cap, size_t plen, const uint8_t *name, size_t n);

/*
 * Inode number -> first path it was emitted at, so that a second name of
 * the same inode becomes a hard link (and a folder reached twice is seen).
 * Paths are copied into the session arena. Zero-initialise before use.
 */
struct extract_links {
    uint64_t *ids;      /* arena hash table: id + 1, 0 = empty slot */
    const char **paths; /* arena array, parallel to ids */
    size_t n;           /* ids stored */
    size_t cap;         /* slots, a power of two (0 before first add) */
};

/* The path remembered for 'id' (any value but UINT64_MAX), or NULL. */
const char *extract_links_find(const struct extract_links *l, uint64_t id);
/* Remember 'path' for 'id'. ASSAY_OK or ASSAY_E_NOMEM. */
enum assay_status extract_links_add(struct extract_links *l,
    struct assay_arena *arena, uint64_t id, const char *path);

#endif /* ASSAY_EXTRACT_FS_PRIVATE_H */
