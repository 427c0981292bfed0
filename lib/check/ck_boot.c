/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Debug interfaces and boot (EN 303 645 5.6-4, 5.7-1): U-Boot
 * environments whose autoboot can be interrupted from the serial console
 * or that send the kernel console to a serial port, and, for the
 * assessor, evidence of verified boot (signed FIT images, dm-verity) or
 * its absence.
 *
 * Device trees (FDT blobs, e.g. from a FIT image) are read for a
 * serial console in their bootargs too, and so are the command lines
 * built into kernel images (FW-DBG-003).
 *
 * A U-Boot environment is "name=value" records separated by NUL bytes
 * (the flash form, after a 4-byte CRC and sometimes a flag byte) or by
 * new lines (the text form fw_setenv -s and mkenvimage read).
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "check_private.h"

#define BOOT_ENV_MAX (512u << 10)

/* Value of 'key' in a U-Boot environment into 'val'; false if absent. */
static bool
uenv_get(const uint8_t *d, size_t len, const char *key, char *val, size_t size,
    size_t *off)
{
    size_t kl = strlen(key);

    for (size_t i = 0; i + kl + 1 <= len; i++) {
        size_t e;

        if ((i > 0 && d[i - 1] != 0 && d[i - 1] != '\n') ||
            memcmp(d + i, key, kl) != 0 || d[i + kl] != '=')
            continue;
        e = i + kl + 1;
        while (e < len && d[e] != 0 && d[e] != '\n')
            e++;
        snprintf(val, size, "%.*s", (int)(e - i - kl - 1),
            (const char *)d + i + kl + 1);
        if (off != NULL)
            *off = i;
        return true;
    }
    return false;
}

static bool
uboot_env_applies(const struct assay_node *n)
{
    return assay_node_size(n) >= 16 && assay_node_size(n) <= BOOT_ENV_MAX;
}

/* Does 'args' send the kernel console to a serial port? */
static bool
boot_serial_console(const char *args)
{
    const char *con = strstr(args, "console=tty");

    return con != NULL && strncmp(con, "console=tty0", 12) != 0 &&
           strncmp(con, "console=tty1", 12) != 0;
}

/* Report the serial console in command line 'args', found at 'off' of
 * 'n'; 'where' says which command line ("bootargs=", ...). */
static enum assay_status
boot_console_report(struct check_ctx *c, const struct assay_node *n, size_t off,
    const char *where, const char *args)
{
    struct assay_finding f = {0};
    char ev[1100];

    snprintf(ev, sizeof(ev), "%s%s", where, args);
    f.title = "kernel console on a serial port";
    f.severity = ASSAY_SEV_LOW;
    f.offset = (int64_t)off;
    f.evidence = ev;
    return check_report(c, n, &f);
}

/*
 * A flattened device tree: its /chosen bootargs is a NUL-terminated
 * string in the structure block. The blob is untrusted, so instead of
 * walking it with libfdt this looks for a bounded "console=tty" string
 * and takes the NUL-delimited string around it.
 */
static enum assay_status
dtb_bootargs_run(struct check_ctx *c, const struct assay_node *n,
    const uint8_t *d, size_t len)
{
    const uint8_t *hit = d;
    enum assay_status rc;

    while ((hit = memmem(hit, len - (size_t)(hit - d), "console=tty", 11)) !=
           NULL) {
        const uint8_t *start = hit, *end = hit;
        char args[512];

        while (start > d && start[-1] != 0 && hit - start < 400)
            start--;
        /* the bytes before a property value are its header, not text */
        while (start < hit && (*start < 0x20 || *start >= 0x7f))
            start++;
        while (end < d + len && *end != 0 && end - hit < 400)
            end++;
        snprintf(args, sizeof(args), "%.*s", (int)(end - start),
            (const char *)start);
        hit = end;
        if (!boot_serial_console(args))
            continue;
        rc = boot_console_report(
            c, n, (size_t)(start - d), "device tree bootargs: ", args);
        if (check_rc(rc) != ASSAY_OK)
            return rc;
        break; /* one finding per device tree */
    }
    return ASSAY_OK;
}

