list(APPEND ASSAY_LIB_SOURCES
    component/component.c
)
pkg_check_modules(LIBCRYPTO REQUIRED IMPORTED_TARGET libcrypto)
list(APPEND ASSAY_LIB_DEPS PkgConfig::LIBCRYPTO)
