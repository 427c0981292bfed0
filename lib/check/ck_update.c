/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Update integrity (EN 303 645 5.3-2, 5.3-7, 5.3-9, 5.3-10).
 *
 *   FW-UPD-001  an update path fetches over plain http/ftp/tftp
 *   FW-UPD-003  an update mechanism that installs without verifying a
 *               signature (opkg without check_signature, sysupgrade
 *               without usign keys, Mender without an artifact key,
 *               SWUpdate without a public key)
 *   FW-UPD-004  inventory: which mechanisms and which verification
 *               material the file system has (info, for the verdicts)
 *
 * TLS certificate checks switched off (also in update paths, 5.3-10) are
 * FW-COM-002 in ck_comms.c; secure-boot evidence (5.7-1) is FW-BOOT-001
 * in ck_boot.c.
 *
 * Scripts and configuration files are read line by line; a line counts
 * when it is not a comment, names a fetch tool or feed and sits in an
 * update context (the file's path or the line mentions update, upgrade,
 * firmware, opkg ...). Loopback URLs are not network updates.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check_private.h"

/* Longest file read as a script or configuration file. */
#define UPD_MAX_TEXT (1u << 20)

static const char *const upd_dirs[] = {"/etc/", "/sbin/", "/usr/sbin/",
    "/usr/bin/", "/bin/", "/lib/upgrade/", "/usr/lib/", "/usr/share/", "/www/",
    "/usr/libexec/", "/lib/functions/"};

static const char *const upd_words[] = {"upgrade", "update", "firmware", "fwup",
    "ota", "opkg", "mender", "swupdate", "rauc", "flash", NULL};

static enum assay_status
upd_rc(enum assay_status rc)
{
    return rc == ASSAY_E_NOMEM ? rc : ASSAY_OK;
}

static bool
upd_text_applies(const struct assay_node *n)
{
    const char *p = assay_node_path(n);

    if (p == NULL || assay_node_size(n) == 0 ||
        assay_node_size(n) > UPD_MAX_TEXT)
        return false;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(upd_dirs); i++)
        if (strstr(p, upd_dirs[i]) != NULL)
            return true;
    return false;
}

static bool
upd_context(const char *s, size_t len)
{
    for (size_t i = 0; upd_words[i] != NULL; i++)
        if (check_memcasestr(s, len, upd_words[i]))
            return true;
    return false;
}

static bool
upd_is_comment(const struct check_line *l)
{
    size_t i = 0;

    while (i < l->len && (l->text[i] == ' ' || l->text[i] == '\t'))
        i++;
    return i == l->len || l->text[i] == '#' ||
           (l->len - i >= 2 && l->text[i] == '/' && l->text[i + 1] == '/');
}

/* A fetch tool, package feed or update server setting on the line. */
static bool
upd_fetches(const char *s, size_t len)
{
    static const char *const tools[] = {"wget", "curl", "tftp", "uclient-fetch",
        "src/gz", "src ", "ServerURL", "fetch", "ftpget", "url", NULL};

    for (size_t i = 0; tools[i] != NULL; i++)
        if (check_memcasestr(s, len, tools[i]))
            return true;
    return false;
}

/* Is there a plain-text URL that is not loopback? *scheme gets it. */
static bool
upd_plain_url(const char *s, size_t len, const char **scheme)
{
    static const char *const schemes[] = {"http://", "ftp://", "tftp://", NULL};

    for (size_t i = 0; schemes[i] != NULL; i++) {
        size_t sl = strlen(schemes[i]);

        for (size_t k = 0; k + sl <= len; k++) {
            const char *host = s + k + sl;
            size_t rest = len - k - sl;

            if (strncasecmp(s + k, schemes[i], sl) != 0)
                continue;
            /* "shttp://" or "xhttp://" are not URLs of this scheme */
            if (k > 0 && (s[k - 1] == 's' || s[k - 1] == 'S'))
                continue;
            if ((rest >= 9 && strncmp(host, "localhost", 9) == 0) ||
                (rest >= 4 && strncmp(host, "127.", 4) == 0) ||
                (rest >= 3 && strncmp(host, "[::", 3) == 0))
                continue;
            *scheme = schemes[i];
            return true;
        }
    }
    return false;
}

