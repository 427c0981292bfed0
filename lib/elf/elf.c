/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ELF header, program header and dynamic table reader (see elf_private.h
 * for how addresses are resolved without section headers).
 *
 * Every number read from the file is untrusted: table offsets and sizes
 * go through assay_range_ok/assay_mul_ovf, counts are capped by the
 * ELF_MAX_* limits and by what fits in the file, and string reads stop at
 * the end of their table. A damaged dynamic table leaves the reader
 * usable (dyn_damaged is set) so that the header-level facts still count.
 */
#include "assay_config.h"

#include <string.h>

#include "elf_private.h"

#define EI_NIDENT   16
#define ELFCLASS32  1
#define ELFCLASS64  2
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2

#define PT_LOAD      1u
#define PT_DYNAMIC   2u
#define PT_INTERP    3u
#define PT_GNU_STACK 0x6474e551u
#define PT_GNU_RELRO 0x6474e552u
#define PF_X         1u

#define SHT_SYMTAB 2u
#define SHT_STRTAB 3u
#define SHT_NOBITS 8u
#define SHT_DYNSYM 11u

#define DT_NULL          0
#define DT_NEEDED        1
#define DT_HASH          4
#define DT_STRTAB        5
#define DT_SYMTAB        6
#define DT_STRSZ         10
#define DT_SYMENT        11
#define DT_SONAME        14
#define DT_RPATH         15
#define DT_DEBUG         21
#define DT_BIND_NOW      24
#define DT_RUNPATH       29
#define DT_FLAGS         30
#define DT_GNU_HASH      0x6ffffef5u
#define DT_FLAGS_1       0x6ffffffbu
#define DT_MIPS_SYMTABNO 0x70000011u

static uint16_t
rd16(const struct elf_file *f, uint64_t off)
{
    return f->be ? assay_be16(f->data + off) : assay_le16(f->data + off);
}

static uint32_t
rd32(const struct elf_file *f, uint64_t off)
{
    return f->be ? assay_be32(f->data + off) : assay_le32(f->data + off);
}

static uint64_t
rd64(const struct elf_file *f, uint64_t off)
{
    return f->be ? assay_be64(f->data + off) : assay_le64(f->data + off);
}

/* An address-sized word: 4 or 8 bytes by class. */
static uint64_t
rdword(const struct elf_file *f, uint64_t off)
{
    return f->is64 ? rd64(f, off) : rd32(f, off);
}

/* Fields of program header i; the table was bounds-checked by elf_open. */
static void
elf_phdr(const struct elf_file *f, uint32_t i, uint32_t *type, uint32_t *flags,
    uint64_t *off, uint64_t *vaddr, uint64_t *filesz)
{
    uint64_t p = f->phoff + (uint64_t)i * f->phentsize;

    *type = rd32(f, p);
    if (f->is64) {
        *flags = rd32(f, p + 4);
        *off = rd64(f, p + 8);
        *vaddr = rd64(f, p + 16);
        *filesz = rd64(f, p + 32);
    } else {
        *off = rd32(f, p + 4);
        *vaddr = rd32(f, p + 8);
        *filesz = rd32(f, p + 16);
        *flags = rd32(f, p + 24);
    }
}

/*
 * Map a virtual address to a file offset through the PT_LOAD segments.
 * False when no segment holds it in its file-backed part.
 */
static bool
elf_vaddr_off(const struct elf_file *f, uint64_t vaddr, uint64_t *out)
{
    for (uint32_t i = 0; i < f->phnum; i++) {
        uint32_t type, flags;
        uint64_t off, va, filesz;

        elf_phdr(f, i, &type, &flags, &off, &va, &filesz);
        if (type != PT_LOAD || vaddr < va || vaddr - va >= filesz)
            continue;
        if (assay_add_ovf(off, vaddr - va, out) || *out >= f->len)
            return false;
        return true;
    }
    return false;
}

/* Size of one dynamic entry and one symbol for the class. */
static uint64_t
elf_dyn_size(const struct elf_file *f)
{
    return f->is64 ? 16 : 8;
}

static uint64_t
elf_sym_size(const struct elf_file *f)
{
    return f->is64 ? 24 : 16;
}

/* Number of symbols DT_HASH describes (its nchain word). */
static bool
elf_hash_count(const struct elf_file *f, uint64_t vaddr, uint64_t *count)
{
    uint64_t off;

    if (!elf_vaddr_off(f, vaddr, &off) || !assay_range_ok(off, 8, f->len))
        return false;
    *count = rd32(f, off + 4);
    return true;
}

/*
 * Number of symbols DT_GNU_HASH reaches: one past the highest index in
 * any chain. Symbols below symoffset (unhashed, usually undefined
 * imports) are included, which is what we need for __stack_chk_fail.
 * False when no symbol is hashed (a binary that exports nothing may
 * still import everything after symoffset).
 */
