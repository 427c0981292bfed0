/* SPDX-License-Identifier: Apache-2.0 */
/*
 * MQTT 3.1.1: does the broker accept a CONNECT without credentials, and
 * then a SUBSCRIBE to '#' (every topic)? That is control and data of the
 * product open to anyone on the network (5.5-4, 5.6-2). When the broker
 * asks for credentials, they travel in clear text unless it is wrapped
 * in TLS (5.5-7), and default pairs are tried against a random baseline
 * (5.1-1, 5.1-2). The packet reader is fuzzed (fuzz_probe_mqtt).
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probe_private.h"

#define MQTT_CONNACK 2
#define MQTT_PUBLISH 3
#define MQTT_SUBACK  9
/* Most messages read after SUBSCRIBE #, and how long we listen. */
#define MQTT_MAX_MESSAGES 50
#define MQTT_LISTEN_MS    1500u

static size_t
mqtt_put_str(uint8_t *out, size_t cap, size_t off, const char *s)
{
    size_t n = strlen(s);

    if (n > 0xffff || !assay_range_ok(off, 2 + n, cap))
        return 0;
    out[off] = (uint8_t)(n >> 8);
    out[off + 1] = (uint8_t)n;
    memcpy(out + off + 2, s, n);
    return off + 2 + n;
}

/* Fixed header + 'body' already at out + 5: move it behind the header. */
static size_t
mqtt_finish(uint8_t *out, uint8_t first, size_t body_len)
{
    uint8_t hdr[5];
    size_t h = 0, v = body_len;

    hdr[h++] = first;
    do {
        uint8_t d = (uint8_t)(v % 128);

        v /= 128;
        hdr[h++] = (uint8_t)(d | (v > 0 ? 0x80 : 0));
    } while (v > 0 && h < 5);
    memmove(out + h, out + 5, body_len);
    memcpy(out, hdr, h);
    return h + body_len;
}

size_t
mqtt_connect_build(uint8_t *out, size_t cap, const char *client_id,
    const char *user, const char *password)
{
    static const uint8_t vh[] = {0, 4, 'M', 'Q', 'T', 'T', 4};
    size_t off = 5;
    uint8_t flags = 0x02;

    if (cap < 5 + sizeof(vh) + 3 || cap > 0x0fffffff)
        return 0;
    memcpy(out + off, vh, sizeof(vh));
    off += sizeof(vh);
    if (user != NULL)
        flags |= 0x80;
    if (password != NULL)
        flags |= 0x40;
    out[off++] = flags;
    out[off++] = 0;
    out[off++] = 30;
    off = mqtt_put_str(out, cap, off, client_id);
    if (off != 0 && user != NULL)
        off = mqtt_put_str(out, cap, off, user);
    if (off != 0 && password != NULL)
        off = mqtt_put_str(out, cap, off, password);
    if (off == 0)
        return 0;
    return mqtt_finish(out, 0x10, off - 5);
}

int
mqtt_packet_parse(const uint8_t *p, size_t len, struct mqtt_packet *out)
{
    size_t rem = 0, i = 1;
    unsigned shift = 0;

    if (len < 2)
        return 0;
    for (;;) {
        if (i >= len)
            return 0;
        if (i > 4)
            return -1; /* at most four length bytes */
        rem |= (size_t)(p[i] & 0x7f) << shift;
        shift += 7;
        if ((p[i++] & 0x80) == 0)
            break;
    }
    if (!assay_range_ok(i, rem, len))
        return 0;
    out->type = (uint8_t)(p[0] >> 4);
    out->flags = (uint8_t)(p[0] & 0x0f);
    out->body = p + i;
    out->body_len = rem;
    out->total = i + rem;
    return out->type == 0 ? -1 : 1;
}

bool
mqtt_publish_parse(const struct mqtt_packet *pk, const uint8_t **topic,
    size_t *topic_len, const uint8_t **payload, size_t *payload_len)
{
    size_t tl, off;
    unsigned qos = (pk->flags >> 1) & 3u;

    if (pk->type != MQTT_PUBLISH || pk->body_len < 2 || qos == 3)
        return false;
    tl = assay_be16(pk->body);
    off = 2 + tl + (qos > 0 ? 2 : 0);
    if (!assay_range_ok(0, off, pk->body_len))
        return false;
    *topic = pk->body + 2;
    *topic_len = tl;
    *payload = pk->body + off;
    *payload_len = pk->body_len - off;
    return true;
}

/* Read one packet into 'b' (kept) within the deadline. 1/0/-1 as above. */
static int
mqtt_read(
    int fd, struct assay_buf *b, uint64_t deadline, struct mqtt_packet *pk)
{
    for (;;) {
        int r = mqtt_packet_parse((const uint8_t *)b->data, b->len, pk);

        if (r != 0)
            return r;
        if (net_recv(fd, b, 16384, deadline, NULL, NULL) != ASSAY_OK)
            return 0;
    }
}

static void
mqtt_drop(struct assay_buf *b, size_t n)
{
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
}

/* CONNECT with the given pair: CONNACK return code, or -1. 'fd_out'
 * keeps the connection open when not NULL and the code is 0. */
