/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Output side of the stream extractors (stream_private.h). A stream that
 * is cut by a limit or breaks half-way still yields what was decoded, with
 * a diagnostic: a truncated kernel or rootfs is still worth carving.
 */
#include "assay_config.h"

#include <string.h>
#include <zlib.h>

#include "stream_private.h"

enum assay_status
stream_out_init(struct stream_out *o, struct ex_ctx *c, size_t in_len)
{
    o->c = c;
    o->cut = false;
    ex_buf_init(c, &o->buf, in_len);
    o->chunk = assay_malloc(STREAM_CHUNK);
    return o->chunk != NULL ? ASSAY_OK : ASSAY_E_NOMEM;
}

enum assay_status
stream_put(struct stream_out *o, size_t n, uint64_t in_used)
{
    enum assay_status rc;

    if (n == 0)
        return ASSAY_OK;
    rc = ex_ratio_check(o->c, in_used, (uint64_t)o->buf.len + n);
    if (rc != ASSAY_OK) {
        o->cut = true;
        return rc;
    }
    rc = assay_buf_append(&o->buf, o->chunk, n);
    if (rc == ASSAY_E_LIMIT) {
        o->cut = true;
        ex_warn(o->c, (int64_t)in_used,
            "output reached the size limit of %zu bytes; stream cut",
            o->buf.cap);
    }
    return rc;
}

enum assay_status
stream_finish(struct stream_out *o, uint64_t consumed, enum assay_status rc,
    uint64_t in_at)
{
    enum assay_status erc = ASSAY_OK;
    size_t len = o->buf.len;

    assay_free(o->chunk);
    o->chunk = NULL;
    if (rc == ASSAY_E_NOMEM ||
        ((rc == ASSAY_E_CORRUPT || rc == ASSAY_E_TRUNCATED) &&
            len < STREAM_MIN_PARTIAL)) {
        assay_buf_release(&o->buf);
        return rc == ASSAY_E_TRUNCATED ? ASSAY_E_CORRUPT : rc;
    }
    if (consumed > 0)
        ex_set_consumed(o->c, consumed);
    if (rc == ASSAY_E_CORRUPT)
        ex_warn(o->c, (int64_t)in_at,
            "corrupt data after %zu output bytes; kept what was decoded", len);
    else if (rc == ASSAY_E_TRUNCATED)
        ex_warn(o->c, (int64_t)in_at,
            "stream truncated after %zu output bytes; kept what was decoded",
            len);
    if (len > 0)
        erc = ex_emit_payload_buf(o->c, NULL, &o->buf);
    assay_buf_release(&o->buf);
    if (erc != ASSAY_OK)
        return erc;
    return ASSAY_OK;
}

enum assay_status
extract_inflate(struct ex_ctx *c, const struct ex_input *in, int window_bits,
    bool empty_is_bogus)
{
    struct stream_out o;
    z_stream zs;
    enum assay_status rc;
    int zr = Z_OK;
    uint64_t used;

    memset(&zs, 0, sizeof(zs));
    rc = stream_out_init(&o, c, in->len);
    if (rc != ASSAY_OK || inflateInit2(&zs, window_bits) != Z_OK)
        return stream_finish(&o, 0, ASSAY_E_NOMEM, 0);
    zs.next_in = (Bytef *)(uintptr_t)in->data;
    while (rc == ASSAY_OK) {
        size_t left = in->len - zs.total_in;

        zs.avail_in = left > (1u << 30) ? (1u << 30) : (uInt)left;
        zs.next_out = o.chunk;
        zs.avail_out = STREAM_CHUNK;
        zr = inflate(&zs, Z_NO_FLUSH);
        rc = stream_put(&o, STREAM_CHUNK - zs.avail_out, zs.total_in);
        if (zr == Z_STREAM_END || rc != ASSAY_OK)
            break;
        if (zr == Z_BUF_ERROR && zs.total_in >= in->len)
            rc = ASSAY_E_TRUNCATED;
        else if (zr == Z_MEM_ERROR)
            rc = ASSAY_E_NOMEM;
        else if (zr != Z_OK && zr != Z_BUF_ERROR)
            rc = ASSAY_E_CORRUPT;
    }
    used = zs.total_in;
    inflateEnd(&zs);
    if (empty_is_bogus && zr == Z_STREAM_END && o.buf.len == 0)
        rc = ASSAY_E_CORRUPT;
    return stream_finish(&o, zr == Z_STREAM_END ? used : 0, rc, used);
}
