/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Binary hardening of ELF executables and libraries (EN 303 645 5.6-x,
 * 5.7-x evidence), read in-process from the bytes of one file.
 *
 * The reader works from the program headers and PT_DYNAMIC first, so it
 * gives the same answer for a vendor MIPS binary that has no section
 * header table as for a Debian build with full sections; sections are
 * used only to tell "stripped" and to find a static binary's .symtab.
 * Both classes (32/64-bit) and both byte orders are read; every offset
 * and count taken from the file is bounds-checked.
 */
#ifndef ASSAY_ELF_H
#define ASSAY_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/status.h"

#ifdef __cplusplus
extern "C" {
#endif

struct assay_session;

enum assay_elf_kind {
    ASSAY_ELF_EXEC = 0, /* ET_EXEC: fixed-address executable */
    ASSAY_ELF_PIE = 1,  /* ET_DYN with DF_1_PIE, DT_DEBUG or an interpreter */
    ASSAY_ELF_DSO = 2,  /* ET_DYN shared library */
    ASSAY_ELF_REL = 3,  /* ET_REL object or kernel module */
    ASSAY_ELF_OTHER = 4 /* ET_CORE and anything else */
};

enum assay_relro {
    ASSAY_RELRO_NONE = 0,    /* no PT_GNU_RELRO */
    ASSAY_RELRO_PARTIAL = 1, /* PT_GNU_RELRO, lazy binding */
    ASSAY_RELRO_FULL = 2     /* PT_GNU_RELRO and BIND_NOW */
};

/* What one ELF file says about its own hardening. */
struct assay_elf_hardening {
    uint8_t bits;     /* 32 or 64 */
    bool big_endian;  /* EI_DATA == ELFDATA2MSB */
    uint16_t machine; /* e_machine */
    const char *arch; /* "mips", "arm", "aarch64", ... static */
    enum assay_elf_kind kind;
    bool is_static;            /* no PT_INTERP and no PT_DYNAMIC */
    bool has_sections;         /* a usable section header table exists */
    bool stripped;             /* no .symtab (true also without sections) */
    bool nx;                   /* PT_GNU_STACK present and not executable */
    bool gnu_stack;            /* PT_GNU_STACK present at all */
    bool exec_stack_arch_note; /* stack executable on MIPS, where the
                                  toolchain and kernel make it common */
    enum assay_relro relro;
    bool bind_now;      /* DT_BIND_NOW, DF_BIND_NOW or DF_1_NOW */
    bool pie;           /* kind == ASSAY_ELF_PIE */
    bool canary;        /* __stack_chk_fail/__stack_chk_guard seen */
    bool fortify;       /* at least one __*_chk function imported */
    uint32_t fortified; /* number of distinct __*_chk functions */
    bool rpath;         /* DT_RPATH present */
    bool runpath;       /* DT_RUNPATH present */
    uint32_t needed;    /* DT_NEEDED entries */
    uint32_t dynsyms;   /* dynamic symbols examined */
};

/* Is this the start of an ELF file (magic and a known class/byte order)? */
ASSAY_API bool assay_elf_is_elf(const void *data, size_t len);

/*
 * Read the hardening of the ELF file in data[0..len) into *out. 'name'
 * (may be NULL) is used in messages. Damage that still leaves an answer
 * (a dynamic table pointing outside the file, a symbol table cut short)
 * is a warning diagnostic in the session's report when 's' is not NULL,
 * and the flags it could not read stay false. Returns ASSAY_OK,
 * ASSAY_E_CORRUPT or ASSAY_E_TRUNCATED (not ELF or headers unreadable;
 * the session error says which), or ASSAY_E_USAGE.
 */
ASSAY_API enum assay_status assay_elf_hardening(struct assay_session *s,
    const char *name, const void *data, size_t len,
    struct assay_elf_hardening *out);

/*
 * Write 'h' for the file 'name' as one JSON object (keys as in
 * docs/hardening.md: file, arch, bits, endian, kind, relro, nx, canary,
 * fortify, fortified, pie, rpath, runpath, stripped, static, sections,
 * note) to 'fn'. Returns ASSAY_OK, ASSAY_E_NOMEM or what 'fn' returns.
 */
ASSAY_API enum assay_status assay_elf_hardening_json(const char *name,
    const struct assay_elf_hardening *h, assay_sink_fn fn, void *ctx);

/* Stable names used in every output: "exec", "pie", "dso" ... */
ASSAY_API const char *assay_elf_kind_name(enum assay_elf_kind k);
ASSAY_API const char *assay_relro_name(enum assay_relro r);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_ELF_H */
