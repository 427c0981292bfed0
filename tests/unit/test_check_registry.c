/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Registry self-test: check ids are unique and well-formed, hooks are
 * set, every cited provision exists in the catalogue (V2.1.1 or V3.1.3),
 * and docs/checks/ holds exactly one page per check whose front-matter
 * (id, title, severity, provisions, scope) matches the descriptor; the
 * page assay_check_doc() writes is that front-matter and the text in the
 * tree.
 */
#include <dirent.h>

#include "check/check_private.h"
#include "report/report_private.h"
#include "test.h"

#define DOCS_DIR ASSAY_TEST_DATA "/../../docs/checks"

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = calloc(1, (size_t)n + 1);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* The value of front-matter key 'key' in 'doc' into out, or false. */
static bool
front(const char *doc, const char *key, char *out, size_t size)
{
    const char *end, *p;
    size_t kl = strlen(key);

    if (strncmp(doc, "---\n", 4) != 0)
        return false;
    end = strstr(doc + 4, "\n---\n");
    if (end == NULL)
        return false;
    for (p = doc + 4; p < end; p = strchr(p, '\n') + 1) {
        const char *nl = strchr(p, '\n');

        if (strncmp(p, key, kl) == 0 && p[kl] == ':' && p[kl + 1] == ' ') {
            size_t n = (size_t)(nl - p) - kl - 2;

            if (n >= size)
                return false;
            memcpy(out, p + kl + 2, n);
            out[n] = '\0';
            return true;
        }
    }
    return false;
}

static void
test_ids_and_hooks(void **state)
{
    (void)state;
    assert_true(check_registry_count() >= 15);
    for (size_t i = 0; i < check_registry_count(); i++) {
        const struct assay_check *c = check_registry_get(i);

        assert_non_null(c->id);
        assert_true(strncmp(c->id, "FW-", 3) == 0);
        assert_non_null(c->title);
        assert_non_null(c->run);
        assert_non_null(c->provisions);
        assert_non_null(c->provisions[0]);
        if (c->scope == CHECK_FILE)
            assert_non_null(c->applies);
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(check_registry_get(k)->id, c->id);
        for (size_t k = 0; c->provisions[k] != NULL; k++) {
            if (assay_catalogue_find(ASSAY_STD_V2_1_1, c->provisions[k]) ==
                    NULL &&
                assay_catalogue_find(ASSAY_STD_V3_1_3, c->provisions[k]) ==
                    NULL)
                fail_msg(
                    "%s cites unknown provision %s", c->id, c->provisions[k]);
        }
        assert_ptr_equal(check_registry_find(c->id), c);
    }
    assert_null(check_registry_get(check_registry_count()));
    assert_null(check_registry_find("FW-NOPE-000"));
}

static void
test_docs_match_checks(void **state)
{
    static const char *const scopes[] = {"file", "fs", "image"};

    (void)state;
    for (size_t i = 0; i < check_registry_count(); i++) {
        const struct assay_check *c = check_registry_get(i);
        char path[512], v[512], prov[512] = "[";
        struct t_out page = {0};
        const char *body, *end;
        char *doc;

        snprintf(path, sizeof(path), "%s/%s.md", DOCS_DIR, c->id);
        doc = slurp(path);
        if (doc == NULL)
            fail_msg("%s has no page %s", c->id, path);
        /* the written page: the same front-matter keys, then the text */
        assert_int_equal(assay_check_doc(c->id, t_out_sink, &page), ASSAY_OK);
        for (size_t k = 0; k < 5; k++) {
            static const char *const keys[] = {
                "id", "title", "severity", "provisions", "scope"};
            char w[512];

            assert_true(front(doc, keys[k], v, sizeof(v)));
            assert_true(front(page.data, keys[k], w, sizeof(w)));
            assert_string_equal(v, w);
        }
        end = strstr(doc + 4, "\n---\n");
        assert_non_null(end);
        body = end + 5;
        while (*body == '\n')
            body++;
        assert_non_null(strstr(page.data, body));
        free(page.data);
        assert_true(front(doc, "id", v, sizeof(v)));
        assert_string_equal(v, c->id);
        assert_true(front(doc, "title", v, sizeof(v)));
        assert_string_equal(v, c->title);
        assert_true(front(doc, "severity", v, sizeof(v)));
        assert_string_equal(v, assay_severity_name(c->severity));
        assert_true(front(doc, "scope", v, sizeof(v)));
        assert_string_equal(v, scopes[c->scope]);
        for (size_t k = 0; c->provisions[k] != NULL; k++) {
            strcat(prov, k > 0 ? ", " : "");
            strcat(prov, c->provisions[k]);
        }
        strcat(prov, "]");
        assert_true(front(doc, "provisions", v, sizeof(v)));
        assert_string_equal(v, prov);
        free(doc);
    }
}

static void
test_pages_have_checks(void **state)
{
    DIR *d = opendir(DOCS_DIR);
    struct dirent *e;
    size_t pages = 0;
    struct t_out page = {0};

    (void)state;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        char name[256];
        size_t n = strlen(e->d_name);

        if (n < 4 || strcmp(e->d_name + n - 3, ".md") != 0)
            continue;
        snprintf(name, sizeof(name), "%.*s", (int)(n - 3), e->d_name);
        if (check_registry_find(name) == NULL)
            fail_msg("page %s.md has no check", name);
        pages++;
    }
    closedir(d);
    assert_int_equal(pages, check_registry_count());
    /* and every compiled-in page is a registered check */
    for (size_t i = 0; report_check_docs[i].id != NULL; i++)
        assert_non_null(check_registry_find(report_check_docs[i].id));
    assert_int_equal(
        assay_check_doc("FW-NOPE-000", t_out_sink, &page), ASSAY_E_NOTFOUND);
    assert_int_equal(
        assay_check_doc("fw-cred-001", t_out_sink, &page), ASSAY_OK);
    assert_true(strncmp(page.data, "---\nid: FW-CRED-001\n", 20) == 0);
    free(page.data);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids_and_hooks),
        cmocka_unit_test(test_docs_match_checks),
        cmocka_unit_test(test_pages_have_checks),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
