/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The report model: what one assessment found, in memory.
 *
 * Every later stage (unpacking, static checks, component matching, live
 * probes, the verdict engine) adds records here and every writer (JSON,
 * terminal, SARIF, HTML ...) reads them back. Records are copied into the
 * session arena when added, so callers may pass stack data. Writers see
 * findings, components and diagnostics in one canonical order
 * (assay_report_sort()), which is what makes output byte-identical for the
 * same input. The JSON form is documented in docs/report-schema.md and
 * shipped as docs/assay-report.schema.json; it is versioned by
 * ASSAY_REPORT_SCHEMA and only ever extended compatibly within a version.
 */
#ifndef ASSAY_REPORT_H
#define ASSAY_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ASSAY_REPORT_SCHEMA "assay-report/1"

struct assay_report;
struct assay_session;

enum assay_severity {
    ASSAY_SEV_INFO = 0,
    ASSAY_SEV_LOW = 1,
    ASSAY_SEV_MEDIUM = 2,
    ASSAY_SEV_HIGH = 3,
    ASSAY_SEV_CRITICAL = 4
};

enum assay_confidence {
    ASSAY_CONF_LOW = 0,
    ASSAY_CONF_MEDIUM = 1,
    ASSAY_CONF_HIGH = 2
};

enum assay_verdict {
    ASSAY_VERDICT_PASS = 0,
    ASSAY_VERDICT_FAIL = 1,
    ASSAY_VERDICT_INCONCLUSIVE = 2,
    ASSAY_VERDICT_NOT_APPLICABLE = 3
};

enum assay_diag_level {
    ASSAY_DIAG_NOTE = 0,    /* worth knowing, nothing lost */
    ASSAY_DIAG_WARNING = 1, /* part of the input was skipped or damaged */
    ASSAY_DIAG_ERROR = 2    /* a whole container or stage failed */
};

/* Longest provision list one finding may cite. */
#define ASSAY_FINDING_MAX_PROVISIONS 8

/*
 * One thing a check saw that bears on a provision. All strings are
 * NUL-terminated UTF-8 (invalid bytes are replaced when written).
 */
struct assay_finding {
    const char *check; /* stable check id, e.g. "FW-CRED-001" */
    const char *provisions[ASSAY_FINDING_MAX_PROVISIONS]; /* "5.1-1" ... */
    size_t provision_count; /* used entries of provisions, 0..8 */
    enum assay_severity severity;
    enum assay_confidence confidence;
    const char *title;       /* one line, what is wrong */
    const char *path;        /* path from its filesystem's root, or NULL */
    const char *container;   /* "a.zip > b.trx > squashfs@0x1c0000", or NULL */
    uint32_t line;           /* 1-based line in 'path', 0 when unknown */
    int64_t offset;          /* byte offset in 'path', -1 when unknown */
    const char *evidence;    /* what was seen: text, account, banner */
    const char *remediation; /* how to fix, or NULL */
    const char *source;      /* "static", "dynamic" or "ics"; NULL = static */
    const char *vuln_id;     /* "CVE-2016-7406" for a known vulnerability */
    const char *component;   /* "dropbear@2012.55" the finding is about */
    double cvss;             /* CVSS base score, 0 when unknown */
};

/* A software component identified in the target. */
struct assay_component {
    const char *name;     /* e.g. "busybox" */
    const char *version;  /* e.g. "1.01", or NULL when unknown */
    const char *path;     /* file that gave it away, or NULL */
    const char *evidence; /* how it was identified: string, package db */
    const char *purl;     /* package URL, or NULL */
    const char *cpe;      /* CPE 2.3 name, or NULL */
    enum assay_confidence confidence;
    const char *sha256;   /* lower-case hex SHA-256 of 'path', or NULL */
    const char *requires; /* shared objects it loads (DT_NEEDED),
                             comma-separated, or NULL */
};

/* What a verdict rests on. */
enum assay_basis_kind {
    ASSAY_BASIS_FINDING = 0,  /* ref = check id, text = finding title */
    ASSAY_BASIS_ICS = 1,      /* ref = "ics", text = the answer given */
    ASSAY_BASIS_ASSESSOR = 2, /* ref = test unit, text = assessor note */
    ASSAY_BASIS_RULE = 3,     /* ref = rule name, text = explanation */
    ASSAY_BASIS_MISSING = 4   /* ref = test unit or IXIT, text = what to do */
};

struct assay_basis {
    enum assay_basis_kind kind;
    const char *ref;  /* see enum above */
    const char *text; /* one sentence */
};

/* Longest basis list one verdict keeps; more are counted in the text. */
#define ASSAY_VERDICT_MAX_BASIS 32

struct assay_provision_verdict {
    const char *id;     /* "5.1-1" as printed in the standard */
    const char *status; /* "M", "R", "M C (1)", "R F (g)" ... */
    bool applicable;    /* false iff verdict is NOT_APPLICABLE */
    enum assay_verdict verdict;
    struct assay_basis basis[ASSAY_VERDICT_MAX_BASIS];
    size_t basis_count;  /* used entries of basis */
    const char *support; /* ICS answer "Y", "N", "N/A"; NULL if none */
    const char *detail;  /* ICS detail for that answer, or NULL */
};

