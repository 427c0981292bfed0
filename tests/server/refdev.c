/* SPDX-License-Identifier: Apache-2.0 */
/*
 * refdev: a reference consumer IoT device for the probe tests. It runs
 * on loopback only (127.0.0.1 or ::1), on ports the kernel picks, and
 * writes "name=port" lines to the --ready file once it listens.
 *
 *   refdev --profile insecure|secure|catchall|basic|deny --ready FILE
 *          [--bind ADDR] [--std-ports] [--password PW]
 *          [--tls-cert F --tls-key F]
 *
 * --bind takes 127.0.0.1 or ::1; any other address only with
 * REFDEV_ANY_ADDR set, which tests do inside a network namespace they
 * created. --std-ports uses the usual ports instead of kernel-picked ones
 * (also meant for a namespace).
 *
 * insecure: HTTP admin with a login form that takes admin/admin, no
 *           login throttling, /api/config readable and writable without
 *           credentials, UPnP description (with serial number) and SOAP
 *           control without authentication, SSDP on UDP, an MQTT broker
 *           that takes anonymous clients and publishes retained topics,
 *           telnet with admin/admin giving a (simulated) shell, an RTSP
 *           camera stream described without credentials, unicast mDNS
 *           answers with model and serial in TXT, a versioned Server
 *           header.
 * secure:   HTTPS admin (needs --tls-cert/--tls-key), password from
 *           --password, lockout after 3 failed logins in 60 s (429),
 *           configuration only with a session, no version in headers, no
 *           telnet, MQTT, UPnP or SSDP.
 * catchall: HTTP that answers 200 with the same login page to every
 *           request, whatever the path, method or credentials.
 * basic:    HTTP with every page behind Basic authentication, user admin
 *           and the --password (default "admin").
 * deny:     HTTP that answers 401 (Basic) to everything, whatever the
 *           credentials.
 *
 * One connection is served at a time with blocking I/O and 3 s socket
 * timeouts; the prober is sequential, so that is enough. SIGTERM ends it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

enum profile { P_INSECURE, P_SECURE, P_CATCHALL, P_BASIC, P_DENY };

struct conn {
    int fd;   /* accepted socket */
    SSL *ssl; /* NULL for plain */
};

static enum profile profile = P_INSECURE;
static const char *password = "admin";
static SSL_CTX *tls_ctx;
static volatile sig_atomic_t stop;
static unsigned fail_count;
static time_t fail_first, lock_until;
static char session_id[33];
static int family = AF_INET;
static const char *bind_addr = "127.0.0.1";
static uint16_t http_port;

static void
on_term(int sig)
{
    (void)sig;
    stop = 1;
}

static ssize_t
c_read(struct conn *c, void *p, size_t n)
{
    if (c->ssl != NULL) {
        int r = SSL_read(c->ssl, p, (int)n);

        return r > 0 ? r : -1;
    }
    return recv(c->fd, p, n, 0);
}

static void
c_write(struct conn *c, const void *p, size_t n)
{
    const char *b = p;

    while (n > 0) {
        ssize_t w = c->ssl != NULL ? SSL_write(c->ssl, b, (int)n)
                                   : send(c->fd, b, n, MSG_NOSIGNAL);

        if (w <= 0)
            return;
        b += w;
        n -= (size_t)w;
    }
}

