/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Writes a report holding every kind of record (findings with and without
 * optional members, hostile bytes, components, verdicts of each kind,
 * diagnostics with offsets and lines) as JSON to stdout, for the schema
 * test (tests/cli/t0003-report-schema.sh).
 */
#include <stdio.h>
#include <string.h>

#include "assay/assay.h"

static enum assay_status
sink(void *ctx, const void *data, size_t len)
{
    return fwrite(data, 1, len, ctx) == len ? ASSAY_OK : ASSAY_E_IO;
}

int
main(void)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_report *r;
    struct assay_finding f = {0};
    struct assay_component c = {0};
    struct assay_provision_verdict v = {0};
    struct assay_diag d = {0};
    struct assay_target t = {"image", "fw.bin", 4063744,
        "6f83f1dac5de040233132fa0eaf9099895aa639570c238813364d5dd5fd83811"};
    struct assay_product p = {"TP-Link", "TL-WR841N", "v10", "3.16.9"};
    struct assay_inventory inv = {560, 80, 120, 12, 90, 3500000, 4};
    enum assay_status rc;

    if (s == NULL)
        return 5;
    r = assay_session_report(s);
    assay_report_set_target(r, &t);
    assay_report_set_product(r, &p);
    assay_report_set_standard(r, "2.1.1");
    assay_report_set_inventory(r, &inv);
    assay_report_set_timestamp(r, true);

    f.check = "FW-CRED-001";
    f.provisions[0] = "5.1-1";
    f.provisions[1] = "5.4-1";
    f.provision_count = 2;
    f.severity = ASSAY_SEV_CRITICAL;
    f.confidence = ASSAY_CONF_HIGH;
    f.title = "universal default password for root";
    f.path = "/etc/shadow";
    f.container = "fw.bin > tplink@0x20200 > squashfs@0x120200";
    f.line = 1;
    f.offset = -1;
    f.evidence = "root:sohoadmin \xff\x01";
    f.remediation = "set a unique password per device at first boot";
    assay_report_add_finding(r, &f);
    memset(&f, 0, sizeof(f));
    f.check = "CVE-MATCH";
    f.provisions[0] = "5.3-8";
    f.provision_count = 1;
    f.severity = ASSAY_SEV_HIGH;
    f.title = "dropbear 2012.55 is affected by CVE-2016-7406";
    f.offset = 4096;
    f.source = "static";
    f.vuln_id = "CVE-2016-7406";
    f.component = "dropbear@2012.55";
    f.cvss = 9.8;
    assay_report_add_finding(r, &f);
    memset(&f, 0, sizeof(f));
    f.check = "NET-TELNET-001";
    f.title = "telnet answers with a shell";
    f.offset = -1;
    f.source = "dynamic";
    assay_report_add_finding(r, &f);

    c.name = "dropbear";
    c.version = "2012.55";
    c.path = "/usr/bin/dropbear";
    c.evidence = "Dropbear sshd v2012.55";
    c.purl = "pkg:generic/dropbear@2012.55";
    c.cpe = "cpe:2.3:a:dropbear_ssh_project:dropbear_ssh:2012.55:*:*:*:*:*:*:*";
    c.confidence = ASSAY_CONF_HIGH;
    assay_report_add_component(r, &c);
    memset(&c, 0, sizeof(c));
    c.name = "unknown-lib";
    assay_report_add_component(r, &c);

    v.id = "5.1-1";
    v.status = "M C (1)";
    v.applicable = true;
    v.verdict = ASSAY_VERDICT_FAIL;
    v.basis[0].kind = ASSAY_BASIS_FINDING;
    v.basis[0].ref = "FW-CRED-001";
    v.basis[0].text = "universal default password for root";
    v.basis_count = 1;
    assay_report_set_verdict(r, &v);
    v.id = "6-4";
    v.status = "R C (6)";
    v.applicable = false;
    v.verdict = ASSAY_VERDICT_NOT_APPLICABLE;
    v.basis[0].kind = ASSAY_BASIS_RULE;
    assay_report_set_verdict(r, &v);
    v.id = "5.13-1A";
    v.status = "M";
    v.applicable = true;
    v.verdict = ASSAY_VERDICT_INCONCLUSIVE;
    v.basis[0].kind = ASSAY_BASIS_MISSING;
    assay_report_set_verdict(r, &v);
    v.id = "5.1-5";
    v.status = "M C (14) F (e)";
    v.verdict = ASSAY_VERDICT_PASS;
    v.basis[0].kind = ASSAY_BASIS_ASSESSOR;
    assay_report_set_verdict(r, &v);

    d.level = ASSAY_DIAG_WARNING;
    d.source = "squashfs";
    d.file = "fw.bin > squashfs@0x120200";
    d.offset = 1234;
    d.message = "fragment table truncated";
    assay_report_add_diag(r, &d);
    d.level = ASSAY_DIAG_ERROR;
    d.source = "ics";
    d.file = "ics.yaml";
    d.offset = -1;
    d.line = 12;
    d.column = 3;
    d.message = "provision 5.1-3 is mandatory (M) but answered N";
    assay_report_add_diag(r, &d);

    rc = assay_report_write(r, "json", NULL, sink, stdout);
    assay_session_free(s);
    return rc == ASSAY_OK ? 0 : 3;
}
