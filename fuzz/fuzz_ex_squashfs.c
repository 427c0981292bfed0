/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target for the SquashFS 4 extractor (see fuzz_ex.h): our
 * table checks, block planning and the libsquashfs calls behind them.
 *
 * libsquashfs sizes an inode's block list from the file size the inode
 * claims and callocs it before reading (sqfs_meta_reader_read_inode), so
 * a hostile inode asks for up to terabytes. In a normal build calloc
 * fails, libsquashfs returns SQFS_ERROR_ALLOC and the extractor reports
 * the inode as unreadable; under ASan the request aborts instead unless
 * the allocator may return NULL, hence the default below. Run with
 * -malloc_limit_mb=4200 as well: block lists of up to 4 GiB of virtual
 * memory are requested and released again by the library.
 */
#include "fuzz_ex.h"

extern const struct assay_extractor ex_squashfs;

const char *__asan_default_options(void);

const char *
__asan_default_options(void)
{
    return "allocator_may_return_null=1";
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    return fuzz_ex_one(&ex_squashfs, data, len);
}