/* FW-UPD-001: plain-text URLs in the fetch lines of update paths. */
static enum assay_status
upd_plain_run(struct check_ctx *c, const struct assay_node *n)
{
    size_t len, pos = 0;
    const uint8_t *d = assay_node_data(n, &len);
    const char *path = assay_node_path(n);
    struct check_line l;
    bool file_ctx;
    enum assay_status rc = ASSAY_OK;

    if (d == NULL || !check_is_text(d, len))
        return ASSAY_OK;
    file_ctx = upd_context(path, strlen(path));
    memset(&l, 0, sizeof(l));
    while (rc == ASSAY_OK && check_line_next(d, len, &pos, &l)) {
        const char *s = l.text, *scheme = NULL;
        char buf[240];

        if (upd_is_comment(&l) || !(file_ctx || upd_context(s, l.len)) ||
            !upd_fetches(s, l.len))
            continue;
        if (upd_plain_url(s, l.len, &scheme))
            rc = check_reportf(c, n, l.no,
                "update fetched over an unencrypted, unauthenticated channel",
                "%.*s URL in an update path: %s", (int)(strlen(scheme) - 3),
                scheme, check_line_copy(&l, buf, sizeof(buf)));
    }
    return upd_rc(rc);
}

static const char *const prov_plain[] = {"5.3-7", "5.3-10", NULL};
static const char *const prov_unsigned[] = {"5.3-9", "5.3-10", "5.3-2", NULL};
static const char *const prov_inv[] = {"5.3-2", NULL};

const struct assay_check ck_upd_plain = {
    .id = "FW-UPD-001",
    .title = "update fetched over plain http, ftp or tftp",
    .provisions = prov_plain,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FILE,
    .applies = upd_text_applies,
    .run = upd_plain_run,
};

/* ---- FW-UPD-003 / FW-UPD-004: mechanisms and verification ------------- */

struct upd_mech {
    const char *name;        /* "opkg" */
    const char *const *bins; /* paths under the system root */
};

static const char *const bins_sysupgrade[] = {"sbin/sysupgrade", NULL};
static const char *const bins_opkg[] = {"bin/opkg", "usr/bin/opkg", NULL};
static const char *const bins_swupdate[] = {"usr/bin/swupdate", NULL};
static const char *const bins_rauc[] = {"usr/bin/rauc", NULL};
static const char *const bins_mender[] = {
    "usr/bin/mender", "usr/bin/mender-update", NULL};
static const char *const bins_fwupd[] = {
    "usr/bin/fwupdmgr", "usr/libexec/fwupd/fwupd", NULL};

static const struct upd_mech upd_mechs[] = {
    {"sysupgrade", bins_sysupgrade},
    {"opkg", bins_opkg},
    {"swupdate", bins_swupdate},
    {"rauc", bins_rauc},
    {"mender", bins_mender},
    {"fwupd", bins_fwupd},
};

/* Does the system root hold 'rel' (any type, links followed inside)? */
static const struct assay_node *
upd_find(const struct assay_node *sysroot, const char *rel)
{
    return assay_node_lookup(sysroot, rel, true);
}

static bool
upd_has_mech(const struct assay_node *sysroot, const struct upd_mech *m,
    const char **where)
{
    for (size_t i = 0; m->bins[i] != NULL; i++)
        if (upd_find(sysroot, m->bins[i]) != NULL) {
            *where = m->bins[i];
            return true;
        }
    return false;
}

/* Regular files in the folder 'rel' (0 when it is absent). */
static size_t
upd_count_files(const struct assay_node *sysroot, const char *rel)
{
    const struct assay_node *dir = upd_find(sysroot, rel);
    size_t n = 0;

    if (dir == NULL || assay_node_type(dir) != ASSAY_NODE_DIR)
        return 0;
    for (const struct assay_node *k = assay_node_child(dir); k != NULL;
         k = assay_node_next(k))
        if (assay_node_type(k) == ASSAY_NODE_FILE)
            n++;
    return n;
}

