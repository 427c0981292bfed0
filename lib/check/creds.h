/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Credential stores and password hashes: parsers for passwd, shadow,
 * group, htpasswd, htdigest and busybox httpd.conf, a scanner for
 * user/password pairs in vendor configuration files (key=value, NVRAM
 * defaults, UCI, XML, JSON), and a dictionary cracker built on libcrypt's
 * crypt_rn() (thread-safe) that spreads work over threads under a
 * deadline. Pure functions over bytes: the FW-CRED-* checks feed them
 * file contents, the unit tests and fuzz/fuzz_creds.c feed them anything.
 */
#ifndef ASSAY_CHECK_CREDS_H
#define ASSAY_CHECK_CREDS_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/core_private.h"

enum cred_scheme {
    CRED_EMPTY = 0,     /* no password at all */
    CRED_LOCKED = 1,    /* "!", "*", "!!", "!<hash>", "*LK*" ... */
    CRED_SHADOWED = 2,  /* "x": the hash is in shadow */
    CRED_DES = 3,       /* traditional 13-character crypt */
    CRED_BSDI = 4,      /* "_" extended DES */
    CRED_MD5 = 5,       /* "$1$" */
    CRED_APR1 = 6,      /* "$apr1$" (Apache MD5; libcrypt cannot check it) */
    CRED_SHA1 = 7,      /* "{SHA}" base64 (htpasswd) */
    CRED_SHA256 = 8,    /* "$5$" */
    CRED_SHA512 = 9,    /* "$6$" */
    CRED_BCRYPT = 10,   /* "$2a$" "$2b$" "$2y$" */
    CRED_YESCRYPT = 11, /* "$y$" (and "$gy$", "$7$" scrypt) */
    CRED_OTHER = 12,    /* another "$id$" scheme, or crypt-alphabet text
                           with '.' or '/' of 13+ characters */
    CRED_PLAIN = 13     /* not a hash: the password itself */
};

/* Scheme of a stored password field. */
enum cred_scheme cred_scheme_of(const char *field);
/* "md5-crypt", "des-crypt" ... Static storage. */
const char *cred_scheme_name(enum cred_scheme s);
/* DES, BSDI, MD5, APR1, SHA1: broken or too fast for passwords. */
bool cred_scheme_weak(enum cred_scheme s);
/* Can cred_crack() test candidates against this scheme? */
bool cred_scheme_crackable(enum cred_scheme s);

enum cred_format {
    CRED_FMT_PASSWD = 0,   /* name:pw:uid:gid:gecos:home:shell */
    CRED_FMT_SHADOW = 1,   /* name:hash:lastchg:... */
    CRED_FMT_GROUP = 2,    /* name:pw:gid:members (also gshadow) */
    CRED_FMT_HTPASSWD = 3, /* user:hash-or-plain (boa, lighttpd, nginx) */
    CRED_FMT_HTDIGEST = 4, /* user:realm:md5hex */
    CRED_FMT_BBHTTPD = 5   /* busybox httpd.conf "/path:user:pass" */
};

/* One account of a credential store. Strings live in the arena. */
struct cred_entry {
    const char *user;   /* account name */
    const char *secret; /* stored password field as written */
    const char *realm;  /* htdigest realm, else NULL */
    const char *shell;  /* passwd login shell, else NULL */
    int64_t uid;        /* passwd uid, -1 when not a passwd entry */
    uint32_t line;      /* 1-based line in the file */
};

/*
 * Parse a credential file of 'len' bytes in format 'fmt'. Lines that do
 * not have the format's shape are skipped (comments, blanks, junk); at
 * most 4096 entries are kept. *out is an arena array of *n entries.
 * Returns ASSAY_OK or ASSAY_E_NOMEM.
 */
enum assay_status cred_parse(struct assay_arena *a, enum cred_format fmt,
    const uint8_t *data, size_t len, struct cred_entry **out, size_t *n);

/* A password written in a configuration file. Strings in the arena. */
struct cred_pair {
    const char *key;      /* the setting's name, e.g. "http_passwd" */
    const char *user;     /* the user it goes with, or NULL if unknown */
    const char *password; /* the value, unquoted */
    uint32_t line;        /* 1-based */
};

/*
 * Find literal passwords in a configuration file: key=value and
 * "key value" lines (NVRAM defaults, shell-style), UCI "option key 'v'",
 * XML elements and attributes, JSON members. A key is a password key
 * when its name says so (pass, passwd, password, pwd, passphrase, psk);
 * values that are empty, masked, variables, placeholders, paths or
 * numbers for policy settings are not passwords. The user is taken from
 * a user/login/name setting on the same line or up to five lines before.
 * At most 1024 pairs. Returns ASSAY_OK or ASSAY_E_NOMEM.
 */
enum assay_status cred_scan_config(struct assay_arena *a, const uint8_t *data,
    size_t len, struct cred_pair **out, size_t *n);

/* One hash to crack. */
struct cred_job {
    const char *user;  /* account name (tried first as a password too) */
    const char *hash;  /* crypt(3) string, or hex MD5 with 'realm' */
    const char *realm; /* htdigest: hash = md5(user:realm:password) */
    const char *found; /* out: the password (static dictionary storage,
                          or 'user'), NULL when not found */
};

/*
 * Try the built-in default-credential dictionary against every job:
 * first the passwords paired with the job's user name, then the user
 * name itself, then every other password. Work is spread over 'threads'
 * threads (1..8) and stops at 'deadline' (check_now() seconds, 0 = none).
 * *tried (may be NULL) receives the number of hashes computed. Returns
 * ASSAY_OK, ASSAY_E_TIMEOUT (the deadline stopped it; found fields are
 * still valid) or ASSAY_E_NOMEM.
 */
enum assay_status cred_crack(struct cred_job *jobs, size_t n, double deadline,
    unsigned threads, uint64_t *tried);

/* Is 'password' in the dictionary for 'user' (or for anyone when
 * 'user' is NULL)? The dictionary's own source ("mirai", "vendor") goes
 * to *source when not NULL. */
bool cred_default_known(
    const char *user, const char *password, const char **source);
/* Number of distinct dictionary rows. */
size_t cred_default_count(void);

#endif /* ASSAY_CHECK_CREDS_H */