static void
c_printf(struct conn *c, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > 0)
        c_write(c, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static bool std_ports; /* the usual ports (80, 23, 1883, 1900, 554) */

static int
listen_on(int type, uint16_t *port)
{
    struct sockaddr_storage ss = {0};
    socklen_t len;
    int fd = socket(family, type, 0), one = 1;

    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (family == AF_INET) {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

        s4->sin_family = AF_INET;
        inet_pton(AF_INET, bind_addr, &s4->sin_addr);
        s4->sin_port = htons(*port);
        len = sizeof(*s4);
    } else {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

        s6->sin6_family = AF_INET6;
        inet_pton(AF_INET6, bind_addr, &s6->sin6_addr);
        s6->sin6_port = htons(*port);
        len = sizeof(*s6);
    }
    if (bind(fd, (struct sockaddr *)&ss, len) != 0 ||
        (type == SOCK_STREAM && listen(fd, 64) != 0) ||
        getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
        close(fd);
        return -1;
    }
    *port = ntohs(family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
                                    : ((struct sockaddr_in6 *)&ss)->sin6_port);
    return fd;
}

/* ---- HTTP --------------------------------------------------------------- */

static const char login_page[] =
    "<html><head><title>RefDev Camera</title></head><body>\n"
    "<h1>Sign in</h1>%s\n"
    "<form action=\"/login\" method=\"post\">\n"
    "<input type=\"text\" name=\"username\">\n"
    "<input type=\"password\" name=\"password\">\n"
    "<input type=\"submit\" value=\"Sign in\">\n"
    "</form></body></html>\n";

/*
 * Read a request head ("\r\n\r\n"-terminated) plus, when 'body' is not
 * NULL, a Content-Length body into req[cap]. false when the peer went
 * away or the request does not fit.
 */
static bool
read_request(struct conn *c, char *req, size_t cap, const char **body)
{
    size_t len = 0, want = 0;
    const char *end, *cl;

    req[0] = '\0';
    for (;;) {
        ssize_t n;

        end = strstr(req, "\r\n\r\n");
        if (end != NULL) {
            if (body == NULL)
                return true;
            cl = strcasestr(req, "\r\nContent-Length:");
            want = cl != NULL ? (size_t)strtoul(cl + 17, NULL, 10) : 0;
            if (want > cap / 2)
                return false;
            if ((size_t)(req + len - (end + 4)) >= want) {
                *body = end + 4;
                return true;
            }
        }
        if (len + 1 >= cap)
            return false;
        n = c_read(c, req + len, cap - 1 - len);
        if (n <= 0)
            return false;
        len += (size_t)n;
        req[len] = '\0';
    }
}

static void
http_reply(struct conn *c, int status, const char *reason,
    const char *extra_headers, const char *ctype, const char *body)
{
    c_printf(c,
        "HTTP/1.1 %d %s\r\nServer: %s\r\nContent-Type: %s\r\n"
        "Content-Length: %zu\r\nConnection: close\r\n%s\r\n",
        status, reason,
        profile == P_INSECURE ? "RefDev/1.4.2 lighttpd/1.4.35" : "refdev",
        ctype, strlen(body), extra_headers != NULL ? extra_headers : "");
    c_write(c, body, strlen(body));
}

static void
http_login_page(struct conn *c, const char *msg)
{
    char page[2048];

    snprintf(page, sizeof(page), login_page, msg);
    http_reply(c, 200, "OK", NULL, "text/html", page);
}

/* Value of form field 'name' in an urlencoded body (no decoding needed
 * for the test credentials beyond '+'). */
static void
form_field(const char *body, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name), k = 0;
    const char *p = body;

    out[0] = '\0';
    while (p != NULL && *p != '\0') {
        if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
            p += nl + 1;
            while (*p != '\0' && *p != '&' && k + 1 < cap) {
                if (*p == '%' && p[1] != '\0' && p[2] != '\0') {
                    char hex[3] = {p[1], p[2], 0};

                    out[k++] = (char)strtol(hex, NULL, 16);
                    p += 3;
                    continue;
                }
                out[k++] = *p == '+' ? ' ' : *p;
                p++;
            }
            out[k] = '\0';
            return;
        }
        p = strchr(p, '&');
        if (p != NULL)
            p++;
    }
}

static bool
has_session(const char *head)
{
    const char *ck = strcasestr(head, "\r\nCookie:");

    return session_id[0] != '\0' && ck != NULL &&
           strstr(ck, session_id) != NULL;
}

static void
http_login(struct conn *c, const char *body)
{
    char user[64], pass[64], hdr[128];
    time_t now = time(NULL);

    if (profile == P_SECURE && now < lock_until) {
        http_reply(c, 429, "Too Many Requests", "Retry-After: 60\r\n",
            "text/plain", "too many failed logins, try again later\n");
        return;
    }
    form_field(body, "username", user, sizeof(user));
    form_field(body, "password", pass, sizeof(pass));
    if (strcmp(user, "admin") == 0 && strcmp(pass, password) == 0) {
        fail_count = 0;
        for (size_t i = 0; i < 32; i++)
            session_id[i] = "0123456789abcdef"[rand() % 16];
        session_id[32] = '\0';
        snprintf(hdr, sizeof(hdr),
            "Location: /admin\r\nSet-Cookie: sid=%s; HttpOnly\r\n", session_id);
        http_reply(c, 302, "Found", hdr, "text/plain", "");
        return;
    }
    if (profile == P_SECURE) {
        if (fail_count == 0 || now - fail_first > 60) {
            fail_count = 0;
            fail_first = now;
        }
        if (++fail_count >= 3)
            lock_until = now + 60;
    }
    http_login_page(c, "<p>invalid user name or password</p>");
}

