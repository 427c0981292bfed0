list(APPEND ASSAY_LIB_SOURCES
    elf/elf.c
    elf/hardening.c
    elf/hardening_json.c
)
