/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `assay ics init`: a commented statement covering every provision and
 * condition (V3: feature) of one version of the standard. The defaults
 * describe a typical mains-powered, updatable, password-protected product
 * and are a valid statement as written, so a user edits rather than
 * starts from nothing. Supported provisions come with an empty detail to
 * fill in; provisions the default conditions exclude are N/A with the
 * condition named.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "ics_private.h"

/* Defaults for a typical connected product. */
static const bool v2_condition_default[ASSAY_CONDITION_MAX + 1] = {[1] = true,
    [2] = true,
    [5] = true,
    [8] = true,
    [9] = true,
    [11] = true,
    [12] = true};
static const bool v3_condition_default[ASSAY_CONDITION_MAX + 1] = {
    [12] = true, [14] = true, [15] = true, [16] = true};
/* a b c d e f g h i j k m n o: yes; the rest no. */
static const uint32_t v3_feature_default = 0x7fffu & ~(1u << 11);

struct tpl {
    struct assay_buf out;
    enum assay_status rc;
};

static void
tpl_put(struct tpl *t, const char *s)
{
    if (t->rc == ASSAY_OK)
        t->rc = assay_buf_puts(&t->out, s);
}

static void tpl_printf(struct tpl *t, const char *fmt, ...) ASSAY_PRINTF(2, 3);

static void
tpl_printf(struct tpl *t, const char *fmt, ...)
{
    char line[4096]; /* longer than any piece of the template */
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    tpl_put(t, line);
}

static bool
tpl_applies(enum assay_standard std, const struct assay_provision *p, char *why,
    size_t why_len)
{
    const bool *cond =
        std == ASSAY_STD_V3_1_3 ? v3_condition_default : v2_condition_default;

    for (unsigned c = 1; c <= ASSAY_CONDITION_MAX; c++) {
        if ((p->condition_mask & (1u << c)) != 0 && !cond[c]) {
            snprintf(why, why_len, "condition %u does not hold (%s)", c,
                assay_condition_text(std, c));
            return false;
        }
    }
    for (unsigned k = 0; k < ASSAY_FEATURE_COUNT; k++) {
        if ((p->feature_mask & (1u << k)) != 0 &&
            (v3_feature_default & (1u << k)) == 0) {
            snprintf(why, why_len, "feature %s is absent (%s)",
                assay_feature_letter(k), assay_feature_text(k));
            return false;
        }
    }
    return true;
}

static void
tpl_header(struct tpl *t, enum assay_standard std)
{
    tpl_printf(t,
        "# Implementation conformance statement (ICS) with IXIT for\n"
        "# ETSI EN 303 645 V%s, read by Assay. Format: docs/ics.md.\n"
        "#\n"
        "# Answer every provision: support Y (supported), N (not supported)\n"
        "# or N/A (not applicable; only where a condition%s excludes it).\n"
        "# 'detail' says how a provision is met (Y), why a recommendation\n"
        "# is not met (N: required by Provision %s), or why it does not\n"
        "# apply (N/A). A mandatory (M) provision answered N fails.\n"
        "# Check the file with: assay ics check FILE\n"
        "assay-ics: 1\n"
        "standard: \"%s\"\n\n",
        assay_standard_name(std), std == ASSAY_STD_V3_1_3 ? " or feature" : "",
        std == ASSAY_STD_V3_1_3 ? "5.0-1" : "4-1", assay_standard_name(std));
    tpl_put(t, "product:\n"
               "  manufacturer: \"\"\n"
               "  model: \"\"\n"
               "  hardware_version: \"\"\n"
               "  software_version: \"\"\n\n");
}

static void
tpl_conditions(struct tpl *t, enum assay_standard std)
{
    const bool *cond =
        std == ASSAY_STD_V3_1_3 ? v3_condition_default : v2_condition_default;

    tpl_put(t, "# Conditions of Annex B, Table B.1 (yes or no). They decide\n"
               "# which conditional provisions (\"C (n)\") apply.\n"
               "conditions:\n");
    for (unsigned c = 1; c <= ASSAY_CONDITION_MAX; c++) {
        if (assay_condition_text(std, c) == NULL)
            continue;
        tpl_printf(t, "  %u: %-4s # %s\n", c, cond[c] ? "yes" : "no",
            assay_condition_text(std, c));
    }
    tpl_put(t, "\n");
    if (std != ASSAY_STD_V3_1_3)
        return;
    tpl_put(t,
        "# Features, capabilities or mechanisms of Table B.1 (yes or\n"
        "# no). A provision marked \"F (x)\" applies only if x is present.\n"
        "features:\n");
    for (unsigned k = 0; k < ASSAY_FEATURE_COUNT; k++)
        tpl_printf(t, "  %s:%-*s%-4s # %s\n", assay_feature_letter(k),
            3 - (int)strlen(assay_feature_letter(k)), "",
            (v3_feature_default & (1u << k)) != 0 ? "yes" : "no",
            assay_feature_text(k));
    tpl_put(t, "\n");
}

