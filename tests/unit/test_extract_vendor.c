/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vendor extractors through the real engine (assay_extract_mem and
 * the public tree API): carving inside padding, bids against the
 * library-backed extractors, container chains. Unit tests of single
 * extractors with the recording harness live in test_ex_<id>.c.
 */
#include "assay_config.h"

#include "assay/extract.h"
#include "test.h"

#define T3 "The third test file!"

static uint8_t *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *d = NULL;
    long n;

    *len = 0;
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0) {
        d = malloc((size_t)n + 1);
        if (d != NULL && fread(d, 1, (size_t)n, f) == (size_t)n)
            *len = (size_t)n;
    }
    fclose(f);
    return d;
}

static uint8_t *
sample(const char *name, size_t *len)
{
    const char *shared = getenv("ASSAY_SHARED");
    char path[1024];

    *len = 0;
    if (shared == NULL)
        return NULL;
    snprintf(path, sizeof(path), "%s/corpus/real/%s", shared, name);
    return slurp(path, len);
}

/* ---- through the engine ------------------------------------------------ */

/* The node at fs path 'path' below a container made by 'format'. */
static const struct assay_node *
find_node(const struct assay_tree *t, const char *format, const char *path)
{
    for (size_t i = 0; i < assay_tree_node_count(t); i++) {
        const struct assay_node *n = assay_tree_node(t, i);
        const char *f = assay_node_format(n);

        if (f != NULL && strcmp(f, format) == 0 &&
            strcmp(assay_node_path(n), path) == 0)
            return n;
    }
    return NULL;
}

/* A 3.x image inside padding: carved, bid on, unpacked by the engine. */
static void
test_engine_v3_carved(void **state)
{
    struct assay_session *s = assay_session_new(NULL);
    struct assay_tree *t = NULL;
    const struct assay_node *n;
    size_t len, dlen;
    uint8_t *d = sample("formats/fact_extractor/squashfs_lzma1_be.sqfs3", &len);
    uint8_t *img;
    const uint8_t *data;

    (void)state;
    if (d == NULL) {
        assay_session_free(s);
        skip();
    }
    img = calloc(1, len + 8192);
    assert_non_null(img);
    memset(img, 0xff, 4096);
    memcpy(img + 4096, d, len);
    assert_int_equal(assay_extract_mem(s, "fw.bin", img, len + 8192, &t),
        ASSAY_OK);
    n = find_node(t, "squashfs-vendor", "/generic folder/test file 3_.txt");
    assert_non_null(n);
    data = assay_node_data(n, &dlen);
    assert_int_equal(dlen, strlen(T3));
    assert_memory_equal(data, T3, dlen);
    assert_non_null(strstr(assay_node_container(n), "@0x1000"));
    assay_session_free(s);
    free(img);
    free(d);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_v3_carved),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
