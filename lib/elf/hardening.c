/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Hardening flags of one ELF file, from elf_open()'s view of it.
 *
 * Definitions follow what the loader and the toolchain actually do, not
 * what readelf happens to print (the checksec agreement test documents
 * where the two differ):
 *   - NX: PT_GNU_STACK present without PF_X; a missing PT_GNU_STACK means
 *     an executable stack on most architectures;
 *   - RELRO: PT_GNU_RELRO; full when BIND_NOW is requested by DT_BIND_NOW,
 *     DF_BIND_NOW or DF_1_NOW (any of the three makes ld.so bind eagerly);
 *   - PIE: ET_DYN marked DF_1_PIE, or carrying DT_DEBUG (older linkers do
 *     not set DF_1_PIE; shared libraries never have DT_DEBUG);
 *   - canary: __stack_chk_fail, __stack_chk_guard or
 *     __intel_security_cookie among the dynamic symbols, or .symtab;
 *   - FORTIFY: imported __*_chk functions other than the stack ones.
 */
#include "assay_config.h"

#include <string.h>

#include "elf_private.h"

#define ET_REL      1
#define ET_EXEC     2
#define ET_DYN      3
#define DF_BIND_NOW 0x8u
#define DF_1_NOW    0x1u
#define DF_1_PIE    0x08000000u

/* Distinct __*_chk names remembered for counting (a binary has < 100). */
#define HARDEN_MAX_CHK 256

struct harden_syms {
    bool canary;
    uint32_t nchk;                   /* distinct fortified functions */
    const char *chk[HARDEN_MAX_CHK]; /* names seen, borrowed */
    uint32_t seen;                   /* symbols examined */
};

static bool
harden_is_canary(const char *name)
{
    return strcmp(name, "__stack_chk_fail") == 0 ||
           strcmp(name, "__stack_chk_guard") == 0 ||
           strcmp(name, "__stack_chk_fail_local") == 0 ||
           strcmp(name, "__intel_security_cookie") == 0;
}

static bool
harden_sym(void *ctx, const char *name, bool defined)
{
    struct harden_syms *h = ctx;
    size_t n = strlen(name);

    (void)defined;
    h->seen++;
    if (name[0] != '_' || name[1] != '_')
        return true;
    if (harden_is_canary(name)) {
        h->canary = true;
        return true;
    }
    if (n > 6 && memcmp(name + n - 4, "_chk", 4) == 0 &&
        strncmp(name, "__stack_chk", 11) != 0) {
        for (uint32_t i = 0; i < h->nchk; i++)
            if (strcmp(h->chk[i], name) == 0)
                return true;
        if (h->nchk < HARDEN_MAX_CHK)
            h->chk[h->nchk++] = name;
    }
    return true;
}

/* Static name of an e_machine value. */
static const char *
harden_arch(uint16_t machine)
{
    switch (machine) {
    case 3:
        return "x86";
    case 8:
    case 10:
        return "mips";
    case 20:
        return "powerpc";
    case 21:
        return "powerpc64";
    case 40:
        return "arm";
    case 42:
        return "superh";
    case 62:
        return "x86_64";
    case 183:
        return "aarch64";
    case 243:
        return "riscv";
    case 22:
        return "s390";
    case 2:
    case 18:
    case 43:
        return "sparc";
    case 258:
        return "loongarch";
    case 92:
        return "openrisc";
    case 94:
        return "xtensa";
    case 164:
        return "hexagon";
    case 106:
        return "blackfin";
    default:
        return "unknown";
    }
}

bool
assay_elf_is_elf(const void *data, size_t len)
{
    const uint8_t *p = data;

    return data != NULL && len >= 52 && memcmp(p, "\177ELF", 4) == 0 &&
           (p[4] == 1 || p[4] == 2) && (p[5] == 1 || p[5] == 2);
}

enum assay_status
assay_elf_hardening(struct assay_session *s, const char *name, const void *data,
    size_t len, struct assay_elf_hardening *out)
{
    struct assay_err *err = s != NULL ? assay_session_err(s) : NULL;
    struct harden_syms h;
    struct elf_file f;
    enum assay_status rc;
    uint32_t nchk;

    if (data == NULL || out == NULL)
        return assay_err_set(err, ASSAY_E_USAGE, "elf: no input");
    memset(out, 0, sizeof(*out));
    rc = elf_open(&f, data, len, err);
    if (rc != ASSAY_OK)
        return rc;

    out->bits = f.is64 ? 64 : 32;
    out->big_endian = f.be;
    out->machine = f.machine;
    out->arch = harden_arch(f.machine);
    out->has_sections = f.shnum != 0;
    out->is_static = !f.has_interp && !f.has_dynamic;
    out->gnu_stack = f.has_gnu_stack;
    out->nx = f.has_gnu_stack && !f.stack_exec;
    out->exec_stack_arch_note = !out->nx && (f.machine == 8 || f.machine == 10);
    out->bind_now = f.dt_bind_now || (f.dt_flags & DF_BIND_NOW) != 0 ||
                    (f.dt_flags_1 & DF_1_NOW) != 0;
    if (f.has_relro)
        out->relro = out->bind_now ? ASSAY_RELRO_FULL : ASSAY_RELRO_PARTIAL;
    out->rpath = f.dt_rpath;
    out->runpath = f.dt_runpath;
    out->needed = f.needed;

    switch (f.type) {
    case ET_EXEC:
        out->kind = ASSAY_ELF_EXEC;
        break;
    case ET_DYN:
        out->kind = (f.dt_flags_1 & DF_1_PIE) != 0 || f.dt_debug
                        ? ASSAY_ELF_PIE
                        : ASSAY_ELF_DSO;
        break;
    case ET_REL:
        out->kind = ASSAY_ELF_REL;
        break;
    default:
        out->kind = ASSAY_ELF_OTHER;
        break;
    }
    out->pie = out->kind == ASSAY_ELF_PIE;

    memset(&h, 0, sizeof(h));
    elf_dynsyms(&f, harden_sym, &h);
    out->dynsyms = h.seen;
    /* .symtab adds canary evidence (as readelf -s does); fortified
     * imports are counted from it only for static files, whose calls
     * into libc are not imports. */
    nchk = h.nchk;
    out->stripped = !elf_symtab(&f, harden_sym, &h);
    if (!out->is_static)
        h.nchk = nchk;
    out->canary = h.canary;
    out->fortified = h.nchk;
    out->fortify = h.nchk != 0;

    if (f.dyn_damaged && s != NULL)
        assay_diag(s, ASSAY_DIAG_WARNING, "elf", name, -1,
            "elf: dynamic table points outside the file; some flags may be "
            "missing");
    return ASSAY_OK;
}

const char *
assay_elf_kind_name(enum assay_elf_kind k)
{
    switch (k) {
    case ASSAY_ELF_EXEC:
        return "exec";
    case ASSAY_ELF_PIE:
        return "pie";
    case ASSAY_ELF_DSO:
        return "dso";
    case ASSAY_ELF_REL:
        return "rel";
    case ASSAY_ELF_OTHER:
        break;
    }
    return "other";
}

const char *
assay_relro_name(enum assay_relro r)
{
    switch (r) {
    case ASSAY_RELRO_NONE:
        return "none";
    case ASSAY_RELRO_PARTIAL:
        return "partial";
    case ASSAY_RELRO_FULL:
        return "full";
    }
    return "none";
}
