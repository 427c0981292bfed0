/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Report internals: the report object, the JSON emitter every
 * machine-readable writer shares, and the writer descriptor table.
 *
 * How writers work: each writer is one const struct assay_writer named
 * wr_<id> in wr_<id>.c, listed once in writers.def. assay_report_write()
 * sorts the report, finds the writer by name and calls its write hook,
 * which appends to a capped buffer; the buffer goes to the caller's sink
 * in one piece. Writers never read files and never run checks.
 *
 * Adding a new writer:
 *   1. lib/report/wr_<id>.c with `const struct assay_writer wr_<id>`;
 *   2. one ASSAY_WRITER(<id>) line in writers.def;
 *   3. the file in lib/CMakeLists.txt;
 *   4. a golden or schema test in tests/, and its format in docs/.
 */
#ifndef ASSAY_REPORT_PRIVATE_H
#define ASSAY_REPORT_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <stdbool.h>

#include "assay/catalogue.h"
#include "assay/report.h"

#include "../core/core_private.h"

/* Largest output one writer may produce: 1 GiB. */
#define REPORT_OUT_CAP (1u << 30)

struct assay_writer {
    const char *name;    /* stable, used with --format */
    const char *ext;     /* file extension without dot */
    const char *summary; /* one line for `assay list writers` */
    /* Append the whole document for 'r' to 'out'. */
    enum assay_status (*write)(const struct assay_report *r,
        const struct assay_write_opts *opts, struct assay_buf *out);
};

struct assay_report *report_new(
    struct assay_arena *a, const struct assay_limits *lim);
void report_free(struct assay_report *r);
/* Drop every verdict (re-judging a saved report starts afresh). */
void report_clear_verdicts(struct assay_report *r);
/* Drop the diagnostics about container 'chain' and everything in it
 * ("fw.bin > squashfs@0x17", "fw.bin > squashfs@0x17 > ..."). */
void report_drop_diags_under(struct assay_report *r, const char *chain);
/* Provision ids in document order: "4-1" < "5.1-1" < "5.9-3" < "5.10-1". */
int report_provision_cmp(const char *a, const char *b);
/* Names of enum assay_basis_kind in every format ("finding", "ics" ...). */
const char *report_basis_kind_name(enum assay_basis_kind k);
/* Parse a basis kind name; false for an unknown name. */
bool report_basis_kind_parse(const char *name, enum assay_basis_kind *out);
/* Parse "PASS", "FAIL" ...; false for an unknown name. */
bool report_verdict_parse(const char *name, enum assay_verdict *out);
bool report_confidence_parse(const char *name, enum assay_confidence *out);
bool report_diag_level_parse(const char *name, enum assay_diag_level *out);

/* Extra fields some writers need: generated time if enabled, else NULL. */
const char *report_timestamp(const struct assay_report *r);

/*
 * JSON emitter: writes pretty-printed JSON (two-space indent) into a
 * capped buffer, escaping strings and replacing invalid UTF-8 with U+FFFD
 * so that output stays valid whatever bytes an image contained. Errors are
 * sticky: the first failing append is kept in 'rc' and later calls do
 * nothing, so writers check once at the end.
 */
struct json_emit {
    struct assay_buf *out;
    unsigned depth;       /* current nesting */
    bool first[64];       /* per level: no member written yet */
    bool after_key;       /* a key was just written */
    enum assay_status rc; /* first error, ASSAY_OK otherwise */
};

