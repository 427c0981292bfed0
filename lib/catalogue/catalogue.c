/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The provision catalogue, built at compile time from provisions.def,
 * plus the condition, feature and IXIT tables of EN 303 645 Annex B and
 * TS 103 701, in our own words. See docs/provisions/README.md for the
 * sources and what in them is uncertain.
 */
#include "assay_config.h"

#include <pthread.h>
#include <string.h>

#include "../core/core_private.h"
#include "catalogue_private.h"

#define COND(n) (1u << (n))
#define FEAT(x) FEAT_##x
enum {
    FEAT_a = 1u << 0,
    FEAT_b = 1u << 1,
    FEAT_c = 1u << 2,
    FEAT_d = 1u << 3,
    FEAT_e = 1u << 4,
    FEAT_f = 1u << 5,
    FEAT_g = 1u << 6,
    FEAT_h = 1u << 7,
    FEAT_i = 1u << 8,
    FEAT_j = 1u << 9,
    FEAT_k = 1u << 10,
    FEAT_l = 1u << 11,
    FEAT_m = 1u << 12,
    FEAT_n = 1u << 13,
    FEAT_o = 1u << 14,
    FEAT_p = 1u << 15,
    FEAT_q = 1u << 16,
    FEAT_r = 1u << 17,
    FEAT_s = 1u << 18,
    FEAT_t = 1u << 19,
    FEAT_u = 1u << 20,
    FEAT_v = 1u << 21,
    FEAT_w = 1u << 22,
    FEAT_x = 1u << 23,
    FEAT_y = 1u << 24,
    FEAT_z = 1u << 25,
    FEAT_aa = 1u << 26
};
#define STD_V2   ASSAY_STD_V2_1_1
#define STD_V3   ASSAY_STD_V3_1_3
#define REQ_M    ASSAY_REQ_M
#define REQ_R    ASSAY_REQ_R
#define REQ_VOID ASSAY_REQ_VOID

static const struct {
    enum assay_standard std;
    const char *clause;
    const char *title;
} clause_titles[] = {
    {STD_V2, "4", "Reporting implementation"},
    {STD_V3, "5.0", "Reporting implementation"},
    {STD_V2, "5.1", "No universal default passwords"},
    {STD_V2, "5.2", "Implement a means to manage reports of vulnerabilities"},
    {STD_V2, "5.3", "Keep software updated"},
    {STD_V2, "5.4", "Securely store sensitive security parameters"},
    {STD_V2, "5.5", "Communicate securely"},
    {STD_V2, "5.6", "Minimize exposed attack surfaces"},
    {STD_V2, "5.7", "Ensure software integrity"},
    {STD_V2, "5.8", "Ensure that personal data is secure"},
    {STD_V2, "5.9", "Make systems resilient to outages"},
    {STD_V2, "5.10", "Examine system telemetry data"},
    {STD_V2, "5.11", "Make it easy for users to delete user data"},
    {STD_V2, "5.12", "Make installation and maintenance of devices easy"},
    {STD_V2, "5.13", "Validate input data"},
    {STD_V2, "6", "Data protection provisions for consumer IoT"},
};

/* Filled in by rows_init(); clause titles are shared by both versions. */
#define CLAUSE_TITLE_PLACEHOLDER NULL

static struct assay_provision rows[] = {
#define ASSAY_PROVISION(std, cname, id, clause, req, status, conds, feats,     \
    tests, ixit, v2id, title)                                                  \
    {STD_##std, id, clause, CLAUSE_TITLE_PLACEHOLDER, REQ_##req, status,       \
        conds, feats, tests, ixit, v2id, title},
#include "provisions.def"
#undef ASSAY_PROVISION
};

_Static_assert(ASSAY_ARRAY_LEN(rows) == CAT_ROW_COUNT, "row count");

static const char *
clause_title(const char *clause)
{
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(clause_titles); i++) {
        if (strcmp(clause_titles[i].clause, clause) == 0)
            return clause_titles[i].title;
    }
    return "";
}

/*
 * The clause title is filled in once, on first use, so that the .def file
 * need not repeat it on every row; after that the table is read-only.
 */
