# SPDX-License-Identifier: Apache-2.0
# Extractors (one ex_<id>.c each, registered in extractors.def).
list(APPEND ASSAY_LIB_SOURCES
    extract/ex_squashfs_vendor.c
)
# Decompressors used by the vendor formats (distinct prefixes so that
# other areas may look the same libraries up under their own names).
pkg_check_modules(EXV_ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(EXV_LZMA REQUIRED IMPORTED_TARGET liblzma)
pkg_check_modules(EXV_LZO REQUIRED IMPORTED_TARGET lzo2)
pkg_check_modules(EXV_LZ4 REQUIRED IMPORTED_TARGET liblz4)
pkg_check_modules(EXV_ZSTD REQUIRED IMPORTED_TARGET libzstd)
list(APPEND ASSAY_LIB_DEPS PkgConfig::EXV_ZLIB PkgConfig::EXV_LZMA
    PkgConfig::EXV_LZO PkgConfig::EXV_LZ4 PkgConfig::EXV_ZSTD)
