#!/bin/bash
# http-8080.pcap (copied to data/handshake.pcap for the README demo): one
# connection 10.0.0.1.40012 -> 10.0.0.2.8080, handshake, a short HTTP/1.1 GET
# and its response, server closes first (Connection: close), client closes,
# clean FIN/ACK exchange.  Offload off.  (tcpdump decodes port 8080 as HTTP and
# with -v prints the request/status line.)
. "$(dirname "$0")/lib.sh"
DATADIR=${DATADIR:-$(cd "$MAKEDIR/../../../data" && pwd)}
two_ns off
RESP='HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\nConnection: close\r\n\r\nHello, world\n'
REQ='GET / HTTP/1.1\r\nHost: 10.0.0.2:8080\r\nUser-Agent: tcplens-demo\r\nAccept: */*\r\n\r\n'
bg ip netns exec tlc-srv $APP server $S4 8080 recv "send:$RESP" close
wait_listen tlc-srv 8080
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli $APP client --bind $C4:40012 $S4 8080 "send:$REQ" recv-eof close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/http-8080.pcap" tcp
cp "$OUTDIR/http-8080.pcap" "$DATADIR/handshake.pcap"