static const char upnp_desc[] =
    "<?xml version=\"1.0\"?>\n"
    "<root xmlns=\"urn:schemas-upnp-org:device-1-0\">\n"
    "<specVersion><major>1</major><minor>0</minor></specVersion>\n"
    "<device>\n"
    "<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1"
    "</deviceType>\n"
    "<friendlyName>RefDev Camera</friendlyName>\n"
    "<manufacturer>Assay Test Devices</manufacturer>\n"
    "<modelName>RD-100</modelName>\n"
    "<modelNumber>1.4.2</modelNumber>\n"
    "<serialNumber>RD100-00042-7731</serialNumber>\n"
    "<UDN>uuid:4d696e69-5550-6e50-0000-00000042abcd</UDN>\n"
    "<serviceList><service>\n"
    "<serviceType>urn:schemas-upnp-org:service:WANIPConnection:1"
    "</serviceType>\n"
    "<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>\n"
    "<controlURL>/ctl/IPConn</controlURL>\n"
    "<SCPDURL>/WANIPCn.xml</SCPDURL>\n"
    "</service></serviceList>\n"
    "</device></root>\n";

static unsigned mappings; /* AddPortMapping calls kept (never acted on) */

static void
http_soap(struct conn *c, const char *head)
{
    char body[1024];

    if (strcasestr(head, "GetExternalIPAddress") != NULL) {
        snprintf(body, sizeof(body),
            "<?xml version=\"1.0\"?><s:Envelope "
            "xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
            "<u:GetExternalIPAddressResponse xmlns:u=\"urn:schemas-upnp-org:"
            "service:WANIPConnection:1\"><NewExternalIPAddress>203.0.113.7"
            "</NewExternalIPAddress></u:GetExternalIPAddressResponse>"
            "</s:Body></s:Envelope>");
        http_reply(c, 200, "OK", NULL, "text/xml", body);
        return;
    }
    if (strcasestr(head, "AddPortMapping") != NULL) {
        mappings++;
        http_reply(c, 200, "OK", NULL, "text/xml",
            "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas."
            "xmlsoap.org/soap/envelope/\"><s:Body><u:AddPortMappingResponse "
            "xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:1\"/>"
            "</s:Body></s:Envelope>");
        return;
    }
    snprintf(body, sizeof(body),
        "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas."
        "xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:Client"
        "</faultcode><faultstring>UPnPError</faultstring><detail><UPnPError "
        "xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>%d"
        "</errorCode><errorDescription>%s</errorDescription></UPnPError>"
        "</detail></s:Fault></s:Body></s:Envelope>",
        mappings == 0 ? 713 : 714,
        mappings == 0 ? "SpecifiedArrayIndexInvalid" : "NoSuchEntryInArray");
    http_reply(c, 500, "Internal Server Error", NULL, "text/xml", body);
}

/* Base64 of "admin:" + password, for the Basic profile. */
static void
basic_token(char *out, size_t cap)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char plain[128];
    size_t n = (size_t)snprintf(plain, sizeof(plain), "admin:%s", password);
    size_t k = 0;

    for (size_t i = 0; i < n && k + 5 < cap; i += 3) {
        unsigned v = (unsigned char)plain[i] << 16;

        v |= i + 1 < n ? (unsigned char)plain[i + 1] << 8 : 0;
        v |= i + 2 < n ? (unsigned char)plain[i + 2] : 0;
        out[k++] = b64[(v >> 18) & 63];
        out[k++] = b64[(v >> 12) & 63];
        out[k++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
        out[k++] = i + 2 < n ? b64[v & 63] : '=';
    }
    out[k] = '\0';
}

/* basic: every page behind HTTP Basic (admin and --password); deny: a
 * 401 for everything, whatever the credentials. */
