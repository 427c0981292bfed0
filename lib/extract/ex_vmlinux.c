/* SPDX-License-Identifier: Apache-2.0 */
/*
 * An ELF Linux kernel (vmlinux) with an initramfs linked in: the kernel
 * build puts the (usually compressed) cpio archive of
 * CONFIG_INITRAMFS_SOURCE into the section ".init.ramfs". Found anywhere:
 * as the input, carved out of a blob, or as a file of a file system
 * (/boot/vmlinux), where regular files are otherwise only identified at
 * their first byte and the archive inside would stay unseen.
 *
 * The ELF headers are read with the project's ELF reader (lib/elf), whose
 * section lookup checks the section name table and the section's bytes
 * against the file. The section becomes the payload "initramfs" (a view,
 * no copy), which is identified and unpacked in turn (gzip, xz, lz4,
 * zstd, ... then cpio). An ELF without such a section is not ours (bid
 * 0), so ordinary executables cost one header parse.
 */
#include "assay_config.h"

#include "../elf/elf_private.h"
#include "extract_private.h"

#define VM_SECTION ".init.ramfs"
/* The smallest archive worth a payload (a cpio header is 110 bytes; a
 * compressed empty archive is still ~40). */
#define VM_MIN 32u

static const char *const vm_magics[] = {"\177ELF", NULL};
static const size_t vm_magic_lens[] = {4, 0};

/* The initramfs section of data[0..len), if there is one. */
static bool
vm_find(const uint8_t *d, size_t len, struct elf_file *f, uint64_t *off,
    uint64_t *size)
{
    return elf_open(f, d, len, NULL) == ASSAY_OK &&
           elf_section(f, VM_SECTION, off, size) && *size >= VM_MIN;
}

static int
vm_bid(const uint8_t *d, size_t avail, uint64_t *len)
{
    struct elf_file f;
    uint64_t off = 0, size = 0, end, tbl;

    *len = 0;
    if (!vm_find(d, avail, &f, &off, &size))
        return 0;
    /* Where the file ends, as far as the headers say: its section
     * header table (at the end of a linked kernel) or the section. */
    end = off + size;
    tbl = f.shoff + (uint64_t)f.shnum * f.shentsize;
    *len = tbl > end ? tbl : end;
    return 32 + 64; /* magic, a section named .init.ramfs in the file */
}

static enum assay_status
vm_run(struct ex_ctx *c, const struct ex_input *in)
{
    struct elf_file f;
    uint64_t off = 0, size = 0;
    enum assay_status rc;

    if (!vm_find(in->data, in->len, &f, &off, &size))
        return ASSAY_E_CORRUPT;
    rc = ex_emit_payload(c, "initramfs", in->data + off, (size_t)size);
    return rc == ASSAY_E_CORRUPT ? ASSAY_OK : rc;
}

const struct assay_extractor ex_vmlinux = {
    .name = "vmlinux",
    .summary = "ELF Linux kernel with a linked-in initramfs (.init.ramfs)",
    .magics = vm_magics,
    .magic_lens = vm_magic_lens,
    .magic_offset = 0,
    .bid = vm_bid,
    .run = vm_run,
};
