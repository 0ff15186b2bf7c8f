#!/bin/bash
# handshake-data-4way.pcap: handshake, two request/response exchanges, then a
# four-way close: client FIN, server's (delayed) bare ACK, server FIN 1 s later,
# client ACK.  Offload off (correct checksums).  Captured on the client veth.
. "$(dirname "$0")/lib.sh"
two_ns off
bg ip netns exec tlc-srv $APP server $S4 5001 recv 'send:hello from server\n' recv 'send:got your second message\n' recv-eof sleep:1 close
wait_listen tlc-srv 5001
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli $APP client --bind $C4:40001 $S4 5001 'send:hello from client\n' recv 'send:second message from the client\n' recv shutdown recv-eof close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/handshake-data-4way.pcap" tcp
