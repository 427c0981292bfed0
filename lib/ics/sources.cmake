list(APPEND ASSAY_LIB_SOURCES
    ics/ics.c
    ics/ics_template.c
    ics/ics_verdict.c
)