static void
tpl_provisions(struct tpl *t, enum assay_standard std)
{
    const char *clause = "";
    size_t n = assay_catalogue_count(std);
    char why[256];

    tpl_put(t, "provisions:\n");
    for (size_t i = 0; i < n; i++) {
        const struct assay_provision *p = assay_catalogue_get(std, i);

        if (p->req == ASSAY_REQ_VOID)
            continue;
        if (strcmp(clause, p->clause) != 0) {
            clause = p->clause;
            tpl_printf(t, "  # %s %s\n", p->clause, p->clause_title);
        }
        tpl_printf(t, "  \"%s\":  # %s: %s\n", p->id, p->status, p->title);
        if (tpl_applies(std, p, why, sizeof(why)))
            tpl_put(t, "    support: Y\n    detail: \"\"\n");
        else
            tpl_printf(t, "    support: N/A\n    detail: \"%s\"\n", why);
    }
    tpl_put(t, "\n");
}

static void
tpl_ixit(struct tpl *t)
{
    tpl_put(t,
        "# Implementation eXtra Information for Testing (TS 103 701). Checks\n"
        "# compare what they find with these tables: an interface, service\n"
        "# or mechanism found but not declared here is a finding.\n"
        "ixit:\n"
        "  user_info:                           # 2-UserInfo\n"
        "    vulnerability_disclosure_policy: \"\"  # URL of the policy (5.2-1)\n"
        "    support_period: \"\"                 # as published (5.3-13)\n"
        "    support_period_end: null           # YYYY-MM-DD\n"
        "    model_designation: \"\"              # (5.3-16)\n"
        "  interfaces: []                       # 15-Intf\n"
        "  #  - name: web-admin\n"
        "  #    kind: network                   # network|physical|logical|radio\n"
        "  #    protocol: https\n"
        "  #    port: 443\n"
        "  #    status: enabled                 # enabled|disabled\n"
        "  #    authentication: password\n"
        "  #    debug: no\n"
        "  services: []                         # 13-SoftServ\n"
        "  #  - name: dropbear\n"
        "  #    binary: /usr/sbin/dropbear\n"
        "  #    protocol: ssh\n"
        "  #    port: 22\n"
        "  #    status: enabled\n"
        "  #    authentication: key\n"
        "  #    allows_configuration: yes\n"
        "  auth_mechanisms: []                  # 1-AuthMech\n"
        "  #  - name: web-login\n"
        "  #    description: per-device password printed on the label\n"
        "  #    generation: random 12 characters from a CSPRNG at production\n"
        "  #    crypto: PBKDF2-SHA256 stored hash\n"
        "  update_mechanisms: []                # 7-UpdMech\n"
        "  #  - name: ota\n"
        "  #    kind: network                   # network|local\n"
        "  #    url: https://updates.example.com/\n"
        "  #    crypto: Ed25519 signature over the image\n"
        "  security_parameters: []              # 10-SecParam\n"
        "  #  - name: tls-client-key\n"
        "  #    type: critical                  # critical|sensitive|public\n"
        "  #    generation: on the device at first boot\n"
        "  #    protection: stored in the secure element\n"
        "  communication_mechanisms: []         # 11-ComMech\n"
        "  #  - name: cloud-mqtt\n"
        "  #    protocol: mqtts\n"
        "  #    port: 8883\n"
        "  #    crypto: TLS 1.2+ with server certificate validation\n");
}

enum assay_status
assay_ics_template(enum assay_standard std, assay_sink_fn fn, void *ctx)
{
    struct tpl t = {.rc = ASSAY_OK};

    assay_buf_init(&t.out, 1u << 20);
    tpl_header(&t, std);
    tpl_conditions(&t, std);
    tpl_provisions(&t, std);
    tpl_ixit(&t);
    if (t.rc == ASSAY_OK)
        t.rc = fn(ctx, t.out.data, t.out.len);
    assay_buf_release(&t.out);
    return t.rc;
}
