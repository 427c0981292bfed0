/* SPDX-License-Identifier: Apache-2.0 */
/*
 * In-process ELF reader shared by the hardening check and component
 * identification (sonames, DT_NEEDED, imported symbols).
 *
 * How it reads a file: elf_open() validates the ELF header and the
 * program header table, then finds PT_DYNAMIC and maps the addresses in
 * it (DT_STRTAB, DT_SYMTAB, DT_HASH, DT_GNU_HASH) back to file offsets
 * through the PT_LOAD segments, which is all a stripped vendor binary
 * without section headers offers. The number of dynamic symbols comes from
 * DT_HASH's nchain, else the highest index reachable through DT_GNU_HASH,
 * else DT_MIPS_SYMTABNO, else .dynsym's size, else the gap up to the
 * string table. Section headers, when present, only add .symtab. Nothing
 * is copied: strings returned point into the caller's bytes and are
 * checked to end inside the string table.
 */
#ifndef ASSAY_ELF_PRIVATE_H
#define ASSAY_ELF_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "assay/elf.h"

#include "../core/core_private.h"

/* Most program headers, section headers and dynamic entries examined. */
#define ELF_MAX_PHDRS 4096u
#define ELF_MAX_SHDRS 65535u
#define ELF_MAX_DYN   65536u
/* Most symbols walked in one table (a large libc has ~3000). */
#define ELF_MAX_SYMS (1u << 20)

struct elf_file {
    const uint8_t *data; /* the whole file, borrowed */
    size_t len;          /* bytes in data */
    bool is64;           /* ELFCLASS64 */
    bool be;             /* ELFDATA2MSB */
    uint16_t type;       /* e_type */
    uint16_t machine;    /* e_machine */
    uint64_t phoff;      /* program header table offset */
    uint32_t phnum;      /* program headers, <= ELF_MAX_PHDRS */
    uint32_t phentsize;  /* bytes per program header */
    uint64_t shoff;      /* section header table offset, 0 if none */
    uint32_t shnum;      /* usable section headers, 0 if none */
    uint32_t shentsize;  /* bytes per section header */
    bool has_interp;     /* PT_INTERP seen */
    bool has_gnu_stack;  /* PT_GNU_STACK seen */
    bool stack_exec;     /* PT_GNU_STACK has PF_X */
    bool has_relro;      /* PT_GNU_RELRO seen */
    bool has_dynamic;    /* PT_DYNAMIC seen and inside the file */
    uint64_t dyn_off;    /* file offset of the dynamic table */
    uint64_t dyn_count;  /* entries up to DT_NULL, <= ELF_MAX_DYN */
    uint64_t strtab_off; /* file offset of DT_STRTAB, valid if strtab_len */
    uint64_t strtab_len; /* DT_STRSZ clipped to the file, 0: unusable */
    uint64_t symtab_off; /* file offset of DT_SYMTAB, valid if nsyms */
    uint64_t nsyms;      /* dynamic symbols readable, <= ELF_MAX_SYMS */
    uint64_t dt_flags;   /* DT_FLAGS */
    uint64_t dt_flags_1; /* DT_FLAGS_1 */
    bool dt_bind_now;    /* DT_BIND_NOW present */
    bool dt_debug;       /* DT_DEBUG present */
    bool dt_rpath;       /* DT_RPATH present */
    bool dt_runpath;     /* DT_RUNPATH present */
    uint32_t needed;     /* DT_NEEDED entries */
    uint64_t soname;     /* strtab offset of DT_SONAME, UINT64_MAX none */
    bool dyn_damaged;    /* some dynamic data pointed outside the file */
};

/*
 * Parse the headers of data[0..len) into *f (no allocation). Returns
 * ASSAY_OK, ASSAY_E_CORRUPT or ASSAY_E_TRUNCATED with a message in 'err'
 * (may be NULL) prefixed "elf: ".
 */
enum assay_status elf_open(
    struct elf_file *f, const uint8_t *data, size_t len, struct assay_err *err);

/* The NUL-terminated dynamic string at 'off', or NULL if out of range. */
const char *elf_dynstr(const struct elf_file *f, uint64_t off);

/* Called per symbol name; return false to stop the walk. */
typedef bool (*elf_sym_fn)(void *ctx, const char *name, bool defined);

/* Walk the dynamic symbols (names not empty). */
void elf_dynsyms(const struct elf_file *f, elf_sym_fn fn, void *ctx);
/* Walk .symtab when section headers have one; false when there is none. */
bool elf_symtab(const struct elf_file *f, elf_sym_fn fn, void *ctx);
/*
 * The file bytes of section 'name' (by the section name string table):
 * false when there are no usable section headers, no such section, or
 * its bytes are not all in the file (SHT_NOBITS included).
 */
bool elf_section(
    const struct elf_file *f, const char *name, uint64_t *off, uint64_t *size);
/* Walk DT_NEEDED names in order. */
void elf_needed(const struct elf_file *f,
    bool (*fn)(void *ctx, const char *name), void *ctx);

#endif /* ASSAY_ELF_PRIVATE_H */
