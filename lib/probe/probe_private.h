/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The probe plug-in contract and the deadline-aware network layer.
 *
 * How probing works: assay_probe_run() resolves the host once, scans the
 * requested ports (scan.c: non-blocking connects under epoll, bounded in
 * flight and paced), then identifies every open port by what it says or
 * answers (a greeting, a TLS handshake, an HTTP, MQTT or RTSP reply; UDP
 * ports by SNMP, SSDP, mDNS, TFTP and CoAP requests and a DTLS
 * ClientHello), never by the port number alone. Each probe plug-in then sees
 * every service its applies() accepts and reports through probe_report(). A
 * probe returns a non-OK status only when it could not evaluate at all; the
 * runner records that as a diagnostic and goes on.
 *
 * Every network wait ends at a deadline: probe_deadline() gives the
 * earlier of "now + read_ms" and the end of the current probe's budget
 * (probe_ms). Everything read from a device is capped (PROBE_READ_CAP).
 *
 * Adding a new probe:
 *   1. `const struct assay_probe pr_<id>` in lib/probe/pr_<id>.c, with
 *      PROBE_INTRUSIVE in flags if it may lock accounts or change state;
 *   2. one ASSAY_PROBE(<id>) line in probes.def;
 *   3. the file in lib/probe/sources.cmake;
 *   4. a fuzz target fuzz/fuzz_probe_<id>.c for every parser of device
 *      answers it adds, and a test against tests/server/ or a Debian
 *      server started on loopback with a positive and a negative case.
 */
#ifndef ASSAY_PROBE_PRIVATE_H
#define ASSAY_PROBE_PRIVATE_H

#ifndef ASSAY_BUILDING_LIB
#error "internal header: include <assay/assay.h> instead"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/socket.h>

#include "assay/ics.h"
#include "assay/probe.h"
#include "assay/report.h"

#include "../core/core_private.h"

/* Most bytes kept from one device answer. */
#define PROBE_READ_CAP (256u * 1024u)
/* Most bytes of a greeting kept for identification and evidence. */
#define PROBE_BANNER_MAX 512
/* Most bytes of request or answer quoted in one evidence string. */
#define PROBE_EVIDENCE_MAX 600
/* Most services one run keeps (open TCP ports plus answering UDP ports). */
#define PROBE_MAX_SERVICES 1024

enum probe_flags {
    PROBE_INTRUSIVE = 1u << 0 /* needs --intrusive */
};

/* What a service was identified as. */
enum probe_proto {
    PROTO_UNKNOWN = 0,
    PROTO_TELNET,
    PROTO_SSH,
    PROTO_HTTP,
    PROTO_FTP,
    PROTO_MQTT,
    PROTO_RTSP,
    PROTO_SMTP,
    PROTO_SNMP,
    PROTO_SSDP,
    PROTO_MDNS,
    PROTO_TFTP,
    PROTO_COAP,
    PROTO_COUNT
};

struct probe_service {
    uint16_t port;                        /* 1..65535 */
    enum assay_probe_transport transport; /* TCP or UDP */
    enum probe_proto proto;               /* application protocol */
    bool tls;                             /* TLS (TCP) or DTLS (UDP) wraps
                                             the protocol */
    char banner[PROBE_BANNER_MAX];        /* greeting or first answer,
                                             NUL-terminated, may hold
                                             control bytes */
    size_t banner_len;                    /* bytes used in banner */
    char label[32];                       /* "tcp/8080", for messages */
    bool login_seen;                      /* a login surface was found */
};

