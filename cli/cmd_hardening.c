/* SPDX-License-Identifier: Apache-2.0 */
/*
 * assay hardening [--json] PATH...: binary hardening of ELF files, or of
 * every ELF file under a folder (symlinks are listed, never followed).
 * Files are mapped read-only; non-ELF files are skipped silently, broken
 * ELF files get a message and the walk goes on.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/mman.h>
#include <sys/stat.h>

#include "cli.h"

/* Folder nesting followed at most (the walk never follows links). */
#define HARDEN_MAX_DEPTH 64

struct harden_run {
    struct assay_session *s;
    bool json;
    size_t files;  /* ELF files reported */
    size_t failed; /* ELF files that could not be read */
};

static void
harden_text(const char *path, const struct assay_elf_hardening *h)
{
    out_printf("%s: %s %u-bit %s %s relro=%s nx=%s canary=%s fortify=%s"
               "(%u) pie=%s rpath=%s runpath=%s stripped=%s static=%s%s\n",
        path, h->arch, (unsigned)h->bits, h->big_endian ? "be" : "le",
        assay_elf_kind_name(h->kind), assay_relro_name(h->relro),
        h->nx ? "yes" : "no", h->canary ? "yes" : "no",
        h->fortify ? "yes" : "no", h->fortified, h->pie ? "yes" : "no",
        h->rpath ? "yes" : "no", h->runpath ? "yes" : "no",
        h->stripped ? "yes" : "no", h->is_static ? "yes" : "no",
        h->exec_stack_arch_note ? " (mips: executable stack)" : "");
}

static void
harden_file(struct harden_run *run, const char *path)
{
    struct assay_elf_hardening h;
    struct stat st;
    void *map;
    int fd;

    fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 52) {
        close(fd);
        return;
    }
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return;
    if (assay_elf_is_elf(map, (size_t)st.st_size)) {
        if (assay_elf_hardening(run->s, path, map, (size_t)st.st_size, &h) !=
            ASSAY_OK) {
            err_printf("assay: %s: %s\n", path, assay_session_errmsg(run->s));
            run->failed++;
        } else if (run->json) {
            if (run->files > 0)
                out_printf(",\n");
            (void)assay_elf_hardening_json(path, &h, out_sink, stdout);
            run->files++;
        } else {
            harden_text(path, &h);
            run->files++;
        }
    }
    munmap(map, (size_t)st.st_size);
}

static int
harden_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Visit 'path' (lstat: a symlink is neither entered nor read). */
static void
harden_walk(struct harden_run *run, const char *path, unsigned depth)
{
    struct stat st;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, alloc = 0;
    DIR *d;

    if (lstat(path, &st) != 0) {
        err_printf("assay: cannot read '%s': %s\n", path, strerror(errno));
        run->failed++;
        return;
    }
    if (S_ISREG(st.st_mode)) {
        harden_file(run, path);
        return;
    }
    if (!S_ISDIR(st.st_mode) || depth >= HARDEN_MAX_DEPTH)
        return;
    d = opendir(path);
    if (d == NULL)
        return;
    /* Sorted, so output is the same on every file system. */
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == alloc) {
            size_t na = alloc == 0 ? 64 : alloc * 2;
            char **nn = realloc(names, na * sizeof(*names));

            if (nn == NULL)
                break;
            names = nn;
            alloc = na;
        }
        if (asprintf(&names[n], "%s/%s", path, e->d_name) < 0)
            break;
        n++;
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof(*names), harden_cmp);
    for (size_t i = 0; i < n; i++) {
        harden_walk(run, names[i], depth + 1);
        free(names[i]);
    }
    free(names);
}

int
cmd_hardening(int argc, char **argv)
{
    struct harden_run run = {0};
    int i = 1;

    if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
        out_printf("usage: assay hardening [--json] PATH...\n");
        return EXIT_CLEAN;
    }
    if (argc >= 2 && strcmp(argv[1], "--json") == 0) {
        run.json = true;
        i = 2;
    }
    if (i >= argc)
        return cli_error(EXIT_USAGE, "usage: assay hardening [--json] PATH...");
    run.s = assay_session_new(NULL);
    if (run.s == NULL)
        return cli_error(EXIT_NOMEM, "out of memory");
    if (run.json)
        out_printf("[\n");
    for (; i < argc; i++)
        harden_walk(&run, argv[i], 0);
    if (run.json)
        out_printf("]\n");
    out_diagnostics(assay_session_report(run.s), ASSAY_DIAG_WARNING);
    assay_session_free(run.s);
    return run.failed > 0 ? EXIT_INPUT : EXIT_CLEAN;
}
