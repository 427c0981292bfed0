list(APPEND ASSAY_LIB_SOURCES
    report/json_emit.c
    report/report.c
    report/report_read.c
    report/markup.c
    report/diff.c
    report/write.c
    report/wr_json.c
    report/wr_sarif.c
    report/wr_html.c
    report/wr_markdown.c
    report/wr_ics_md.c
    report/wr_ics_csv.c
    report/wr_text.c
)
include(report/check_docs.cmake)
