list(APPEND ASSAY_LIB_SOURCES
    report/json_emit.c
    report/report.c
    report/write.c
    report/wr_json.c
    report/wr_text.c
    report/wr_cyclonedx.c
)
