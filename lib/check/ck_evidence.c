/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Evidence for the assessor (EN 303 645 5.2-1, 5.3-13, 5.8-3, 6-x):
 * vulnerability-disclosure contacts (security.txt), published support
 * periods, telemetry and analytics endpoints, and sensing hardware
 * (camera, microphone, location) the software drives. These are notes
 * (info) an assessor compares with the documentation; with a statement
 * (--ics) a sensing capability the statement does not document becomes
 * a finding.
 */
#include "assay_config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <hs/hs.h>

#include "assay/ics.h"

#include "check_private.h"

/* ---- FW-EVD-001: disclosure contact --------------------------------- */

static bool
evd_sectxt_applies(const struct assay_node *n)
{
    return strcmp(assay_node_name(n), "security.txt") == 0 &&
           assay_node_size(n) <= (64u << 10);
}

static enum assay_status
evd_sectxt_run(struct check_ctx *c, const struct assay_node *n)
{
    struct check_line l = {0};
    size_t len = 0, pos = 0, k = 0;
    const uint8_t *d = assay_node_data(n, &len);
    char ev[512] = "";

    if (d == NULL || !check_is_text(d, len))
        return ASSAY_OK;
    while (check_line_next(d, len, &pos, &l)) {
        char buf[256];
        const char *s;

        if (l.len >= sizeof(buf))
            continue;
        s = check_line_copy(&l, buf, sizeof(buf));
        if ((strncasecmp(s, "Contact:", 8) == 0 ||
                strncasecmp(s, "Policy:", 7) == 0 ||
                strncasecmp(s, "Expires:", 8) == 0) &&
            k < sizeof(ev))
            k += (size_t)snprintf(
                ev + k, sizeof(ev) - k, "%s%s", k > 0 ? "; " : "", s);
    }
    if (k == 0)
        return ASSAY_OK;
    return check_rc(
        check_reportf(c, n, 0, "vulnerability disclosure contact", "%s", ev));
}

static const char *const prov_evd_sectxt[] = {"5.2-1", NULL};

const struct assay_check ck_evd_disclosure = {
    .id = "FW-EVD-001",
    .title = "vulnerability disclosure contact",
    .provisions = prov_evd_sectxt,
    .severity = ASSAY_SEV_INFO,
    .scope = CHECK_FILE,
    .applies = evd_sectxt_applies,
    .run = evd_sectxt_run,
};

/* ---- FW-EVD-002: support period ------------------------------------- */

static bool
evd_text_applies(const struct assay_node *n)
{
    const char *p = assay_node_path(n);

    return assay_node_size(n) > 0 && assay_node_size(n) <= (1u << 20) &&
           !check_path_in(p, "/usr/share/doc") &&
           !check_path_in(p, "/usr/share/man") &&
           !check_path_in(p, "/usr/include");
}

static enum assay_status
evd_support_run(struct check_ctx *c, const struct assay_node *n)
{
    static const char *const phrases[] = {"support period",
        "security updates until", "supported until", "end of support",
        "end-of-support", "end of life", "end-of-life"};
    struct check_line l = {0};
    size_t len = 0, pos = 0;
    const uint8_t *d = assay_node_data(n, &len);

    if (d == NULL || !check_is_text(d, len))
        return ASSAY_OK;
    while (check_line_next(d, len, &pos, &l)) {
        for (size_t i = 0; i < ASSAY_ARRAY_LEN(phrases); i++) {
            char buf[240];

            if (!check_memcasestr(l.text, l.len, phrases[i]))
                continue;
            return check_rc(
                check_reportf(c, n, l.no, "support period statement", "%s",
                    check_line_copy(&l, buf, sizeof(buf))));
        }
    }
    return ASSAY_OK;
}

static const char *const prov_evd_support[] = {"5.3-13", NULL};

const struct assay_check ck_evd_support = {
    .id = "FW-EVD-002",
    .title = "support period statement",
    .provisions = prov_evd_support,
    .severity = ASSAY_SEV_INFO,
    .scope = CHECK_FILE,
    .applies = evd_text_applies,
    .run = evd_support_run,
};

