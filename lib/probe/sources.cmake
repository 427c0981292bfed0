# SPDX-License-Identifier: Apache-2.0
# Live device probing (assay probe): libssh, libcurl, OpenSSL.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBSSH REQUIRED IMPORTED_TARGET libssh)
pkg_check_modules(LIBCURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(OPENSSL REQUIRED IMPORTED_TARGET openssl)
list(APPEND ASSAY_LIB_SOURCES
    probe/net.c
    probe/probe.c
    probe/probe_evidence.c
    probe/scan.c
    probe/text.c
    probe/pr_service.c
    probe/pr_telnet.c
    probe/pr_ssh.c
    probe/pr_tls.c
    probe/pr_http.c
    probe/pr_mqtt.c
    probe/pr_snmp.c
    probe/pr_ftp.c
    probe/pr_rtsp.c
    probe/pr_upnp.c
    probe/pr_udp.c
    probe/pr_throttle.c
)
list(APPEND ASSAY_LIB_DEPS PkgConfig::LIBSSH PkgConfig::LIBCURL
    PkgConfig::OPENSSL)
