list(APPEND ASSAY_LIB_SOURCES
    core/alloc.c
    core/arena.c
    core/buf.c
    core/err.c
    core/session.c
    core/str.c
    core/yaml_doc.c
)