struct probe_ctx {
    struct assay_session *s;              /* owner of report and arena */
    struct assay_arena *arena;            /* the session arena */
    const struct assay_limits *lim;       /* deadlines */
    const struct assay_probe_opts *o;     /* caller options */
    const char *host;                     /* as the user gave it */
    char addr_text[64];                   /* numeric address */
    char url_host[72];                    /* addr_text, IPv6 in brackets */
    struct sockaddr_storage addr;         /* resolved once */
    socklen_t addr_len;                   /* bytes used in addr */
    unsigned concurrency;                 /* scan sockets in flight */
    uint64_t gap_us;                      /* pacing between connects */
    uint64_t last_connect_us;             /* monotonic, last paced connect */
    uint64_t probe_end_ms;                /* monotonic end of current probe,
                                             0 = none */
    uint64_t rand_state;                  /* xorshift state for tokens */
    const struct assay_probe_cred *creds; /* pairs to try, NULL = none */
    size_t cred_count;                    /* entries in creds */
    struct probe_service *svc;            /* arena array */
    size_t svc_count;                     /* used entries of svc */
    const char *running;                  /* name of the running probe */
};

struct assay_probe {
    const char *name;    /* stable, e.g. "telnet" */
    const char *summary; /* one line for `assay list probes` */
    /* Provisions whose automated test units this probe carries out,
     * NULL-terminated: recorded as coverage when it runs, so the verdict
     * engine can tell "tested and found nothing" from "not tested". */
    const char *const *provisions;
    unsigned flags; /* enum probe_flags */
    /* Should run() see this service? Cheap, no I/O. */
    bool (*applies)(const struct probe_service *svc);
    enum assay_status (*run)(struct probe_ctx *c, struct probe_service *svc);
};

/* ---- runner services (probe.c) ---------------------------------------- */

/*
 * Record a finding for 'svc' (may be NULL for host-wide findings). In 'f'
 * only check, title, severity and evidence are required; provisions are
 * passed NULL-terminated. source, path ("tcp/8080 http") and container
 * (the host) are filled in. Returns what assay_report_add_finding()
 * returns.
 */
enum assay_status probe_report(struct probe_ctx *c,
    const struct probe_service *svc, const char *check, enum assay_severity sev,
    enum assay_confidence conf, const char *const *provisions,
    const char *title, const char *evidence, const char *remediation);

/*
 * One login attempt for probe_default_creds(): 1 when 'user'/'pass' was
 * accepted (then 'proof' says what showed it, e.g. "gave a shell: ..."),
 * 0 when refused, -1 when the service could not tell.
 */
typedef int (*probe_login_fn)(struct probe_ctx *c,
    const struct probe_service *svc, const char *user, const char *pass,
    void *arg, char *proof, size_t cap);

/*
 * The default-credential test every login surface shares (5.1-1, 5.1-2):
 * a random pair first (a service that does not refuse it says nothing
 * about defaults: a note, and no finding), then each pair of the list
 * within the probe's budget; the first accepted pair is reported as
 * NET-CRED-001 naming 'what' ("telnet", "HTML form at '/'").
 */
void probe_default_creds(struct probe_ctx *c, struct probe_service *svc,
    const char *what, probe_login_fn fn, void *arg);

/* Diagnostic from the running probe about 'svc' (may be NULL). */
void probe_diag(struct probe_ctx *c, const struct probe_service *svc,
    enum assay_diag_level level, const char *fmt, ...) ASSAY_PRINTF(4, 5);

/* Monotonic clock. */
uint64_t probe_now_ms(void);
uint64_t probe_now_us(void);
/* min(now + ms, end of the running probe's budget). */
uint64_t probe_deadline(const struct probe_ctx *c, uint32_t ms);
/* Has the running probe's budget run out? */
bool probe_budget_over(const struct probe_ctx *c);
/* 'len' random lower-case letters and digits + NUL into out. */
void probe_token(struct probe_ctx *c, char *out, size_t len);
/* Name of a protocol ("http"); static storage. */
const char *probe_proto_name(enum probe_proto p);
/* Name of what 'svc' speaks: "http", "https", "tls" (TLS around an
 * unknown protocol), "dtls" (likewise on UDP), "coaps"; static storage
 * or svc's own. */
