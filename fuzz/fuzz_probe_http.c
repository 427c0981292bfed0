/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the text parsers for HTTP, RTSP and SSDP answers
 * (status line, headers), UPnP XML element text and HTML login forms. */
#include <stddef.h>
#include <stdint.h>

#include "probe/probe_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    static const char *const hdrs[] = {
        "WWW-Authenticate", "Location", "Server", "LOCATION"};
    static const char *const tags[] = {
        "serialNumber", "controlURL", "errorCode"};
    const char *p = (const char *)data;
    struct http_form f;
    char out[64];

    (void)http_status_parse(p, len, "HTTP");
    (void)http_status_parse(p, len, "RTSP");
    for (size_t i = 0; i < sizeof(hdrs) / sizeof(hdrs[0]); i++)
        (void)http_header_get(p, len, hdrs[i], out, sizeof(out));
    for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
        (void)xml_tag_text(p, len, tags[i], out, sizeof(out));
    (void)http_form_parse(p, len, &f);
    (void)probe_memcasemem(p, len, "login:");
    return 0;
}
