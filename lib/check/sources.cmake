# Static checks (lib/check): runner, helpers, checks and their docs.
# CHECK_DOCS lists docs/checks/<ID>.md (embedded by embed_docs.cmake).
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
)
set(CHECK_DOCS
    FW-CRED-001 FW-CRED-002 FW-CRED-003 FW-CRED-004 FW-CRED-005 FW-CRED-006
    FW-SVC-001 FW-SVC-002 FW-SVC-003 FW-SVC-004
    FW-SEC-001 FW-SEC-002 FW-SEC-003 FW-SEC-004 FW-SEC-005
    FW-PRIV-001 FW-PRIV-002 FW-PRIV-003 FW-PRIV-004
    FW-COM-001 FW-COM-002 FW-COM-003 FW-DBG-001 FW-DBG-002 FW-BOOT-001
    FW-INP-001 FW-INP-002 FW-EVD-001 FW-EVD-002 FW-EVD-003 FW-EVD-004
)

pkg_check_modules(ASSAY_CK_CRYPT REQUIRED IMPORTED_TARGET GLOBAL libcrypt)
pkg_check_modules(ASSAY_CK_SSL REQUIRED IMPORTED_TARGET GLOBAL libcrypto)
pkg_check_modules(ASSAY_CK_HS REQUIRED IMPORTED_TARGET GLOBAL libhs)
list(APPEND ASSAY_LIB_DEPS PkgConfig::ASSAY_CK_CRYPT PkgConfig::ASSAY_CK_SSL
    PkgConfig::ASSAY_CK_HS m)

# assay explain: docs/checks/*.md compiled into the library.
set(CHECK_DOC_FILES)
foreach(doc ${CHECK_DOCS})
    list(APPEND CHECK_DOC_FILES ${PROJECT_SOURCE_DIR}/docs/checks/${doc}.md)
endforeach()
string(REPLACE ";" "|" CHECK_DOC_ARG "${CHECK_DOC_FILES}")
add_custom_command(
    OUTPUT ${CMAKE_BINARY_DIR}/generated/check_docs.c
    COMMAND ${CMAKE_COMMAND} -DOUT=${CMAKE_BINARY_DIR}/generated/check_docs.c
        "-DDOCS=${CHECK_DOC_ARG}"
        -P ${CMAKE_CURRENT_SOURCE_DIR}/check/embed_docs.cmake
    DEPENDS ${CHECK_DOC_FILES} ${CMAKE_CURRENT_SOURCE_DIR}/check/embed_docs.cmake
    COMMENT "Embedding docs/checks pages" VERBATIM)
list(APPEND ASSAY_LIB_SOURCES ${CMAKE_BINARY_DIR}/generated/check_docs.c)