static bool
elf_gnu_hash_count(const struct elf_file *f, uint64_t vaddr, uint64_t *count)
{
    uint64_t off, nbuckets, symoff, bloom, buckets, chains, max = 0, words;

    if (!elf_vaddr_off(f, vaddr, &off) || !assay_range_ok(off, 16, f->len))
        return false;
    nbuckets = rd32(f, off);
    symoff = rd32(f, off + 4);
    bloom = rd32(f, off + 8);
    if (nbuckets > ELF_MAX_SYMS || bloom > ELF_MAX_SYMS)
        return false;
    if (assay_mul_ovf(bloom, f->is64 ? 8 : 4, &words) ||
        assay_add_ovf(off + 16, words, &buckets) ||
        !assay_range_ok(buckets, nbuckets * 4, f->len))
        return false;
    for (uint64_t i = 0; i < nbuckets; i++) {
        uint64_t b = rd32(f, buckets + i * 4);

        if (b > max)
            max = b;
    }
    if (max < symoff)
        return false; /* nothing hashed: the count is not recorded */
    chains = buckets + nbuckets * 4;
    for (uint64_t i = max; i - symoff < ELF_MAX_SYMS; i++) {
        uint64_t c = chains + (i - symoff) * 4;

        if (!assay_range_ok(c, 4, f->len))
            return false;
        if (rd32(f, c) & 1u) {
            *count = i + 1;
            return true;
        }
    }
    return false;
}

/* Fields of section header i, checked by elf_open for table bounds. */
static void
elf_shdr(const struct elf_file *f, uint32_t i, uint32_t *type, uint64_t *off,
    uint64_t *size, uint32_t *link, uint64_t *entsize)
{
    uint64_t p = f->shoff + (uint64_t)i * f->shentsize;

    *type = rd32(f, p + 4);
    if (f->is64) {
        *off = rd64(f, p + 24);
        *size = rd64(f, p + 32);
        *link = rd32(f, p + 40);
        *entsize = rd64(f, p + 56);
    } else {
        *off = rd32(f, p + 16);
        *size = rd32(f, p + 20);
        *link = rd32(f, p + 24);
        *entsize = rd32(f, p + 36);
    }
}

/* Walk the dynamic table once, filling the DT_* facts of 'f'. */
static void
elf_read_dynamic(struct elf_file *f)
{
    uint64_t strtab = 0, strsz = 0, symtab = 0, syment = 0, hash = 0;
    uint64_t gnu_hash = 0, mips_symno = 0;
    bool have_strtab = false, have_symtab = false;
    uint64_t esz = elf_dyn_size(f);

    for (uint64_t i = 0; i < f->dyn_count; i++) {
        uint64_t p = f->dyn_off + i * esz;
        uint64_t tag = f->is64 ? rd64(f, p) : rd32(f, p);
        uint64_t val = rdword(f, p + (f->is64 ? 8 : 4));

        if (tag == DT_NULL) {
            f->dyn_count = i;
            break;
        }
        switch (tag) {
        case DT_NEEDED:
            f->needed++;
            break;
        case DT_HASH:
            hash = val;
            break;
        case DT_STRTAB:
            strtab = val;
            have_strtab = true;
            break;
        case DT_SYMTAB:
            symtab = val;
            have_symtab = true;
            break;
        case DT_STRSZ:
            strsz = val;
            break;
        case DT_SYMENT:
            syment = val;
            break;
        case DT_SONAME:
            f->soname = val;
            break;
        case DT_RPATH:
            f->dt_rpath = true;
            break;
        case DT_RUNPATH:
            f->dt_runpath = true;
            break;
        case DT_DEBUG:
            f->dt_debug = true;
            break;
        case DT_BIND_NOW:
            f->dt_bind_now = true;
            break;
        case DT_FLAGS:
            f->dt_flags = val;
            break;
        case DT_FLAGS_1:
            f->dt_flags_1 = val;
            break;
        case DT_GNU_HASH:
            gnu_hash = val;
            break;
        case DT_MIPS_SYMTABNO:
            if (f->machine == 8 || f->machine == 10)
                mips_symno = val;
            break;
        default:
            break;
        }
    }

    if (have_strtab) {
        uint64_t off;

        if (elf_vaddr_off(f, strtab, &off)) {
            f->strtab_off = off;
            f->strtab_len = strsz != 0 && assay_range_ok(off, strsz, f->len)
                                ? strsz
                                : f->len - off;
            if (strsz != 0 && f->strtab_len != strsz)
                f->dyn_damaged = true;
        } else {
            f->dyn_damaged = true;
        }
    }
    if (have_symtab && syment != 0 && syment != elf_sym_size(f))
        f->dyn_damaged = true;
    if (have_symtab) {
        uint64_t off, count = 0, room;
        bool known = false;

        if (!elf_vaddr_off(f, symtab, &off)) {
            f->dyn_damaged = true;
            return;
        }
        if (hash != 0)
            known = elf_hash_count(f, hash, &count);
        for (uint32_t i = 0; !known && i < f->shnum; i++) {
            uint32_t type, link;
            uint64_t soff, size, entsize;

            elf_shdr(f, i, &type, &soff, &size, &link, &entsize);
            if (type == SHT_DYNSYM && soff == off) {
                count = size / elf_sym_size(f);
                known = true;
            }
        }
        if (!known && mips_symno != 0) {
            count = mips_symno;
            known = true;
        }
        if (!known && gnu_hash != 0)
            known = elf_gnu_hash_count(f, gnu_hash, &count);
        if (!known && have_strtab && strtab > symtab) {
            /* The linker puts .dynstr right after .dynsym. */
            count = (strtab - symtab) / elf_sym_size(f);
            known = true;
        }
        room = (f->len - off) / elf_sym_size(f);
        if (count > room) {
            count = room;
            f->dyn_damaged = true;
        }
        if (count > ELF_MAX_SYMS)
            count = ELF_MAX_SYMS;
        f->symtab_off = off;
        f->nsyms = count;
    }
}