/* Does text file 'rel' contain 'needle' on a line that is no comment? */
static bool
upd_file_says(
    const struct assay_node *sysroot, const char *rel, const char *needle)
{
    size_t len, pos = 0;
    const uint8_t *d = check_read(sysroot, rel, &len, NULL);
    struct check_line l;

    if (d == NULL)
        return false;
    memset(&l, 0, sizeof(l));
    while (check_line_next(d, len, &pos, &l))
        if (!upd_is_comment(&l) && check_memcasestr(l.text, l.len, needle))
            return true;
    return false;
}

/* opkg verifies signatures only with "option check_signature" (not 0). */
static bool
upd_opkg_checks(const struct assay_node *sysroot)
{
    static const char *const confs[] = {"etc/opkg.conf",
        "etc/opkg/customfeeds.conf", "etc/opkg/distfeeds.conf", NULL};

    for (size_t i = 0; confs[i] != NULL; i++) {
        size_t len, pos = 0;
        const uint8_t *d = check_read(sysroot, confs[i], &len, NULL);
        struct check_line l;

        memset(&l, 0, sizeof(l));
        while (d != NULL && check_line_next(d, len, &pos, &l)) {
            char buf[160];

            if (upd_is_comment(&l))
                continue;
            check_line_copy(&l, buf, sizeof(buf));
            if (strncmp(buf, "option check_signature", 22) == 0 &&
                strstr(buf + 22, "0") == NULL &&
                strstr(buf + 22, "false") == NULL)
                return true;
        }
    }
    return false;
}

struct upd_facts {
    char mechs[512];  /* "sysupgrade (sbin/sysupgrade), ..." */
    char verify[512]; /* "usign keys (2 in etc/opkg/keys), ..." */
    bool has[ASSAY_ARRAY_LEN(upd_mechs)];
    const char *where[ASSAY_ARRAY_LEN(upd_mechs)];
    size_t usign_keys;
    bool usign, opkg_sig, signify, gpg, mender_key, swu_key, rauc_keyring;
};

/* Append ", item" (or "item" when empty) to buf, truncating. */
static void
upd_item(char *buf, size_t cap, const char *item)
{
    size_t used = strlen(buf);

    if (used + 3 < cap)
        snprintf(buf + used, cap - used, "%s%s", used > 0 ? ", " : "", item);
}

static void
upd_gather(const struct assay_node *sysroot, struct upd_facts *f)
{
    char item[128];

    memset(f, 0, sizeof(*f));
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(upd_mechs); i++) {
        f->has[i] = upd_has_mech(sysroot, &upd_mechs[i], &f->where[i]);
        if (f->has[i]) {
            snprintf(
                item, sizeof(item), "%s (/%s)", upd_mechs[i].name, f->where[i]);
            upd_item(f->mechs, sizeof(f->mechs), item);
        }
    }
    f->usign_keys = upd_count_files(sysroot, "etc/opkg/keys");
    f->usign = upd_find(sysroot, "usr/bin/usign") != NULL;
    f->opkg_sig = upd_opkg_checks(sysroot);
    f->signify = upd_find(sysroot, "usr/bin/signify") != NULL ||
                 upd_find(sysroot, "usr/bin/signify-openbsd") != NULL;
    f->gpg = upd_find(sysroot, "usr/bin/gpgv") != NULL ||
             upd_find(sysroot, "usr/bin/gpg") != NULL;
    f->mender_key =
        upd_file_says(sysroot, "etc/mender/mender.conf", "ArtifactVerifyKey");
    f->swu_key =
        upd_file_says(sysroot, "etc/swupdate.cfg", "public-key-file") ||
        upd_count_files(sysroot, "etc/swupdate") > 0;
    f->rauc_keyring =
        upd_file_says(sysroot, "etc/rauc/system.conf", "[keyring]");
    if (f->usign_keys > 0) {
        snprintf(item, sizeof(item), "usign keys (%zu in /etc/opkg/keys)",
            f->usign_keys);
        upd_item(f->verify, sizeof(f->verify), item);
    }
    if (f->usign)
        upd_item(f->verify, sizeof(f->verify), "usign");
    if (f->opkg_sig)
        upd_item(f->verify, sizeof(f->verify), "opkg check_signature");
    if (f->signify)
        upd_item(f->verify, sizeof(f->verify), "signify");
    if (f->gpg)
        upd_item(f->verify, sizeof(f->verify), "gpg");
    if (f->mender_key)
        upd_item(f->verify, sizeof(f->verify), "Mender ArtifactVerifyKey");
    if (f->swu_key)
        upd_item(f->verify, sizeof(f->verify), "SWUpdate public key");
    if (f->rauc_keyring)
        upd_item(f->verify, sizeof(f->verify), "RAUC keyring");
}

