/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What a firmware starts at boot: parsers for busybox/sysvinit inittab,
 * shell start-up scripts (rcS, sysvinit and OpenWrt procd init scripts,
 * rc.local), systemd units, inetd.conf, xinetd services and crontabs.
 * Each returns the commands a file starts (program, arguments, user,
 * line) without running or expanding anything; the FW-SVC-* checks
 * decide which files are actually reached at boot. Pure functions over
 * bytes, fuzzed by fuzz/fuzz_initscripts.c.
 */
#ifndef ASSAY_CHECK_INITSVC_H
#define ASSAY_CHECK_INITSVC_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/core_private.h"

enum svc_kind {
    SVC_INITTAB = 0, /* id:runlevels:action:process */
    SVC_SCRIPT = 1,  /* shell: rcS, init.d scripts, rc.local, procd */
    SVC_SYSTEMD = 2, /* [Service] ExecStart=, User= */
    SVC_INETD = 3,   /* service socktype proto wait user server args */
    SVC_XINETD = 4,  /* service x { server = ...; disable = no } */
    SVC_CRONTAB = 5  /* min hour dom mon dow [user] command */
};

/* One command a start-up file runs. Strings live in the arena. */
struct svc_cmd {
    const char *program; /* as written: "/usr/sbin/telnetd", "telnetd" */
    const char *name;    /* its basename, "busybox x" resolved to "x" */
    const char *args;    /* the rest of the command line, trimmed */
    const char *tty;     /* inittab: id field (tty), else NULL */
    const char *action;  /* inittab action ("respawn", "askfirst" ...),
                            inetd/xinetd service name, else NULL */
    const char *user;    /* inetd/xinetd/systemd/crontab user, else NULL */
    bool disabled;       /* xinetd "disable = yes" */
    uint32_t line;       /* 1-based line */
};

/*
 * List the commands file 'data' of kind 'kind' starts. At most 2048
 * commands; lines longer than 4 KiB are skipped. Shell scripts are read
 * line by line: each command of a pipeline or list (;, &&, ||, |, &)
 * counts, leading assignments and wrappers (exec, nohup, env, busybox,
 * start-stop-daemon -x/--exec/--startas, procd_set_param command,
 * service_start) are looked through, comments and here-documents are
 * ignored. Returns ASSAY_OK or ASSAY_E_NOMEM.
 */
enum assay_status svc_parse(struct assay_arena *a, enum svc_kind kind,
    const uint8_t *data, size_t len, struct svc_cmd **out, size_t *n);

/*
 * Look up 'flag' (e.g. "-l") in an argument string: true when present;
 * its value (the next word, or the rest of "-lvalue") is copied to
 * 'val' (may be NULL) truncated to 'size'. Single-letter flags also
 * match inside a cluster ("-FRl" has -l, value = next word).
 */
bool svc_arg(const char *args, const char *flag, char *val, size_t size);

#endif /* ASSAY_CHECK_INITSVC_H */
