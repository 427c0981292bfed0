/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Brute-force protection (5.1-5), intrusive: a bounded series of logins
 * with wrong passwords against the HTTP login surface, measuring
 * attempts per second and watching for throttling (429/503/423 answers,
 * refused connections, answer times that grow) or lockout. It may lock
 * the account it uses ("admin", the usual target of real attacks) for
 * the device's lockout time, which is why it runs only with --intrusive
 * and the report says so.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "probe_private.h"

static bool
throttle_applies(const struct probe_service *svc)
{
    return svc->transport == ASSAY_PROBE_TCP && svc->proto == PROTO_HTTP &&
           svc->login_seen;
}

static enum assay_status
throttle_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const prov[] = {"5.1-5", NULL};
    unsigned n =
        c->o->attempts != 0 ? c->o->attempts : ASSAY_PROBE_DEFAULT_ATTEMPTS;
    uint64_t first_ms = 0, last_ms = 0, start, elapsed;
    unsigned done = 0, third, blocked = 0, failures = 0;
    long block_status = 0;
    struct http_login l;
    struct http_resp r;
    char pw[17];
    double rate;

    if (!http_login_find(c, svc, &l))
        return ASSAY_OK;
    if (n > ASSAY_PROBE_MAX_ATTEMPTS)
        n = ASSAY_PROBE_MAX_ATTEMPTS;
    third = n / 3 > 0 ? n / 3 : 1;
    http_resp_init(&r);
    start = probe_now_ms();
    for (unsigned i = 0; i < n && !probe_budget_over(c); i++) {
        uint64_t t0 = probe_now_ms(), dt;
        enum assay_status rc;

        probe_token(c, pw, sizeof(pw));
        rc = http_do(c, svc, NULL, NULL, NULL, NULL, &l, "admin", pw, &r);
        dt = probe_now_ms() - t0;
        done++;
        if (rc != ASSAY_OK) {
            if (++failures >= 2) {
                blocked++;
                break; /* the device stopped answering: that is throttling */
            }
            continue;
        }
        if (r.status == 429 || r.status == 503 || r.status == 423) {
            blocked++;
            block_status = r.status;
            break;
        }
        if (i < third)
            first_ms += dt;
        if (i >= n - third)
            last_ms += dt;
    }
    elapsed = probe_now_ms() - start;
    rate = elapsed > 0 ? (double)done * 1000.0 / (double)elapsed : 0.0;
    http_resp_release(&r);
    if (blocked == 0 && done == n && last_ms <= 3 * first_ms + 300u * third) {
        probe_report(c, svc, "NET-CRED-002", ASSAY_SEV_MEDIUM, ASSAY_CONF_HIGH,
            prov, "no brute-force protection on login",
            assay_arena_printf(c->arena,
                "%u failed %s logins for 'admin' at '%s' in %llu ms "
                "(%.1f attempts/s): none refused, slowed or locked "
                "(first third %llu ms, last third %llu ms)",
                done,
                l.kind == HTTP_LOGIN_FORM ? "form" : "HTTP authentication",
                l.path, (unsigned long long)elapsed, rate,
                (unsigned long long)first_ms, (unsigned long long)last_ms),
            "slow down or lock out repeated failed logins (e.g. growing "
            "delays, temporary lockout after a few failures)");
        return ASSAY_OK;
    }
    probe_report(c, svc, "NET-CRED-003", ASSAY_SEV_INFO, ASSAY_CONF_HIGH, prov,
        "login attempts are throttled",
        assay_arena_printf(c->arena,
            "after %u failed logins at '%s' (%.1f attempts/s) the device %s",
            done, l.path, rate,
            block_status != 0
                ? assay_arena_printf(c->arena, "answered %ld", block_status)
            : blocked != 0 ? "stopped answering"
                           : "answered ever more slowly"),
        NULL);
    return ASSAY_OK;
}

static const char *const throttle_provisions[] = {"5.1-5", NULL};

const struct assay_probe pr_throttle = {
    .name = "throttle",
    .summary = "brute-force throttling and lockout of HTTP logins (intrusive)",
    .provisions = throttle_provisions,
    .flags = PROBE_INTRUSIVE,
    .applies = throttle_applies,
    .run = throttle_run,
};
