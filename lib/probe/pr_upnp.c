/* SPDX-License-Identifier: Apache-2.0 */
/*
 * UPnP: the SSDP answer names a device description; we fetch it (only
 * from the target host itself, never another address the answer names)
 * and report what it discloses before authentication (serial number,
 * model, firmware version: 5.6-2). If it offers an IGD WAN connection
 * service, a read-only control action (GetGenericPortMappingEntry,
 * index 0) is sent without credentials: an answer, or a UPnP error
 * about the index, shows that control actions are executed for anyone
 * on the network (5.5-5). No mapping is ever added.
 */
#include "assay_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe_private.h"

static bool
upnp_applies(const struct probe_service *svc)
{
    return svc->transport == ASSAY_PROBE_UDP && svc->proto == PROTO_SSDP;
}

/*
 * Split "http://host:port/path" into port and path when host is the
 * target; false otherwise.
 */
static bool
upnp_url_local(const struct probe_ctx *c, const char *url, uint16_t *port,
    char *path, size_t cap)
{
    const char *h, *p, *slash;
    size_t hl;
    unsigned long v = 80;

    if (strncmp(url, "http://", 7) != 0)
        return false;
    h = url + 7;
    slash = strchr(h, '/');
    if (slash == NULL)
        slash = h + strlen(h);
    if (*h == '[') {
        p = memchr(h, ']', (size_t)(slash - h));
        if (p == NULL)
            return false;
        hl = (size_t)(p - h) + 1;
        p++;
    } else {
        p = memchr(h, ':', (size_t)(slash - h));
        if (p == NULL)
            p = slash;
        hl = (size_t)(p - h);
    }
    if (hl != strlen(c->url_host) || memcmp(h, c->url_host, hl) != 0)
        return false;
    if (*p == ':') {
        char *end;

        v = strtoul(p + 1, &end, 10);
        if (end != slash || v == 0 || v > 65535)
            return false;
    }
    *port = (uint16_t)v;
    snprintf(path, cap, "%s", *slash != '\0' ? slash : "/");
    return true;
}

static void
upnp_control(struct probe_ctx *c, struct probe_service *svc,
    const struct probe_service *web, const char *xml, size_t len)
{
    static const char *const prov[] = {"5.5-5", "5.5-4", NULL};
    static const char *const types[] = {
        "WANIPConnection:", "WANPPPConnection:"};
    char ctl[256], code[16], soap[256], body[1024];
    struct http_resp r;

    for (size_t t = 0; t < ASSAY_ARRAY_LEN(types); t++) {
        const char *at = NULL, *st;

        for (size_t i = 0; i + strlen(types[t]) <= len; i++)
            if (memcmp(xml + i, types[t], strlen(types[t])) == 0) {
                at = xml + i;
                break;
            }
        if (at == NULL ||
            !xml_tag_text(
                at, len - (size_t)(at - xml), "controlURL", ctl, sizeof(ctl)) ||
            ctl[0] == '\0')
            continue;
        st = types[t];
        snprintf(soap, sizeof(soap),
            "SOAPAction: \"urn:schemas-upnp-org:service:%s1"
            "#GetGenericPortMappingEntry\"",
            st);
        snprintf(body, sizeof(body),
            "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas."
            "xmlsoap.org/soap/envelope/\" s:encodingStyle=\"http://schemas."
            "xmlsoap.org/soap/encoding/\"><s:Body>"
            "<u:GetGenericPortMappingEntry xmlns:u=\"urn:schemas-upnp-org:"
            "service:%s1\"><NewPortMappingIndex>0</NewPortMappingIndex>"
            "</u:GetGenericPortMappingEntry></s:Body></s:Envelope>",
            st);
        http_resp_init(&r);
        if (http_do_hdr(c, web, "POST", ctl[0] == '/' ? ctl : "/",
                "text/xml; charset=\"utf-8\"", soap, body, &r) == ASSAY_OK &&
            r.body.len > 0 &&
            ((r.status == 200 && probe_memcasemem(r.body.data, r.body.len,
                                     "GetGenericPortMappingEntryResponse")) ||
                (r.status == 500 &&
                    xml_tag_text(r.body.data, r.body.len, "errorCode", code,
                        sizeof(code)) &&
                    (strcmp(code, "713") == 0 || strcmp(code, "714") == 0))))
            probe_report(c, svc, "NET-AUTH-006", ASSAY_SEV_HIGH,
                ASSAY_CONF_HIGH, prov,
                "UPnP control actions executed without authentication",
                assay_arena_printf(c->arena,
                    "POST %s (GetGenericPortMappingEntry, index 0) without "
                    "credentials answered %ld%s%s; port mappings can be "
                    "read and added by anyone on the network",
                    ctl, r.status, r.status == 500 ? " with UPnP error " : "",
                    r.status == 500 ? code : ""),
                "disable UPnP IGD, or limit it to authenticated and "
                "validated requests");
        http_resp_release(&r);
        return;
    }
}

