/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Component identification (see assay/component.h).
 *
 * Three sources, strongest first: package databases (dpkg status, opkg
 * status: name and exact version as installed, confidence high), version
 * strings in binaries (signatures.def: a fixed prefix followed by a
 * version; the first match per signature and file counts), and the
 * product identity. A component already in the report with the same name
 * and version from the same file is not added twice. Versions, names and
 * paths come from untrusted files: they are length-capped and restricted
 * to version characters before they reach a purl or CPE.
 */
#include "assay_config.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "assay/component.h"
#include "assay/tree.h"

#include "../core/core_private.h"
#include "../elf/elf_private.h"

/* Longest version string taken from a binary. */
#define COMP_VERSION_MAX 40
/* Folder depth followed by the directory walk. */
#define COMP_MAX_DEPTH 64

struct comp_sig {
    const char *name;
    const char *part; /* CPE part: "a" application, "o" OS */
    const char *vendor;
    const char *product;
    const char *prefix;
    enum assay_confidence conf;
    bool after_nul; /* version is the next string after the prefix */
};

static const struct comp_sig comp_sigs[] = {
#define COMPONENT_SIG(n, t, v, p, pre, c, z) {n, t, v, p, pre, c, z},
#define COMPONENT_FILE(n, t, v, p, pre, c, z)
#include "signatures.def"
#undef COMPONENT_FILE
#undef COMPONENT_SIG
};

/* File-name signatures: prefix + version + ".so" ("ld-uClibc-0.9.30.so"). */
static const struct comp_sig comp_files[] = {
#define COMPONENT_SIG(n, t, v, p, pre, c, z)
#define COMPONENT_FILE(n, t, v, p, pre, c, z) {n, t, v, p, pre, c, z},
#include "signatures.def"
#undef COMPONENT_FILE
#undef COMPONENT_SIG
};

static bool
comp_version_char(int c)
{
    return isalnum(c) || c == '.' || c == '+' || c == '~' || c == '_';
}

/* CPE 2.3 escaping of a value (version characters need none but '+'). */
static char *
comp_cpe(struct assay_arena *a, const char *part, const char *vendor,
    const char *product, const char *version)
{
    char v[2 * COMP_VERSION_MAX + 8];
    size_t o = 0;

    for (const char *p = version; *p != '\0' && o + 3 < sizeof(v); p++) {
        if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' && *p != '-')
            v[o++] = '\\';
        v[o++] = *p;
    }
    v[o] = '\0';
    return assay_arena_printf(a, "cpe:2.3:%s:%s:%s:%s:*:*:*:*:*:*:*", part,
        vendor, product, o > 0 ? v : "*");
}

/* Is name@version from 'path' already in the report? */
static bool
comp_known(struct assay_report *r, const char *name, const char *version,
    const char *path)
{
    for (size_t i = 0; i < assay_report_component_count(r); i++) {
        const struct assay_component *c = assay_report_component(r, i);

        if (strcmp(c->name, name) == 0 &&
            assay_strcmp_null(c->version, version) == 0 &&
            assay_strcmp_null(c->path, path) == 0)
            return true;
    }
    return false;
}

/* Lower-case hex SHA-256 of the identifying file, in the arena. */
static char *
comp_sha256(struct assay_arena *a, const void *data, size_t len)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    char *hex;

    if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 ||
        mdlen != 32)
        return NULL;
    hex = assay_arena_alloc(a, 65);
    if (hex != NULL)
        assay_hex(md, 32, hex);
    return hex;
}

static bool
comp_needed(void *ctx, const char *name)
{
    struct assay_buf *b = ctx;

    (void)assay_buf_printf(b, "%s%s", b->len > 0 ? "," : "", name);
    return true;
}

/* DT_NEEDED names of an ELF file, comma-separated, or NULL. */
static char *
comp_requires(struct assay_arena *a, const uint8_t *data, size_t len)
{
    struct elf_file f;
    struct assay_buf b;
    char *out = NULL;

    if (!assay_elf_is_elf(data, len) ||
        elf_open(&f, data, len, NULL) != ASSAY_OK || f.needed == 0)
        return NULL;
    assay_buf_init(&b, 4096);
    elf_needed(&f, comp_needed, &b);
    if (b.len > 0)
        out = assay_arena_strdup(a, b.data);
    assay_buf_release(&b);
    return out;
}

