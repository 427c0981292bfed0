/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Component identification: which software (name, version) a firmware
 * holds, from package databases (dpkg, opkg), version strings in
 * executables and libraries (signatures kept as data in
 * lib/component/signatures.def), and the product identity. Each
 * component found is added to the session's report with its file, how it
 * was identified, a confidence, a purl and a CPE 2.3 name.
 */
#ifndef ASSAY_COMPONENT_H
#define ASSAY_COMPONENT_H

#include <stdbool.h>
#include <stddef.h>

#include "assay/report.h"
#include "assay/status.h"

#ifdef __cplusplus
extern "C" {
#endif

struct assay_session;

/*
 * Identify components in one file of an image: 'path' is its path from
 * the file system root ("/usr/sbin/dropbear"), 'data' its bytes
 * (borrowed for the call). 'distro' ("debian:12", may be NULL) qualifies
 * package-database purls. Returns ASSAY_OK or ASSAY_E_NOMEM; unreadable
 * package databases are warnings.
 */
ASSAY_API enum assay_status assay_components_scan_file(struct assay_session *s,
    const char *path, const void *data, size_t len, const char *distro);

/*
 * Identify components in an unpacked root file system on disk: every
 * regular file below 'dir' (symlinks are never followed, nothing outside
 * 'dir' is read). The distribution comes from etc/os-release. Returns
 * ASSAY_OK, ASSAY_E_IO ('dir' unreadable) or ASSAY_E_NOMEM.
 */
ASSAY_API enum assay_status assay_components_scan_dir(
    struct assay_session *s, const char *dir);

/*
 * Identify components in every regular file of an unpacked tree, and in
 * stream payloads nothing further was unpacked from (a kernel image, a
 * boot loader). The distribution of each file system comes from its
 * /etc/os-release. Returns ASSAY_OK or ASSAY_E_NOMEM.
 */
struct assay_tree;
ASSAY_API enum assay_status assay_components_scan_tree(
    struct assay_session *s, const struct assay_tree *t);

/*
 * Product identity from a vendor firmware header at the start of 'data'
 * (TP-Link v1/v2: vendor name, hardware id and revision). Strings are
 * copied into the session. Returns true when a header was recognised.
 */
ASSAY_API bool assay_components_vendor_header(struct assay_session *s,
    const void *data, size_t len, struct assay_product *out);

/*
 * Add the product itself: a firmware component (CPE part "o",
 * <model>_firmware, the software version) and a hardware component (part
 * "h", the model and hardware version) from 'p' (ICS or vendor header).
 * Fields may be NULL; nothing is added without manufacturer and model.
 */
ASSAY_API enum assay_status assay_components_add_product(
    struct assay_session *s, const struct assay_product *p,
    const char *evidence);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_COMPONENT_H */
