/* SPDX-License-Identifier: Apache-2.0 */
/*
 * FW-HARD-001: executables and libraries built without the usual
 * exploit mitigations (EN 303 645 5.6-9 secure development, 5.6-8
 * memory protection). One finding per ELF file that lacks any of NX,
 * RELRO, a stack canary or (for executables) PIE, listing what is
 * missing; read by lib/elf, which needs no section headers. An
 * executable stack on MIPS carries the architecture note, since older
 * MIPS toolchains and kernels require it.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "assay/elf.h"

#include "check_private.h"

static bool
hard_applies(const struct assay_node *n)
{
    size_t len;
    const uint8_t *d = assay_node_data(n, &len);

    return d != NULL && assay_elf_is_elf(d, len);
}

static void
hard_add(char *buf, size_t cap, const char *what)
{
    size_t used = strlen(buf);

    snprintf(buf + used, cap - used, "%s", what);
}

static enum assay_status
hard_run(struct check_ctx *c, const struct assay_node *n)
{
    struct assay_elf_hardening h;
    size_t len;
    const uint8_t *d = assay_node_data(n, &len);
    char missing[160] = "";
    enum assay_status rc;

    if (assay_elf_hardening(NULL, assay_node_path(n), d, len, &h) != ASSAY_OK)
        return ASSAY_OK; /* not a readable ELF: nothing to judge */
    if (h.kind == ASSAY_ELF_REL || h.kind == ASSAY_ELF_OTHER)
        return ASSAY_OK; /* kernel modules and objects: not loaded by ld.so */
    if (!h.nx)
        hard_add(missing, sizeof(missing),
            h.gnu_stack ? ", NX (executable stack)" : ", NX (no PT_GNU_STACK)");
    if (h.kind == ASSAY_ELF_EXEC)
        hard_add(missing, sizeof(missing), ", PIE");
    if (!h.is_static && h.relro != ASSAY_RELRO_FULL)
        hard_add(missing, sizeof(missing),
            h.relro == ASSAY_RELRO_NONE ? ", RELRO" : ", full RELRO");
    if (!h.canary && !h.is_static)
        hard_add(missing, sizeof(missing), ", stack canary");
    if (missing[0] == '\0')
        return ASSAY_OK;
    rc = check_reportf_sev(c, n, 0,
        h.nx || h.exec_stack_arch_note ? ASSAY_SEV_LOW : ASSAY_SEV_MEDIUM,
        ASSAY_CONF_HIGH, "binary built without exploit mitigations",
        "%s %u-bit %s %s lacks %s%s", h.arch, (unsigned)h.bits,
        h.big_endian ? "big-endian" : "little-endian",
        assay_elf_kind_name(h.kind), missing + 2,
        h.exec_stack_arch_note
            ? " (mips: an executable stack is common there, still no NX)"
            : "");
    return rc == ASSAY_E_NOMEM ? rc : ASSAY_OK;
}

static const char *const prov_hard[] = {"5.6-9", "5.6-8", NULL};

const struct assay_check ck_hard_elf = {
    .id = "FW-HARD-001",
    .title = "binary built without exploit mitigations",
    .provisions = prov_hard,
    .severity = ASSAY_SEV_LOW,
    .scope = CHECK_FILE,
    .applies = hard_applies,
    .run = hard_run,
};