/*
 * Add name@ver found by signature 'g' in 'path' with a generic purl and
 * the signature's CPE. 'ver' and 'evidence' are copied by the report.
 */
static enum assay_status
comp_add_sig(struct assay_session *s, const struct comp_sig *g, const char *ver,
    const char *path, const char *evidence, const char *sha256,
    const char *requires)
{
    struct assay_arena *a = assay_session_arena(s);
    struct assay_component c;

    memset(&c, 0, sizeof(c));
    c.name = g->name;
    c.version = ver;
    c.path = path;
    c.confidence = g->conf;
    c.evidence = evidence;
    c.sha256 = sha256;
    c.requires = requires;
    c.purl = assay_arena_printf(a, "pkg:generic/%s@%s", g->name, ver);
    c.cpe = comp_cpe(a, g->part, g->vendor, g->product, ver);
    if (c.evidence == NULL || c.purl == NULL || c.cpe == NULL)
        return ASSAY_E_NOMEM;
    return assay_report_add_component(assay_session_report(s), &c) ==
                   ASSAY_E_NOMEM
               ? ASSAY_E_NOMEM
               : ASSAY_OK;
}

static const struct comp_sig *
comp_sig_for(const char *name)
{
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(comp_sigs); i++)
        if (strcmp(comp_sigs[i].name, name) == 0)
            return &comp_sigs[i];
    return NULL;
}

static enum assay_status
comp_scan_strings(
    struct assay_session *s, const char *path, const uint8_t *data, size_t len)
{
    struct assay_arena *a = assay_session_arena(s);
    struct assay_report *r = assay_session_report(s);
    char *sha = NULL, *req = NULL;
    bool hashed = false;

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(comp_sigs); i++) {
        const struct comp_sig *g = &comp_sigs[i];
        size_t plen = strlen(g->prefix);
        const uint8_t *p = data, *end = data + len;

        while ((size_t)(end - p) > plen) {
            const uint8_t *hit = memmem(p, (size_t)(end - p), g->prefix, plen);
            char ver[COMP_VERSION_MAX + 1];
            size_t n = 0;

            if (hit == NULL)
                break;
            p = hit + plen;
            if (g->after_nul) {
                size_t pad = 0;

                while (p < end && *p == '\0' && pad < 8) {
                    p++;
                    pad++;
                }
                if (pad == 0)
                    continue;
            }
            if (p >= end || !isdigit(*p))
                continue;
            while (
                p + n < end && n < COMP_VERSION_MAX && comp_version_char(p[n]))
                n++;
            while (n > 0 && (p[n - 1] == '.' || p[n - 1] == '_'))
                n--;
            memcpy(ver, p, n);
            ver[n] = '\0';
            if (comp_known(r, g->name, ver, path))
                break;
            if (!hashed) {
                sha = comp_sha256(a, data, len);
                req = comp_requires(a, data, len);
                hashed = true;
            }
            if (comp_add_sig(s, g, ver, path,
                    assay_arena_printf(a,
                        "version string \"%s%s\" at offset 0x%zx", g->prefix,
                        ver, (size_t)(hit - data)),
                    sha, req) != ASSAY_OK)
                return ASSAY_E_NOMEM;
            break;
        }
    }
    return ASSAY_OK;
}

/* Versions in library file names ("ld-uClibc-0.9.30.so", "libc-2.19.so"). */
static enum assay_status
comp_scan_filename(
    struct assay_session *s, const char *path, const uint8_t *data, size_t len)
{
    struct assay_arena *a = assay_session_arena(s);
    struct assay_report *r = assay_session_report(s);
    const char *base = strrchr(path, '/');