static pthread_once_t rows_once = PTHREAD_ONCE_INIT;

static void
rows_init(void)
{
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(rows); i++)
        rows[i].clause_title = clause_title(rows[i].clause);
}

static const struct assay_provision *
row_at(size_t i)
{
    pthread_once(&rows_once, rows_init);
    return &rows[i];
}

const struct assay_provision *
catalogue_row(enum catalogue_row_index idx)
{
    return (size_t)idx < ASSAY_ARRAY_LEN(rows) ? row_at((size_t)idx) : NULL;
}

size_t
assay_catalogue_count(enum assay_standard std)
{
    size_t n = 0;

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(rows); i++)
        n += rows[i].standard == std;
    return n;
}

const struct assay_provision *
assay_catalogue_get(enum assay_standard std, size_t i)
{
    for (size_t k = 0; k < ASSAY_ARRAY_LEN(rows); k++) {
        if (rows[k].standard != std)
            continue;
        if (i == 0)
            return row_at(k);
        i--;
    }
    return NULL;
}

const struct assay_provision *
assay_catalogue_find(enum assay_standard std, const char *id)
{
    if (id == NULL)
        return NULL;
    for (size_t k = 0; k < ASSAY_ARRAY_LEN(rows); k++) {
        if (rows[k].standard == std && strcmp(rows[k].id, id) == 0)
            return row_at(k);
    }
    return NULL;
}

const char *
assay_standard_name(enum assay_standard std)
{
    return std == ASSAY_STD_V3_1_3 ? "3.1.3" : "2.1.1";
}

bool
assay_standard_parse(const char *s, enum assay_standard *out)
{
    static const char *const v2[] = {"2.1.1", "v2.1.1", "V2.1.1", "2", "v2"};
    static const char *const v3[] = {"3.1.3", "v3.1.3", "V3.1.3", "3", "v3"};

    if (s == NULL)
        return false;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(v2); i++) {
        if (strcmp(s, v2[i]) == 0) {
            *out = ASSAY_STD_V2_1_1;
            return true;
        }
        if (strcmp(s, v3[i]) == 0) {
            *out = ASSAY_STD_V3_1_3;
            return true;
        }
    }
    return false;
}

/* V2.1.1 Table B.1 conditions, paraphrased. */
static const char *const v2_conditions[ASSAY_CONDITION_MAX + 1] = {
    [1] = "passwords are used",
    [2] = "pre-installed passwords are used",
    [3] = "software components are not updateable",
    [4] = "the device is a constrained device",
    [5] = "the device is not a constrained device",
    [6] = "telemetry data is collected",
    [7] = "personal data is processed on the basis of consumers' consent",
    [8] = "the device allows user authentication",
    [9] = "the device supports automatic updates and/or update notifications",
    [10] =
        "a hard-coded unique per-device identity is used for security purposes",
    [11] = "updates are delivered over a network interface",
    [12] = "an update mechanism is implemented",
    [13] = "a debug interface is physically accessible",
};

/* V3.1.3 keeps conditions 3 and 12 and adds 14, 15 and 16. */
static const char *const v3_conditions[ASSAY_CONDITION_MAX + 1] = {
    [3] = "software components are not updateable",
    [12] = "an update mechanism is implemented",
    [14] =
        "no use-case resource constraint prevents brute-force protection of network authentication",
    [15] = "no use-case resource constraint prevents an update mechanism",
    [16] = "critical security parameters relating to the device exist",
};

const char *
assay_condition_text(enum assay_standard std, unsigned n)
{
    if (n > ASSAY_CONDITION_MAX)
        return NULL;
    return std == ASSAY_STD_V3_1_3 ? v3_conditions[n] : v2_conditions[n];
}