struct assay_diag {
    enum assay_diag_level level;
    const char *source;  /* stage or plug-in name: "ics", "squashfs" */
    const char *file;    /* input file or container chain, or NULL */
    int64_t offset;      /* byte offset in 'file' (for a container chain:
                            from the start of the last container's
                            region), -1 when unknown */
    uint32_t line;       /* 1-based line, 0 when unknown */
    uint32_t column;     /* 1-based column, 0 when unknown */
    const char *message; /* git style: lower case, no full stop */
};

/* What was assessed. */
struct assay_target {
    const char *kind;   /* "image", "device", "ics" or "report" */
    const char *name;   /* file name or host as the user gave it */
    uint64_t size;      /* bytes, 0 for a device */
    const char *sha256; /* lower-case hex of the input, or NULL */
};

/* Product identity, normally from the ICS. */
struct assay_product {
    const char *manufacturer;
    const char *model;
    const char *hardware_version;
    const char *software_version;
};

/* Counts of what unpacking recovered. */
struct assay_inventory {
    uint64_t files; /* regular files */
    uint64_t directories;
    uint64_t symlinks;
    uint64_t devices;     /* character and block nodes, fifos, sockets */
    uint64_t executables; /* ELF files */
    uint64_t bytes;       /* total bytes of regular files */
    uint32_t containers;  /* containers and file systems entered */
};

/*
 * Adders. Each copies every string of its argument into the session
 * arena, so the argument may be freed afterwards. Returns ASSAY_OK,
 * ASSAY_E_NOMEM, ASSAY_E_USAGE (a required field is NULL) or ASSAY_E_LIMIT
 * (the session's max_findings or max_diags was reached: the record is
 * counted in the summary but not kept). Thread-safe.
 */
ASSAY_API enum assay_status assay_report_add_finding(
    struct assay_report *r, const struct assay_finding *f);
ASSAY_API enum assay_status assay_report_add_component(
    struct assay_report *r, const struct assay_component *c);
ASSAY_API enum assay_status assay_report_add_diag(
    struct assay_report *r, const struct assay_diag *d);
/* Replaces an earlier verdict with the same id. */
ASSAY_API enum assay_status assay_report_set_verdict(
    struct assay_report *r, const struct assay_provision_verdict *v);
ASSAY_API enum assay_status assay_report_set_target(
    struct assay_report *r, const struct assay_target *t);
ASSAY_API enum assay_status assay_report_set_product(
    struct assay_report *r, const struct assay_product *p);
/* Standard version the verdicts refer to: "2.1.1" or "3.1.3". */
ASSAY_API enum assay_status assay_report_set_standard(
    struct assay_report *r, const char *version);
ASSAY_API void assay_report_set_inventory(
    struct assay_report *r, const struct assay_inventory *inv);
/* Include "generated" (UTC, RFC 3339) in output; off by default. */
ASSAY_API void assay_report_set_timestamp(struct assay_report *r, bool on);

/* Put findings, components, diagnostics and verdicts in canonical order. */
ASSAY_API void assay_report_sort(struct assay_report *r);

/*
 * Readers. Pointers are borrowed and valid for the session, until the next
 * adder or sort call on the same report moves array slots (the records
 * themselves never move).
 */
ASSAY_API size_t assay_report_finding_count(const struct assay_report *r);
ASSAY_API const struct assay_finding *assay_report_finding(
    const struct assay_report *r, size_t i);
ASSAY_API size_t assay_report_component_count(const struct assay_report *r);
ASSAY_API const struct assay_component *assay_report_component(
    const struct assay_report *r, size_t i);
ASSAY_API size_t assay_report_diag_count(const struct assay_report *r);
ASSAY_API const struct assay_diag *assay_report_diag(
    const struct assay_report *r, size_t i);
ASSAY_API size_t assay_report_verdict_count(const struct assay_report *r);
ASSAY_API const struct assay_provision_verdict *assay_report_verdict(
    const struct assay_report *r, size_t i);
/* NULL when no verdict has that id. */
ASSAY_API const struct assay_provision_verdict *assay_report_verdict_find(
    const struct assay_report *r, const char *id);
ASSAY_API const struct assay_target *assay_report_target(
    const struct assay_report *r);
ASSAY_API const struct assay_product *assay_report_product(
    const struct assay_report *r);
ASSAY_API const char *assay_report_standard(const struct assay_report *r);
ASSAY_API const struct assay_inventory *assay_report_inventory(
    const struct assay_report *r);
/* Records refused by a limit since the session began. */
ASSAY_API uint64_t assay_report_dropped(const struct assay_report *r);

/* Highest severity among the findings, or -1 when there are none. */
ASSAY_API int assay_report_max_severity(const struct assay_report *r);
/* Number of verdicts equal to 'v'. */
ASSAY_API size_t assay_report_verdict_tally(
    const struct assay_report *r, enum assay_verdict v);

