#!/bin/bash
# close4-server-first.pcap: like close4-client-first, but the server sends the
# first FIN; the client ACKs it alone and closes ~1 s later.
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server $S4 5002 recv sleep:0.05 'send:response one\n' recv sleep:0.05 'send:response two\n' \
    sleep:0.1 snap:established sleep:0.1 shutdown recv-eof sleep:0.2 snap:after-client-FIN-and-last-ACK close
wait_listen $NSS 5002
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41002 $S4 5002 'send:request one\n' recv sleep:0.1 'send:request two\n' recv \
    recv-eof sleep:0.3 snap:server-FIN-acked sleep:0.7 close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" close4-server-first tcp