enum assay_status
elf_open(
    struct elf_file *f, const uint8_t *data, size_t len, struct assay_err *err)
{
    uint64_t tbl;

    memset(f, 0, sizeof(*f));
    f->data = data;
    f->len = len;
    f->soname = UINT64_MAX;
    if (len < EI_NIDENT || memcmp(data, "\177ELF", 4) != 0)
        return assay_err_set(err, ASSAY_E_CORRUPT, "elf: bad magic");
    if (data[4] != ELFCLASS32 && data[4] != ELFCLASS64)
        return assay_err_set(
            err, ASSAY_E_CORRUPT, "elf: class %u unknown", data[4]);
    if (data[5] != ELFDATA2LSB && data[5] != ELFDATA2MSB)
        return assay_err_set(
            err, ASSAY_E_CORRUPT, "elf: byte order %u unknown", data[5]);
    f->is64 = data[4] == ELFCLASS64;
    f->be = data[5] == ELFDATA2MSB;
    if (len < (f->is64 ? 64u : 52u))
        return assay_err_set(
            err, ASSAY_E_TRUNCATED, "elf: header cut short at %zu bytes", len);

    f->type = rd16(f, 16);
    f->machine = rd16(f, 18);
    if (f->is64) {
        f->phoff = rd64(f, 32);
        f->shoff = rd64(f, 40);
        f->phentsize = rd16(f, 54);
        f->phnum = rd16(f, 56);
        f->shentsize = rd16(f, 58);
        f->shnum = rd16(f, 60);
    } else {
        f->phoff = rd32(f, 28);
        f->shoff = rd32(f, 32);
        f->phentsize = rd16(f, 42);
        f->phnum = rd16(f, 44);
        f->shentsize = rd16(f, 46);
        f->shnum = rd16(f, 48);
    }

    /* Program headers: required for everything but ET_REL. */
    if (f->phnum != 0) {
        if (f->phentsize < (f->is64 ? 56u : 32u))
            return assay_err_set(err, ASSAY_E_CORRUPT,
                "elf: program header size %u too small", f->phentsize);
        if (f->phnum > ELF_MAX_PHDRS ||
            assay_mul_ovf(f->phnum, f->phentsize, &tbl) ||
            !assay_range_ok(f->phoff, tbl, len))
            return assay_err_set(err, ASSAY_E_TRUNCATED,
                "elf: program header table at 0x%llx outside the file",
                (unsigned long long)f->phoff);
    }
    /* Section headers are optional: unusable ones are simply ignored. */
    if (f->shnum != 0 &&
        (f->shentsize < (f->is64 ? 64u : 40u) ||
            assay_mul_ovf(f->shnum, f->shentsize, &tbl) ||
            !assay_range_ok(f->shoff, tbl, len) || f->shoff == 0))
        f->shnum = 0;

    for (uint32_t i = 0; i < f->phnum; i++) {
        uint32_t type, flags;
        uint64_t off, va, filesz;

        elf_phdr(f, i, &type, &flags, &off, &va, &filesz);
        switch (type) {
        case PT_INTERP:
            f->has_interp = true;
            break;
        case PT_GNU_STACK:
            f->has_gnu_stack = true;
            f->stack_exec = (flags & PF_X) != 0;
            break;
        case PT_GNU_RELRO:
            f->has_relro = true;
            break;
        case PT_DYNAMIC:
            if (f->has_dynamic)
                break;
            if (!assay_range_ok(off, filesz, len)) {
                f->dyn_damaged = true;
                filesz = off < len ? len - off : 0;
            }
            f->has_dynamic = true;
            f->dyn_off = off;
            f->dyn_count = filesz / elf_dyn_size(f);
            if (f->dyn_count > ELF_MAX_DYN)
                f->dyn_count = ELF_MAX_DYN;
            break;
        default:
            break;
        }
    }
    if (f->has_dynamic)
        elf_read_dynamic(f);
    return ASSAY_OK;
}

