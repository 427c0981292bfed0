/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers of fs_private.h for the library-less file-system extractors. */
#include "assay_config.h"

#include <string.h>
#include <zlib.h>

#include "fs_private.h"

uint32_t
extract_crc32_raw(uint32_t seed, const uint8_t *p, size_t n)
{
    /* zlib's crc32 inverts on entry and exit; undo both. */
    uLong c = ~(uLong)seed & 0xffffffffUL;

    while (n > 0) {
        uInt chunk = n > (1u << 30) ? (1u << 30) : (uInt)n;

        c = crc32(c, p, chunk);
        p += chunk;
        n -= chunk;
    }
    return ~(uint32_t)c;
}

enum assay_node_type
extract_mode_type(uint32_t mode)
{
    switch (mode & 0170000u) {
    case 0040000u:
        return EX_DIR;
    case 0120000u:
        return EX_SYMLINK;
    case 0020000u:
        return EX_CHARDEV;
    case 0060000u:
        return EX_BLOCKDEV;
    case 0010000u:
        return EX_FIFO;
    case 0140000u:
        return EX_SOCKET;
    default:
        return EX_FILE;
    }
}

bool
extract_name_ok(const uint8_t *name, size_t n)
{
    if (n == 0 || memchr(name, '/', n) != NULL || memchr(name, 0, n) != NULL)
        return false;
    if (n == 1 && name[0] == '.')
        return false;
    return !(n == 2 && name[0] == '.' && name[1] == '.');
}

size_t
extract_path_push(
    char *path, size_t cap, size_t plen, const uint8_t *name, size_t n)
{
    size_t at = plen + (plen > 0);

    if (at + n >= cap)
        return 0;
    if (plen > 0)
        path[plen] = '/';
    memcpy(path + at, name, n);
    path[at + n] = '\0';
    return at + n;
}

/* Slot of 'id' in an open-addressing table of 'cap' (power of two). */
static size_t
links_slot(const uint64_t *keys, size_t cap, uint64_t id)
{
    size_t i = (size_t)(((id + 1) * 0x9e3779b97f4a7c15ull) >> 17) & (cap - 1);

    while (keys[i] != 0 && keys[i] != id + 1)
        i = (i + 1) & (cap - 1);
    return i;
}

const char *
extract_links_find(const struct extract_links *l, uint64_t id)
{
    size_t i;

    if (l->cap == 0)
        return NULL;
    i = links_slot(l->ids, l->cap, id);
    return l->ids[i] != 0 ? l->paths[i] : NULL;
}

enum assay_status
extract_links_add(struct extract_links *l, struct assay_arena *arena,
    uint64_t id, const char *path)
{
    size_t i;

    if ((l->n + 1) * 2 > l->cap) {
        /* Grow to keep the table at most half full (arena: the old
         * arrays stay until the session ends). */
        size_t cap = l->cap ? l->cap * 2 : 64;
        uint64_t *ids = assay_arena_array(arena, cap, sizeof(*ids));
        const char **paths = assay_arena_array(arena, cap, sizeof(*paths));

        if (ids == NULL || paths == NULL)
            return ASSAY_E_NOMEM;
        for (size_t k = 0; k < l->cap; k++) {
            if (l->ids[k] != 0) {
                size_t j = links_slot(ids, cap, l->ids[k] - 1);

                ids[j] = l->ids[k];
                paths[j] = l->paths[k];
            }
        }
        l->ids = ids;
        l->paths = paths;
        l->cap = cap;
    }
    i = links_slot(l->ids, l->cap, id);
    if (l->ids[i] != 0)
        return ASSAY_OK; /* first path stays */
    l->paths[i] = assay_arena_strdup(arena, path);
    if (l->paths[i] == NULL)
        return ASSAY_E_NOMEM;
    l->ids[i] = id + 1;
    l->n++;
    return ASSAY_OK;
}
