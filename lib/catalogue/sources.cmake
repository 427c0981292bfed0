list(APPEND ASSAY_LIB_SOURCES
    catalogue/catalogue.c
    catalogue/catalogue_json.c
)