const char *
elf_dynstr(const struct elf_file *f, uint64_t off)
{
    const char *s;

    if (f->strtab_len == 0 || off >= f->strtab_len)
        return NULL;
    s = (const char *)f->data + f->strtab_off + off;
    if (memchr(s, '\0', f->strtab_len - off) == NULL)
        return NULL;
    return s;
}

/* Walk 'count' symbols at 'off' whose names live in [str, str + strlen). */
static void
elf_walk_syms(const struct elf_file *f, uint64_t off, uint64_t count,
    uint64_t str, uint64_t strlen_, elf_sym_fn fn, void *ctx)
{
    uint64_t esz = elf_sym_size(f);

    for (uint64_t i = 1; i < count; i++) {
        uint64_t p = off + i * esz;
        uint64_t name = rd32(f, p);
        uint16_t shndx = rd16(f, p + (f->is64 ? 6 : 14));
        const char *s;

        if (name == 0 || name >= strlen_)
            continue;
        s = (const char *)f->data + str + name;
        if (memchr(s, '\0', strlen_ - name) == NULL)
            continue;
        if (!fn(ctx, s, shndx != 0))
            return;
    }
}

void
elf_dynsyms(const struct elf_file *f, elf_sym_fn fn, void *ctx)
{
    if (f->nsyms == 0 || f->strtab_len == 0)
        return;
    elf_walk_syms(
        f, f->symtab_off, f->nsyms, f->strtab_off, f->strtab_len, fn, ctx);
}

bool
elf_symtab(const struct elf_file *f, elf_sym_fn fn, void *ctx)
{
    for (uint32_t i = 0; i < f->shnum; i++) {
        uint32_t type, link, stype, slink;
        uint64_t off, size, entsize, soff, ssize, sent;

        elf_shdr(f, i, &type, &off, &size, &link, &entsize);
        if (type != SHT_SYMTAB)
            continue;
        if (fn == NULL)
            return true;
        if (!assay_range_ok(off, size, f->len) || link >= f->shnum)
            return true;
        elf_shdr(f, link, &stype, &soff, &ssize, &slink, &sent);
        if (stype != SHT_STRTAB || !assay_range_ok(soff, ssize, f->len))
            return true;
        size /= elf_sym_size(f);
        if (size > ELF_MAX_SYMS)
            size = ELF_MAX_SYMS;
        elf_walk_syms(f, off, size, soff, ssize, fn, ctx);
        return true;
    }
    return false;
}

bool
elf_section(
    const struct elf_file *f, const char *name, uint64_t *off, uint64_t *size)
{
    uint32_t ndx, stype, slink;
    uint64_t soff, ssize, sent;
    size_t nlen = strlen(name);

    if (f->shnum == 0)
        return false;
    ndx = rd16(f, f->is64 ? 62 : 50); /* e_shstrndx */
    if (ndx >= f->shnum)
        return false;
    elf_shdr(f, ndx, &stype, &soff, &ssize, &slink, &sent);
    if (stype != SHT_STRTAB || !assay_range_ok(soff, ssize, f->len))
        return false;
    for (uint32_t i = 0; i < f->shnum; i++) {
        uint32_t nm = rd32(f, f->shoff + (uint64_t)i * f->shentsize), type,
                 link;
        uint64_t o, sz, ent;

        if (nm >= ssize || ssize - nm < nlen + 1 ||
            memcmp(f->data + soff + nm, name, nlen + 1) != 0)
            continue;
        elf_shdr(f, i, &type, &o, &sz, &link, &ent);
        if (type == SHT_NOBITS || !assay_range_ok(o, sz, f->len))
            return false;
        *off = o;
        *size = sz;
        return true;
    }
    return false;
}

void
elf_needed(const struct elf_file *f, bool (*fn)(void *ctx, const char *name),
    void *ctx)
{
    uint64_t esz = elf_dyn_size(f);

    for (uint64_t i = 0; i < f->dyn_count; i++) {
        uint64_t p = f->dyn_off + i * esz;
        uint64_t tag = f->is64 ? rd64(f, p) : rd32(f, p);
        const char *s;

        if (tag != DT_NEEDED)
            continue;
        s = elf_dynstr(f, rdword(f, p + (f->is64 ? 8 : 4)));
        if (s != NULL && !fn(ctx, s))
            return;
    }
}