/*
 * Coverage: which automated checks ran against which provision, whether
 * or not they found anything. The verdict engine needs it to tell "a check
 * ran and found nothing" (support for PASS) from "nothing looked" (no
 * support at all). Scanners and probes add one record per (provision,
 * check) they ran; duplicates are kept once. Strings are copied.
 */
struct assay_coverage {
    const char *provision; /* "5.1-1" */
    const char *check;     /* check or probe id that ran, "FW-CRED-001" */
};
ASSAY_API enum assay_status assay_report_add_coverage(
    struct assay_report *r, const struct assay_coverage *c);
ASSAY_API size_t assay_report_coverage_count(const struct assay_report *r);
ASSAY_API const struct assay_coverage *assay_report_coverage(
    const struct assay_report *r, size_t i);
/* Did any check covering provision 'id' run? */
ASSAY_API bool assay_report_is_covered(
    const struct assay_report *r, const char *id);

/*
 * Read a saved assay-report/1 JSON document ('name' is used in messages)
 * into the session's report: target, product, standard, inventory,
 * findings, verdicts, components, diagnostics and coverage. The input is
 * untrusted: size, nesting and record counts are capped by the session
 * limits, and every error is a diagnostic naming the file and the byte
 * offset or member. Returns ASSAY_OK, ASSAY_E_INVALID (not JSON, or not
 * an assay-report/1 document), ASSAY_E_LIMIT or ASSAY_E_NOMEM.
 */
ASSAY_API enum assay_status assay_report_read(
    struct assay_session *s, const char *name, const void *data, size_t len);
/*
 * Largest saved report assay_report_read() accepts: 1 GiB, what a writer
 * may produce, so every report Assay writes can be read back. Values are
 * capped at max_doc_nodes plus 32 per finding and diagnostic the session
 * may hold (a report is bigger than the documents max_doc_bytes is for).
 */
#define ASSAY_REPORT_MAX_BYTES (1u << 30)

/*
 * Compare two reports and write the difference as 'format' ("text" or
 * "json", schema "assay-diff/1") to 'fn'. Findings are the same when their
 * check, provisions, container, path and evidence are (line numbers and
 * offsets are ignored, so a rebuilt image with shifted files does not
 * count as changed). *changes (may be NULL) receives the number of added
 * and fixed findings plus changed verdicts. Returns ASSAY_E_NOTFOUND for
 * an unknown format.
 */
ASSAY_API enum assay_status assay_report_diff(struct assay_report *old_r,
    struct assay_report *new_r, const char *format, size_t *changes,
    assay_sink_fn fn, void *ctx);

/*
 * Forget the diagnostics whose source is 'source' ("ics" ...): re-judging
 * a saved report regenerates the statement's diagnostics, so the saved
 * ones would appear twice.
 */
ASSAY_API void assay_report_drop_diags(
    struct assay_report *r, const char *source);

/* Names used in every output format. Static storage. */
ASSAY_API const char *assay_severity_name(enum assay_severity s);
ASSAY_API const char *assay_confidence_name(enum assay_confidence c);
ASSAY_API const char *assay_verdict_name(enum assay_verdict v);
ASSAY_API const char *assay_diag_level_name(enum assay_diag_level l);
/*
 * Where diagnostic 'd' points, for people, into buf[0..cap): "file:L:C"
 * with a line, "file@0xOFF" for an offset in an input file, "chain+0xOFF"
 * for an offset in a container of a chain ("fw.bin > uimage@0x40+0x18":
 * the uimage at 0x40, 0x18 bytes into it; the container is not named
 * with its offset twice), "file" alone, or "" without a file. Cut to
 * fit. Returns buf.
 */
ASSAY_API const char *assay_diag_where(
    const struct assay_diag *d, char *buf, size_t cap);
/* Parse a severity name; returns false for an unknown name. */
ASSAY_API bool assay_severity_parse(const char *name, enum assay_severity *out);

/*
 * Writers. A writer turns the report into one output format and hands the
 * bytes to 'fn' (the library never touches stdout or files). Writers sort
 * the report first and produce byte-identical output for the same report.
 */
struct assay_write_opts {
    bool color;                       /* terminal writer: ANSI colour */
    bool verbose;                     /* terminal writer: list every verdict */
    enum assay_severity min_severity; /* writers that filter: lowest shown */
};

/*
 * Write 'r' as 'format' ("json", "text", ...; see assay_writer_name()).
 * 'opts' may be NULL. Returns ASSAY_E_NOTFOUND for an unknown format,
 * whatever 'fn' returns when it fails, or ASSAY_E_NOMEM.
 */
ASSAY_API enum assay_status assay_report_write(struct assay_report *r,
    const char *format, const struct assay_write_opts *opts, assay_sink_fn fn,
    void *ctx);

/* Registered writers: name and file extension of the i-th, NULL past end. */
ASSAY_API const char *assay_writer_name(size_t i);
ASSAY_API const char *assay_writer_ext(size_t i);
ASSAY_API const char *assay_writer_summary(size_t i);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_REPORT_H */
