/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RTSP: DESCRIBE without credentials on the stream paths cameras use.
 * A 200 with a session description means anyone on the network can
 * watch (5.5-4). A random path is asked first: a server that describes
 * any path is reported once, with that in the evidence.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probe_private.h"

static const char *const rtsp_paths[] = {
    "",
    "live",
    "live.sdp",
    "stream1",
    "h264",
    "ch0_0.h264",
    "11",
    "cam/realmonitor",
    "Streaming/Channels/101",
    "videoMain",
};

static bool
rtsp_until_head(const struct assay_buf *b, void *arg)
{
    (void)arg;
    return probe_memcasemem(b->data, b->len, "\r\n\r\n");
}

/* DESCRIBE 'path': status (-1 on no answer), answer kept in 'b'. */
static int
rtsp_describe(struct probe_ctx *c, const struct probe_service *svc,
    const char *path, struct assay_buf *b)
{
    char req[400];
    uint64_t deadline = probe_deadline(c, c->lim->read_ms);
    int n, fd, st = -1;

    n = snprintf(req, sizeof(req),
        "DESCRIBE rtsp://%s:%u/%s RTSP/1.0\r\nCSeq: 2\r\n"
        "Accept: application/sdp\r\nUser-Agent: assay-probe\r\n\r\n",
        c->url_host, svc->port, path);
    if (n <= 0 || (size_t)n >= sizeof(req) ||
        net_connect(c, svc->port, false, &fd) != ASSAY_OK)
        return -1;
    assay_buf_reset(b);
    if (net_send(fd, req, (size_t)n, deadline) == ASSAY_OK &&
        net_recv(fd, b, 16384, deadline, rtsp_until_head, NULL) == ASSAY_OK)
        st = http_status_parse(b->data, b->len, "RTSP");
    /* the SDP body follows the head */
    if (st == 200 && !probe_memcasemem(b->data, b->len, "v=0"))
        net_recv(fd, b, 16384, deadline, NULL, NULL);
    close(fd);
    return st;
}

static bool
rtsp_applies(const struct probe_service *svc)
{
    return svc->transport == ASSAY_PROBE_TCP && svc->proto == PROTO_RTSP &&
           !svc->tls;
}

static enum assay_status
rtsp_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const prov[] = {"5.5-4", NULL};
    struct assay_buf b;
    char tok[17];
    bool any;
    int st;

    assay_buf_init(&b, 32 * 1024);
    probe_token(c, tok, sizeof(tok));
    any = rtsp_describe(c, svc, tok, &b) == 200;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(rtsp_paths); i++) {
        const char *p = any ? tok : rtsp_paths[i];

        if (probe_budget_over(c))
            break;
        st = rtsp_describe(c, svc, p, &b);
        if (st == 401)
            svc->login_seen = true;
        if (st != 200 || !probe_memcasemem(b.data, b.len, "v=0"))
            continue;
        probe_report(c, svc, "NET-AUTH-008", ASSAY_SEV_HIGH, ASSAY_CONF_HIGH,
            prov, "RTSP stream described without credentials",
            assay_arena_printf(c->arena,
                "DESCRIBE rtsp://%s:%u/%s without credentials answered 200 "
                "with a session description%s",
                c->url_host, svc->port, p,
                any ? " (any path is described)" : ""),
            "require authentication (Digest at least, over RTSPS) for "
            "every stream");
        break;
    }
    assay_buf_release(&b);
    return ASSAY_OK;
}

static const char *const rtsp_provisions[] = {"5.5-4", NULL};

const struct assay_probe pr_rtsp = {
    .name = "rtsp",
    .summary = "RTSP DESCRIBE without credentials",
    .provisions = rtsp_provisions,
    .flags = 0,
    .applies = rtsp_applies,
    .run = rtsp_run,
};
