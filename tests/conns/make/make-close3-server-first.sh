#!/bin/bash
# close3-server-first.pcap: three-way close initiated by the server: server
# FIN; the client close()s as soon as it reads EOF, so its FIN carries the ACK
# of the server's FIN; server ACK.
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server $S4 5004 recv sleep:0.05 'send:response\n' sleep:0.1 snap:established sleep:0.1 \
    shutdown recv-eof sleep:0.2 snap:after-close close
wait_listen $NSS 5004
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41004 $S4 5004 'send:request\n' recv recv-eof close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" close3-server-first tcp
