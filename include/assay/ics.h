/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The manufacturer's statement: the Implementation Conformance Statement
 * (ICS, EN 303 645 Annex B) and the Implementation eXtra Information for
 * Testing (IXIT, TS 103 701), as one YAML file (docs/ics.md).
 *
 * assay_ics_load() parses and checks the document's shape; every error
 * becomes a diagnostic naming file, line and column. assay_ics_validate()
 * then applies the conformance rules of Annex B: each provision answered,
 * a mandatory provision never N, N/A only where a condition (V3: also a
 * feature) makes the provision not applicable, and a justification for
 * every recommendation answered N (Provision 4-1 / 5.0-1).
 */
#ifndef ASSAY_ICS_H
#define ASSAY_ICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/catalogue.h"
#include "assay/report.h"
#include "assay/status.h"

#ifdef __cplusplus
extern "C" {
#endif

struct assay_session;
struct assay_ics;

enum assay_support {
    ASSAY_SUPPORT_NONE = 0, /* not answered */
    ASSAY_SUPPORT_Y = 1,
    ASSAY_SUPPORT_N = 2,
    ASSAY_SUPPORT_NA = 3
};

/* Tri-state answer to a condition or feature. */
enum assay_answer {
    ASSAY_ANSWER_UNSET = 0,
    ASSAY_ANSWER_YES = 1,
    ASSAY_ANSWER_NO = 2
};

struct assay_ics_answer {
    const char *id; /* provision id */
    enum assay_support support;
    const char *detail; /* "" when none given */
    uint32_t line;      /* where the answer is, 1-based */
    uint32_t column;
};

/*
 * One row of an IXIT table. Which fields are used depends on the table;
 * unused ones are NULL. 'name' is the entry's id or name.
 */
struct assay_ixit_entry {
    const char *name; /* id / name, required */
    const char *description;
    const char *status;         /* interfaces, services: enabled|disabled */
    const char *authentication; /* none|password|key|certificate|token|... */
    const char *protocol;       /* tcp|udp|uart|jtag|usb|http|mqtt|... */
    uint32_t port;              /* 0 when none */
    bool debug;                 /* interfaces: is a debug interface */
    bool allows_configuration;  /* services: changes security config */
    const char *kind;           /* interfaces: network|physical|logical;
                                   security parameters: critical|public|
                                   sensitive; update mechanisms: local|network */
    const char *url;            /* update mechanisms: where updates come from */
    const char *crypto;         /* cryptographic details */
    const char *security_guarantees;
    const char *protection;   /* protection scheme */
    const char *generation;   /* security parameters: how generated */
    const char *provisioning; /* security parameters: how provisioned */
    const char *binary;       /* services: executable in the image */
    uint32_t line;            /* where the entry starts */
};

enum assay_ixit_table_id {
    ASSAY_IXIT_AUTH = 0,      /* 1-AuthMech */
    ASSAY_IXIT_UPDATE = 1,    /* 7-UpdMech */
    ASSAY_IXIT_SECPARAM = 2,  /* 10-SecParam */
    ASSAY_IXIT_COMMS = 3,     /* 11-ComMech */
    ASSAY_IXIT_SERVICES = 4,  /* 13-SoftServ */
    ASSAY_IXIT_INTERFACES = 5 /* 15-Intf */
};
#define ASSAY_IXIT_TABLE_COUNT 6

/* 2-UserInfo. Fields NULL when absent. */
struct assay_ixit_user_info {
    const char *vulnerability_disclosure_policy; /* URL or text */
    const char *support_period;                  /* as published */
    const char *support_period_end;              /* YYYY-MM-DD */
    const char *model_designation;
    const char *sensors;      /* documentation of sensors */
    const char *deletion;     /* documentation of deletion */
    const char *secure_setup; /* secure setup guidance */
};

/*
 * Parse an ICS/IXIT document of 'len' bytes; 'name' is used in messages
 * ("-" for standard input). On success *out lives in the session arena.
 * Returns ASSAY_OK, ASSAY_E_INVALID (YAML or schema errors: each one is a
 * diagnostic in the session report with line and column), ASSAY_E_LIMIT or
 * ASSAY_E_NOMEM.
 */
ASSAY_API enum assay_status assay_ics_load(struct assay_session *s,
    const char *name, const void *data, size_t len, struct assay_ics **out);

/*
 * Apply the Annex B rules. Each violation is an error diagnostic naming
 * the provision and its line; *failures (may be NULL) receives their
 * number. Returns ASSAY_OK even when there are failures (they are
 * findings about the statement, not errors of the library), or
 * ASSAY_E_NOMEM.
 */
ASSAY_API enum assay_status assay_ics_validate(
    struct assay_session *s, const struct assay_ics *ics, size_t *failures);

/*
 * Turn the statement alone into a verdict per provision in the session
 * report (applicability from conditions and features, FAIL for a
 * mandatory N, 4-1/5.0-1 from the justifications, INCONCLUSIVE for the
 * rest with the test units that remain), and set the report's standard
 * and product. The verdict engine refines these with evidence.
 */
ASSAY_API enum assay_status assay_ics_verdicts(
    struct assay_session *s, const struct assay_ics *ics);

/*
 * Write a commented template covering every provision and condition (or
 * feature) of 'std' to 'fn'. The template is itself a valid statement.
 */
ASSAY_API enum assay_status assay_ics_template(
    enum assay_standard std, assay_sink_fn fn, void *ctx);

/* Accessors. Borrowed pointers are valid for the session. */
ASSAY_API enum assay_standard assay_ics_standard(const struct assay_ics *ics);
ASSAY_API const struct assay_product *assay_ics_product(
    const struct assay_ics *ics);
/* V2.1.1 conditions 1..13, V3.1.3 conditions 3, 12, 14, 15, 16. */
ASSAY_API enum assay_answer assay_ics_condition(
    const struct assay_ics *ics, unsigned n);
/* V3.1.3 feature bit k (0 = 'a' ... 26 = "aa"). */
ASSAY_API enum assay_answer assay_ics_feature(
    const struct assay_ics *ics, unsigned k);
/* The answer for provision 'id', NULL when not answered. */
ASSAY_API const struct assay_ics_answer *assay_ics_answer(
    const struct assay_ics *ics, const char *id);
ASSAY_API size_t assay_ics_ixit_count(
    const struct assay_ics *ics, enum assay_ixit_table_id t);
ASSAY_API const struct assay_ixit_entry *assay_ics_ixit(
    const struct assay_ics *ics, enum assay_ixit_table_id t, size_t i);
ASSAY_API const struct assay_ixit_user_info *assay_ics_user_info(
    const struct assay_ics *ics);

/*
 * Does 'p' apply under the statement's conditions and features?
 * ASSAY_ANSWER_YES or _NO, or _UNSET when a condition or feature it
 * depends on was not answered. When 'why' is not NULL and the answer is
 * NO or UNSET, *why names the first condition or feature responsible
 * ("condition 1", "feature g"), in static storage.
 */
ASSAY_API enum assay_answer assay_ics_applies(const struct assay_ics *ics,
    const struct assay_provision *p, const char **why);

/* "Y", "N", "N/A" or "" */
ASSAY_API const char *assay_support_name(enum assay_support s);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_ICS_H */
