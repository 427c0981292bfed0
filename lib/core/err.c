/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Status names and the error record. The message goes into a fixed buffer
 * (YARA's capped extra info) so that recording an error can never itself
 * fail for lack of memory.
 */
#include "assay_config.h"

#include <stdio.h>
#include <string.h>

#include "core_private.h"

static const struct {
    const char *name;
    const char *text;
} status_table[] = {
    [ASSAY_OK] = {"ASSAY_OK", "success"},
    [ASSAY_E_NOMEM] = {"ASSAY_E_NOMEM", "out of memory"},
    [ASSAY_E_IO] = {"ASSAY_E_IO", "input/output error"},
    [ASSAY_E_TRUNCATED] = {"ASSAY_E_TRUNCATED", "input is truncated"},
    [ASSAY_E_CORRUPT] = {"ASSAY_E_CORRUPT", "input is corrupt"},
    [ASSAY_E_LIMIT] = {"ASSAY_E_LIMIT", "a limit was reached"},
    [ASSAY_E_UNSUPPORTED] = {"ASSAY_E_UNSUPPORTED", "not supported"},
    [ASSAY_E_TIMEOUT] = {"ASSAY_E_TIMEOUT", "timed out"},
    [ASSAY_E_REFUSED] = {"ASSAY_E_REFUSED", "connection refused"},
    [ASSAY_E_USAGE] = {"ASSAY_E_USAGE", "invalid usage"},
    [ASSAY_E_NOTFOUND] = {"ASSAY_E_NOTFOUND", "not found"},
    [ASSAY_E_INVALID] = {"ASSAY_E_INVALID", "document is invalid"},
    [ASSAY_E_INTERNAL] = {"ASSAY_E_INTERNAL", "internal error"},
    [ASSAY_E_NETWORK] = {"ASSAY_E_NETWORK", "network error"},
};

const char *
assay_status_str(enum assay_status st)
{
    if ((size_t)st >= ASSAY_ARRAY_LEN(status_table) ||
        status_table[st].text == NULL)
        return "unknown status";
    return status_table[st].text;
}

const char *
assay_status_name(enum assay_status st)
{
    if ((size_t)st >= ASSAY_ARRAY_LEN(status_table) ||
        status_table[st].name == NULL)
        return "ASSAY_E_UNKNOWN";
    return status_table[st].name;
}

enum assay_status
assay_err_vset(
    struct assay_err *err, enum assay_status code, const char *fmt, va_list ap)
{
    if (err == NULL)
        return code;
    err->code = code;
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    return code;
}

enum assay_status
assay_err_set(
    struct assay_err *err, enum assay_status code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    assay_err_vset(err, code, fmt, ap);
    va_end(ap);
    return code;
}

void
assay_err_clear(struct assay_err *err)
{
    if (err == NULL)
        return;
    err->code = ASSAY_OK;
    err->msg[0] = '\0';
}
