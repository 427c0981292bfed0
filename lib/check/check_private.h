/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The static-check plug-in contract.
 *
 * How checks work: a check is one const struct assay_check named
 * ck_<id> in ck_<topic>.c, listed once in checks.def. The runner walks the
 * unpacked tree once; for each node it asks every FILE-scope check's
 * applies() (a cheap predicate on name, path, type or first bytes) and
 * runs the ones that say yes, spreading files over worker threads. FS-scope
 * checks run once per file-system root (they look files up with
 * assay_node_lookup(): inittab, rc scripts, passwd + shadow together);
 * IMAGE-scope checks run once with the tree root. Checks report only
 * through check_report(); a finding is not an error. run() returns a
 * non-OK status only when it could not evaluate at all (then a diagnostic
 * says why and the scan goes on).
 *
 * Checks must be thread-safe: they read the tree and the ICS (both
 * read-only) and keep any state on their own stack.
 *
 * Adding a new check:
 *   1. `const struct assay_check ck_<id>` in lib/check/ck_<topic>.c with
 *      a stable id (e.g. "FW-CRED-001", never reused: it is the SARIF
 *      ruleId), title, provisions from the catalogue, default severity;
 *   2. one ASSAY_CHECK(<id>) line in checks.def;
 *   3. the file in lib/check/sources.cmake;
 *   4. docs/checks/<ID>.md with front-matter (the docs test keeps checks
 *      and pages in step), and tests with a positive and a look-alike
 *      negative case.
 */
#ifndef ASSAY_CHECK_PRIVATE_H
#define ASSAY_CHECK_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <stdbool.h>

#include "assay/ics.h"
#include "assay/report.h"
#include "assay/tree.h"

#include "../core/core_private.h"

enum check_scope {
    CHECK_FILE = 0, /* once per regular file that applies() accepts */
    CHECK_FS = 1,   /* once per file-system root */
    CHECK_IMAGE = 2 /* once per image (the tree root) */
};

struct check_ctx {
    struct assay_session *s;
    const struct assay_tree *tree;
    const struct assay_ics *ics;     /* NULL when no statement was given */
    const struct assay_check *check; /* the check being run */
    double deadline;                 /* monotonic seconds; 0: none (budgets
                                        for slow work such as cracking) */
    /* Per-worker memo so a family of FILE-scope checks can share one
     * pass over a file (the secrets scan): the runner zeroes it, checks
     * set it; valid while memo_node is the node being checked. */
    const struct assay_node *memo_node; /* node the memo is about */
    int memo_tag;                       /* which family wrote it, 0: none */
    void *memo;                         /* arena data, NULL when empty */
    size_t memo_len;                    /* entries in memo */
};

struct assay_check {
    const char *id;                /* stable, e.g. "FW-CRED-001" */
    const char *title;             /* one line */
    const char *const *provisions; /* NULL-terminated catalogue ids */
    enum assay_severity severity;  /* default severity */
    enum check_scope scope;
    /* FILE scope: should run() see this node? Cheap, no allocation. */
    bool (*applies)(const struct assay_node *n);
    enum assay_status (*run)(struct check_ctx *c, const struct assay_node *n);
};

/*
 * Record a finding for the running check. Fields left zero/NULL in 'f'
 * are filled in: check id, provisions and severity from the descriptor,
 * path and container from 'n' (may be NULL), offset -1 when unset.
 * Returns what assay_report_add_finding() returns.
 */
enum assay_status check_report(struct check_ctx *c, const struct assay_node *n,
    const struct assay_finding *f);

/*
 * What run() returns after reporting: ASSAY_E_NOMEM stops the scan;
 * anything else a report call says (ASSAY_E_LIMIT: the session's
 * findings cap was reached, counted in the summary) is not a failure to
 * evaluate. Idiom: `if (check_rc(rc) != ASSAY_OK) return rc;`.
 */
