# SPDX-License-Identifier: Apache-2.0
# Fake devices for the probe tests (loopback only). Each lands in the
# build directory, where tests find it through ASSAY_BUILD.
find_package(OpenSSL REQUIRED)
add_executable(refdev server/refdev.c)
target_compile_options(refdev PRIVATE ${ASSAY_WARNINGS})
target_link_libraries(refdev PRIVATE OpenSSL::SSL OpenSSL::Crypto)
set_target_properties(refdev PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
