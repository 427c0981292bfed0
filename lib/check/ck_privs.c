/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Privileges in the file system, for EN 303 645 5.6-7: setuid and setgid
 * files, file capabilities (the security.capability extended attribute,
 * struct vfs_cap_data of linux/capability.h: little-endian magic/flags,
 * then permitted/inheritable words), and world-writable files and
 * folders. Modes and owners come from the image's own metadata, so they
 * are what the device will have.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "check_private.h"

#define S_SETUID        04000u
#define S_SETGID        02000u
#define S_STICKY        01000u
#define S_WOTH          00002u
#define PRIV_WWRITE_MAX 20 /* reported one by one per file system */

/* ---- FW-PRIV-001: setuid / setgid ------------------------------------ */

static bool
priv_suid_applies(const struct assay_node *n)
{
    return (assay_node_mode(n) & (S_SETUID | S_SETGID)) != 0;
}

static enum assay_status
priv_suid_run(struct check_ctx *c, const struct assay_node *n)
{
    uint32_t mode = assay_node_mode(n);
    bool suid = (mode & S_SETUID) != 0, root = assay_node_uid(n) == 0;
    const char *b = assay_node_name(n);
    enum assay_severity sev = ASSAY_SEV_LOW;

    if (suid && root)
        sev = strcmp(b, "busybox") == 0 ? ASSAY_SEV_MEDIUM : ASSAY_SEV_LOW;
    return check_rc(check_reportf_sev(c, n, 0, sev, ASSAY_CONF_HIGH,
        suid ? "setuid file" : "setgid file", "mode %04o, owner %u:%u%s",
        mode & 07777, assay_node_uid(n), assay_node_gid(n),
        suid && root && strcmp(b, "busybox") == 0
            ? " (every busybox applet runs as root)"
            : ""));
}

static const char *const prov_priv[] = {"5.6-7", NULL};

const struct assay_check ck_priv_suid = {
    .id = "FW-PRIV-001",
    .title = "setuid or setgid file",
    .provisions = prov_priv,
    .severity = ASSAY_SEV_LOW,
    .scope = CHECK_FILE,
    .applies = priv_suid_applies,
    .run = priv_suid_run,
};

/* ---- FW-PRIV-002: file capabilities ---------------------------------- */

static const char *const cap_names[] = {"chown", "dac_override",
    "dac_read_search", "fowner", "fsetid", "kill", "setgid", "setuid",
    "setpcap", "linux_immutable", "net_bind_service", "net_broadcast",
    "net_admin", "net_raw", "ipc_lock", "ipc_owner", "sys_module", "sys_rawio",
    "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot",
    "sys_nice", "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
    "audit_write", "audit_control", "setfcap", "mac_override", "mac_admin",
    "syslog", "wake_alarm", "block_suspend", "audit_read", "perfmon", "bpf",
    "checkpoint_restore"};

static bool
priv_caps_applies(const struct assay_node *n)
{
    size_t len = 0;

    return assay_node_xattr(n, "security.capability", &len) != NULL;
}

static enum assay_status
priv_caps_run(struct check_ctx *c, const struct assay_node *n)
{
    size_t len = 0, k = 0;
    const uint8_t *x = assay_node_xattr(n, "security.capability", &len);
    uint64_t perm;
    uint32_t magic;
    char names[512] = "";
    bool strong = false;

    if (x == NULL || len < 12) {
        assay_diag(c->s, ASSAY_DIAG_WARNING, c->check->id,
            assay_node_container(n), -1,
            "'%s': security.capability of %zu bytes is too short",
            assay_node_path(n), len);
        return ASSAY_OK;
    }
    magic = assay_le32(x);
    perm = assay_le32(x + 4);
    if (len >= 20 && (magic & 0xff000000u) >= 0x02000000u)
        perm |= (uint64_t)assay_le32(x + 12) << 32;
    for (unsigned i = 0; i < 64; i++) {
        if ((perm & ((uint64_t)1 << i)) == 0)
            continue;
        if (i == 1 || i == 7 || i == 12 || i == 16 || i == 17 || i == 19 ||
            i == 21)
            strong = true; /* dac_override setuid net_admin module rawio
                              ptrace sys_admin */
        k += (size_t)snprintf(names + k,
            k < sizeof(names) ? sizeof(names) - k : 0, "%scap_%s",
            k > 0 ? "," : "",
            i < ASSAY_ARRAY_LEN(cap_names) ? cap_names[i] : "unknown");
        if (k >= sizeof(names))
            break;
    }
    return check_rc(check_reportf_sev(c, n, 0,
        strong ? ASSAY_SEV_MEDIUM : ASSAY_SEV_LOW, ASSAY_CONF_HIGH,
        "file capabilities", "permitted %s%s", names[0] ? names : "(none)",
        (magic & 1u) != 0 ? " (effective)" : ""));
}

const struct assay_check ck_priv_caps = {
    .id = "FW-PRIV-002",
    .title = "file capabilities",
    .provisions = prov_priv,
    .severity = ASSAY_SEV_LOW,
    .scope = CHECK_FILE,
    .applies = priv_caps_applies,
    .run = priv_caps_run,
};

/* ---- FW-PRIV-003: world-writable ------------------------------------- */

static enum assay_status
priv_wwrite_run(struct check_ctx *c, const struct assay_node *root)
{
    size_t n = assay_tree_node_count(c->tree), reported = 0;
    enum assay_status rc;

    for (size_t i = 0; i < n; i++) {
        const struct assay_node *x = assay_tree_node(c->tree, i);
        enum assay_node_type t = assay_node_type(x);
        uint32_t mode = assay_node_mode(x);

        if (assay_node_fs_root(x) != root || x == root ||
            (t != ASSAY_NODE_FILE && t != ASSAY_NODE_DIR) ||
            (mode & S_WOTH) == 0)
            continue;
        if (t == ASSAY_NODE_DIR && (mode & S_STICKY) != 0)
            continue; /* /tmp-like: sticky folders are meant for this */
        if (++reported > PRIV_WWRITE_MAX)
            continue; /* counted for the summary below */
        rc = check_reportf(c, x, 0,
            t == ASSAY_NODE_DIR ? "world-writable folder"
                                : "world-writable file",
            "mode %04o, owner %u:%u", mode & 07777, assay_node_uid(x),
            assay_node_gid(x));
        if (check_rc(rc) != ASSAY_OK)
            return rc;
    }
    if (reported > PRIV_WWRITE_MAX)
        return check_rc(
            check_reportf(c, root, 0, "world-writable files and folders",
                "%zu more world-writable entries in this file system (the "
                "first %d are reported one by one)",
                reported - PRIV_WWRITE_MAX, PRIV_WWRITE_MAX));
    return ASSAY_OK;
}

const struct assay_check ck_priv_wwrite = {
    .id = "FW-PRIV-003",
    .title = "world-writable file or folder",
    .provisions = prov_priv,
    .severity = ASSAY_SEV_MEDIUM,
    .scope = CHECK_FS,
    .run = priv_wwrite_run,
};
