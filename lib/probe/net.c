/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Deadline-aware sockets for the probes. Every socket is non-blocking and
 * every wait goes through poll() with a deadline, so a device that
 * accepts and then says nothing, or trickles bytes, costs at most the
 * time the limits allow. New connections are paced to the configured
 * rate. Only the one resolved target address is ever used.
 */
#include "assay_config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include "probe_private.h"

uint64_t
probe_now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t
probe_now_ms(void)
{
    return probe_now_us() / 1000u;
}

void
net_pace(struct probe_ctx *c)
{
    uint64_t now = probe_now_us();

    if (c->gap_us > 0 && c->last_connect_us != 0 &&
        now < c->last_connect_us + c->gap_us) {
        uint64_t wait = c->last_connect_us + c->gap_us - now;
        struct timespec ts = {
            (time_t)(wait / 1000000u), (long)(wait % 1000000u) * 1000};

        nanosleep(&ts, NULL);
        now = probe_now_us();
    }
    c->last_connect_us = now;
}

bool
net_wait(int fd, short events, uint64_t deadline_ms)
{
    for (;;) {
        struct pollfd p = {.fd = fd, .events = events};
        uint64_t now = probe_now_ms();
        int n;

        if (now >= deadline_ms)
            return false;
        n = poll(&p, 1, (int)(deadline_ms - now));
        if (n > 0)
            return true;
        if (n < 0 && errno != EINTR)
            return false;
    }
}

enum assay_status
net_connect(struct probe_ctx *c, uint16_t port, bool udp, int *fd)
{
    struct sockaddr_storage sa = c->addr;
    int s, err = 0;
    socklen_t elen = sizeof(err);

    if (sa.ss_family == AF_INET)
        ((struct sockaddr_in *)&sa)->sin_port = htons(port);
    else
        ((struct sockaddr_in6 *)&sa)->sin6_port = htons(port);
    net_pace(c);
    s = socket(sa.ss_family,
        (udp ? SOCK_DGRAM : SOCK_STREAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s < 0)
        return ASSAY_E_NETWORK;
    if (connect(s, (struct sockaddr *)&sa, c->addr_len) == 0)
        goto out_ok;
    if (errno == ECONNREFUSED) {
        close(s);
        return ASSAY_E_REFUSED;
    }
    if (errno != EINPROGRESS) {
        close(s);
        return ASSAY_E_NETWORK;
    }
    if (!net_wait(s, POLLOUT, probe_deadline(c, c->lim->connect_ms))) {
        close(s);
        return ASSAY_E_TIMEOUT;
    }
    if (getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 || err != 0) {
        close(s);
        return err == ECONNREFUSED ? ASSAY_E_REFUSED : ASSAY_E_NETWORK;
    }
out_ok:
    *fd = s;
    return ASSAY_OK;
}

enum assay_status
net_send(int fd, const void *p, size_t len, uint64_t deadline_ms)
{
    const uint8_t *b = p;

    while (len > 0) {
        ssize_t n = send(fd, b, len, MSG_NOSIGNAL);

        if (n > 0) {
            b += n;
            len -= (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!net_wait(fd, POLLOUT, deadline_ms))
                return ASSAY_E_TIMEOUT;
            continue;
        }
        return ASSAY_E_NETWORK;
    }
    return ASSAY_OK;
}

enum assay_status
net_recv(int fd, struct assay_buf *b, size_t max, uint64_t deadline_ms,
    bool (*done)(const struct assay_buf *b, void *arg), void *arg)
{
    size_t start = b->len;
    char tmp[4096];

    while (b->len - start < max) {
        size_t want = max - (b->len - start);
        ssize_t n;

        if (done != NULL && b->len > start && done(b, arg))
            return ASSAY_OK;
        if (!net_wait(fd, POLLIN, deadline_ms))
            break;
        n = recv(fd, tmp, want < sizeof(tmp) ? want : sizeof(tmp), 0);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
                continue;
            if (b->len > start)
                break;
            return errno == ECONNREFUSED ? ASSAY_E_REFUSED : ASSAY_E_NETWORK;
        }
        if (assay_buf_append(b, tmp, (size_t)n) != ASSAY_OK)
            break;
        if (done == NULL)
            break; /* one chunk: the caller decides whether to go on */
    }
    return b->len > start ? ASSAY_OK : ASSAY_E_TIMEOUT;
}

/* Is 'from' the target's address (any port)? */
static bool
net_from_target(const struct probe_ctx *c, const struct sockaddr_storage *from)
{
    if (from->ss_family != c->addr.ss_family)
        return false;
    if (from->ss_family == AF_INET)
        return memcmp(&((const struct sockaddr_in *)from)->sin_addr,
                   &((const struct sockaddr_in *)&c->addr)->sin_addr,
                   sizeof(struct in_addr)) == 0;
    return memcmp(&((const struct sockaddr_in6 *)from)->sin6_addr,
               &((const struct sockaddr_in6 *)&c->addr)->sin6_addr,
               sizeof(struct in6_addr)) == 0;
}

enum assay_status
net_udp_ask(struct probe_ctx *c, uint16_t port, const void *req, size_t req_len,
    uint8_t *out, size_t cap, size_t *len, bool any_port)
{
    struct sockaddr_storage to = c->addr;
    uint64_t deadline;
    enum assay_status rc;
    int fd;

    *len = 0;
    if (!any_port) {
        /* connected: ICMP port unreachable comes back as ECONNREFUSED */
        rc = net_connect(c, port, true, &fd);
        if (rc != ASSAY_OK)
            return rc;
    } else {
        /* TFTP answers from a new port: take any port of the target */
        net_pace(c);
        fd = socket(to.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return ASSAY_E_NETWORK;
    }
    if (to.ss_family == AF_INET)
        ((struct sockaddr_in *)&to)->sin_port = htons(port);
    else
        ((struct sockaddr_in6 *)&to)->sin6_port = htons(port);
    deadline =
        probe_deadline(c, c->lim->read_ms < 1500 ? c->lim->read_ms : 1500);
    if ((any_port ? sendto(fd, req, req_len, MSG_NOSIGNAL,
                        (struct sockaddr *)&to, c->addr_len)
                  : send(fd, req, req_len, MSG_NOSIGNAL)) < 0) {
        rc = errno == ECONNREFUSED ? ASSAY_E_REFUSED : ASSAY_E_NETWORK;
        goto out_close;
    }
    rc = ASSAY_E_TIMEOUT;
    while (net_wait(fd, POLLIN, deadline)) {
        struct sockaddr_storage from;
        socklen_t fl = sizeof(from);
        ssize_t n = recvfrom(fd, out, cap, 0, (struct sockaddr *)&from, &fl);

        if (n >= 0 && any_port && !net_from_target(c, &from))
            continue; /* only the target's answers count */
        if (n >= 0) {
            *len = (size_t)n;
            rc = ASSAY_OK;
            break;
        }
        if (errno == ECONNREFUSED) {
            rc = ASSAY_E_REFUSED;
            break;
        }
        if (errno != EINTR && errno != EAGAIN) {
            rc = ASSAY_E_NETWORK;
            break;
        }
    }
out_close:
    close(fd);
    return rc;
}
