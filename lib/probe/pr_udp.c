/* SPDX-License-Identifier: Apache-2.0 */
/*
 * UDP services found by discovery that have no authentication by design:
 * TFTP (any file the device serves can be read by anyone, 5.5-4, 5.6-1),
 * CoAP (/.well-known/core lists resources before any authentication,
 * 5.6-2) and mDNS (service names and TXT records announced to the
 * network, 5.6-2, info). The CoAP and DNS readers are fuzzed
 * (fuzz_probe_udp).
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "probe_private.h"

size_t
coap_request(uint8_t *out, size_t cap)
{
    static const uint8_t q[] = {0x40, 0x01, COAP_MID >> 8, COAP_MID & 0xff,
        0xbb, '.', 'w', 'e', 'l', 'l', '-', 'k', 'n', 'o', 'w', 'n', 0x04, 'c',
        'o', 'r', 'e'};

    if (cap < sizeof(q))
        return 0;
    memcpy(out, q, sizeof(q));
    return sizeof(q);
}

bool
coap_response_parse(const uint8_t *p, size_t len, uint16_t mid, uint8_t *code,
    const uint8_t **payload, size_t *payload_len)
{
    size_t off;
    unsigned tkl;

    if (len < 4 || (p[0] >> 6) != 1 || assay_be16(p + 2) != mid)
        return false;
    tkl = p[0] & 0x0f;
    if (tkl > 8)
        return false;
    *code = p[1];
    off = 4 + tkl;
    *payload = NULL;
    *payload_len = 0;
    while (off < len) {
        unsigned delta = p[off] >> 4, olen = p[off] & 0x0f;

        if (p[off] == 0xff) {
            *payload = p + off + 1;
            *payload_len = len - off - 1;
            return *payload_len > 0;
        }
        off++;
        if (delta == 15 || olen == 15)
            return false;
        if (delta == 13 || delta == 14) {
            off += delta - 12u;
            if (off > len)
                return false;
        }
        if (olen == 13) {
            if (off >= len)
                return false;
            olen = 13u + p[off++];
        } else if (olen == 14) {
            if (off + 2 > len)
                return false;
            olen = 269u + assay_be16(p + off);
            off += 2;
        }
        if (!assay_range_ok(off, olen, len))
            return false;
        off += olen;
    }
    return off == len;
}

/* Read a DNS name at *off into out; advances *off past it. */
static bool
dns_name(const uint8_t *p, size_t len, size_t *off, char *out, size_t cap)
{
    size_t o = *off, k = 0, end = 0;
    unsigned jumps = 0;

    out[0] = '\0';
    for (;;) {
        uint8_t n;

        if (o >= len)
            return false;
        n = p[o];
        if (n == 0) {
            if (end == 0)
                end = o + 1;
            break;
        }
        if ((n & 0xc0) == 0xc0) {
            size_t to;

            if (o + 1 >= len || ++jumps > 16)
                return false;
            to = ((size_t)(n & 0x3f) << 8) | p[o + 1];
            if (end == 0)
                end = o + 2;
            if (to >= o)
                return false; /* only backwards: no loops */
            o = to;
            continue;
        }
        if ((n & 0xc0) != 0 || !assay_range_ok(o + 1, n, len))
            return false;
        for (size_t i = 0; i < n && k + 2 < cap; i++) {
            uint8_t ch = p[o + 1 + i];

            out[k++] = ch > 0x20 && ch < 0x7f ? (char)ch : '?';
        }
        if (k + 1 < cap)
            out[k++] = '.';
        out[k] = '\0';
        o += 1u + n;
    }
    *off = end;
    return true;
}

