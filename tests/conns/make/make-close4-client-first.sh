#!/bin/bash
# close4-client-first.pcap: handshake, two request/response exchanges, then a
# four-way close started by the client: client FIN, the server's bare ACK,
# ~1 s later the server's FIN, the client's ACK.  ss snapshots: established,
# after the client's FIN was acked (FIN-WAIT-2 / CLOSE-WAIT), after the end.
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server $S4 5001 recv sleep:0.05 'send:response one\n' recv sleep:0.05 'send:response two\n' \
    recv-eof sleep:0.3 snap:client-FIN-acked sleep:0.7 close
wait_listen $NSS 5001
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41001 $S4 5001 'send:request one\n' recv sleep:0.1 'send:request two\n' recv \
    sleep:0.1 snap:established sleep:0.1 shutdown recv-eof sleep:0.2 snap:after-server-FIN-and-last-ACK close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" close4-client-first tcp
