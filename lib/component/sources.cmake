list(APPEND ASSAY_LIB_SOURCES
    component/component.c
)
