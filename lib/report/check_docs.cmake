# SPDX-License-Identifier: Apache-2.0
# Compile docs/checks/<ID>.md into the library (generated/check_docs.c),
# so the SARIF writer can give each rule its help text without reading the
# file system. The pages are found at configure time; adding or editing
# one re-runs configure.
include(${CMAKE_CURRENT_LIST_DIR}/embed_docs.cmake)
file(GLOB ASSAY_CHECK_DOCS CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/docs/checks/*.md)
list(SORT ASSAY_CHECK_DOCS)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    ${ASSAY_CHECK_DOCS})
assay_embed_check_docs(${CMAKE_BINARY_DIR}/generated/check_docs.c
    ${ASSAY_CHECK_DOCS})
list(APPEND ASSAY_LIB_SOURCES ${CMAKE_BINARY_DIR}/generated/check_docs.c)