static enum assay_status
upd_unsigned_run(struct check_ctx *c, const struct assay_node *fsroot)
{
    const struct assay_node *sys = check_sysroot(fsroot);
    struct upd_facts f;
    enum assay_status rc = ASSAY_OK;

    if (sys == NULL)
        return ASSAY_OK;
    upd_gather(sys, &f);
    /* [1] opkg, [0] sysupgrade, [4] mender, [2] swupdate: upd_mechs order */
    if (f.has[1] && !f.opkg_sig)
        rc = check_reportf(c, NULL, 0,
            "opkg installs packages without checking signatures",
            "/%s present and no 'option check_signature' in /etc/opkg.conf "
            "or /etc/opkg/*.conf",
            f.where[1]);
    if (rc == ASSAY_OK && f.has[0] && f.usign_keys == 0 && !f.usign)
        rc = check_reportf(c, NULL, 0,
            "sysupgrade without signature verification material",
            "/%s present but neither usign nor keys in /etc/opkg/keys",
            f.where[0]);
    if (rc == ASSAY_OK && f.has[4] && !f.mender_key)
        rc = check_reportf(c, NULL, 0, "Mender accepts unsigned artifacts",
            "/%s present and no ArtifactVerifyKey in /etc/mender/mender.conf",
            f.where[4]);
    if (rc == ASSAY_OK && f.has[2] && !f.swu_key)
        rc = check_reportf_sev(c, NULL, 0, ASSAY_SEV_MEDIUM, ASSAY_CONF_MEDIUM,
            "SWUpdate without a public key",
            "/%s present and no public-key-file in /etc/swupdate.cfg nor "
            "keys in /etc/swupdate (images are verified only when built "
            "with signing and given a key)",
            f.where[2]);
    return upd_rc(rc);
}

static enum assay_status
upd_inventory_run(struct check_ctx *c, const struct assay_node *fsroot)
{
    const struct assay_node *sys = check_sysroot(fsroot);
    struct upd_facts f;

    if (sys == NULL)
        return ASSAY_OK;
    upd_gather(sys, &f);
    if (f.mechs[0] == '\0' && f.verify[0] == '\0')
        return ASSAY_OK;
    return upd_rc(check_reportf_sev(c, NULL, 0, ASSAY_SEV_INFO, ASSAY_CONF_HIGH,
        "update mechanisms and verification material",
        "mechanisms: %s; verification: %s", f.mechs[0] ? f.mechs : "none found",
        f.verify[0] ? f.verify : "none found"));
}

const struct assay_check ck_upd_unsigned = {
    .id = "FW-UPD-003",
    .title = "update mechanism without signature verification",
    .provisions = prov_unsigned,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FS,
    .run = upd_unsigned_run,
};

const struct assay_check ck_upd_inventory = {
    .id = "FW-UPD-004",
    .title = "update mechanisms and verification material",
    .provisions = prov_inv,
    .severity = ASSAY_SEV_INFO,
    .scope = CHECK_FS,
    .run = upd_inventory_run,
};