const char *probe_svc_name(
    const struct probe_service *svc, char *buf, size_t cap);
/* Quote up to PROBE_EVIDENCE_MAX bytes of 'p' printable ("\r\n" kept as
 * "\\r\\n", other control bytes as "\\xNN") into the arena; NULL on OOM. */
char *probe_quote(struct probe_ctx *c, const void *p, size_t len);
/* Progress callback, if any. */
void probe_progress(
    struct probe_ctx *c, const char *phase, uint64_t done, uint64_t total);

/* ---- scan and identification (scan.c) --------------------------------- */

/* Scan the ports of c->o (or the defaults) and fill c->svc. */
enum assay_status probe_scan(struct probe_ctx *c);
/* Identify every service in c->svc. */
void probe_identify(struct probe_ctx *c);

/* ---- network (net.c) -------------------------------------------------- */

/*
 * Connect to the target on 'port' (TCP when 'udp' is false), waiting at
 * most connect_ms; paced by c->gap_us. On success *fd is a non-blocking
 * socket the caller closes. Returns ASSAY_OK, ASSAY_E_REFUSED,
 * ASSAY_E_TIMEOUT or ASSAY_E_NETWORK.
 */
enum assay_status net_connect(
    struct probe_ctx *c, uint16_t port, bool udp, int *fd);
/* Sleep as needed so new connections keep to the configured rate. */
void net_pace(struct probe_ctx *c);
/* Send all of p before 'deadline_ms'. ASSAY_OK, _TIMEOUT or _NETWORK. */
enum assay_status net_send(
    int fd, const void *p, size_t len, uint64_t deadline_ms);
/*
 * Append what arrives to 'b' (capped by its own cap and by 'max' more
 * bytes) until 'done' says enough (NULL: after the first chunk), the
 * peer closes, or 'deadline_ms'. Returns ASSAY_OK when something arrived or
 * done() said yes, ASSAY_E_TIMEOUT when nothing did, ASSAY_E_NETWORK on error.
 */
enum assay_status net_recv(int fd, struct assay_buf *b, size_t max,
    uint64_t deadline_ms, bool (*done)(const struct assay_buf *b, void *arg),
    void *arg);
/* Wait for 'events' (POLLIN/POLLOUT) until 'deadline_ms': true if ready. */
bool net_wait(int fd, short events, uint64_t deadline_ms);
/*
 * UDP request/answer: send 'req' to 'port' and keep the first datagram
 * answered within min(read_ms, 1.5 s) (at most 'cap' bytes) in 'out'.
 * With 'any_port' the answer may come from any port of the target (TFTP)
 * and port unreachable is not seen. ASSAY_OK, ASSAY_E_TIMEOUT,
 * ASSAY_E_REFUSED (ICMP port unreachable) or ASSAY_E_NETWORK.
 */
enum assay_status net_udp_ask(struct probe_ctx *c, uint16_t port,
    const void *req, size_t req_len, uint8_t *out, size_t cap, size_t *len,
    bool any_port);

/* ---- helpers the scan borrows from probes ------------------------------ */

/* Does a TLS handshake complete on 'port' within the deadline? (pr_tls.c) */
bool tls_handshake_ok(struct probe_ctx *c, uint16_t port);
/*
 * A DTLS ClientHello as OpenSSL's DTLS client sends it (DTLS 1.0 to 1.2,
 * every suite), one datagram of at most 1200 bytes, written to 'out';
 * 0 when 'cap' is too small or OpenSSL failed. (pr_tls.c)
 */
size_t dtls_hello_build(uint8_t *out, size_t cap);
/* Status of GET / over HTTPS on 'port', -1 when none. (pr_http.c) */
long http_tls_status(struct probe_ctx *c, uint16_t port);
/*
 * MQTT 3.1.1 CONNECT with clean session, keep-alive 30 s, and the given
 * client id and optional user name and password; bytes written to 'out',
 * 0 when 'cap' is too small. (pr_mqtt.c)
 */
