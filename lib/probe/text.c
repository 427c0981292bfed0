/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Small parsers for text answers shared by several probes: HTTP-style
 * status lines and headers (HTTP, RTSP, SSDP) and the first text of an
 * XML element (UPnP descriptions, SOAP answers). All of them read only
 * inside [p, p + len), never assume NUL termination and copy out at most
 * the caller's capacity. Fuzzed by fuzz/fuzz_probe_text.c.
 */
#include "assay_config.h"

#include <string.h>

#include "probe_private.h"

static char
text_lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

bool
probe_memcasemem(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);

    if (n == 0)
        return true;
    for (size_t i = 0; n <= len && i <= len - n; i++) {
        size_t k = 0;

        while (k < n && text_lower(s[i + k]) == text_lower(needle[k]))
            k++;
        if (k == n)
            return true;
    }
    return false;
}

int
http_status_parse(const char *head, size_t len, const char *proto)
{
    size_t pl = strlen(proto), i;
    int code = 0;

    if (len < pl + 2 || memcmp(head, proto, pl) != 0 || head[pl] != '/')
        return -1;
    for (i = pl + 1; i < len && head[i] != ' '; i++) {
        if (head[i] == '\r' || head[i] == '\n')
            return -1;
    }
    if (i + 4 > len || head[i] != ' ')
        return -1;
    for (size_t k = 1; k <= 3; k++) {
        if (head[i + k] < '0' || head[i + k] > '9')
            return -1;
        code = code * 10 + (head[i + k] - '0');
    }
    return code;
}

bool
http_header_get(
    const char *head, size_t len, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name), i = 0;

    if (cap == 0)
        return false;
    /* skip the status line */
    while (i < len && head[i] != '\n')
        i++;
    while (i < len) {
        size_t line = ++i, end, k;

        while (i < len && head[i] != '\n')
            i++;
        end = i;
        if (end > line && head[end - 1] == '\r')
            end--;
        if (end == line)
            return false; /* blank line: end of the header block */
        if (end - line <= nl || head[line + nl] != ':')
            continue;
        for (k = 0; k < nl; k++) {
            if (text_lower(head[line + k]) != text_lower(name[k]))
                break;
        }
        if (k != nl)
            continue;
        line += nl + 1;
        while (line < end && (head[line] == ' ' || head[line] == '\t'))
            line++;
        k = 0;
        while (line < end && k + 1 < cap)
            out[k++] = head[line++];
        out[k] = '\0';
        return true;
    }
    return false;
}

bool
xml_tag_text(
    const char *xml, size_t len, const char *tag, char *out, size_t cap)
{
    size_t tl = strlen(tag);

    if (cap == 0 || tl == 0)
        return false;
    for (size_t i = 0; i + tl + 2 <= len; i++) {
        size_t j, k = 0;

        if (xml[i] != '<' || memcmp(xml + i + 1, tag, tl) != 0)
            continue;
        j = i + 1 + tl;
        if (j >= len || (xml[j] != '>' && xml[j] != ' '))
            continue;
        while (j < len && xml[j] != '>')
            j++;
        if (j >= len)
            return false;
        if (xml[j - 1] == '/')
            continue; /* <tag/> is empty */
        j++;
        while (j < len && xml[j] != '<' && k + 1 < cap) {
            if (xml[j] != '\r' && xml[j] != '\n')
                out[k++] = xml[j];
            j++;
        }
        out[k] = '\0';
        return true;
    }
    return false;
}
