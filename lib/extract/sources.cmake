# SPDX-License-Identifier: Apache-2.0
# The unpacking engine and its library-backed extractors.
pkg_check_modules(EX_ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(EX_LZMA REQUIRED IMPORTED_TARGET liblzma)
pkg_check_modules(EX_ARCHIVE REQUIRED IMPORTED_TARGET libarchive)
pkg_check_modules(EX_SQFS REQUIRED IMPORTED_TARGET libsquashfs1)
pkg_check_modules(EX_HS REQUIRED IMPORTED_TARGET libhs)
pkg_check_modules(EX_ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(EX_LZ4 REQUIRED IMPORTED_TARGET liblz4)
pkg_check_modules(EX_LZO REQUIRED IMPORTED_TARGET lzo2)
pkg_check_modules(EX_E2FS REQUIRED IMPORTED_TARGET ext2fs com_err)
find_library(EX_BZ2_LIB bz2 REQUIRED)
list(APPEND ASSAY_LIB_DEPS PkgConfig::EX_ZSTD PkgConfig::EX_LZ4
    PkgConfig::EX_LZO PkgConfig::EX_E2FS ${EX_BZ2_LIB})
list(APPEND ASSAY_LIB_SOURCES
    extract/archive_glue.c
    extract/carve.c
    extract/emit.c
    extract/engine.c
    extract/ex_ar.c
    extract/ex_bzip2.c
    extract/ex_cpio.c
    extract/ex_ext.c
    extract/ex_gzip.c
    extract/ex_lz4.c
    extract/ex_lzma.c
    extract/ex_lzop.c
    extract/ex_squashfs.c
    extract/ex_tar.c
    extract/ex_xz.c
    extract/ex_zip.c
    extract/ex_zlib.c
    extract/ex_zstd.c
    extract/registry.c
    extract/stream.c
    extract/tree.c
    extract/tree_list.c
    extract/tree_write.c
)
list(APPEND ASSAY_LIB_DEPS
    PkgConfig::EX_ZLIB PkgConfig::EX_LZMA PkgConfig::EX_ARCHIVE
    PkgConfig::EX_SQFS PkgConfig::EX_HS m)
# Extractors (one ex_<id>.c each, registered in extractors.def).
list(APPEND ASSAY_LIB_SOURCES
    extract/ex_squashfs_vendor.c
    extract/ex_uimage.c
    extract/ex_trx.c
    extract/ex_fit.c
    extract/ex_tplink.c
    extract/ex_safeloader.c
    extract/ex_jffs2.c
    extract/ex_ubi.c
    extract/ex_ubifs.c
    extract/ex_cramfs.c
    extract/ex_romfs.c
    extract/ex_pfs.c
    extract/ex_yaffs2.c
    extract/fs_util.c
    extract/ex_zimage.c
    extract/ex_vmlinux.c
)
# FIT images: libfdt (no pkg-config file in Debian) and libcrypto hashes.
find_library(EXV_FDT_LIB fdt REQUIRED)
pkg_check_modules(EXV_CRYPTO REQUIRED IMPORTED_TARGET libcrypto)
list(APPEND ASSAY_LIB_DEPS ${EXV_FDT_LIB} PkgConfig::EXV_CRYPTO)