int
mdns_answer_names(const uint8_t *p, size_t len, char *out, size_t cap)
{
    size_t off = 12, used = 0;
    unsigned qd, an;
    int got = 0;
    char name[256], target[256];

    if (cap == 0 || len < 12 || (p[2] & 0x80) == 0)
        return -1;
    out[0] = '\0';
    qd = assay_be16(p + 4);
    an = assay_be16(p + 6);
    for (unsigned i = 0; i < qd; i++) {
        if (!dns_name(p, len, &off, name, sizeof(name)) ||
            !assay_range_ok(off, 4, len))
            return -1;
        off += 4;
    }
    for (unsigned i = 0; i < an && i < 64; i++) {
        uint16_t type, rdlen;
        size_t rd;

        if (!dns_name(p, len, &off, name, sizeof(name)) ||
            !assay_range_ok(off, 10, len))
            return -1;
        type = assay_be16(p + off);
        rdlen = assay_be16(p + off + 8);
        rd = off + 10;
        if (!assay_range_ok(rd, rdlen, len))
            return -1;
        target[0] = '\0';
        if (type == 12 || type == 5) { /* PTR, CNAME */
            size_t t = rd;

            if (!dns_name(p, rd + rdlen, &t, target, sizeof(target)))
                return -1;
        } else if (type == 16 && rdlen > 0) { /* TXT: first string */
            size_t n = p[rd] < rdlen ? p[rd] : rdlen - 1u, k = 0;

            for (size_t j = 0; j < n && k + 1 < sizeof(target); j++) {
                uint8_t ch = p[rd + 1 + j];

                target[k++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
            }
            target[k] = '\0';
        }
        if (used + 1 < cap) {
            int w = snprintf(out + used, cap - used, "%s%s%s%s",
                used > 0 ? ", " : "", name, target[0] != '\0' ? " -> " : "",
                target);

            if (w > 0)
                used += (size_t)w < cap - used ? (size_t)w : cap - used - 1;
        }
        off = rd + rdlen;
        got++;
    }
    return got;
}

static bool
udp_applies(const struct probe_service *svc)
{
    return svc->transport == ASSAY_PROBE_UDP && !svc->tls &&
           (svc->proto == PROTO_TFTP || svc->proto == PROTO_COAP ||
               svc->proto == PROTO_MDNS);
}

static enum assay_status
udp_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const prov_tftp[] = {"5.5-4", "5.6-1", NULL};
    static const char *const prov_info[] = {"5.6-2", NULL};
    const uint8_t *b = (const uint8_t *)svc->banner;
    size_t n = svc->banner_len;

    if (svc->proto == PROTO_TFTP) {
        bool data = n >= 4 && b[1] == 3;

        probe_report(c, svc, "NET-AUTH-009",
            data ? ASSAY_SEV_HIGH : ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov_tftp, "TFTP service reachable without authentication",
            data ? "a read request for a random file name was answered "
                   "with DATA: the server serves anything it is asked"
                 : assay_arena_printf(c->arena,
                       "a read request for a random file name was answered "
                       "with ERROR %u '%s': any file the device serves can "
                       "be read by anyone",
                       n >= 4 ? assay_be16(b + 2) : 0u,
                       n > 4 ? probe_quote(c, b + 4,
                                   strnlen((const char *)b + 4, n - 4))
                             : ""),
            "disable TFTP outside provisioning, or bind it to a trusted "
            "interface");
    } else if (svc->proto == PROTO_COAP) {
        const uint8_t *pl;
        size_t pll;
        uint8_t code;

        if (coap_response_parse(b, n, COAP_MID, &code, &pl, &pll) &&
            code == 0x45)
            probe_report(c, svc, "NET-INFO-003", ASSAY_SEV_LOW, ASSAY_CONF_HIGH,
                prov_info, "CoAP resources listed without authentication",
                assay_arena_printf(c->arena,
                    "GET /.well-known/core answered 2.05: %s",
                    probe_quote(c, pl, pll < 200 ? pll : 200)),
                "protect CoAP with DTLS/OSCORE and restrict resource "
                "discovery");
    } else {
        char names[400];
        int k = mdns_answer_names(b, n, names, sizeof(names));

        if (k > 0)
            probe_report(c, svc, "NET-INFO-004", ASSAY_SEV_INFO,
                ASSAY_CONF_HIGH, prov_info,
                "mDNS announces services to the network",
                assay_arena_printf(
                    c->arena, "%d answer%s: %s", k, k == 1 ? "" : "s", names),
                NULL);
    }
    return ASSAY_OK;
}

static const char *const udp_provisions[] = {"5.5-4", "5.6-1", "5.6-2", NULL};

const struct assay_probe pr_udp = {
    .name = "udp",
    .summary = "TFTP without authentication, CoAP discovery, mDNS records",
    .provisions = udp_provisions,
    .flags = 0,
    .applies = udp_applies,
    .run = udp_run,
};
