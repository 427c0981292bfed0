/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Live device assessment: probe one host over the network and add what
 * was seen to the session report as findings with source "dynamic".
 *
 * Safety is part of the contract. Only the one host named is ever
 * contacted (an IPv4 or IPv6 literal, or a name resolved once); there is
 * no network sweep. Every connect and every wait has a deadline taken
 * from the session limits (connect_ms, read_ms, probe_ms); the number of
 * connections in flight and the rate of new connections are bounded.
 * Tests that could harm a device (login series for throttling and
 * lockout) run only when 'intrusive' is set, with a bounded number of
 * attempts, and the report says that they ran. Every device answer is
 * treated as hostile: reads are bounded and parsers are fuzzed.
 */
#ifndef ASSAY_PROBE_H
#define ASSAY_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/status.h"

#ifdef __cplusplus
extern "C" {
#endif

struct assay_session;
struct assay_ics;

/* Most ports one probe run may be asked to scan (TCP plus UDP). */
#define ASSAY_PROBE_MAX_PORTS 65535
/* Default connections in flight during the scan. */
#define ASSAY_PROBE_DEFAULT_CONCURRENCY 64
/* Default new connections per second (scan and probes together). */
#define ASSAY_PROBE_DEFAULT_RATE 500
/* Default and highest number of logins one intrusive series may try. */
#define ASSAY_PROBE_DEFAULT_ATTEMPTS 20
#define ASSAY_PROBE_MAX_ATTEMPTS     200
/* Most credential pairs tried per login surface (default-credential test). */
#define ASSAY_PROBE_MAX_CREDS 256
/* Pairs of the built-in dictionary tried without --intrusive (the most
 * common ones first); with it, the whole dictionary. */
#define ASSAY_PROBE_SAFE_CREDS 16

enum assay_probe_transport { ASSAY_PROBE_TCP = 0, ASSAY_PROBE_UDP = 1 };

/* One port to look at. */
struct assay_probe_port {
    uint16_t port;                        /* 1..65535 */
    enum assay_probe_transport transport; /* TCP or UDP */
};

/* A user name and password pair to try as a default credential. */
struct assay_probe_cred {
    const char *user;     /* may be "" */
    const char *password; /* may be "" */
};

/*
 * Progress: called from the probing thread with a short phase name
 * ("scan", "identify", "telnet" ...), units done and units in all (0 when
 * unknown). Must not call back into the session.
 */
typedef void (*assay_probe_progress_fn)(
    void *ctx, const char *phase, uint64_t done, uint64_t total);

struct assay_probe_opts {
    const char *host; /* literal address or name, required */
    /* Ports to scan; NULL (count 0) = the default IoT set, TCP and UDP. */
    const struct assay_probe_port *ports;
    size_t port_count;    /* entries in ports, 0..ASSAY_PROBE_MAX_PORTS */
    bool all_ports;       /* TCP 1-65535 plus the default UDP set */
    bool intrusive;       /* allow login series (throttling, lockout) */
    unsigned attempts;    /* logins per intrusive series; 0 = default */
    unsigned concurrency; /* scan connections in flight; 0 = default */
    unsigned rate;        /* new connections per second; 0 = default */
    /*
     * Default credentials to try; NULL = the built-in dictionary (the
     * Mirai table and vendor defaults shared with the static checks),
     * its first ASSAY_PROBE_SAFE_CREDS pairs unless 'intrusive'.
     */
    const struct assay_probe_cred *creds;
    size_t cred_count;     /* entries in creds; more than MAX_CREDS ignored */
    bool no_default_creds; /* skip the default-credential test */
    /* Statement to compare open services with (5.6-1); may be NULL. */
    const struct assay_ics *ics;
    assay_probe_progress_fn progress; /* may be NULL */
    void *progress_ctx;               /* passed to progress */
};

/*
 * Probe 'o->host' and fill the session report: target (kind "device"),
 * one info finding per open service, and a finding per weakness seen,
 * each with provision ids and evidence (request and answer excerpts).
 * Problems with single services become diagnostics and the run goes on.
 * Returns ASSAY_OK, ASSAY_E_USAGE (bad options; the session error says
 * which), ASSAY_E_NETWORK (the name does not resolve, or no socket
 * could be made), ASSAY_E_NOMEM or ASSAY_E_LIMIT.
 */
ASSAY_API enum assay_status assay_probe_run(
    struct assay_session *s, const struct assay_probe_opts *o);

/*
 * Parse a port list "22,80,8000-8100,U:161,U:1900-1901" into a heap array
 * the caller frees with assay_probe_ports_free(). Returns ASSAY_OK,
 * ASSAY_E_USAGE (bad syntax, port 0 or above 65535, more than
 * ASSAY_PROBE_MAX_PORTS entries) or ASSAY_E_NOMEM.
 */
ASSAY_API enum assay_status assay_probe_ports_parse(
    const char *list, struct assay_probe_port **out, size_t *count);
ASSAY_API void assay_probe_ports_free(struct assay_probe_port *p);

/*
 * Parse a credential list, one pair a line as "user:password" or
 * "user password" ('#' starts a comment line), of 'len' bytes. The array
 * and strings live in the session arena. Returns ASSAY_OK, ASSAY_E_LIMIT
 * (more than ASSAY_PROBE_MAX_CREDS pairs), ASSAY_E_INVALID (a line that
 * is neither form; a diagnostic names it) or ASSAY_E_NOMEM.
 */
ASSAY_API enum assay_status assay_probe_creds_parse(struct assay_session *s,
    const char *name, const char *data, size_t len,
    const struct assay_probe_cred **out, size_t *count);

/*
 * Evidence source for `assay assess --device HOST` (assay_evidence_fn of
 * assay/assess.h): assay_probe_run() on 'target' with default options
 * and 'ics' (may be NULL). Same returns.
 */
ASSAY_API enum assay_status assay_probe_evidence(
    struct assay_session *s, const struct assay_ics *ics, const char *target);

/* Registered probe modules: name and summary of the i-th, NULL past end. */
ASSAY_API const char *assay_probe_name(size_t i);
ASSAY_API const char *assay_probe_summary(size_t i);
/* Does the i-th probe need --intrusive? */
ASSAY_API bool assay_probe_is_intrusive(size_t i);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_PROBE_H */
