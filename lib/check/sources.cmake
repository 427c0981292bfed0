# Static checks (lib/check): runner, helpers and checks. Their pages,
# docs/checks/<ID>.md, are compiled in by lib/report/check_docs.cmake.
list(APPEND ASSAY_LIB_SOURCES
    check/check.c
    check/check_text.c
    check/creds.c
    check/ck_creds.c
    check/initsvc.c
    check/ck_services.c
    check/secrets.c
    check/ck_secrets.c
    check/ck_privs.c
    check/ck_comms.c
    check/ck_boot.c
    check/ck_input.c
    check/ck_evidence.c
    check/ck_hardening.c
    check/ck_update.c
)

pkg_check_modules(ASSAY_CK_CRYPT REQUIRED IMPORTED_TARGET GLOBAL libcrypt)
pkg_check_modules(ASSAY_CK_SSL REQUIRED IMPORTED_TARGET GLOBAL libcrypto)
pkg_check_modules(ASSAY_CK_HS REQUIRED IMPORTED_TARGET GLOBAL libhs)
list(APPEND ASSAY_LIB_DEPS PkgConfig::ASSAY_CK_CRYPT PkgConfig::ASSAY_CK_SSL
    PkgConfig::ASSAY_CK_HS m)

