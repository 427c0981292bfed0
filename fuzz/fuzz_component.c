/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for component identification: the same bytes are
 * read as a dpkg status file, an opkg status file and a binary searched
 * for version strings; then the product identity parser gets them too.
 */
#include <string.h>

#include <assay/assay.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    struct assay_session *s = assay_session_new(NULL);
    char text[256];
    struct assay_product p = {0};

    if (s == NULL)
        return 0;
    (void)assay_components_scan_file(
        s, "/var/lib/dpkg/status", data, len, "debian:12");
    (void)assay_components_scan_file(
        s, "/usr/lib/opkg/status", data, len, NULL);
    (void)assay_components_scan_file(s, "/bin/x", data, len, NULL);
    if (len > 0) {
        size_t n = len < sizeof(text) - 1 ? len : sizeof(text) - 1;

        memcpy(text, data, n);
        text[n] = '\0';
        p.manufacturer = text;
        p.model = text + n / 2;
        p.software_version = text + n / 3;
        p.hardware_version = text + n / 4;
        (void)assay_components_add_product(s, &p, "fuzz");
    }
    assay_session_free(s);
    return 0;
}
