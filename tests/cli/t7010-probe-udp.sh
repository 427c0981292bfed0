#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# UDP discovery beyond SNMP and SSDP: tftpd-hpa (TFTP answers from a new
# port), coap-server (resource discovery) and the reference device's mDNS
# answers; look-alikes (an SSDP port, a closed port) give none of these.
. "$ASSAY_SRC/tests/cli/probe-lib.sh"

start_refdev rd --profile insecure
closed=$(free_port udp)
ports="U:$rd_mdns,U:$rd_ssdp,U:$closed"
tftp=""
coap=""
if command -v in.tftpd >/dev/null; then
    tftp=$(free_port udp)
    mkdir -p "$T/tftp"
    chmod 0755 "$T" "$T/tftp"
    start_bg in.tftpd -L -u root -s "$T/tftp" -a "127.0.0.1:$tftp"
    ports="$ports,U:$tftp"
fi
COAP=$(command -v coap-server-notls || command -v coap-server || true)
if [ -n "$COAP" ]; then
    coap=$(free_port udp)
    start_bg "$COAP" -A 127.0.0.1 -p "$coap"
    ports="$ports,U:$coap"
fi
sleep 0.5
probe "$T/r.json" 127.0.0.1 --ports "$ports" --no-default-creds
has NET-INFO-004 "udp/$rd_mdns mdns" 5.6-2 "serial=RD100-00042-7731"
hasnt NET-INFO-004 "udp/$rd_ssdp"
hasnt NET-SVC-001 "udp/$closed"
if [ -n "$tftp" ]; then
    has NET-AUTH-009 "udp/$tftp tftp" 5.5-4 "ERROR 1"
else
    echo "note: tftpd-hpa not installed"
fi
if [ -n "$coap" ]; then
    has NET-INFO-003 "udp/$coap coap" 5.6-2 "</time>"
else
    echo "note: libcoap3-bin not installed"
fi
hasnt NET-AUTH-009 "udp/$rd_mdns"
hasnt NET-INFO-003 "udp/$rd_ssdp"
echo ok