    base = base != NULL ? base + 1 : path;
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(comp_files); i++) {
        const struct comp_sig *g = &comp_files[i];
        size_t plen = strlen(g->prefix), n = 0;
        char ver[COMP_VERSION_MAX + 1];

        if (strncmp(base, g->prefix, plen) != 0 ||
            !isdigit((unsigned char)base[plen]))
            continue;
        while (
            n < COMP_VERSION_MAX &&
            (isdigit((unsigned char)base[plen + n]) || base[plen + n] == '.'))
            n++;
        if (n < 4 || strcmp(base + plen + n - 1, ".so") != 0)
            continue;
        n--; /* drop the '.' of ".so" */
        memcpy(ver, base + plen, n);
        ver[n] = '\0';
        if (comp_known(r, g->name, ver, path))
            continue;
        if (comp_add_sig(s, g, ver, path,
                assay_arena_printf(a, "file name %s", base),
                comp_sha256(a, data, len), NULL) != ASSAY_OK)
            return ASSAY_E_NOMEM;
    }
    return ASSAY_OK;
}

/* Copy a status-file value (up to end of line) into 'out'. */
static void
comp_field(const char *p, const char *end, char *out, size_t cap)
{
    size_t n = 0;

    while (p < end && *p == ' ')
        p++;
    while (p + n < end && p[n] != '\n' && p[n] != '\r' && n + 1 < cap)
        n++;
    memcpy(out, p, n);
    out[n] = '\0';
}

/*
 * dpkg or opkg status file: stanzas of "Field: value" lines separated by
 * blank lines; only installed packages count.
 */
static enum assay_status
comp_scan_status(struct assay_session *s, const char *path, const char *data,
    size_t len, const char *distro, bool opkg)
{
    struct assay_arena *a = assay_session_arena(s);
    struct assay_report *r = assay_session_report(s);
    const char *p = data, *end = data + len;
    char *sha = comp_sha256(a, data, len);

    while (p < end) {
        const char *stop = p;
        char pkg[128] = "", ver[128] = "", src[128] = "", status[128] = "";
        char arch[32] = "";

        /* One stanza: up to an empty line. */
        while (stop < end) {
            const char *nl = memchr(stop, '\n', (size_t)(end - stop));

            if (nl == NULL) {
                stop = end;
                break;
            }
            if (nl + 1 < end && nl[1] == '\n') {
                stop = nl + 1;
                break;
            }
            stop = nl + 1;
        }
        for (const char *l = p; l < stop;) {
            const char *nl = memchr(l, '\n', (size_t)(stop - l));
            const char *le = nl != NULL ? nl : stop;

            if (le - l > 8 && strncmp(l, "Package:", 8) == 0)
                comp_field(l + 8, le, pkg, sizeof(pkg));
            else if (le - l > 8 && strncmp(l, "Version:", 8) == 0)
                comp_field(l + 8, le, ver, sizeof(ver));
            else if (le - l > 7 && strncmp(l, "Source:", 7) == 0)
                comp_field(l + 7, le, src, sizeof(src));
            else if (le - l > 7 && strncmp(l, "Status:", 7) == 0)
                comp_field(l + 7, le, status, sizeof(status));
            else if (le - l > 13 && strncmp(l, "Architecture:", 13) == 0)
                comp_field(l + 13, le, arch, sizeof(arch));
            l = le + 1;
        }
        p = stop;
        while (p < end && *p == '\n')
            p++;
        if (pkg[0] == '\0' || ver[0] == '\0' ||
            (status[0] != '\0' && strstr(status, "installed") == NULL))
            continue;
        {
            struct assay_component c;
            char *sp = strchr(src, ' ');
            const char *name = src[0] != '\0' ? src : pkg;
            const struct comp_sig *g;
            char up[128];
            const char *colon = strchr(ver, ':');
            char *dash;

            if (sp != NULL)
                *sp = '\0';
            g = comp_sig_for(name);
            if (g == NULL)
                g = comp_sig_for(pkg);
            if (comp_known(r, name, ver, path))
                continue;
            memset(&c, 0, sizeof(c));
            c.name = name;
            c.version = ver;
            c.path = path;
            c.confidence = ASSAY_CONF_HIGH;
            c.sha256 = sha;
            c.evidence = assay_arena_printf(
                a, "%s package %s %s", opkg ? "opkg" : "dpkg", pkg, ver);
            if (opkg)
                c.purl = assay_arena_printf(
                    a, "pkg:generic/%s@%s?type=opkg", pkg, ver);
            else
                c.purl = assay_arena_printf(a, "pkg:deb/%.*s/%s@%s%s%s%s%s",
                    distro != NULL && strchr(distro, ':') != NULL
                        ? (int)(strchr(distro, ':') - distro)
                        : 6,
                    distro != NULL ? distro : "debian", pkg, ver,
                    arch[0] ? "?arch=" : "", arch,
                    distro != NULL ? (arch[0] ? "&distro=" : "?distro=") : "",
                    distro != NULL ? distro : "");
            snprintf(up, sizeof(up), "%s", colon != NULL ? colon + 1 : ver);
            dash = strrchr(up, '-');
            if (dash != NULL)
                *dash = '\0';
            if (g != NULL)
                c.cpe = comp_cpe(a, "a", g->vendor, g->product, up);
            if (c.purl == NULL || c.evidence == NULL)
                return ASSAY_E_NOMEM;
            /* purl distro qualifier uses '-' ("debian-12"). */
            for (char *q = strstr(c.purl, "distro="); q != NULL && *q; q++)
                if (*q == ':')
                    *q = '-';
            if (assay_report_add_component(r, &c) == ASSAY_E_NOMEM)
                return ASSAY_E_NOMEM;
        }
    }
    return ASSAY_OK;
}

