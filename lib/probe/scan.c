/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Port scan and service identification.
 *
 * The TCP scan is a non-blocking connect scan under epoll: at most
 * c->concurrency sockets in flight, new ones paced by net_pace(), each
 * abandoned at its connect deadline. UDP has no handshake, so a UDP port
 * counts as open only when one of the protocol requests below gets an
 * answer the protocol's parser accepts.
 *
 * Identification never trusts the port number alone: a TCP service is
 * named by its greeting (SSH, telnet option negotiation or login prompt,
 * FTP or SMTP 220), else by the first of a TLS handshake, an HTTP GET, an
 * MQTT CONNECT or an RTSP OPTIONS that gets a well-formed answer. The
 * port only decides which question is asked first.
 *
 * A UDP port is DTLS when OpenSSL's ClientHello gets a HelloVerifyRequest
 * or a ServerHello back. That question goes to the CoAPS port of the
 * default set and to every port the user listed that answered no other
 * request.
 */
#include "assay_config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include "probe_private.h"

/* Most of a greeting waited for, and each identification question. */
#define SCAN_GREETING_MS 800u
#define SCAN_ASK_MS      1500u
/* A pause this long ends a greeting. */
#define SCAN_IDLE_MS 250u

/* A default IoT port set: admin web, remote shells, brokers, cameras,
 * TR-069, UPnP and vendor back doors seen in Mirai-era scans. */
static const uint16_t default_tcp[] = {
    21,
    22,
    23,
    25,
    80,
    81,
    443,
    554,
    1883,
    2323,
    4567,
    5000,
    5001,
    5431,
    6668,
    7547,
    8000,
    8008,
    8080,
    8081,
    8088,
    8443,
    8554,
    8883,
    8888,
    9000,
    9527,
    9999,
    10554,
    34567,
    37777,
    49152,
    49153,
    52869,
};
/* CoAP over DTLS (RFC 7252): the default port asked only for DTLS. */
#define SCAN_COAPS_PORT 5684
static const uint16_t default_udp[] = {
    69, 161, 1900, 5353, 5683, SCAN_COAPS_PORT};

static struct probe_service *
scan_add(struct probe_ctx *c, uint16_t port, enum assay_probe_transport t)
{
    struct probe_service *svc;

    if (c->svc_count == PROBE_MAX_SERVICES) {
        probe_diag(c, NULL, ASSAY_DIAG_WARNING,
            "more than %d services answer: the rest are not assessed",
            PROBE_MAX_SERVICES);
        return NULL;
    }
    svc = &c->svc[c->svc_count++];
    memset(svc, 0, sizeof(*svc));
    svc->port = port;
    svc->transport = t;
    snprintf(svc->label, sizeof(svc->label), "%s/%u",
        t == ASSAY_PROBE_UDP ? "udp" : "tcp", port);
    return svc;
}

struct scan_slot {
    int fd;            /* -1 when free */
    uint16_t port;     /* port being connected */
    uint64_t deadline; /* monotonic ms */
};

static void
scan_finish(struct probe_ctx *c, struct scan_slot *sl, int epfd, bool open)
{
    epoll_ctl(epfd, EPOLL_CTL_DEL, sl->fd, NULL);
    close(sl->fd);
    sl->fd = -1;
    if (open)
        scan_add(c, sl->port, ASSAY_PROBE_TCP);
}

/* Start a connect in 'sl'; false when it ended at once (refused or open,
 * open ports are recorded). */
static bool
scan_start(struct probe_ctx *c, struct scan_slot *sl, int epfd, uint16_t port)
{
    struct sockaddr_storage sa = c->addr;
    struct epoll_event ev = {.events = EPOLLOUT};
    int fd;

    if (sa.ss_family == AF_INET)
        ((struct sockaddr_in *)&sa)->sin_port = htons(port);
    else
        ((struct sockaddr_in6 *)&sa)->sin6_port = htons(port);
    net_pace(c);
    fd = socket(sa.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    if (connect(fd, (struct sockaddr *)&sa, c->addr_len) == 0) {
        close(fd);
        scan_add(c, port, ASSAY_PROBE_TCP);
        return false;
    }
    if (errno != EINPROGRESS) {
        close(fd);
        return false;
    }
    sl->fd = fd;
    sl->port = port;
    sl->deadline = probe_now_ms() + c->lim->connect_ms;
    ev.data.ptr = sl;
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
        close(fd);
        sl->fd = -1;
        return false;
    }
    return true;
}