static void
http_basic(struct conn *c, const char *req)
{
    char tok[200], want[220];
    const char *auth = strcasestr(req, "\r\nAuthorization: Basic ");

    basic_token(tok, sizeof(tok));
    snprintf(want, sizeof(want), "%s\r\n", tok);
    if (profile == P_BASIC && auth != NULL &&
        strncmp(auth + 23, want, strlen(want)) == 0) {
        http_reply(c, 200, "OK", NULL, "text/html",
            "<html><body><h1>Router settings</h1></body></html>\n");
        return;
    }
    http_reply(c, 401, "Unauthorized",
        "WWW-Authenticate: Basic realm=\"RefDev\"\r\n", "text/html",
        "<html><body>401 Unauthorized</body></html>\n");
}

static void
serve_http(struct conn *c)
{
    char req[16384], method[8] = "", path[256] = "";
    const char *body = NULL;

    if (!read_request(c, req, sizeof(req), &body))
        return;
    if (sscanf(req, "%7s %255s", method, path) != 2)
        return;
    if (profile == P_CATCHALL) {
        http_login_page(c, "");
        return;
    }
    if (profile == P_BASIC || profile == P_DENY) {
        http_basic(c, req);
        return;
    }
    if (strcmp(path, "/") == 0 || strcmp(path, "/login") == 0) {
        if (strcmp(method, "POST") == 0 && strcmp(path, "/login") == 0)
            http_login(c, body);
        else
            http_login_page(c, "");
        return;
    }
    if (strcmp(path, "/admin") == 0) {
        if (has_session(req))
            http_reply(c, 200, "OK", NULL, "text/html",
                "<html><body><h1>Settings</h1></body></html>\n");
        else
            http_reply(
                c, 302, "Found", "Location: /login\r\n", "text/plain", "");
        return;
    }
    if (strcmp(path, "/api/config") == 0) {
        if (profile == P_SECURE && !has_session(req)) {
            http_reply(c, 401, "Unauthorized", NULL, "application/json",
                "{\"error\":\"login required\"}\n");
        } else if (strcmp(method, "POST") == 0) {
            http_reply(
                c, 200, "OK", NULL, "application/json", "{\"saved\":true}\n");
        } else {
            http_reply(c, 200, "OK", NULL, "application/json",
                "{\"wifi_ssid\":\"home\",\"wifi_psk\":\"secret123\","
                "\"admin_user\":\"admin\",\"cloud_token\":\"f00dfeed\"}\n");
        }
        return;
    }
    if (profile == P_INSECURE && strcmp(path, "/rootDesc.xml") == 0) {
        http_reply(c, 200, "OK", NULL, "text/xml", upnp_desc);
        return;
    }
    if (profile == P_INSECURE && strcmp(path, "/ctl/IPConn") == 0 &&
        strcmp(method, "POST") == 0) {
        http_soap(c, req);
        return;
    }
    http_reply(c, 404, "Not Found", NULL, "text/plain", "not found\n");
}

/* ---- telnet (insecure) -------------------------------------------------- */

static bool
tel_line(struct conn *c, char *out, size_t cap)
{
    size_t k = 0;

    for (;;) {
        unsigned char ch;

        if (c_read(c, &ch, 1) != 1)
            return false;
        if (ch == 255) { /* skip IAC x y */
            unsigned char skip[2];

            if (c_read(c, skip, 2) != 2)
                return false;
            continue;
        }
        if (ch == '\n') {
            out[k] = '\0';
            return true;
        }
        if (ch != '\r' && ch != 0 && k + 1 < cap)
            out[k++] = (char)ch;
    }
}

static void
serve_telnet(struct conn *c)
{
    static const unsigned char neg[] = {255, 251, 1, 255, 251, 3};
    char user[64], pass[64], line[256];

    c_write(c, neg, sizeof(neg));
    c_printf(c, "\r\nRefDev RD-100\r\nlogin: ");
    if (!tel_line(c, user, sizeof(user)))
        return;
    c_printf(c, "Password: ");
    if (!tel_line(c, pass, sizeof(pass)))
        return;
    if (strcmp(user, "admin") != 0 || strcmp(pass, "admin") != 0) {
        c_printf(c, "\r\nLogin incorrect\r\nlogin: ");
        return;
    }
    c_printf(c, "\r\n\r\nBusyBox v1.19.4 built-in shell (ash)\r\n# ");
    while (tel_line(c, line, sizeof(line))) {
        unsigned a, b;

        if (sscanf(line, "echo ASSAY$((%u+%u))", &a, &b) == 2)
            c_printf(c, "ASSAY%u\r\n# ", a + b);
        else if (strcmp(line, "exit") == 0)
            return;
        else
            c_printf(c, "sh: %s: not found\r\n# ", line);
    }
}

