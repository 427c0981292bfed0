/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers of t_tool.h. */
#include "assay_config.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/wait.h>

#include "assay/assay.h"

#include "t_tool.h"

extern char **environ;

int
t_run_tool(const char *const argv[])
{
    char *args[64] = {NULL};
    pid_t pid;
    int st = -1;
    size_t n = 0;
    posix_spawn_file_actions_t fa;

    while (argv[n] != NULL && n + 1 < sizeof(args) / sizeof(args[0])) {
        args[n] = strdup(argv[n]);
        if (args[n] == NULL)
            goto out;
        n++;
    }
    /* Tools talk on stdout; keep test logs readable. */
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (posix_spawnp(&pid, args[0], &fa, NULL, args, environ) != 0 ||
        waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
        st = -1;
    else
        st = WEXITSTATUS(st);
    posix_spawn_file_actions_destroy(&fa);
out:
    for (size_t i = 0; i < n; i++)
        free(args[i]);
    return st;
}

int
t_write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    int rc = 0;

    if (f == NULL)
        return -1;
    if (fwrite(p, 1, n, f) != n)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

uint8_t *
t_slurp(const char *path, size_t *len)
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
        if (d != NULL && fread(d, 1, (size_t)n, f) != (size_t)n) {
            free(d);
            d = NULL;
        } else if (d != NULL) {
            *len = (size_t)n;
        }
    }
    fclose(f);
    return d;
}

uint8_t *
t_corpus(const char *rel, size_t *len)
{
    const char *shared = getenv("ASSAY_SHARED");
    char path[1024];

    *len = 0;
    if (shared == NULL)
        return NULL;
    snprintf(path, sizeof(path), "%s/corpus/real/%s", shared, rel);
    return t_slurp(path, len);
}

char *
t_tmpdir(char *buf, size_t size)
{
    snprintf(buf, size, "/tmp/assay-test-XXXXXX");
    return mkdtemp(buf);
}

void
t_rmdir(const char *dir)
{
    const char *rm[] = {"rm", "-rf", dir, NULL};

    (void)t_run_tool(rm);
}

const struct assay_node *
t_find_fs(const struct assay_tree *t, const char *format, const char *path)
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

const struct assay_node *
t_find_chain(const struct assay_tree *t, const char *suffix)
{
    size_t sl = strlen(suffix);

    for (size_t i = 0; i < assay_tree_node_count(t); i++) {
        const struct assay_node *n = assay_tree_node(t, i);
        const char *c = assay_node_container(n);

        if (assay_node_type(n) == ASSAY_NODE_CONTAINER && c != NULL &&
            strlen(c) >= sl && strcmp(c + strlen(c) - sl, suffix) == 0)
            return n;
    }
    return NULL;
}
