list(APPEND ASSAY_LIB_SOURCES
    vulndb/cpe.c
    vulndb/cvss.c
    vulndb/match.c
    vulndb/version.c
    vulndb/vex.c
    vulndb/vulndb.c
)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
list(APPEND ASSAY_LIB_DEPS PkgConfig::SQLITE3 PkgConfig::ZLIB m)
