/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Start-up file parsers: what busybox inittab, rc scripts (with
 * start-stop-daemon, procd and tcpsvd), systemd units, inetd, xinetd
 * and crontabs start, and the argument lookup the service checks use.
 */
#include "check/check_private.h"
#include "check/initsvc.h"
#include "check_fixture.h"

static const struct svc_cmd *
find(const struct svc_cmd *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    }
    return NULL;
}

static void
test_inittab(void **state)
{
    struct svc_cmd *v;
    size_t n;
    const struct svc_cmd *c;

    (void)state;
    assert_int_equal(svc_parse(assay_session_arena(sess), SVC_INITTAB,
                         BYTES("::sysinit:/etc/init.d/rcS\n"
                               "# ttyS1::respawn:/bin/sh\n"
                               "ttyS0::askfirst:-/bin/sh\n"
                               "::respawn:/sbin/getty -L ttyS0 115200 vt100\n"
                               "broken\n"),
                         &v, &n),
        ASSAY_OK);
    assert_int_equal(n, 3);
    assert_string_equal(v[0].name, "rcS");
    assert_string_equal(v[0].action, "sysinit");
    c = find(v, n, "sh");
    assert_non_null(c);
    assert_string_equal(c->tty, "ttyS0");
    assert_string_equal(c->action, "askfirst");
    assert_int_equal(c->line, 3);
    c = find(v, n, "getty");
    assert_string_equal(c->args, "-L ttyS0 115200 vt100");
}

static void
test_script(void **state)
{
    static const char rc[] =
        "#!/bin/sh\n"
        "mount -a\n"
        "# telnetd -l /bin/sh\n"
        "[ -x /usr/sbin/telnetd ] && /usr/sbin/telnetd -p 23 -l /bin/sh &\n"
        "LD_LIBRARY_PATH=/lib nohup /bin/miniweb 8080 > /dev/null 2>&1 &\n"
        "start-stop-daemon -S -b -x /usr/sbin/vsftpd -- /etc/vsftpd.conf\n"
        "tcpsvd -vE 0.0.0.0 21 ftpd -w /\n"
        "cat <<EOF > /tmp/x\n"
        "dropbear -r key\n"
        "EOF\n"
        "\tprocd_set_param command /usr/sbin/dropbear -F -P /var/run/d.pid\n"
        "if /sbin/adbd; then echo; fi\n";
    struct svc_cmd *v;
    size_t n;
    const struct svc_cmd *c;
    char val[64];

    (void)state;
    assert_int_equal(
        svc_parse(assay_session_arena(sess), SVC_SCRIPT, BYTES(rc), &v, &n),
        ASSAY_OK);
    c = find(v, n, "telnetd");
    assert_non_null(c);
    assert_int_equal(c->line, 4);
    assert_true(svc_arg(c->args, "-l", val, sizeof(val)));
    assert_string_equal(val, "/bin/sh");
    assert_true(svc_arg(c->args, "-p", val, sizeof(val)));
    assert_string_equal(val, "23");
    assert_false(svc_arg(c->args, "-F", NULL, 0));
    c = find(v, n, "miniweb");
    assert_non_null(c);
    assert_string_equal(c->program, "/bin/miniweb");
    c = find(v, n, "vsftpd");
    assert_non_null(c);
    assert_string_equal(c->program, "/usr/sbin/vsftpd");
    assert_non_null(find(v, n, "tcpsvd"));
    /* the here-document body is data */
    c = find(v, n, "dropbear");
    assert_non_null(c);
    assert_int_equal(c->line, 11);
    assert_true(svc_arg(c->args, "-F", NULL, 0));
    assert_non_null(find(v, n, "adbd"));
    assert_non_null(find(v, n, "mount"));
}

static void
test_tables(void **state)
{
    struct assay_arena *a = assay_session_arena(sess);
    struct svc_cmd *v;
    size_t n;

    (void)state;
    assert_int_equal(
        svc_parse(a, SVC_INETD,
            BYTES("telnet stream tcp nowait root /usr/sbin/telnetd telnetd -h\n"
                  "echo stream tcp nowait root internal\n"),
            &v, &n),
        ASSAY_OK);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].name, "telnetd");
    assert_string_equal(v[0].action, "telnet");
    assert_string_equal(v[0].user, "root");

    assert_int_equal(
        svc_parse(a, SVC_XINETD,
            BYTES("service tftp\n{\n\tserver = /usr/sbin/in.tftpd\n"
                  "\tserver_args = -s /srv\n\tdisable = yes\n}\n"),
            &v, &n),
        ASSAY_OK);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].name, "in.tftpd");
    assert_true(v[0].disabled);

    assert_int_equal(
        svc_parse(a, SVC_SYSTEMD,
            BYTES("[Unit]\nDescription=x\n[Service]\nUser=www\n"
                  "ExecStart=-/usr/sbin/lighttpd -D -f /etc/l.conf\n"),
            &v, &n),
        ASSAY_OK);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].name, "lighttpd");
    assert_string_equal(v[0].user, "www");

    assert_int_equal(svc_parse(a, SVC_CRONTAB,
                         BYTES("MAILTO=root\n*/5 * * * * /usr/bin/check.sh -q\n"
                               "@reboot /sbin/adbd\n"),
                         &v, &n),
        ASSAY_OK);
    assert_int_equal(n, 2);
    assert_string_equal(v[0].name, "check.sh");
    assert_string_equal(v[1].name, "adbd");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inittab),
        cmocka_unit_test(test_script),
        cmocka_unit_test(test_tables),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