static inline enum assay_status
check_rc(enum assay_status rc)
{
    return rc == ASSAY_E_NOMEM ? rc : ASSAY_OK;
}

/* ---- runner and registry (check.c) ------------------------------------ */

/* Registered checks in checks.def order; NULL past the end. */
const struct assay_check *check_registry_get(size_t i);
size_t check_registry_count(void);
/* The check with id 'id' (exact), NULL if none. */
const struct assay_check *check_registry_find(const char *id);

/*
 * Like check_report() with the common fields as arguments: 'line' 0 when
 * unknown, 'sev' overrides the descriptor's severity when 'override_sev',
 * 'evidence' is printf-formatted (truncated at 1 KiB).
 */
enum assay_status check_reportf(struct check_ctx *c, const struct assay_node *n,
    uint32_t line, const char *title, const char *fmt, ...) ASSAY_PRINTF(5, 6);
enum assay_status check_reportf_sev(struct check_ctx *c,
    const struct assay_node *n, uint32_t line, enum assay_severity sev,
    enum assay_confidence conf, const char *title, const char *fmt, ...)
    ASSAY_PRINTF(7, 8);

/* ---- helpers shared by checks (check_text.c: no tree needed) ----------- */

/* Monotonic clock in seconds (deadlines). */
double check_now(void);

/* One line of a text file: bytes [text, text + len) without the newline. */
struct check_line {
    const char *text; /* borrowed from the file's bytes, not terminated */
    size_t len;       /* bytes, excluding "\n" or "\r\n" */
    size_t off;       /* byte offset of the line start in the file */
    uint32_t no;      /* 1-based line number */
};

/*
 * Next line of data[0..len) starting at *pos (0 at first; *pos advances;
 * l->no counts up from the value it holds, so zero 'l' first). False at
 * the end. Never reads past data[len - 1].
 */
bool check_line_next(
    const uint8_t *data, size_t len, size_t *pos, struct check_line *l);
/*
 * Entries to reserve for a parser that yields at most 'per_line' records
 * per line of data[0..len): per_line * (lines + 1), at most 'max'. Lets
 * parsers size their arena arrays to the file instead of to the cap.
 */
size_t check_reserve(
    const uint8_t *data, size_t len, size_t per_line, size_t max);
/* Text heuristic: no NUL and few control bytes in the first 4 KiB. */
bool check_is_text(const uint8_t *data, size_t len);
/* Last component of a '/'-separated path. */
const char *check_basename(const char *path);
/*
 * Is 'path' inside folder 'dir' ("/usr/share/doc", no trailing slash),
 * also when the system root is one or more folders down
 * ("/squashfs-root/usr/share/doc/x")?
 */
bool check_path_in(const char *path, const char *dir);
/* Case-insensitive substring search in a counted string. */
bool check_memcasestr(const char *hay, size_t len, const char *needle);
/*
 * Copy l's text into 'buf' (NUL-terminated, truncated to size - 1) with
 * leading and trailing white space removed; returns buf.
 */
char *check_line_copy(const struct check_line *l, char *buf, size_t size);

/* ---- tree helpers (check.c) -------------------------------------------- */

/*
 * The system root inside the file system holding 'fsroot': the folder
 * that has "etc" (and one of bin, sbin, lib, usr) in it, the fs root
 * itself, or one at most three levels down (root file systems packed as
 * "squashfs-root/..."). NULL when there is none.
 */
const struct assay_node *check_sysroot(const struct assay_node *fsroot);
/*
 * Bytes of the regular file 'rel' ("etc/shadow") under 'sysroot',
 * following symlinks inside its file system; NULL when absent, not a
 * regular file or empty. *node (may be NULL) receives the file's node.
 */
const uint8_t *check_read(const struct assay_node *sysroot, const char *rel,
    size_t *len, const struct assay_node **node);

#endif /* ASSAY_CHECK_PRIVATE_H */
