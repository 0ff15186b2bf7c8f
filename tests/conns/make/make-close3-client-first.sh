#!/bin/bash
# close3-client-first.pcap: client FIN; the server close()s as soon as it reads
# EOF, so its FIN also carries the (still delayed) ACK of the client's FIN;
# client ACK.  Snapshots are taken by the client (before its FIN and after the
# close) so they do not delay the server.
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server $S4 5003 recv sleep:0.05 'send:response\n' recv-eof close
wait_listen $NSS 5003
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41003 $S4 5003 'send:request\n' recv sleep:0.1 snap:established sleep:0.1 \
    shutdown recv-eof sleep:0.2 snap:after-close close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" close3-client-first tcp
