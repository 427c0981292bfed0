/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Inventory: one info finding per open service with how it was
 * identified (the attack surface 5.6-1 asks about), and versions that a
 * greeting discloses before any authentication (5.6-2). HTTP headers are
 * left to pr_http, which sees them over TLS too.
 */
#include "assay_config.h"

#include <string.h>

#include "probe_private.h"

static bool
service_applies(const struct probe_service *svc)
{
    (void)svc;
    return true;
}

/* A greeting line that names software and a version: "dropbear_2022.83",
 * "vsFTPd 3.0.3", "ProFTPD 1.3.5". */
static bool
service_has_version(const char *s, size_t n)
{
    size_t from = 1;

    /* the protocol's own version is not a disclosure */
    if (n >= 8 && memcmp(s, "SSH-", 4) == 0)
        from = 8;
    else if (n >= 5 &&
             (memcmp(s, "RTSP/", 5) == 0 || memcmp(s, "HTTP/", 5) == 0))
        return false;
    for (size_t i = from; i + 1 < n; i++) {
        if (s[i] == '.' && s[i - 1] >= '0' && s[i - 1] <= '9' &&
            s[i + 1] >= '0' && s[i + 1] <= '9')
            return true;
    }
    return false;
}

static enum assay_status
service_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const prov_surf[] = {"5.6-1", NULL};
    static const char *const prov_info[] = {"5.6-2", NULL};
    const char *how, *eol = memchr(svc->banner, '\n', svc->banner_len);
    const char *what = probe_proto_name(svc->proto), *over = "";
    bool dtls = svc->tls && svc->transport == ASSAY_PROBE_UDP;
    size_t n = svc->banner_len;

    /* quote the first line of a text greeting, not the binary after it */
    if (eol != NULL && svc->proto != PROTO_TELNET &&
        svc->transport == ASSAY_PROBE_TCP)
        n = (size_t)(eol - svc->banner);

    if (svc->tls && !dtls)
        over = " over TLS";
    if (dtls) {
        /* the answer is binary: name it instead of quoting it */
        const char *kind =
            dtls_answer_kind((const uint8_t *)svc->banner, svc->banner_len);

        how = assay_arena_printf(c->arena, "a DTLS handshake answer (%s)",
            kind != NULL ? kind : "?");
        n = 0;
        if (svc->proto == PROTO_UNKNOWN)
            what = "dtls";
        else
            over = " over DTLS";
    } else if (svc->proto == PROTO_UNKNOWN)
        how = n > 0 ? "unrecognised greeting" : "no answer to any question";
    else if (svc->transport == ASSAY_PROBE_UDP)
        how = "answered a protocol request";
    else if (svc->tls)
        how = "TLS handshake";
    else
        how = n > 0 ? "greeting or answer" : "protocol answer";
    probe_report(c, svc, "NET-SVC-001", ASSAY_SEV_INFO, ASSAY_CONF_HIGH,
        prov_surf, "network service reachable",
        assay_arena_printf(c->arena, "%s identified as %s%s by %s%s%s",
            svc->label, what, over, how, n > 0 ? ": " : "",
            n > 0 ? probe_quote(c, svc->banner, n < 120 ? n : 120) : ""),
        NULL);
    if (svc->transport == ASSAY_PROBE_TCP && svc->proto != PROTO_HTTP &&
        svc->proto != PROTO_TELNET && n > 0) {
        size_t line = n;

        while (line > 0 && svc->banner[line - 1] == '\r')
            line--;
        if (service_has_version(svc->banner, line))
            probe_report(c, svc, "NET-INFO-001", ASSAY_SEV_LOW,
                ASSAY_CONF_MEDIUM, prov_info,
                "software version disclosed before authentication",
                assay_arena_printf(c->arena, "greeting '%s'",
                    probe_quote(c, svc->banner, line)),
                "do not announce product or component versions to "
                "unauthenticated clients where the protocol allows it");
    }
    return ASSAY_OK;
}

static const char *const service_provisions[] = {"5.6-1", "5.6-2", NULL};

const struct assay_probe pr_service = {
    .name = "service",
    .summary = "open services, how they were identified, greeting versions",
    .provisions = service_provisions,
    .flags = 0,
    .applies = service_applies,
    .run = service_run,
};