/* ---- MQTT (insecure) ---------------------------------------------------- */

static bool
mq_read(struct conn *c, unsigned char *type, unsigned char *body, size_t cap,
    size_t *len)
{
    unsigned char h;
    size_t rem = 0;
    unsigned shift = 0;

    if (c_read(c, &h, 1) != 1)
        return false;
    for (int i = 0; i < 4; i++) {
        unsigned char d;

        if (c_read(c, &d, 1) != 1)
            return false;
        rem |= (size_t)(d & 0x7f) << shift;
        shift += 7;
        if ((d & 0x80) == 0)
            break;
    }
    if (rem > cap)
        return false;
    for (size_t got = 0; got < rem;) {
        ssize_t n = c_read(c, body + got, rem - got);

        if (n <= 0)
            return false;
        got += (size_t)n;
    }
    *type = h;
    *len = rem;
    return true;
}

static void
mq_publish(struct conn *c, const char *topic, const char *payload)
{
    unsigned char pk[512];
    size_t tl = strlen(topic), pl = strlen(payload), n = 0;

    pk[n++] = 0x31; /* PUBLISH, retain */
    pk[n++] = (unsigned char)(2 + tl + pl);
    pk[n++] = 0;
    pk[n++] = (unsigned char)tl;
    memcpy(pk + n, topic, tl);
    n += tl;
    memcpy(pk + n, payload, pl);
    n += pl;
    c_write(c, pk, n);
}

static void
serve_mqtt(struct conn *c)
{
    unsigned char body[1024], type;
    size_t len;

    if (!mq_read(c, &type, body, sizeof(body), &len) || (type >> 4) != 1)
        return;
    c_write(c, (const unsigned char[]){0x20, 2, 0, 0}, 4);
    while (mq_read(c, &type, body, sizeof(body), &len)) {
        if ((type >> 4) == 8 && len >= 2) {
            unsigned char ack[5] = {0x90, 3, body[0], body[1], 0};

            c_write(c, ack, sizeof(ack));
            mq_publish(c, "home/camera/status", "online");
            mq_publish(c, "refdev/config", "{\"wifi_psk\":\"secret123\"}");
        } else if ((type >> 4) == 12) {
            c_write(c, (const unsigned char[]){0xd0, 0}, 2);
        } else if ((type >> 4) == 14) {
            return;
        }
    }
}

/* ---- SSDP (insecure) ---------------------------------------------------- */

static void
serve_ssdp(int fd)
{
    char buf[2048], reply[512];
    struct sockaddr_storage from;
    socklen_t fl = sizeof(from);
    ssize_t n =
        recvfrom(fd, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fl);
    int m;

    if (n <= 0)
        return;
    buf[n] = '\0';
    if (strncmp(buf, "M-SEARCH", 8) != 0)
        return;
    m = snprintf(reply, sizeof(reply),
        "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\n"
        "ST: upnp:rootdevice\r\nUSN: uuid:4d696e69-5550-6e50-0000-00000042abcd"
        "::upnp:rootdevice\r\nEXT:\r\nSERVER: Linux/2.6 UPnP/1.0 RefDev/1.4.2"
        "\r\nLOCATION: http://%s%s%s:%u/rootDesc.xml\r\n\r\n",
        family == AF_INET6 ? "[" : "", bind_addr, family == AF_INET6 ? "]" : "",
        http_port);
    sendto(fd, reply, (size_t)m, 0, (struct sockaddr *)&from, fl);
}

/* ---- mDNS (insecure): unicast answers on a kernel-picked port ---------- */

static size_t
dns_put_name(unsigned char *out, const char *name)
{
    size_t n = 0;

    while (*name != '\0') {
        const char *dot = strchr(name, '.');
        size_t l = dot != NULL ? (size_t)(dot - name) : strlen(name);

        out[n++] = (unsigned char)l;
        memcpy(out + n, name, l);
        n += l;
        name += l + (dot != NULL ? 1 : 0);
    }
    out[n++] = 0;
    return n;
}