size_t mqtt_connect_build(uint8_t *out, size_t cap, const char *client_id,
    const char *user, const char *password);

/* ---- HTTP (pr_http.c), shared with pr_throttle.c ----------------------- */

enum http_login_kind {
    HTTP_LOGIN_NONE = 0,
    HTTP_LOGIN_BASIC,
    HTTP_LOGIN_DIGEST,
    HTTP_LOGIN_FORM
};

/* A login form found in a page. */
struct http_form {
    char action[256];    /* where it posts, as written ("" = same page) */
    char user_field[64]; /* name of the text input before the password */
    char pass_field[64]; /* name of the password input */
    bool post;           /* method="post" */
};

struct http_login {
    enum http_login_kind kind; /* how the device asks for credentials */
    char path[256];            /* page that asks */
    struct http_form form;     /* HTTP_LOGIN_FORM only */
};

struct http_resp {
    long status;           /* HTTP status, 0 when no answer */
    struct assay_buf head; /* last header block, capped */
    struct assay_buf body; /* body, capped (truncated bodies are kept) */
};

void http_resp_init(struct http_resp *r);
void http_resp_release(struct http_resp *r);
/*
 * One request to the service: 'method' "GET" or "POST", 'path' from
 * the root, 'body' (may be NULL) with 'ctype'. With 'login' of kind
 * BASIC or DIGEST the credentials go in that scheme; with FORM they are
 * posted as the form's fields (method, path and body are then ignored).
 * Returns ASSAY_OK when an answer came (r->status set), ASSAY_E_TIMEOUT
 * or ASSAY_E_NETWORK.
 */
enum assay_status http_do(struct probe_ctx *c, const struct probe_service *svc,
    const char *method, const char *path, const char *ctype, const char *body,
    const struct http_login *login, const char *user, const char *password,
    struct http_resp *r);
/* Same with one extra request header line ("SOAPAction: ..."). */
enum assay_status http_do_hdr(struct probe_ctx *c,
    const struct probe_service *svc, const char *method, const char *path,
    const char *ctype, const char *extra, const char *body,
    struct http_resp *r);
/* Find the first login surface; false when none answered. */
bool http_login_find(struct probe_ctx *c, const struct probe_service *svc,
    struct http_login *out);
/* Did 'r' accept the login, given two answers to random credentials? */
bool http_login_accepted(const struct http_login *l, const struct http_resp *r,
    const struct http_resp *base1, const struct http_resp *base2);
/* First form with a password input in 'html'; false when none. */
bool http_form_parse(const char *html, size_t len, struct http_form *out);

/* ---- response parsers (fuzzed: fuzz/fuzz_probe_<proto>.c) ------------- */

/*
 * Telnet: split 'in' into text (appended to 'text', NULs dropped) and
 * option commands; for every DO/WILL an answer refusing it (WONT/DONT) is
 * appended to 'reply'. Handles IAC IAC and subnegotiation. Returns the
 * bytes consumed: a command cut at the end is left for the next call.
 */
size_t telnet_parse(const uint8_t *in, size_t len, struct assay_buf *text,
    struct assay_buf *reply);

/* MQTT: one control packet at the start of 'p'. */
struct mqtt_packet {
    uint8_t type;        /* 1..15 (high nibble of the first byte) */
    uint8_t flags;       /* low nibble */
    const uint8_t *body; /* points into the input */
    size_t body_len;     /* remaining length */
    size_t total;        /* header + body bytes */
};
/* 1 = a whole packet, 0 = need more bytes, -1 = malformed. */
int mqtt_packet_parse(const uint8_t *p, size_t len, struct mqtt_packet *out);
/* PUBLISH: topic (borrowed, not NUL-terminated) and payload. */
bool mqtt_publish_parse(const struct mqtt_packet *pk, const uint8_t **topic,
    size_t *topic_len, const uint8_t **payload, size_t *payload_len);