enum assay_status
assay_components_scan_file(struct assay_session *s, const char *path,
    const void *data, size_t len, const char *distro)
{
    if (assay_str_ends(path, "/var/lib/dpkg/status"))
        return comp_scan_status(s, path, data, len, distro, false);
    if (assay_str_ends(path, "/usr/lib/opkg/status") ||
        assay_str_ends(path, "/var/lib/opkg/status"))
        return comp_scan_status(s, path, data, len, distro, true);
    if (len < 4)
        return ASSAY_OK;
    if (comp_scan_filename(s, path, data, len) == ASSAY_E_NOMEM)
        return ASSAY_E_NOMEM;
    return comp_scan_strings(s, path, data, len);
}

/*
 * "ID=debian" + "VERSION_ID=12" in os-release text -> "debian:12" (arena),
 * NULL without an ID. Values keep only letters, digits and dots.
 */
static char *
comp_os_release(struct assay_session *s, const uint8_t *d, size_t len)
{
    char id[64] = "", vid[64] = "";

    for (size_t i = 0; i < len;) {
        const uint8_t *nl = memchr(d + i, '\n', len - i);
        size_t e = nl != NULL ? (size_t)(nl - d) : len;
        char *dst = NULL;
        size_t k = i, o = 0;

        if (e - i > 3 && memcmp(d + i, "ID=", 3) == 0)
            dst = id, k = i + 3;
        else if (e - i > 11 && memcmp(d + i, "VERSION_ID=", 11) == 0)
            dst = vid, k = i + 11;
        for (; dst != NULL && k < e && o + 1 < 64; k++)
            if (isalnum(d[k]) || d[k] == '.')
                dst[o++] = (char)tolower(d[k]);
        if (dst != NULL)
            dst[o] = '\0';
        i = e + 1;
    }
    if (id[0] == '\0')
        return NULL;
    return assay_arena_printf(
        assay_session_arena(s), "%s%s%s", id, vid[0] ? ":" : "", vid);
}

/* The distribution of an unpacked root folder, from its os-release. */
static char *
comp_distro(struct assay_session *s, const char *dir)
{
    static const char *const names[] = {"etc/os-release", "usr/lib/os-release"};
    uint8_t buf[4096];

    for (size_t i = 0; i < ASSAY_ARRAY_LEN(names); i++) {
        char path[4096];
        ssize_t n;
        int fd;

        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            continue;
        n = read(fd, buf, sizeof(buf));
        close(fd);
        if (n > 0)
            return comp_os_release(s, buf, (size_t)n);
    }
    return NULL;
}

