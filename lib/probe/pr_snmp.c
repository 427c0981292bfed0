/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SNMP v2c: the GetRequest is built here (a dozen BER bytes do not need
 * a library) and sent with the well-known communities 'public' and
 * 'private' and a random one as the baseline. A community that reads
 * sysDescr is a shared, well-known credential (5.1-1, 5.1-2) sent in
 * clear text (5.5-7) that discloses the system before any real
 * authentication (5.6-2). No SET is ever sent. The BER reader is fuzzed
 * (fuzz_probe_snmp).
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "probe_private.h"

/* ---- BER writing -------------------------------------------------------- */

/* Wrap out[start, *end) in a TLV with 'tag'; false when it does not fit. */
static bool
ber_wrap(uint8_t *out, size_t cap, size_t start, size_t *end, uint8_t tag)
{
    size_t n = *end - start, h = n < 128 ? 2 : (n < 256 ? 3 : 4);

    if (n > 0xffff || !assay_range_ok(*end, h, cap))
        return false;
    memmove(out + start + h, out + start, n);
    out[start] = tag;
    if (h == 2) {
        out[start + 1] = (uint8_t)n;
    } else if (h == 3) {
        out[start + 1] = 0x81;
        out[start + 2] = (uint8_t)n;
    } else {
        out[start + 1] = 0x82;
        out[start + 2] = (uint8_t)(n >> 8);
        out[start + 3] = (uint8_t)n;
    }
    *end += h;
    return true;
}

static bool
ber_put(
    uint8_t *out, size_t cap, size_t *end, uint8_t tag, const void *p, size_t n)
{
    size_t start = *end;

    if (!assay_range_ok(*end, n, cap))
        return false;
    memcpy(out + *end, p, n);
    *end += n;
    return ber_wrap(out, cap, start, end, tag);
}

static bool
ber_put_int(uint8_t *out, size_t cap, size_t *end, int32_t v)
{
    uint8_t b[5];
    size_t n = 0;
    uint32_t u = (uint32_t)v;
    int shift = 24;

    /* minimal two's complement */
    while (shift > 0) {
        uint32_t top = (u >> shift) & 0xff;
        uint32_t next = (u >> (shift - 8)) & 0x80;

        if (!((top == 0 && next == 0) || (top == 0xff && next != 0)))
            break;
        shift -= 8;
    }
    for (; shift >= 0; shift -= 8)
        b[n++] = (uint8_t)(u >> shift);
    return ber_put(out, cap, end, 0x02, b, n);
}

static bool
ber_put_oid(uint8_t *out, size_t cap, size_t *end, const char *oid)
{
    uint8_t b[64];
    uint32_t arcs[32];
    size_t na = 0, n = 0;
    uint64_t v;
    const char *p = oid;

    while (*p != '\0' && na < ASSAY_ARRAY_LEN(arcs)) {
        v = 0;
        if (*p < '0' || *p > '9')
            return false;
        while (*p >= '0' && *p <= '9') {
            v = v * 10 + (uint64_t)(*p++ - '0');
            if (v > 0xffffffffu)
                return false;
        }
        arcs[na++] = (uint32_t)v;
        if (*p == '.')
            p++;
    }
    if (na < 2 || arcs[0] > 2 || arcs[1] >= 40)
        return false;
    b[n++] = (uint8_t)(arcs[0] * 40 + arcs[1]);
    for (size_t i = 2; i < na; i++) {
        uint8_t tmp[5];
        size_t k = 0;
        uint32_t a = arcs[i];

        do {
            tmp[k++] = (uint8_t)(a & 0x7f);
            a >>= 7;
        } while (a > 0);
        if (n + k > sizeof(b))
            return false;
        while (k > 0) {
            k--;
            b[n++] = (uint8_t)(tmp[k] | (k > 0 ? 0x80 : 0));
        }
    }
    return ber_put(out, cap, end, 0x06, b, n);
}

size_t
snmp_get_build(uint8_t *out, size_t cap, const char *community,
    int32_t request_id, const char *oid)
{
    size_t end = 0, pdu, vbl, vb;

    if (!ber_put_int(out, cap, &end, 1) || /* version: v2c */
        !ber_put(out, cap, &end, 0x04, community, strlen(community)))
        return 0;
    pdu = end;
    if (!ber_put_int(out, cap, &end, request_id) ||
        !ber_put_int(out, cap, &end, 0) || !ber_put_int(out, cap, &end, 0))
        return 0;
    vbl = end;
    vb = end;
    if (!ber_put_oid(out, cap, &end, oid) ||
        !ber_put(out, cap, &end, 0x05, "", 0) ||
        !ber_wrap(out, cap, vb, &end, 0x30) ||
        !ber_wrap(out, cap, vbl, &end, 0x30) ||
        !ber_wrap(out, cap, pdu, &end, 0xa0) ||
        !ber_wrap(out, cap, 0, &end, 0x30))
        return 0;
    return end;
}

/* ---- BER reading -------------------------------------------------------- */

struct ber_tlv {
    uint8_t tag;        /* one-byte tags only */
    const uint8_t *val; /* into the input */
    size_t len;         /* value bytes */
};

/* Read the TLV at *off inside [p, p + len); advance *off past it. */
static bool
ber_read(const uint8_t *p, size_t len, size_t *off, struct ber_tlv *t)
{
    size_t o = *off, n;

    if (!assay_range_ok(o, 2, len))
        return false;
    t->tag = p[o++];
    if ((t->tag & 0x1f) == 0x1f)
        return false;
    n = p[o++];
    if (n & 0x80) {
        size_t k = n & 0x7f;

        if (k == 0 || k > 3 || !assay_range_ok(o, k, len))
            return false;
        n = 0;
        while (k-- > 0)
            n = (n << 8) | p[o++];
    }
    if (!assay_range_ok(o, n, len))
        return false;
    t->val = p + o;
    t->len = n;
    *off = o + n;
    return true;
}