static size_t
dns_put_rr(unsigned char *out, const char *name, unsigned type,
    const unsigned char *rdata, size_t rdlen)
{
    size_t n = dns_put_name(out, name);

    out[n++] = 0;
    out[n++] = (unsigned char)type;
    out[n++] = 0;
    out[n++] = 1;                       /* IN */
    memcpy(out + n, "\0\0\x11\x94", 4); /* TTL 4500 */
    n += 4;
    out[n++] = (unsigned char)(rdlen >> 8);
    out[n++] = (unsigned char)rdlen;
    memcpy(out + n, rdata, rdlen);
    return n + rdlen;
}

static void
serve_mdns(int fd)
{
    static const char txt[] = "model=RD-100 fw=1.4.2 serial=RD100-00042-7731";
    unsigned char buf[1500], reply[1024], rd[256];
    struct sockaddr_storage from;
    socklen_t fl = sizeof(from);
    ssize_t n =
        recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
    size_t m = 12, rl;

    if (n < 12 || (buf[2] & 0x80) != 0)
        return;
    memset(reply, 0, 12);
    reply[2] = 0x84; /* response, authoritative */
    reply[7] = 2;    /* two answers */
    rl = dns_put_name(rd, "_http._tcp.local");
    m += dns_put_rr(reply + m, "_services._dns-sd._udp.local", 12, rd, rl);
    rd[0] = (unsigned char)(sizeof(txt) - 1);
    memcpy(rd + 1, txt, sizeof(txt) - 1);
    m += dns_put_rr(
        reply + m, "RefDev-RD100._http._tcp.local", 16, rd, sizeof(txt));
    sendto(fd, reply, m, 0, (struct sockaddr *)&from, fl);
}

/* ---- main loop ----------------------------------------------------------- */

/* ---- RTSP (insecure) ---------------------------------------------------- */

static void
serve_rtsp(struct conn *c)
{
    char req[4096] = "", method[16] = "", url[256] = "";
    const char *cseq;
    unsigned seq = 0;
    static const char sdp[] = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\n"
                              "s=RefDev live\r\nt=0 0\r\n"
                              "m=video 0 RTP/AVP 96\r\n"
                              "a=rtpmap:96 H264/90000\r\n";

    if (!read_request(c, req, sizeof(req), NULL))
        return;
    if (sscanf(req, "%15s %255s", method, url) != 2)
        return;
    cseq = strcasestr(req, "\r\nCSeq:");
    if (cseq != NULL)
        seq = (unsigned)strtoul(cseq + 7, NULL, 10);
    if (strcmp(method, "OPTIONS") == 0) {
        c_printf(c,
            "RTSP/1.0 200 OK\r\nCSeq: %u\r\n"
            "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n",
            seq);
    } else if (strcmp(method, "DESCRIBE") == 0 &&
               strstr(url, "/live") != NULL) {
        c_printf(c,
            "RTSP/1.0 200 OK\r\nCSeq: %u\r\n"
            "Content-Type: application/sdp\r\nContent-Length: %zu"
            "\r\n\r\n%s",
            seq, strlen(sdp), sdp);
    } else {
        c_printf(c, "RTSP/1.0 404 Not Found\r\nCSeq: %u\r\n\r\n", seq);
    }
}

enum { L_HTTP, L_TELNET, L_MQTT, L_SSDP, L_RTSP, L_MDNS, L_COUNT };