void json_init(struct json_emit *j, struct assay_buf *out);
void json_obj_begin(struct json_emit *j);
void json_obj_end(struct json_emit *j);
void json_arr_begin(struct json_emit *j);
void json_arr_end(struct json_emit *j);
void json_key(struct json_emit *j, const char *key);
void json_str(struct json_emit *j, const char *s); /* NULL writes null */
void json_strn(struct json_emit *j, const char *s, size_t n);
void json_int(struct json_emit *j, int64_t v);
void json_uint(struct json_emit *j, uint64_t v);
void json_bool(struct json_emit *j, bool v);
void json_null(struct json_emit *j);
/* key + value shorthands; *_opt skip the member when the value is NULL. */
void json_kv_str(struct json_emit *j, const char *key, const char *s);
void json_kv_str_opt(struct json_emit *j, const char *key, const char *s);
void json_kv_int(struct json_emit *j, const char *key, int64_t v);
void json_kv_uint(struct json_emit *j, const char *key, uint64_t v);
void json_kv_bool(struct json_emit *j, const char *key, bool v);
/* A score 0.0-10.0 with one decimal, e.g. "cvss": 9.8 */
void json_kv_cvss(struct json_emit *j, const char *key, double v);
/* Finish: trailing newline; returns the sticky status. */
enum assay_status json_finish(struct json_emit *j);
/* Append 's' escaped for a JSON string body (no quotes) to 'out'. */
enum assay_status json_escape(struct assay_buf *out, const char *s, size_t n);

/* One finding as the JSON object of assay-report/1 (also assay-diff/1). */
void report_json_finding(struct json_emit *j, const struct assay_finding *f);
/* "key": [the finding's provision ids] */
void report_json_provisions(
    struct json_emit *j, const char *key, const struct assay_finding *f);
/* "verdicts": {"PASS": n, "FAIL": n, ...} */
void report_json_verdict_tally(
    struct json_emit *j, const struct assay_report *r);

/*
 * Append untrusted text for a terminal or plain-text document: control
 * bytes become '?', and text longer than 'max' bytes ends in "...".
 */
enum assay_status report_put_safe(
    struct assay_buf *out, const char *s, size_t max);

/*
 * docs/checks/<ID>.md pages compiled in (check_docs.cmake), without
 * front matter; the table ends with {NULL, NULL}.
 */
struct report_check_doc {
    const char *id;
    const char *markdown;
};
extern const struct report_check_doc report_check_docs[];
/* The page for check 'id', NULL when there is none. */
const char *report_check_doc(const char *id);

/* Length of a valid UTF-8 sequence at p (at most n bytes), 0 if invalid. */
size_t report_utf8_len(const unsigned char *p, size_t n);

/*
 * Escapers for the document writers (markup.c). Every one replaces invalid
 * UTF-8 with U+FFFD, so output stays valid whatever an image contained.
 * NULL appends nothing.
 *   html: & < > " ' as entities; control bytes other than tab and newline
 *         become U+FFFD;
 *   md:   one Markdown table cell: markup characters backslash-escaped,
 *         < > & as entities (no raw HTML), newlines and '|' made safe;
 *   csv:  one RFC 4180 field, always quoted; a field starting with = + -
 *         @ or a control byte gets a leading apostrophe (no spreadsheet
 *         formulas from hostile text).
 */
enum assay_status report_html(struct assay_buf *out, const char *s);
enum assay_status report_md(struct assay_buf *out, const char *s);
enum assay_status report_csv(struct assay_buf *out, const char *s);

/*
 * The catalogue of the report's standard (V2.1.1 when the report names
 * none), and the verdict for catalogue row 'p' or NULL.
 */
enum assay_standard report_standard_of(const struct assay_report *r);

/* A writer's sticky output state: the first failing append is kept. */
struct report_out {
    struct assay_buf *out;
    enum assay_status rc;
};
void ro_puts(struct report_out *o, const char *s);
void ro_printf(struct report_out *o, const char *fmt, ...) ASSAY_PRINTF(2, 3);
/* Escaped with report_html / report_md / report_csv. */
void ro_html(struct report_out *o, const char *s);
void ro_md(struct report_out *o, const char *s);
void ro_csv(struct report_out *o, const char *s);

/* The regulation view 'id' (regulations.def) as Markdown. */
enum assay_status report_regulation_write(
    const struct assay_report *r, const char *id, struct assay_buf *out);

#endif /* ASSAY_REPORT_PRIVATE_H */