/* SSH: the name-lists of a server KEXINIT packet, NUL-terminated. */
struct ssh_kexinit {
    char kex[1024];    /* key exchange methods */
    char hostkey[512]; /* host key algorithms */
    char cipher[1024]; /* server-to-client ciphers */
    char mac[1024];    /* server-to-client MACs */
};
/*
 * Parse the server's data after its identification line: 'p' starts at
 * the first binary packet. false when it is not a well-formed KEXINIT.
 */
bool ssh_kexinit_parse(const uint8_t *p, size_t len, struct ssh_kexinit *out);

/*
 * FTP: the code of the complete reply at the start of 'p' (single line
 * "230 ok" or multi-line "230-..." up to "230 ..."), 0 when more bytes
 * are needed, -1 when it is not an FTP reply. *used gets its length.
 */
int ftp_reply_parse(const char *p, size_t len, size_t *used);

/* CoAP message id of our requests. */
#define COAP_MID 0x4153u
/* CoAP: a confirmable GET /.well-known/core (message id COAP_MID) into
 * out; its length, 0 when cap is too small. */
size_t coap_request(uint8_t *out, size_t cap);
/*
 * CoAP: code ("2.05" = 0x45) and payload of a message for message id
 * 'mid'. false when it is not such a message (options are walked with
 * their deltas and lengths, every one bounded).
 */
bool coap_response_parse(const uint8_t *p, size_t len, uint16_t mid,
    uint8_t *code, const uint8_t **payload, size_t *payload_len);

/*
 * mDNS/DNS answer: the owner and target names of its answer records,
 * written "name -> target" separated by ", " into out (NUL-terminated,
 * truncated). Compression pointers are followed at most 16 deep and only
 * backwards. Returns the number of answers read, -1 when malformed.
 */
int mdns_answer_names(const uint8_t *p, size_t len, char *out, size_t cap);

/* SNMP: a v1/v2c Response to request 'id'; value as printable text. */
struct snmp_answer {
    int64_t request_id;   /* as echoed */
    int64_t error_status; /* 0 = noError */
    char community[64];   /* echoed, NUL-terminated, truncated */
    char value[256];      /* first varbind value, printable */
};
bool snmp_response_parse(const uint8_t *p, size_t len, struct snmp_answer *out);
/* Build a v2c GetRequest for 'oid' (dotted text) into out. */
size_t snmp_get_build(uint8_t *out, size_t cap, const char *community,
    int32_t request_id, const char *oid);

/*
 * HTTP-style headers (HTTP, RTSP, SSDP): the value of header 'name' in a
 * header block, copied NUL-terminated into 'out'. false when absent.
 */
bool http_header_get(
    const char *head, size_t len, const char *name, char *out, size_t cap);
/* Status code of "HTTP/1.1 200 OK" / "RTSP/1.0 401 ..."; -1 if none. */
int http_status_parse(const char *head, size_t len, const char *proto);

/* Text between <tag> and </tag> (first match) in 'xml', unescaped of
 * nothing; copied NUL-terminated into 'out'. false when absent. */
bool xml_tag_text(
    const char *xml, size_t len, const char *tag, char *out, size_t cap);

/*
 * DTLS: the first message of a server's answer to a ClientHello,
 * "HelloVerifyRequest" or "ServerHello" (a DTLS 1.0 or 1.2 handshake
 * record of epoch 0 that holds the message's first fragment), NULL for
 * anything else. Static storage. (pr_tls.c)
 */
const char *dtls_answer_kind(const uint8_t *p, size_t len);

/* Does 's' (len bytes) contain 'needle', ignoring ASCII case? */
bool probe_memcasemem(const char *s, size_t len, const char *needle);

#endif /* ASSAY_PROBE_PRIVATE_H */