int
main(int argc, char **argv)
{
    const char *ready = NULL, *cert = NULL, *key = NULL;
    struct pollfd pf[L_COUNT];
    uint16_t ports[L_COUNT] = {0};
    static const char *const names[L_COUNT] = {
        "http", "telnet", "mqtt", "ssdp", "rtsp", "mdns"};
    FILE *f;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
            i++;
            profile = strcmp(argv[i], "secure") == 0     ? P_SECURE
                      : strcmp(argv[i], "catchall") == 0 ? P_CATCHALL
                      : strcmp(argv[i], "basic") == 0    ? P_BASIC
                      : strcmp(argv[i], "deny") == 0     ? P_DENY
                                                         : P_INSECURE;
        } else if (strcmp(argv[i], "--ready") == 0 && i + 1 < argc) {
            ready = argv[++i];
        } else if (strcmp(argv[i], "--bind") == 0 && i + 1 < argc) {
            bind_addr = argv[++i];
            family = strchr(bind_addr, ':') != NULL ? AF_INET6 : AF_INET;
        } else if (strcmp(argv[i], "--std-ports") == 0) {
            std_ports = true;
        } else if (strcmp(argv[i], "--password") == 0 && i + 1 < argc) {
            password = argv[++i];
        } else if (strcmp(argv[i], "--tls-cert") == 0 && i + 1 < argc) {
            cert = argv[++i];
        } else if (strcmp(argv[i], "--tls-key") == 0 && i + 1 < argc) {
            key = argv[++i];
        } else {
            fprintf(stderr, "refdev: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    if (ready == NULL ||
        (strcmp(bind_addr, "127.0.0.1") != 0 && strcmp(bind_addr, "::1") != 0 &&
            getenv("REFDEV_ANY_ADDR") == NULL)) {
        fprintf(stderr, "refdev: --ready FILE required; loopback only\n");
        return 2;
    }
    if (cert != NULL && key != NULL) {
        tls_ctx = SSL_CTX_new(TLS_server_method());
        if (tls_ctx == NULL ||
            !SSL_CTX_set_min_proto_version(tls_ctx, TLS1_2_VERSION) ||
            !SSL_CTX_set_cipher_list(tls_ctx, "ECDHE+AESGCM:ECDHE+CHACHA20") ||
            SSL_CTX_use_certificate_chain_file(tls_ctx, cert) != 1 ||
            SSL_CTX_use_PrivateKey_file(tls_ctx, key, SSL_FILETYPE_PEM) != 1) {
            fprintf(stderr, "refdev: cannot load the TLS certificate\n");
            return 1;
        }
    }
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);
    signal(SIGPIPE, SIG_IGN);
    for (int i = 0; i < L_COUNT; i++) {
        static const uint16_t std[L_COUNT] = {80, 23, 1883, 1900, 554, 5353};
        bool want = i == L_HTTP || profile == P_INSECURE;

        ports[i] = std_ports ? std[i] : 0;
        if (std_ports && i == L_HTTP && tls_ctx != NULL)
            ports[i] = 443;
        pf[i].fd = -1;
        pf[i].events = POLLIN;
        if (!want)
            continue;
        pf[i].fd = listen_on(
            i == L_SSDP || i == L_MDNS ? SOCK_DGRAM : SOCK_STREAM, &ports[i]);
        if (pf[i].fd < 0) {
            fprintf(stderr, "refdev: cannot listen: %s\n", strerror(errno));
            return 1;
        }
    }
    http_port = ports[L_HTTP];
    f = fopen(ready, "w");
    if (f == NULL)
        return 1;
    for (int i = 0; i < L_COUNT; i++)
        if (pf[i].fd >= 0)
            fprintf(f, "%s=%u\n", names[i], ports[i]);
    fprintf(f, "pid=%d\n", (int)getpid());
    fclose(f);

    while (!stop) {
        if (poll(pf, L_COUNT, 500) <= 0)
            continue;
        for (int i = 0; i < L_COUNT; i++) {
            struct conn c = {-1, NULL};
            struct timeval tv = {3, 0};

            if (pf[i].fd < 0 || (pf[i].revents & POLLIN) == 0)
                continue;
            if (i == L_SSDP) {
                serve_ssdp(pf[i].fd);
                continue;
            }
            if (i == L_MDNS) {
                serve_mdns(pf[i].fd);
                continue;
            }
            c.fd = accept(pf[i].fd, NULL, NULL);
            if (c.fd < 0)
                continue;
            setsockopt(c.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
            setsockopt(c.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
            if (i == L_HTTP && tls_ctx != NULL) {
                c.ssl = SSL_new(tls_ctx);
                SSL_set_fd(c.ssl, c.fd);
                if (SSL_accept(c.ssl) != 1) {
                    SSL_free(c.ssl);
                    close(c.fd);
                    ERR_clear_error();
                    continue;
                }
            }
            if (i == L_HTTP)
                serve_http(&c);
            else if (i == L_TELNET)
                serve_telnet(&c);
            else if (i == L_RTSP)
                serve_rtsp(&c);
            else
                serve_mqtt(&c);
            if (c.ssl != NULL) {
                SSL_shutdown(c.ssl);
                SSL_free(c.ssl);
            }
            close(c.fd);
        }
    }
    SSL_CTX_free(tls_ctx);
    return 0;
}
