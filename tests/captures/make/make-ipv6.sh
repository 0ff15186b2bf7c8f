#!/bin/bash
# ipv6.pcap: full TCP/IPv6 connection fd00::1.40005 -> fd00::2.5001: handshake,
# data both ways, client FIN, server FIN+ACK, client ACK.  Addresses added with
# nodad, static neighbour entries (no ND on the wire).  Offload off.
. "$(dirname "$0")/lib.sh"
two_ns off v6
bg ip netns exec tlc-srv $APP server $S6 5001 recv 'send:hello over IPv6 from the server\n' recv-eof close
wait_listen tlc-srv 5001
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli $APP client --bind "[$C6]:40005" $S6 5001 'send:hello over IPv6 from the client\n' recv shutdown recv-eof close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/ipv6.pcap" "ip6 and tcp"