static enum assay_status
upnp_run(struct probe_ctx *c, struct probe_service *svc)
{
    static const char *const prov[] = {"5.6-2", NULL};
    static const char *const tags[] = {"friendlyName", "manufacturer",
        "modelName", "modelNumber", "serialNumber", "UDN"};
    struct probe_service web = {0};
    struct assay_buf seen;
    struct http_resp r;
    char loc[300], path[256], v[128];
    bool serial = false;

    if (!http_header_get(
            svc->banner, svc->banner_len, "LOCATION", loc, sizeof(loc)))
        return ASSAY_OK;
    if (!upnp_url_local(c, loc, &web.port, path, sizeof(path))) {
        probe_diag(c, svc, ASSAY_DIAG_NOTE,
            "ssdp names a description at '%s', not on the target: not "
            "fetched",
            probe_quote(c, loc, strlen(loc)));
        return ASSAY_OK;
    }
    web.transport = ASSAY_PROBE_TCP;
    web.proto = PROTO_HTTP;
    snprintf(web.label, sizeof(web.label), "tcp/%u", web.port);
    http_resp_init(&r);
    assay_buf_init(&seen, 2048);
    if (http_do(c, &web, "GET", path, NULL, NULL, NULL, NULL, NULL, &r) !=
            ASSAY_OK ||
        r.status != 200 ||
        !probe_memcasemem(r.body.data, r.body.len, "<device")) {
        http_resp_release(&r);
        assay_buf_release(&seen);
        return ASSAY_OK;
    }
    for (size_t i = 0; i < ASSAY_ARRAY_LEN(tags); i++) {
        if (!xml_tag_text(r.body.data, r.body.len, tags[i], v, sizeof(v)) ||
            v[0] == '\0')
            continue;
        serial |= i >= 3;
        assay_buf_printf(&seen, "%s%s '%s'", seen.len > 0 ? ", " : "", tags[i],
            probe_quote(c, v, strlen(v)));
    }
    if (seen.len > 0)
        probe_report(c, svc, "NET-INFO-002",
            serial ? ASSAY_SEV_LOW : ASSAY_SEV_INFO, ASSAY_CONF_HIGH, prov,
            "UPnP description discloses device details without "
            "authentication",
            assay_arena_printf(c->arena, "GET %s answered: %s", loc, seen.data),
            "leave serial numbers and firmware versions out of the "
            "unauthenticated description, or disable UPnP");
    upnp_control(c, svc, &web, r.body.data, r.body.len);
    assay_buf_release(&seen);
    http_resp_release(&r);
    return ASSAY_OK;
}

static const char *const upnp_provisions[] = {"5.5-4", "5.5-5", "5.6-2", NULL};

const struct assay_probe pr_upnp = {
    .name = "upnp",
    .summary = "UPnP description disclosure and unauthenticated IGD control",
    .provisions = upnp_provisions,
    .flags = 0,
    .applies = upnp_applies,
    .run = upnp_run,
};