static const struct {
    const char *letter;
    const char *text;
} features[ASSAY_FEATURE_COUNT] = {
    {"a", "passwords can authenticate users or machines"},
    {"b", "pre-installed unique per-device passwords are used"},
    {"c", "cryptographic authentication mechanisms are used"},
    {"d", "users can authenticate to the device"},
    {"e", "authentication happens over network interfaces"},
    {"f", "some software components are not immutable for security reasons"},
    {"g", "device software can be updated"},
    {"h", "automatic software updates are supported"},
    {"i", "update notifications are provided"},
    {"j", "updates can be delivered over a network interface"},
    {"k", "sensitive security parameters are in persistent storage"},
    {"l", "hard-coded unique per-device identities are used for security"},
    {"m", "CSPs protect updates or communication with associated services"},
    {"n", "security-relevant configuration is possible over the network"},
    {"o", "CSPs can be communicated off the device"},
    {"p", "unused network or logical interfaces exist"},
    {"q", "debug interfaces exist"},
    {"r", "debug interfaces that are physical ports exist"},
    {"s", "secure boot or similar change detection is supported"},
    {"t", "personal data is sent to associated services"},
    {"u", "sensitive personal data is sent to associated services"},
    {"v", "the device has external sensing capabilities"},
    {"w", "telemetry data can be collected"},
    {"x", "an associated service can store personal data"},
    {"y", "personal data is processed on the basis of consent"},
    {"z", "personal data is processed"},
    {"aa", "data is collected or processed solely for an aggregate result"},
};

const char *
assay_feature_letter(unsigned k)
{
    return k < ASSAY_FEATURE_COUNT ? features[k].letter : NULL;
}

const char *
assay_feature_text(unsigned k)
{
    return k < ASSAY_FEATURE_COUNT ? features[k].text : NULL;
}

bool
assay_feature_parse(const char *s, unsigned *k)
{
    if (s == NULL)
        return false;
    for (unsigned i = 0; i < ASSAY_FEATURE_COUNT; i++) {
        if (strcmp(features[i].letter, s) == 0) {
            *k = i;
            return true;
        }
    }
    return false;
}

/* TS 103 701 V1.1.1 IXIT tables. */
static const struct {
    const char *id;
    const char *title;
} ixit_tables[] = {
    {NULL, NULL},
    {"1-AuthMech", "Authentication Mechanisms"},
    {"2-UserInfo", "User Information"},
    {"3-VulnTypes", "Relevant Vulnerabilities"},
    {"4-Conf", "Confirmations"},
    {"5-VulnMon", "Vulnerability Monitoring"},
    {"6-SoftComp", "Software Components"},
    {"7-UpdMech", "Update Mechanisms"},
    {"8-UpdProc", "Update Procedures"},
    {"9-ReplSup", "Replacement Support"},
    {"10-SecParam", "Security Parameters"},
    {"11-ComMech", "Communication Mechanisms"},
    {"12-NetSecImpl", "Network and Security Implementations"},
    {"13-SoftServ", "Software Services"},
    {"14-SecMgmt", "Secure Management Processes"},
    {"15-Intf", "Interfaces"},
    {"16-CodeMin", "Code Minimization"},
    {"17-PrivlCtrl", "Privilege Control"},
    {"18-AccCtrl", "Access Control"},
    {"19-SecDev", "Secure Development Processes"},
    {"20-SecBoot", "Secure Boot Mechanisms"},
    {"21-PersData", "Personal Data"},
    {"22-ExtSens", "External Sensors"},
    {"23-ResMech", "Resilience Mechanisms"},
    {"24-TelData", "Telemetry Data"},
    {"25-DelFunc", "Deletion Functionalities"},
    {"26-UserDec", "User Decisions"},
    {"27-UserIntf", "User Interfaces"},
    {"28-ExtAPI", "External APIs"},
    {"29-InpVal", "Data Input Validation"},
};

const char *
assay_ixit_table(unsigned n)
{
    return n >= 1 && n < ASSAY_ARRAY_LEN(ixit_tables) ? ixit_tables[n].id
                                                      : NULL;
}

const char *
assay_ixit_table_title(unsigned n)
{
    return n >= 1 && n < ASSAY_ARRAY_LEN(ixit_tables) ? ixit_tables[n].title
                                                      : NULL;
}

const char *
assay_requirement_name(enum assay_requirement r)
{
    switch (r) {
    case ASSAY_REQ_M:
        return "M";
    case ASSAY_REQ_R:
        return "R";
    case ASSAY_REQ_VOID:
        break;
    }
    return "Void";
}
