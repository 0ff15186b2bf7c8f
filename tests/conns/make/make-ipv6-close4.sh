#!/bin/bash
# ipv6-close4.pcap: fd00::1.41014 -> fd00::2.5014 over IPv6: handshake,
# request/response, four-way close started by the client (server ACKs the FIN
# alone and closes ~1 s later).  Addresses added with nodad, static neighbour
# entries; MLD packets the kernel sends are filtered out ("ip6 and tcp").
. "$(dirname "$0")/lib.sh"
two_ns v6
bg ip netns exec $NSS $APP server $S6 5014 recv sleep:0.05 'send:response over IPv6\n' \
    recv-eof sleep:0.3 snap:client-FIN-acked sleep:0.7 close
wait_listen $NSS 5014
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind "[$C6]:41014" $S6 5014 'send:request over IPv6\n' recv \
    sleep:0.1 snap:established sleep:0.1 shutdown recv-eof sleep:0.2 snap:after-server-FIN-and-last-ACK close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" ipv6-close4 "ip6 and tcp"