static enum assay_status
uboot_env_run(struct check_ctx *c, const struct assay_node *n)
{
    size_t len = 0, off = 0;
    const uint8_t *d = assay_node_data(n, &len);
    char delay[32], args[512], key[128];
    enum assay_status rc;

    if (d != NULL && len >= 40 && memcmp(d, "\xd0\x0d\xfe\xed", 4) == 0)
        return dtb_bootargs_run(c, n, d, len);
    if (d == NULL || len < 16 || memmem(d, len, "bootcmd=", 8) == NULL ||
        (len >= 4 && memcmp(d, "\177ELF", 4) == 0))
        return ASSAY_OK; /* the U-Boot binary's default env is not ours */
    if (uenv_get(d, len, "bootdelay", delay, sizeof(delay), &off) &&
        strcmp(delay, "0") != 0 && strcmp(delay, "-2") != 0 &&
        !uenv_get(d, len, "bootstopkey", key, sizeof(key), NULL) &&
        !uenv_get(d, len, "bootstopkeysha256", key, sizeof(key), NULL) &&
        !uenv_get(d, len, "bootdelaykey", key, sizeof(key), NULL)) {
        struct assay_finding f = {0};
        char ev[256];

        snprintf(ev, sizeof(ev),
            "bootdelay=%s and no bootstopkey: any key on the serial "
            "console stops autoboot and opens the U-Boot shell",
            delay);
        f.title = "boot loader console can be entered";
        f.offset = (int64_t)off;
        f.evidence = ev;
        rc = check_report(c, n, &f);
        if (check_rc(rc) != ASSAY_OK)
            return rc;
    }
    if (uenv_get(d, len, "bootargs", args, sizeof(args), &off)) {
        if (boot_serial_console(args)) {
            rc = boot_console_report(c, n, off, "bootargs=", args);
            if (check_rc(rc) != ASSAY_OK)
                return rc;
        }
    }
    return ASSAY_OK;
}

static const char *const prov_uboot[] = {"5.6-4", NULL};

const struct assay_check ck_dbg_uboot = {
    .id = "FW-DBG-001",
    .title = "boot loader console can be entered",
    .provisions = prov_uboot,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FILE,
    .applies = uboot_env_applies,
    .run = uboot_env_run,
};

/* ---- FW-DBG-003: serial console in a kernel's built-in command line -- */

/* Kernel images we read: decoded ones are a few MiB. */
#define KCMD_MIN (256u << 10)
#define KCMD_MAX (64u << 20)
/* Longest command line we take (COMMAND_LINE_SIZE is 256 to 4096). */
#define KCMD_LEN 1024u

/*
 * Does s[0..n) read as a command line, not prose that mentions one?
 * Space-separated tokens, at least half of them "key=value" (real ones:
 * "console=ttyS0,115200 root=31:2 rootfstype=squashfs noinitrd").
 */
static bool
kcmd_shape(const uint8_t *s, size_t n)
{
    size_t tokens = 0, with_eq = 0;

    for (size_t i = 0; i < n;) {
        bool eq = false;

        while (i < n && s[i] == ' ')
            i++;
        if (i == n)
            break;
        tokens++;
        for (; i < n && s[i] != ' '; i++)
            eq |= s[i] == '=';
        with_eq += eq;
    }
    return tokens > 0 && with_eq * 2 >= tokens;
}

/*
 * The printable, NUL-delimited string around d[hit] (a string of the
 * kernel's data), or false when the bytes around it are not one.
 */
static bool
kcmd_string(
    const uint8_t *d, size_t len, size_t hit, size_t *start, size_t *end)
{
    size_t a = hit, z = hit;

    while (a > 0 && d[a - 1] != 0 && hit - a < KCMD_LEN)
        a--;
    while (z < len && d[z] != 0 && z - hit < KCMD_LEN)
        z++;
    if ((a > 0 && d[a - 1] != 0) || z >= len || d[z] != 0 || z - a > KCMD_LEN)
        return false; /* longer than a command line, or cut off */
    for (size_t i = a; i < z; i++)
        if (d[i] < 0x20 || d[i] >= 0x7f)
            return false;
    *start = a;
    *end = z;
    return kcmd_shape(d + a, z - a);
}

/*
 * A Linux kernel image (the "Linux version " banner is in every one)
 * whose built-in command line (CONFIG_CMDLINE) sends the console to a
 * serial port: it applies whatever the boot loader passes, unless the
 * boot loader's own command line replaces it.
 */