/* ---- FW-EVD-003: telemetry and analytics ----------------------------- */

static const struct {
    const char *needle;
    const char *what;
} evd_telemetry[] = {
    {"google-analytics.com", "Google Analytics"},
    {"app-measurement.com", "Firebase Analytics"},
    {"firebaseio.com", "Firebase"},
    {"crashlytics", "Crashlytics"},
    {"sentry.io", "Sentry"},
    {"api.mixpanel.com", "Mixpanel"},
    {"api.amplitude.com", "Amplitude"},
    {"bugsnag.com", "Bugsnag"},
    {"umeng.com", "Umeng analytics"},
    {"api.segment.io", "Segment"},
    {"newrelic.com", "New Relic"},
    {"datadoghq.com", "Datadog"},
    {"telemetry.", "telemetry endpoint"},
};

static bool
evd_any_applies(const struct assay_node *n)
{
    const char *p = assay_node_path(n);

    return assay_node_size(n) >= 16 && assay_node_size(n) <= (32u << 20) &&
           !check_path_in(p, "/usr/share/doc") &&
           !check_path_in(p, "/usr/share/man");
}

/*
 * The needles as one Hyperscan literal set, built once per process and
 * read-only afterwards: one pass per file instead of one memmem() per
 * needle (that was a third of a scan's time).
 */
static pthread_once_t evd_once = PTHREAD_ONCE_INIT;
static hs_database_t *evd_db;

static void
evd_compile(void)
{
    const char *lits[ASSAY_ARRAY_LEN(evd_telemetry)];
    size_t lens[ASSAY_ARRAY_LEN(evd_telemetry)];
    unsigned flags[ASSAY_ARRAY_LEN(evd_telemetry)];
    unsigned ids[ASSAY_ARRAY_LEN(evd_telemetry)];
    hs_compile_error_t *err = NULL;

    for (unsigned i = 0; i < ASSAY_ARRAY_LEN(evd_telemetry); i++) {
        lits[i] = evd_telemetry[i].needle;
        lens[i] = strlen(lits[i]);
        flags[i] = HS_FLAG_SINGLEMATCH;
        ids[i] = i;
    }
    if (hs_compile_lit_multi(lits, flags, ids, lens,
            (unsigned)ASSAY_ARRAY_LEN(evd_telemetry), HS_MODE_BLOCK, NULL,
            &evd_db, &err) != HS_SUCCESS) {
        hs_free_compile_error(err);
        evd_db = NULL;
    }
}

/* First end offset + 1 of each needle, 0 when absent. */
static int
evd_on_match(unsigned int id, unsigned long long from, unsigned long long to,
    unsigned int flags, void *ctx)
{
    unsigned long long *ends = ctx;

    (void)from;
    (void)flags;
    if (ends[id] == 0)
        ends[id] = to + 1;
    return 0;
}

static enum assay_status
evd_telemetry_run(struct check_ctx *c, const struct assay_node *n)
{
    unsigned long long ends[ASSAY_ARRAY_LEN(evd_telemetry)] = {0};
    size_t len = 0, k = 0;
    const uint8_t *d = assay_node_data(n, &len);
    hs_scratch_t *scratch = NULL;
    char ev[512] = "";

    if (d == NULL || len > UINT32_MAX)
        return ASSAY_OK;
    pthread_once(&evd_once, evd_compile);
    if (evd_db == NULL)
        return assay_err_set(assay_session_err(c->s), ASSAY_E_INTERNAL,
            "%s: telemetry patterns do not compile", c->check->id);
    if (hs_alloc_scratch(evd_db, &scratch) != HS_SUCCESS)
        return ASSAY_E_NOMEM;
    (void)hs_scan(evd_db, (const char *)d, (unsigned int)len, 0, scratch,
        evd_on_match, ends);
    hs_free_scratch(scratch);
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(evd_telemetry); i++) {
        const char *nd = evd_telemetry[i].needle;
        const uint8_t *hit;
        size_t e;

        if (ends[i] == 0 || ends[i] - 1 < strlen(nd) || k >= sizeof(ev))
            continue;
        hit = d + (ends[i] - 1 - strlen(nd));
        /* the host name around the needle, for the evidence */
        e = (size_t)(hit - d) + strlen(nd);
        while (e < len && e - (size_t)(hit - d) < 80 &&
               (d[e] == '.' || d[e] == '-' || (d[e] >= 'a' && d[e] <= 'z') ||
                   (d[e] >= '0' && d[e] <= '9')))
            e++;
        k += (size_t)snprintf(ev + k, sizeof(ev) - k, "%s%s (%.*s)",
            k > 0 ? "; " : "", evd_telemetry[i].what,
            (int)(e - (size_t)(hit - d)), (const char *)hit);
    }
    if (k == 0)
        return ASSAY_OK;
    return check_rc(
        check_reportf(c, n, 0, "telemetry or analytics endpoint", "%s", ev));
}

