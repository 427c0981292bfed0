/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Secrets in file bytes: one Hyperscan pass per file over a pattern set
 * compiled once per process (PEM blocks, cloud and service tokens,
 * secret-looking assignments), then confirmation of each candidate:
 * keys and certificates are parsed with OpenSSL (OpenSSH and dropbear
 * key files with the small readers here), tokens must pass their shape
 * and entropy tests. Pure functions over bytes, fuzzed by
 * fuzz/fuzz_secrets.c.
 */
#ifndef ASSAY_CHECK_SECRETS_H
#define ASSAY_CHECK_SECRETS_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/core_private.h"

enum secret_kind {
    SECRET_PRIVATE_KEY = 0, /* confirmed private key (any container) */
    SECRET_TOKEN = 1,       /* cloud or service credential */
    SECRET_GENERIC = 2,     /* high-entropy value of a secret-named key */
    SECRET_CERT = 3         /* certificate worth a note */
};

struct secret_hit {
    enum secret_kind kind;
    const char *what;   /* "RSA 2048-bit private key (PEM)", "AWS access
                           key id" ... (arena) */
    const char *detail; /* masked value, certificate notes (arena) */
    uint64_t offset;    /* byte offset of the match in the file */
    uint32_t line;      /* 1-based line for text files, 0 otherwise */
};

/*
 * Scan 'len' bytes. 'text' says the file is text (generic assignments
 * are only looked for there). At most 64 hits. *out is an arena array.
 * Returns ASSAY_OK, ASSAY_E_NOMEM or ASSAY_E_INTERNAL (the pattern set
 * could not be compiled or scanned; the session error says why).
 */
enum assay_status secret_scan(struct assay_session *s, const uint8_t *data,
    size_t len, bool text, struct secret_hit **out, size_t *n);

/*
 * Identify a binary key file: DER PKCS#1/PKCS#8 private keys, PKCS#12
 * bundles and dropbear host keys. Writes a description ("RSA 2048-bit
 * private key (DER)") to 'what' and returns true when it is one.
 */
bool secret_key_file(const uint8_t *data, size_t len, char *what, size_t size);

/*
 * Describe an "openssh-key-v1" private key from its base64 body
 * [b64, b64 + n): key type and cipher ("ssh-ed25519, unencrypted").
 * False when it is not a well-formed key.
 */
bool secret_openssh_key(const char *b64, size_t n, char *what, size_t size);

#endif /* ASSAY_CHECK_SECRETS_H */
