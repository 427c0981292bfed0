list(APPEND ASSAY_LIB_SOURCES
    verdict/assess.c
    verdict/assessor.c
    verdict/evidence.c
)
