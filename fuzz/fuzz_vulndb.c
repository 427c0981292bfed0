/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the vulnerability database: the input is imported
 * as an NVD/OSV document into an in-memory database, matched against a
 * fixed set of components, and loaded as a VEX document.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <assay/assay.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static const struct assay_component comps[] = {
        {.name = "dropbear",
            .version = "2012.55",
            .path = "/usr/sbin/x",
            .cpe = "cpe:2.3:a:dropbear_ssh_project:dropbear_ssh:2012.55:*:*:"
                   "*:*:*:*:*",
            .purl = "pkg:deb/ubuntu/dropbear@2012.55?distro=ubuntu-16.04"},
        {.name = "tl-wr841n",
            .version = "v10",
            .cpe = "cpe:2.3:h:tp-link:tl-wr841n:v10:*:*:*:*:*:*:*"},
    };
    char path[] = "/tmp/fuzz-vulndb-XXXXXX";
    struct assay_session *s;
    struct assay_vulndb *db = NULL;
    int fd = mkstemp(path);

    if (fd < 0)
        return 0;
    if (write(fd, data, len) != (ssize_t)len) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    s = assay_session_new(NULL);
    if (s != NULL && assay_vulndb_open(s, ":memory:", true, &db) == ASSAY_OK) {
        for (size_t i = 0; i < sizeof(comps) / sizeof(comps[0]); i++)
            (void)assay_report_add_component(
                assay_session_report(s), &comps[i]);
        (void)assay_vulndb_import(db, path, NULL);
        (void)assay_vulndb_load_vex(db, path);
        (void)assay_vulndb_match(db, NULL);
        assay_vulndb_close(db);
    }
    assay_session_free(s);
    unlink(path);
    return 0;
}
