/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay_tree_list(): the tree and region map as text (ls -l style) or as
 * JSON (schema "assay-ls/1", built with the report's JSON emitter so
 * hostile names come out escaped and valid UTF-8).
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "../report/report_private.h"
#include "engine_private.h"

static char
list_type_char(enum assay_node_type t)
{
    static const char chars[] = "-dlhcbpsC";

    return (unsigned)t < sizeof(chars) - 1 ? chars[t] : '?';
}

const char *
extract_node_type_name(enum assay_node_type t)
{
    static const char *const names[] = {"file", "dir", "symlink", "hardlink",
        "chardev", "blockdev", "fifo", "socket", "container"};

    return (unsigned)t < ASSAY_ARRAY_LEN(names) ? names[t] : "unknown";
}

void
extract_node_json(
    struct json_emit *j, const struct assay_node *n, bool xattr_values)
{
    char mode[16];

    snprintf(mode, sizeof(mode), "%05o", n->mode & 07777);
    json_kv_str(j, "type", extract_node_type_name(n->type));
    json_kv_str(j, "container", n->container);
    json_kv_str(j, "format", n->format);
    json_kv_str(j, "mode", mode);
    json_kv_uint(j, "uid", n->uid);
    json_kv_uint(j, "gid", n->gid);
    json_kv_uint(j, "size", n->size);
    json_kv_int(j, "mtime", n->mtime);
    if (n->offset >= 0)
        json_kv_int(j, "offset", n->offset);
    if (n->type == ASSAY_NODE_SYMLINK || n->type == ASSAY_NODE_HARDLINK)
        json_kv_str(j, "link", n->link);
    if (n->type == ASSAY_NODE_CHARDEV || n->type == ASSAY_NODE_BLOCKDEV) {
        json_kv_uint(j, "rdev_major", n->rdev_major);
        json_kv_uint(j, "rdev_minor", n->rdev_minor);
    }
    if (n->xattr_count == 0)
        return;
    json_key(j, "xattrs");
    if (!xattr_values) {
        json_arr_begin(j);
        for (size_t k = 0; k < n->xattr_count; k++)
            json_str(j, n->xattrs[k].name);
        json_arr_end(j);
        return;
    }
    json_obj_begin(j);
    for (size_t k = 0; k < n->xattr_count; k++) {
        char hex[2 * 256 + 1];
        size_t len = n->xattrs[k].len > 256 ? 256 : n->xattrs[k].len;

        assay_hex(n->xattrs[k].value, len, hex);
        json_kv_str(j, n->xattrs[k].name, hex);
    }
    json_obj_end(j);
}

/* Append 's' with control bytes shown as '?' (terminal safety). */
static void
list_text_str(struct assay_buf *b, const char *s)
{
    for (; s != NULL && *s != '\0'; s++)
        (void)assay_buf_putc(
            b, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

static void
list_text(const struct assay_tree *t, bool regions, struct assay_buf *b)
{
    for (size_t i = 0; i < t->node_count; i++) {
        const struct assay_node *n = t->order[i];

        (void)assay_buf_printf(b, "%c %05o %5u/%-5u %10llu ",
            list_type_char(n->type), n->mode & 07777, n->uid, n->gid,
            (unsigned long long)n->size);
        list_text_str(b, n->container);
        if (!n->is_fs_root) {
            (void)assay_buf_puts(b, " ");
            list_text_str(b, n->path);
        }
        if (n->type == ASSAY_NODE_SYMLINK || n->type == ASSAY_NODE_HARDLINK) {
            (void)assay_buf_puts(
                b, n->type == ASSAY_NODE_SYMLINK ? " -> " : " => ");
            list_text_str(b, n->link);
        }
        if (n->type == ASSAY_NODE_CHARDEV || n->type == ASSAY_NODE_BLOCKDEV)
            (void)assay_buf_printf(b, " [%u:%u]", n->rdev_major, n->rdev_minor);
        (void)assay_buf_putc(b, '\n');
    }
    if (!regions)
        return;
    (void)assay_buf_puts(b, "\nregions:\n");
    for (size_t i = 0; i < t->region_count; i++) {
        const struct assay_region *r = &t->regions[i];

        list_text_str(b, r->blob);
        (void)assay_buf_printf(b, "  0x%08llx %10llu  %-11s %-12s",
            (unsigned long long)r->offset, (unsigned long long)r->size,
            assay_region_kind_name(r->kind), r->format ? r->format : "-");
        if (r->kind == ASSAY_REGION_UNKNOWN ||
            r->kind == ASSAY_REGION_UNSUPPORTED)
            (void)assay_buf_printf(b, " entropy %.2f", r->entropy);
        (void)assay_buf_putc(b, '\n');
    }
}

static void
list_json(const struct assay_tree *t, bool regions, struct json_emit *j)
{
    json_obj_begin(j);
    json_kv_str(j, "schema", "assay-ls/1");
    json_key(j, "nodes");
    json_arr_begin(j);
    for (size_t i = 0; i < t->node_count; i++) {
        const struct assay_node *n = t->order[i];

        json_obj_begin(j);
        json_kv_str(j, "name", n->name);
        json_kv_str(j, "path", n->path);
        extract_node_json(j, n, false);
        json_obj_end(j);
    }
    json_arr_end(j);
    if (regions) {
        json_key(j, "regions");
        json_arr_begin(j);
        for (size_t i = 0; i < t->region_count; i++) {
            const struct assay_region *r = &t->regions[i];
            json_obj_begin(j);
            json_kv_str(j, "blob", r->blob);
            json_kv_uint(j, "offset", r->offset);
            json_kv_uint(j, "size", r->size);
            json_kv_str(j, "kind", assay_region_kind_name(r->kind));
            json_kv_str_opt(j, "format", r->format);
            /* Bits per byte, one decimal (the 0-10 score writer). */
            if (r->kind == ASSAY_REGION_UNKNOWN ||
                r->kind == ASSAY_REGION_UNSUPPORTED)
                json_kv_cvss(j, "entropy", r->entropy);
            json_obj_end(j);
        }
        json_arr_end(j);
    }
    json_obj_end(j);
}

enum assay_status
assay_tree_list(const struct assay_tree *t, const char *format, bool regions,
    assay_sink_fn fn, void *ctx)
{
    struct assay_buf b;
    enum assay_status rc = ASSAY_OK;

    if (t == NULL || format == NULL || fn == NULL)
        return ASSAY_E_USAGE;
    assay_buf_init(&b, REPORT_OUT_CAP);
    if (strcmp(format, "text") == 0) {
        list_text(t, regions, &b);
    } else if (strcmp(format, "json") == 0) {
        struct json_emit j;

        json_init(&j, &b);
        list_json(t, regions, &j);
        rc = json_finish(&j);
    } else {
        return ASSAY_E_NOTFOUND;
    }
    if (rc == ASSAY_OK)
        rc = fn(ctx, b.data != NULL ? b.data : "", b.len);
    assay_buf_release(&b);
    return rc;
}