static bool
ber_int(const struct ber_tlv *t, int64_t *v)
{
    uint64_t u = 0;

    if (t->tag != 0x02 || t->len == 0 || t->len > 8)
        return false;
    for (size_t i = 0; i < t->len; i++)
        u = (u << 8) | t->val[i];
    if (t->len < 8 && (t->val[0] & 0x80) != 0)
        u |= ~(uint64_t)0 << (t->len * 8);
    *v = (int64_t)u;
    return true;
}

static void
ber_printable(const uint8_t *p, size_t n, char *out, size_t cap)
{
    size_t k = 0;

    for (size_t i = 0; i < n && k + 1 < cap; i++)
        out[k++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
    out[k] = '\0';
}

bool
snmp_response_parse(const uint8_t *p, size_t len, struct snmp_answer *out)
{
    struct ber_tlv msg, ver, com, pdu, id, es, ei, vbl, vb, oid, val;
    size_t off = 0, m = 0, q = 0, l = 0, b = 0;
    int64_t version;

    memset(out, 0, sizeof(*out));
    if (!ber_read(p, len, &off, &msg) || msg.tag != 0x30)
        return false;
    if (!ber_read(msg.val, msg.len, &m, &ver) || !ber_int(&ver, &version) ||
        (version != 0 && version != 1) ||
        !ber_read(msg.val, msg.len, &m, &com) || com.tag != 0x04 ||
        !ber_read(msg.val, msg.len, &m, &pdu) || pdu.tag != 0xa2)
        return false;
    ber_printable(com.val, com.len, out->community, sizeof(out->community));
    if (!ber_read(pdu.val, pdu.len, &q, &id) ||
        !ber_int(&id, &out->request_id) ||
        !ber_read(pdu.val, pdu.len, &q, &es) ||
        !ber_int(&es, &out->error_status) ||
        !ber_read(pdu.val, pdu.len, &q, &ei) ||
        !ber_read(pdu.val, pdu.len, &q, &vbl) || vbl.tag != 0x30)
        return false;
    if (!ber_read(vbl.val, vbl.len, &l, &vb) || vb.tag != 0x30 ||
        !ber_read(vb.val, vb.len, &b, &oid) || oid.tag != 0x06 ||
        !ber_read(vb.val, vb.len, &b, &val))
        return true; /* an answer without a usable value is still one */
    if (val.tag == 0x04) {
        ber_printable(val.val, val.len, out->value, sizeof(out->value));
    } else if (val.tag == 0x02) {
        int64_t v;

        if (ber_int(&val, &v))
            snprintf(out->value, sizeof(out->value), "%lld", (long long)v);
    } else {
        snprintf(out->value, sizeof(out->value), "(type 0x%02x, %zu bytes)",
            val.tag, val.len);
    }
    return true;
}

/* ---- the probe ---------------------------------------------------------- */

static bool
snmp_applies(const struct probe_service *svc)
{
    return svc->transport == ASSAY_PROBE_UDP && svc->proto == PROTO_SNMP;
}

/* true when 'community' reads sysDescr; the answer goes to 'a'. */
static bool
snmp_try(struct probe_ctx *c, const struct probe_service *svc,
    const char *community, struct snmp_answer *a)
{
    uint8_t req[256], ans[2048];
    char t[9];
    int32_t id;
    size_t rl, al;

    probe_token(c, t, sizeof(t)); /* advance the generator */
    id = (int32_t)(c->rand_state & 0x3fffffff);
    rl = snmp_get_build(req, sizeof(req), community, id, "1.3.6.1.2.1.1.1.0");
    if (rl == 0 || net_udp_ask(c, svc->port, req, rl, ans, sizeof(ans), &al,
                       false) != ASSAY_OK)
        return false;
    return snmp_response_parse(ans, al, a) && a->request_id == id &&
           a->error_status == 0;
}

static enum assay_status
snmp_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const prov[] = {
        "5.1-1", "5.1-2", "5.5-7", "5.6-2", NULL};
    static const char *const names[] = {"public", "private"};
    struct snmp_answer a;
    char tok[13];

    probe_token(c, tok, sizeof(tok));
    if (snmp_try(c, svc, tok, &a)) {
        probe_report(c, svc, "NET-AUTH-005", ASSAY_SEV_HIGH, ASSAY_CONF_HIGH,
            prov, "SNMP answers any community string",
            assay_arena_printf(c->arena,
                "GET sysDescr.0 with random community '%s' answered '%s'", tok,
                a.value),
            "disable SNMP v1/v2c or use SNMPv3 with per-device "
            "credentials");
        return ASSAY_OK;
    }
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(names); i++) {
        if (!snmp_try(c, svc, names[i], &a))
            continue;
        probe_report(c, svc, "NET-CRED-001", ASSAY_SEV_HIGH, ASSAY_CONF_HIGH,
            prov, "well-known SNMP community accepted",
            assay_arena_printf(c->arena,
                "v2c GET sysDescr.0 with community '%s' answered '%s'; a "
                "random community got no answer",
                names[i], a.value),
            "disable SNMP v1/v2c or use SNMPv3 with per-device "
            "credentials");
    }
    return ASSAY_OK;
}

static const char *const snmp_provisions[] = {
    "5.1-1", "5.1-2", "5.5-4", "5.6-2", NULL};

const struct assay_probe pr_snmp = {
    .name = "snmp",
    .summary = "SNMP v2c well-known communities (GET only)",
    .provisions = snmp_provisions,
    .flags = 0,
    .applies = snmp_applies,
    .run = snmp_run,
};