static int
mqtt_try(struct probe_ctx *c, const struct probe_service *svc, const char *user,
    const char *pass, int *fd_out, struct assay_buf *b)
{
    uint8_t req[600];
    char id[13];
    struct mqtt_packet pk;
    uint64_t deadline = probe_deadline(c, c->lim->read_ms);
    size_t n;
    int fd, code = -1;

    probe_token(c, id, sizeof(id));
    n = mqtt_connect_build(req, sizeof(req), id, user, pass);
    if (n == 0 || net_connect(c, svc->port, false, &fd) != ASSAY_OK)
        return -1;
    assay_buf_reset(b);
    if (net_send(fd, req, n, deadline) == ASSAY_OK &&
        mqtt_read(fd, b, deadline, &pk) == 1 && pk.type == MQTT_CONNACK &&
        pk.body_len == 2) {
        code = pk.body[1];
        mqtt_drop(b, pk.total);
    }
    if (code == 0 && fd_out != NULL)
        *fd_out = fd;
    else
        close(fd);
    return code;
}

/* SUBSCRIBE '#' and list what arrives. */
static void
mqtt_listen(struct probe_ctx *c, int fd, struct assay_buf *b,
    struct assay_buf *topics, int *granted, unsigned *messages)
{
    static const uint8_t sub[] = {0x82, 6, 0, 1, 0, 1, '#', 0};
    uint64_t deadline = probe_deadline(c, MQTT_LISTEN_MS);
    struct mqtt_packet pk;

    *granted = -1;
    *messages = 0;
    if (net_send(fd, sub, sizeof(sub), deadline) != ASSAY_OK)
        return;
    while (
        *messages < MQTT_MAX_MESSAGES && mqtt_read(fd, b, deadline, &pk) == 1) {
        const uint8_t *t, *pl;
        size_t tl, pll;

        if (pk.type == MQTT_SUBACK && pk.body_len >= 3)
            *granted = pk.body[2];
        else if (mqtt_publish_parse(&pk, &t, &tl, &pl, &pll)) {
            (*messages)++;
            if (topics->len < 200) {
                char *q = probe_quote(c, t, tl < 60 ? tl : 60);

                if (q != NULL)
                    assay_buf_printf(
                        topics, "%s'%s'", topics->len > 0 ? ", " : "", q);
            }
        }
        mqtt_drop(b, pk.total);
    }
}

/* CONNECT with a user name and password (probe_login_fn). */
static int
mqtt_login(struct probe_ctx *c, const struct probe_service *svc,
    const char *user, const char *pass, void *arg, char *proof, size_t cap)
{
    int code = mqtt_try(c, svc, user, pass, NULL, arg);

    snprintf(proof, cap, "answered CONNACK %d", code);
    return code == 0 ? 1 : (code > 0 ? 0 : -1);
}

static bool
mqtt_applies(const struct probe_service *svc)
{
    return svc->transport == ASSAY_PROBE_TCP && svc->proto == PROTO_MQTT &&
           !svc->tls;
}

static enum assay_status
mqtt_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const prov_anon[] = {"5.5-4", "5.6-2", NULL};
    static const char *const prov_clear[] = {"5.5-7", NULL};
    struct assay_buf b, topics;
    int fd = -1, code, granted;
    unsigned msgs;

    assay_buf_init(&b, 64 * 1024);
    assay_buf_init(&topics, 1024);
    code = mqtt_try(c, svc, NULL, NULL, &fd, &b);
    if (code == 0) {
        mqtt_listen(c, fd, &b, &topics, &granted, &msgs);
        close(fd);
        probe_report(c, svc, "NET-AUTH-004",
            granted == 0 || granted == 1 || granted == 2 ? ASSAY_SEV_HIGH
                                                         : ASSAY_SEV_MEDIUM,
            ASSAY_CONF_HIGH, prov_anon,
            "MQTT broker accepts clients without credentials",
            assay_arena_printf(c->arena,
                "CONNECT without user name answered CONNACK 0; SUBSCRIBE "
                "'#' %s; %u message%s in %u ms%s%s",
                granted >= 0 && granted <= 2 ? "granted" : "refused", msgs,
                msgs == 1 ? "" : "s", MQTT_LISTEN_MS,
                topics.len > 0 ? ", topics " : "",
                topics.len > 0 ? topics.data : ""),
            "require client authentication (per-device credentials or "
            "client certificates) and restrict topics per client");
        goto out;
    }
    if (code < 0)
        goto out;
    svc->login_seen = true;
    probe_report(c, svc, "NET-CLEAR-001", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
        prov_clear, "MQTT credentials travel in clear text",
        assay_arena_printf(c->arena,
            "the broker refuses anonymous clients (CONNACK %d) and is not "
            "wrapped in TLS",
            code),
        "serve MQTT over TLS (port 8883) only");
    probe_default_creds(c, svc, "MQTT CONNECT", mqtt_login, &b);
out:
    assay_buf_release(&topics);
    assay_buf_release(&b);
    return ASSAY_OK;
}

static const char *const mqtt_provisions[] = {
    "5.1-1", "5.5-4", "5.5-7", "5.6-2", NULL};

const struct assay_probe pr_mqtt = {
    .name = "mqtt",
    .summary = "MQTT anonymous CONNECT, SUBSCRIBE '#', default logins",
    .provisions = mqtt_provisions,
    .flags = 0,
    .applies = mqtt_applies,
    .run = mqtt_run,
};