static const char *const prov_evd_telemetry[] = {"6-4", "6-5", NULL};

const struct assay_check ck_evd_telemetry = {
    .id = "FW-EVD-003",
    .title = "telemetry or analytics endpoint",
    .provisions = prov_evd_telemetry,
    .severity = ASSAY_SEV_INFO,
    .scope = CHECK_FILE,
    .applies = evd_any_applies,
    .run = evd_telemetry_run,
};

/* ---- FW-EVD-004: sensing capabilities -------------------------------- */

static const struct {
    const char *prefix; /* file name starts with it */
    const char *what;
} evd_sensors[] = {
    {"uvcvideo", "camera (USB video class driver)"},
    {"videodev", "camera (video4linux core)"},
    {"gspca", "camera (gspca webcam driver)"},
    {"ov5640", "camera sensor (OmniVision)"},
    {"ov2640", "camera sensor (OmniVision)"},
    {"imx219", "camera sensor (Sony)"},
    {"imx477", "camera sensor (Sony)"},
    {"snd-usb-audio", "microphone or audio capture (USB audio)"},
    {"snd_usb_audio", "microphone or audio capture (USB audio)"},
    {"snd-soc-dmic", "microphone (digital MIC codec)"},
    {"arecord", "audio capture tool"},
    {"gpsd", "location (GPS daemon)"},
    {"gps-", "location (GPS driver)"},
    {"ublox", "location (u-blox GNSS)"},
};

static enum assay_status
evd_sensors_run(struct check_ctx *c, const struct assay_node *root)
{
    size_t count = assay_tree_node_count(c->tree), reported = 0;
    const struct assay_ixit_user_info *ui =
        c->ics != NULL ? assay_ics_user_info(c->ics) : NULL;
    bool undocumented = c->ics != NULL && (ui == NULL || ui->sensors == NULL);
    enum assay_status rc;

    for (size_t i = 0; i < count && reported < 20; i++) {
        const struct assay_node *n = assay_tree_node(c->tree, i);
        const char *b;

        if (assay_node_fs_root(n) != root ||
            assay_node_type(n) != ASSAY_NODE_FILE)
            continue;
        b = assay_node_name(n);
        for (size_t k = 0; k < ASSAY_ARRAY_LEN(evd_sensors); k++) {
            if (!assay_str_starts(b, evd_sensors[k].prefix))
                continue;
            rc = check_reportf_sev(c, n, 0,
                undocumented ? ASSAY_SEV_LOW : ASSAY_SEV_INFO,
                ASSAY_CONF_MEDIUM,
                undocumented ? "undeclared sensing capability"
                             : "sensing capability",
                "%s: %s", evd_sensors[k].what, b);
            if (check_rc(rc) != ASSAY_OK)
                return rc;
            reported++;
            break;
        }
    }
    return ASSAY_OK;
}

static const char *const prov_evd_sensors[] = {"5.8-3", "6-1", NULL};

const struct assay_check ck_evd_sensors = {
    .id = "FW-EVD-004",
    .title = "sensing capability",
    .provisions = prov_evd_sensors,
    .severity = ASSAY_SEV_INFO,
    .scope = CHECK_FS,
    .run = evd_sensors_run,
};