static enum assay_status
comp_walk(struct assay_session *s, const char *root, const char *rel,
    const char *distro, unsigned depth)
{
    char path[4096];
    DIR *d;
    struct dirent *e;
    enum assay_status rc = ASSAY_OK;

    if (depth > COMP_MAX_DEPTH)
        return ASSAY_OK;
    snprintf(path, sizeof(path), "%s%s", root, rel);
    d = opendir(path);
    if (d == NULL)
        return depth == 0 ? assay_err_set(assay_session_err(s), ASSAY_E_IO,
                                "component: cannot read %s", root)
                          : ASSAY_OK;
    while (rc == ASSAY_OK && (e = readdir(d)) != NULL) {
        char sub[4096], full[4096];
        struct stat st;

        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", rel, e->d_name) >=
                sizeof(sub) ||
            (size_t)snprintf(full, sizeof(full), "%s%s", root, sub) >=
                sizeof(full))
            continue;
        if (lstat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            rc = comp_walk(s, root, sub, distro, depth + 1);
        } else if (S_ISREG(st.st_mode) && st.st_size > 0) {
            int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
            void *map;

            if (fd < 0)
                continue;
            map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
            close(fd);
            if (map == MAP_FAILED)
                continue;
            rc = assay_components_scan_file(
                s, sub, map, (size_t)st.st_size, distro);
            munmap(map, (size_t)st.st_size);
        }
    }
    closedir(d);
    return rc;
}

enum assay_status
assay_components_scan_dir(struct assay_session *s, const char *dir)
{
    return comp_walk(s, dir, "", comp_distro(s, dir), 0);
}

/* distro of the file system holding 'n', from its /etc/os-release. */
static const char *
comp_tree_distro(struct assay_session *s, const struct assay_node *root)
{
    const struct assay_node *os =
        assay_node_lookup(root, "/etc/os-release", true);
    const uint8_t *d;
    size_t len;

    if (os == NULL)
        os = assay_node_lookup(root, "/usr/lib/os-release", true);
    if (os == NULL || (d = assay_node_data(os, &len)) == NULL)
        return NULL;
    return comp_os_release(s, d, len);
}

enum assay_status
assay_components_scan_tree(struct assay_session *s, const struct assay_tree *t)
{
    const struct assay_node *cur_root = NULL;
    const char *distro = NULL;

    for (size_t i = 0; i < assay_tree_node_count(t); i++) {
        const struct assay_node *n = assay_tree_node(t, i);
        enum assay_node_type ty = assay_node_type(n);
        const uint8_t *d;
        size_t len;
        enum assay_status rc;
        const char *path;

        if (ty == ASSAY_NODE_FILE) {
            const struct assay_node *root = assay_node_fs_root(n);

            if (root != cur_root) {
                cur_root = root;
                distro = comp_tree_distro(s, root);
            }
            path = assay_node_path(n);
        } else if (ty == ASSAY_NODE_CONTAINER && assay_node_child(n) == NULL &&
                   assay_node_parent(n) != NULL) {
            /* a payload nothing was unpacked from: kernel, boot loader */
            path = assay_node_container(n);
            if (path == NULL)
                path = assay_node_name(n);
        } else {
            continue;
        }
        d = assay_node_data(n, &len);
        if (d == NULL || path == NULL)
            continue;
        rc = assay_components_scan_file(
            s, path, d, len, ty == ASSAY_NODE_FILE ? distro : NULL);
        if (rc != ASSAY_OK)
            return rc;
    }
    return ASSAY_OK;
}

struct comp_hwid {
    uint32_t id;       /* TP-Link header hardware id */
    const char *model; /* marketing model name */
    const char *hw;    /* hardware revision */
};

static const struct comp_hwid comp_hwids[] = {
#define VENDOR_HWID(id, model, hw) {id, model, hw},
#include "hwids.def"
#undef VENDOR_HWID
};

