/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Status codes returned by every libassay action.
 *
 * One enum for the whole library (curl's CURLcode, YARA's error codes).
 * Values are append-only: a number, once published, never changes meaning,
 * because the CLI maps them to exit codes and users script against those.
 * Details (file, offset, message) live in the session's error record, not
 * here.
 */
#ifndef ASSAY_STATUS_H
#define ASSAY_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(ASSAY_BUILDING_LIB) && defined(__GNUC__)
#define ASSAY_API __attribute__((visibility("default")))
#else
#define ASSAY_API
#endif

enum assay_status {
    ASSAY_OK = 0,            /* success */
    ASSAY_E_NOMEM = 1,       /* an allocation failed */
    ASSAY_E_IO = 2,          /* a read, write or open failed */
    ASSAY_E_TRUNCATED = 3,   /* input ends before a structure does */
    ASSAY_E_CORRUPT = 4,     /* input violates its format */
    ASSAY_E_LIMIT = 5,       /* a configured limit was reached */
    ASSAY_E_UNSUPPORTED = 6, /* recognised but not supported */
    ASSAY_E_TIMEOUT = 7,     /* a deadline passed */
    ASSAY_E_REFUSED = 8,     /* a peer refused the connection */
    ASSAY_E_USAGE = 9,       /* the caller passed invalid arguments */
    ASSAY_E_NOTFOUND = 10,   /* a named thing does not exist */
    ASSAY_E_INVALID = 11,    /* a document failed validation (ICS, ...) */
    ASSAY_E_INTERNAL = 12,   /* a broken invariant inside libassay */
    ASSAY_E_NETWORK = 13     /* a network operation failed */
};

/*
 * Where writers put their output: called with consecutive chunks of the
 * document; returns ASSAY_OK or the status to stop with (e.g. ASSAY_E_IO).
 * The library never prints; the caller decides where bytes go.
 */
typedef enum assay_status (*assay_sink_fn)(
    void *ctx, const void *data, size_t len);

/* Human text for 'st', e.g. "input is truncated". Static storage. */
ASSAY_API const char *assay_status_str(enum assay_status st);

/* Identifier for 'st', e.g. "ASSAY_E_TRUNCATED". Static storage. */
ASSAY_API const char *assay_status_name(enum assay_status st);

#ifdef __cplusplus
}
#endif
#endif /* ASSAY_STATUS_H */