static enum assay_status
scan_tcp(struct probe_ctx *c, const uint16_t *ports, size_t n)
{
    struct scan_slot *slots;
    struct epoll_event evs[64];
    size_t next = 0, inflight = 0;
    int epfd;

    slots = assay_calloc(c->concurrency, sizeof(*slots));
    if (slots == NULL)
        return ASSAY_E_NOMEM;
    for (size_t i = 0; i < c->concurrency; i++)
        slots[i].fd = -1;
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) {
        assay_free(slots);
        return assay_err_set(assay_session_err(c->s), ASSAY_E_NETWORK,
            "probe: cannot create an epoll instance: %s", strerror(errno));
    }
    while (next < n || inflight > 0) {
        uint64_t now, soonest = UINT64_MAX;
        int k, wait;

        for (size_t i = 0; i < c->concurrency && next < n; i++) {
            if (slots[i].fd >= 0)
                continue;
            if (scan_start(c, &slots[i], epfd, ports[next]))
                inflight++;
            next++;
            if (next % 256 == 0)
                probe_progress(c, "scan", next, n);
        }
        now = probe_now_ms();
        for (size_t i = 0; i < c->concurrency; i++) {
            if (slots[i].fd < 0)
                continue;
            if (slots[i].deadline <= now) {
                scan_finish(c, &slots[i], epfd, false); /* filtered */
                inflight--;
            } else if (slots[i].deadline < soonest) {
                soonest = slots[i].deadline;
            }
        }
        if (inflight == 0)
            continue;
        wait = soonest == UINT64_MAX ? 10 : (int)(soonest - now);
        if (next < n && wait > 10)
            wait = 10;
        k = epoll_wait(epfd, evs, (int)ASSAY_ARRAY_LEN(evs), wait);
        for (int e = 0; e < k; e++) {
            struct scan_slot *sl = evs[e].data.ptr;
            int err = 0;
            socklen_t len = sizeof(err);

            if (getsockopt(sl->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
                err = errno;
            scan_finish(c, sl, epfd, err == 0);
            inflight--;
        }
    }
    close(epfd);
    assay_free(slots);
    probe_progress(c, "scan", n, n);
    return ASSAY_OK;
}

enum assay_status
probe_scan(struct probe_ctx *c)
{
    const struct assay_probe_opts *o = c->o;
    uint16_t *tcp;
    size_t nt = 0;
    enum assay_status rc;

    c->svc = assay_arena_array(c->arena, PROBE_MAX_SERVICES, sizeof(*c->svc));
    tcp = assay_malloc(65536 * sizeof(*tcp));
    if (c->svc == NULL || tcp == NULL) {
        assay_free(tcp);
        return ASSAY_E_NOMEM;
    }
    if (o->all_ports) {
        for (uint32_t p = 1; p <= 65535; p++)
            tcp[nt++] = (uint16_t)p;
    } else if (o->port_count > 0) {
        for (size_t i = 0; i < o->port_count && nt < 65536; i++)
            if (o->ports[i].transport == ASSAY_PROBE_TCP)
                tcp[nt++] = o->ports[i].port;
    } else {
        for (size_t i = 0; i < ASSAY_ARRAY_LEN(default_tcp); i++)
            tcp[nt++] = default_tcp[i];
    }
    rc = scan_tcp(c, tcp, nt);
    assay_free(tcp);
    if (rc != ASSAY_OK)
        return rc;
    /* UDP ports become services only once something answers. */
    if (o->port_count > 0 && !o->all_ports) {
        for (size_t i = 0; i < o->port_count; i++)
            if (o->ports[i].transport == ASSAY_PROBE_UDP)
                scan_add(c, o->ports[i].port, ASSAY_PROBE_UDP);
    } else {
        for (size_t i = 0; i < ASSAY_ARRAY_LEN(default_udp); i++)
            scan_add(c, default_udp[i], ASSAY_PROBE_UDP);
    }
    return ASSAY_OK;
}

/* ---- TCP identification ------------------------------------------------ */

static void
ident_keep(struct probe_service *svc, const struct assay_buf *b)
{
    size_t n = b->len < PROBE_BANNER_MAX - 1 ? b->len : PROBE_BANNER_MAX - 1;

    if (svc->banner_len > 0 || n == 0)
        return;
    memcpy(svc->banner, b->data, n);
    svc->banner[n] = '\0';
    svc->banner_len = n;
}

/* Connect, optionally send 'req', and collect the first answer. */
static enum assay_status
ident_ask(struct probe_ctx *c, uint16_t port, const void *req, size_t len,
    uint32_t ms, struct assay_buf *b)
{
    enum assay_status rc;
    uint64_t deadline;
    int fd;

    assay_buf_reset(b);
    rc = net_connect(c, port, false, &fd);
    if (rc != ASSAY_OK)
        return rc;
    deadline = probe_deadline(c, ms);
    if (req != NULL)
        rc = net_send(fd, req, len, deadline);
    if (rc == ASSAY_OK)
        rc = net_recv(fd, b, PROBE_BANNER_MAX, deadline, NULL, NULL);
    /* the rest of a greeting follows quickly; a pause ends it */
    while (rc == ASSAY_OK && b->len < PROBE_BANNER_MAX) {
        uint64_t idle = probe_now_ms() + SCAN_IDLE_MS;
        size_t before = b->len;

        if (net_recv(fd, b, PROBE_BANNER_MAX - b->len,
                idle < deadline ? idle : deadline, NULL, NULL) != ASSAY_OK ||
            b->len == before)
            break;
    }
    close(fd);
    return rc;
}

static enum probe_proto
ident_greeting(const struct assay_buf *b)
{
    const char *s = b->data;
    size_t n = b->len;

    if (n >= 4 && memcmp(s, "SSH-", 4) == 0)
        return PROTO_SSH;
    if ((uint8_t)s[0] == 0xff && n >= 3 && (uint8_t)s[1] >= 0xfb)
        return PROTO_TELNET;
    if (n >= 4 && memcmp(s, "220", 3) == 0 && (s[3] == ' ' || s[3] == '-')) {
        if (probe_memcasemem(s, n, "smtp"))
            return PROTO_SMTP;
        return PROTO_FTP;
    }
    if (probe_memcasemem(s, n, "login:") || probe_memcasemem(s, n, "username:"))
        return PROTO_TELNET;
    return PROTO_UNKNOWN;
}

static bool
ident_http(struct probe_ctx *c, struct probe_service *svc, struct assay_buf *b)
{
    char req[160];
    int n = snprintf(req, sizeof(req),
        "GET / HTTP/1.0\r\nHost: %s\r\nUser-Agent: assay\r\n\r\n", c->url_host);

    if (ident_ask(c, svc->port, req, (size_t)n, SCAN_ASK_MS, b) != ASSAY_OK)
        return false;
    if (http_status_parse(b->data, b->len, "HTTP") >= 100) {
        svc->proto = PROTO_HTTP;
        ident_keep(svc, b);
        return true;
    }
    if (http_status_parse(b->data, b->len, "RTSP") >= 100) {
        svc->proto = PROTO_RTSP;
        ident_keep(svc, b);
        return true;
    }
    return false;
}

static bool
ident_mqtt(struct probe_ctx *c, struct probe_service *svc, struct assay_buf *b)
{
    uint8_t req[128];
    char id[13];
    struct mqtt_packet pk;
    size_t n;

    probe_token(c, id, sizeof(id));
    n = mqtt_connect_build(req, sizeof(req), id, NULL, NULL);
    if (n == 0 || ident_ask(c, svc->port, req, n, SCAN_ASK_MS, b) != ASSAY_OK)
        return false;
    if (mqtt_packet_parse((const uint8_t *)b->data, b->len, &pk) == 1 &&
        pk.type == 2 && pk.body_len == 2) {
        svc->proto = PROTO_MQTT;
        return true;
    }
    return false;
}

static bool
ident_rtsp(struct probe_ctx *c, struct probe_service *svc, struct assay_buf *b)
{
    char req[200];
    int n = snprintf(req, sizeof(req),
        "OPTIONS rtsp://%s:%u/ RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: assay\r\n\r\n",
        c->url_host, svc->port);

    if (ident_ask(c, svc->port, req, (size_t)n, SCAN_ASK_MS, b) != ASSAY_OK)
        return false;
    if (http_status_parse(b->data, b->len, "RTSP") >= 100) {
        svc->proto = PROTO_RTSP;
        ident_keep(svc, b);
        return true;
    }
    return false;
}

static void
ident_tcp(struct probe_ctx *c, struct probe_service *svc, struct assay_buf *b)
{
    bool mqtt_first = svc->port == 1883 || svc->port == 8883;
    bool rtsp_first =
        svc->port == 554 || svc->port == 8554 || svc->port == 10554;

    if (ident_ask(c, svc->port, NULL, 0, SCAN_GREETING_MS, b) == ASSAY_OK) {
        ident_keep(svc, b);
        svc->proto = ident_greeting(b);
        return;
    }
    if (tls_handshake_ok(c, svc->port)) {
        svc->tls = true;
        if (http_tls_status(c, svc->port) >= 100)
            svc->proto = PROTO_HTTP;
        return;
    }
    if (mqtt_first && ident_mqtt(c, svc, b))
        return;
    if (rtsp_first && ident_rtsp(c, svc, b))
        return;
    if (ident_http(c, svc, b))
        return;
    if (!mqtt_first && ident_mqtt(c, svc, b))
        return;
    if (!rtsp_first)
        ident_rtsp(c, svc, b);
}

/* ---- UDP identification ------------------------------------------------ */

static size_t
udp_req_ssdp(struct probe_ctx *c, uint16_t port, uint8_t *out, size_t cap)
{
    int n = snprintf((char *)out, cap,
        "M-SEARCH * HTTP/1.1\r\nHOST: %s:%u\r\nMAN: \"ssdp:discover\"\r\n"
        "MX: 1\r\nST: ssdp:all\r\n\r\n",
        c->url_host, port);

    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

/* mDNS: one PTR question for the DNS-SD service list, unicast answer. */
static size_t
udp_req_mdns(uint8_t *out, size_t cap)
{
    static const uint8_t q[] = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 9, '_', 's',
        'e', 'r', 'v', 'i', 'c', 'e', 's', 7, '_', 'd', 'n', 's', '-', 's', 'd',
        4, '_', 'u', 'd', 'p', 5, 'l', 'o', 'c', 'a', 'l', 0, 0, 12, 0x80, 1};

    if (cap < sizeof(q))
        return 0;
    memcpy(out, q, sizeof(q));
    return sizeof(q);
}

/* TFTP: read request for a random name that cannot exist. */
static size_t
udp_req_tftp(struct probe_ctx *c, uint8_t *out, size_t cap)
{
    char name[17];
    size_t n;

    probe_token(c, name, sizeof(name));
    n = 2 + strlen(name) + 1 + 6;
    if (cap < n)
        return 0;
    out[0] = 0;
    out[1] = 1;
    memcpy(out + 2, name, strlen(name) + 1);
    memcpy(out + 2 + strlen(name) + 1, "octet", 6);
    return n;
}

static bool
udp_answer_is(enum probe_proto p, const uint8_t *a, size_t n)
{
    struct snmp_answer sa;

    switch (p) {
    case PROTO_SNMP:
        return snmp_response_parse(a, n, &sa);
    case PROTO_SSDP:
        return http_status_parse((const char *)a, n, "HTTP") == 200 &&
               (probe_memcasemem((const char *)a, n, "\nlocation:") ||
                   probe_memcasemem((const char *)a, n, "\nusn:"));
    case PROTO_MDNS:
        return n >= 12 && (a[2] & 0x80) != 0 && (a[6] | a[7]) != 0;
    case PROTO_COAP:
        return n >= 4 && (a[0] >> 6) == 1 && assay_be16(a + 2) == COAP_MID;
    case PROTO_TFTP:
        return n >= 4 && a[0] == 0 && (a[1] == 3 || a[1] == 5);
    default:
        return false;
    }
}

/* Keep a UDP answer as the service's banner. */
static void
ident_keep_udp(struct probe_service *svc, const uint8_t *a, size_t n)
{
    if (n > PROBE_BANNER_MAX - 1)
        n = PROBE_BANNER_MAX - 1;
    memcpy(svc->banner, a, n);
    svc->banner[n] = '\0';
    svc->banner_len = n;
}

/*
 * Send a DTLS ClientHello; a HelloVerifyRequest or ServerHello answer
 * makes the port a DTLS service (svc->tls, protocol inside unknown).
 */
static bool
ident_dtls(struct probe_ctx *c, struct probe_service *svc)
{
    uint8_t req[1500], ans[PROBE_BANNER_MAX];
    size_t rl = dtls_hello_build(req, sizeof(req)), al = 0;

    if (rl == 0 ||
        net_udp_ask(c, svc->port, req, rl, ans, sizeof(ans), &al, false) !=
            ASSAY_OK ||
        dtls_answer_kind(ans, al) == NULL)
        return false;
    svc->tls = true;
    ident_keep_udp(svc, ans, al);
    return true;
}

static bool
ident_udp(struct probe_ctx *c, struct probe_service *svc)
{
    enum probe_proto order[5] = {
        PROTO_SNMP, PROTO_SSDP, PROTO_MDNS, PROTO_COAP, PROTO_TFTP};
    uint8_t req[256], ans[PROBE_BANNER_MAX];
    bool listed = c->o->port_count > 0 && !c->o->all_ports;
    size_t asks = svc->port == SCAN_COAPS_PORT ? 0 : 5;

    /*
     * A well-known port gets its own protocol's question only: a device
     * that drops UDP silently then costs one wait per port, not five.
     */
    for (size_t i = 0; i < 5; i++) {
        static const uint16_t hint[5] = {161, 1900, 5353, 5683, 69};

        if (svc->port == hint[i]) {
            order[0] = order[i];
            asks = 1;
        }
    }
    for (size_t i = 0; i < asks; i++) {
        size_t rl = 0, al = 0;
        enum assay_status rc;

        switch (order[i]) {
        case PROTO_SNMP:
            rl = snmp_get_build(
                req, sizeof(req), "public", 0x4153, "1.3.6.1.2.1.1.1.0");
            break;
        case PROTO_SSDP:
            rl = udp_req_ssdp(c, svc->port, req, sizeof(req));
            break;
        case PROTO_MDNS:
            rl = udp_req_mdns(req, sizeof(req));
            break;
        case PROTO_COAP:
            rl = coap_request(req, sizeof(req));
            break;
        default:
            rl = udp_req_tftp(c, req, sizeof(req));
            break;
        }
        if (rl == 0)
            continue;
        rc = net_udp_ask(c, svc->port, req, rl, ans, sizeof(ans) - 1, &al,
            order[i] == PROTO_TFTP);
        if (rc == ASSAY_E_REFUSED)
            return false; /* port unreachable: closed */
        if (rc == ASSAY_OK && udp_answer_is(order[i], ans, al)) {
            svc->proto = order[i];
            ident_keep_udp(svc, ans, al);
            return true;
        }
    }
    /* DTLS last: a port that answered nothing else, where one may be */
    if ((listed || svc->port == SCAN_COAPS_PORT) && !probe_budget_over(c))
        return ident_dtls(c, svc);
    return false;
}

void
probe_identify(struct probe_ctx *c)
{
    struct assay_buf b;
    size_t kept = 0;

    assay_buf_init(&b, PROBE_BANNER_MAX + 1);
    for (size_t i = 0; i < c->svc_count; i++) {
        struct probe_service *svc = &c->svc[i];
        bool keep = true;

        probe_progress(c, "identify", i, c->svc_count);
        c->probe_end_ms = probe_now_ms() + c->lim->probe_ms;
        if (svc->transport == ASSAY_PROBE_TCP)
            ident_tcp(c, svc, &b);
        else
            keep = ident_udp(c, svc);
        c->probe_end_ms = 0;
        if (keep)
            c->svc[kept++] = *svc;
    }
    c->svc_count = kept;
    assay_buf_release(&b);
}
