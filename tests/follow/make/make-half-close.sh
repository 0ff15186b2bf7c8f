#!/bin/bash
# half-close.pcap: 10.0.0.1.41002 -> 10.0.0.2.5001.  The client sends a 44-byte
# request and then shutdown(SHUT_WR): its FIN is the first FIN of the
# connection.  The server reads to EOF, then writes 7700 bytes of text in four
# separate sendall() calls (1500, 3000, 700, 2500 bytes, 50 ms apart) and
# closes.  So all server data follows the client's FIN.  Offload off.
# Captured on the client's veth-c.
. "$(dirname "$0")/common.sh"
. "$CAPLIB"
APP=$FAPP
two_ns off
sha_begin
bg ip netns exec tlc-srv $APP server $S4 5001 recv-eof \
    sendtext:R1:1500 sleep:0.05 sendtext:R2:3000 sleep:0.05 sendtext:R3:700 sleep:0.05 sendtext:R4:2500 close
wait_listen tlc-srv 5001
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli $APP client --bind $C4:41002 $S4 5001 'send:REQUEST half-close: send the report, please\n' \
    shutdown recv-eof close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/half-close.pcap" tcp
sha_finish half-close
