#!/bin/bash
# close-3way.pcap: handshake, one exchange, three-way close: client FIN, server
# closes as soon as it reads EOF so its FIN also carries the ACK of the client
# FIN (F.), client ACK.  Checksum offload LEFT ON on the veths: TCP checksums
# in the capture are not filled in (tcpdump -v reports "incorrect").
. "$(dirname "$0")/lib.sh"
two_ns on
bg ip netns exec tlc-srv $APP server $S4 5001 recv 'send:pong\n' recv-eof close
wait_listen tlc-srv 5001
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli $APP client --bind $C4:40002 $S4 5001 'send:ping\n' recv shutdown recv-eof close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/close-3way.pcap" tcp