bool
assay_components_vendor_header(struct assay_session *s, const void *data,
    size_t len, struct assay_product *out)
{
    struct assay_arena *a = assay_session_arena(s);
    const uint8_t *p = data;
    char vendor[25];
    uint32_t hw_id, hw_rev;
    size_t vn = 0;

    memset(out, 0, sizeof(*out));
    /* TP-Link v1/v2: version word 1 or 2, printable vendor name. */
    if (len < 0x200 ||
        ((assay_le32(p) < 1 || assay_le32(p) > 2) &&
            (assay_be32(p) < 1 || assay_be32(p) > 2)) ||
        !isalpha(p[4]))
        return false;
    for (; vn < 24 && p[4 + vn] != 0; vn++) {
        if (!isprint(p[4 + vn]))
            return false;
        vendor[vn] = (char)p[4 + vn];
    }
    vendor[vn] = '\0';
    hw_id = assay_be32(p + 0x40);
    hw_rev = assay_be32(p + 0x44);
    if (strncmp(vendor, "TP-LINK", 7) != 0 || hw_id == 0)
        return false;
    out->manufacturer = "TP-Link";
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(comp_hwids); i++)
        if (comp_hwids[i].id == hw_id) {
            out->model = comp_hwids[i].model;
            out->hardware_version = comp_hwids[i].hw;
            return true;
        }
    /* Unknown id: keep it visible rather than guess a model name. */
    out->model = assay_arena_printf(a, "tp-link-hwid-%08x", hw_id);
    out->hardware_version = assay_arena_printf(a, "%u", hw_rev);
    return out->model != NULL && out->hardware_version != NULL;
}

/* CPE-safe lower-case name: spaces become '_'. */
static char *
comp_cpe_name(struct assay_arena *a, const char *s, const char *suffix)
{
    char buf[128];
    size_t o = 0;

    for (; *s != '\0' && o + 1 < sizeof(buf); s++) {
        int c = tolower((unsigned char)*s);

        if (isalnum(c) || c == '-' || c == '.' || c == '_')
            buf[o++] = (char)c;
        else if (c == ' ')
            buf[o++] = '_';
    }
    buf[o] = '\0';
    return assay_arena_printf(a, "%s%s", buf, suffix);
}

enum assay_status
assay_components_add_product(struct assay_session *s,
    const struct assay_product *p, const char *evidence)
{
    struct assay_arena *a = assay_session_arena(s);
    struct assay_report *r = assay_session_report(s);
    struct assay_component c;
    char ver[COMP_VERSION_MAX + 1] = "", hw[COMP_VERSION_MAX + 1] = "";
    char *vendor, *fw, *model;
    size_t n = 0;

    if (p == NULL || p->manufacturer == NULL || p->model == NULL)
        return ASSAY_OK;
    /* "3.16.9 Build 150310 Rel.56014n" -> "3.16.9" */
    if (p->software_version != NULL)
        for (const char *q = p->software_version;
             *q != '\0' && n < COMP_VERSION_MAX && comp_version_char(*q); q++)
            ver[n++] = *q;
    ver[n] = '\0';
    n = 0;
    if (p->hardware_version != NULL)
        for (const char *q = p->hardware_version;
             *q != '\0' && n < COMP_VERSION_MAX && comp_version_char(*q); q++)
            hw[n++] = (char)tolower((unsigned char)*q);
    hw[n] = '\0';
    vendor = comp_cpe_name(a, p->manufacturer, "");
    model = comp_cpe_name(a, p->model, "");
    fw = comp_cpe_name(a, p->model, "_firmware");
    if (vendor == NULL || model == NULL || fw == NULL)
        return ASSAY_E_NOMEM;
    memset(&c, 0, sizeof(c));
    c.name = fw;
    c.version = ver[0] ? ver : NULL;
    c.evidence = evidence;
    c.confidence = ASSAY_CONF_HIGH;
    c.cpe = comp_cpe(a, "o", vendor, fw, ver);
    c.purl = assay_arena_printf(
        a, "pkg:generic/%s/%s%s%s", vendor, fw, ver[0] ? "@" : "", ver);
    if (assay_report_add_component(r, &c) == ASSAY_E_NOMEM)
        return ASSAY_E_NOMEM;
    c.name = model;
    c.version = hw[0] ? hw : NULL;
    c.cpe = comp_cpe(a, "h", vendor, model, hw);
    c.purl = NULL;
    return assay_report_add_component(r, &c) == ASSAY_E_NOMEM ? ASSAY_E_NOMEM
                                                              : ASSAY_OK;
}