static enum assay_status
kcmdline_run(struct check_ctx *c, const struct assay_node *root)
{
    size_t count = assay_tree_node_count(c->tree);
    const uint8_t *seen[16];
    size_t nseen = 0;
    enum assay_status rc;

    (void)root;
    for (size_t i = 0; i < count; i++) {
        const struct assay_node *n = assay_tree_node(c->tree, i);
        const uint8_t *d, *hit;
        size_t len = 0, from = 0, a = 0, z = 0;
        bool dup = false;

        if (assay_node_type(n) != ASSAY_NODE_FILE &&
            assay_node_type(n) != ASSAY_NODE_CONTAINER)
            continue;
        d = assay_node_data(n, &len);
        if (d == NULL || len < KCMD_MIN || len > KCMD_MAX ||
            memmem(d, len, "Linux version ", 14) == NULL)
            continue;
        for (size_t k = 0; k < nseen; k++)
            dup |= seen[k] == d;
        if (dup)
            continue; /* the same bytes under another node */
        if (nseen < ASSAY_ARRAY_LEN(seen))
            seen[nseen++] = d;
        while (
            (hit = memmem(d + from, len - from, "console=tty", 11)) != NULL) {
            size_t h = (size_t)(hit - d);

            from = h + 11;
            if (!kcmd_string(d, len, h, &a, &z))
                continue;
            from = z;
            {
                char args[KCMD_LEN + 1];

                snprintf(args, sizeof(args), "%.*s", (int)(z - a),
                    (const char *)d + a);
                if (!boot_serial_console(args))
                    continue;
                rc = boot_console_report(
                    c, n, a, "kernel built-in command line: ", args);
                if (check_rc(rc) != ASSAY_OK)
                    return rc;
            }
            break; /* one finding per kernel */
        }
    }
    return ASSAY_OK;
}

const struct assay_check ck_dbg_kcmdline = {
    .id = "FW-DBG-003",
    .title = "kernel console on a serial port (built-in command line)",
    .provisions = prov_uboot,
    .severity = ASSAY_SEV_LOW,
    .scope = CHECK_IMAGE,
    .run = kcmdline_run,
};

/* ---- FW-BOOT-001: verified-boot evidence ----------------------------- */

struct boot_evidence {
    const char *what;
    const struct assay_node *n;
};

static enum assay_status
secboot_run(struct check_ctx *c, const struct assay_node *root)
{
    struct boot_evidence ev[8];
    size_t nev = 0, count = assay_tree_node_count(c->tree);
    bool fit_seen = false;
    enum assay_status rc;

    (void)root;
    for (size_t i = 0; i < count && nev < ASSAY_ARRAY_LEN(ev); i++) {
        const struct assay_node *n = assay_tree_node(c->tree, i);
        const uint8_t *d;
        size_t len = 0;

        if (assay_node_type(n) != ASSAY_NODE_FILE &&
            assay_node_type(n) != ASSAY_NODE_CONTAINER)
            continue;
        d = assay_node_data(n, &len);
        if (d == NULL || len < 64 || len > (64u << 20))
            continue;
        if (assay_be32(d) == 0xd00dfeedu &&
            memmem(d, len, "images", 7) != NULL) {
            fit_seen = true;
            if (memmem(d, len, "key-name-hint", 14) != NULL &&
                memmem(d, len, "signature", 10) != NULL)
                ev[nev++] = (struct boot_evidence){
                    "signed FIT image (signature nodes with key-name-hint)", n};
        } else if (check_is_text(d, len) && len < (1u << 20) &&
                   (memmem(d, len, "veritysetup", 11) != NULL ||
                       memmem(d, len, "dm-verity", 9) != NULL ||
                       memmem(d, len, "roothash=", 9) != NULL)) {
            ev[nev++] = (struct boot_evidence){
                "dm-verity set-up for the root file system", n};
        } else if (memmem(d, len, "required-keys", 13) != NULL ||
                   (memmem(d, len, "key-name-hint", 14) != NULL &&
                       memmem(d, len, "required", 8) != NULL &&
                       assay_be32(d) == 0xd00dfeedu)) {
            ev[nev++] = (struct boot_evidence){
                "U-Boot device tree with a required verification key", n};
        }
    }
    for (size_t i = 0; i < nev; i++) {
        rc = check_reportf_sev(c, ev[i].n, 0, ASSAY_SEV_INFO, ASSAY_CONF_MEDIUM,
            "verified-boot evidence", "%s", ev[i].what);
        if (check_rc(rc) != ASSAY_OK)
            return rc;
    }
    if (nev == 0) {
        rc = check_reportf_sev(c, NULL, 0, ASSAY_SEV_INFO, ASSAY_CONF_LOW,
            "no verified-boot evidence",
            "no signed FIT image, verification key or dm-verity set-up "
            "found%s; secure boot may still be enforced by the SoC's ROM",
            fit_seen ? " (an unsigned FIT image is present)" : "");
        if (check_rc(rc) != ASSAY_OK)
            return rc;
    }
    return ASSAY_OK;
}

static const char *const prov_secboot[] = {"5.7-1", NULL};

const struct assay_check ck_boot_verified = {
    .id = "FW-BOOT-001",
    .title = "verified-boot evidence",
    .provisions = prov_secboot,
    .severity = ASSAY_SEV_INFO,
    .scope = CHECK_IMAGE,
    .run = secboot_run,
};
