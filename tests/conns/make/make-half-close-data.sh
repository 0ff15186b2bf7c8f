#!/bin/bash
# half-close-data.pcap: the client sends a request and immediately shuts down
# its write side (FIN).  The server reads the request and the EOF, then keeps
# sending 5 data segments 0.1 s apart (about 0.5 s in all) into the half-closed
# connection, then closes; the client ACKs the data and the FIN.
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server $S4 5007 recv-eof sleep:0.1 snap:client-FIN-acked \
    'send:part 1 of the answer\n' sleep:0.1 'send:part 2 of the answer\n' sleep:0.1 \
    'send:part 3 of the answer\n' sleep:0.1 'send:part 4 of the answer\n' sleep:0.1 \
    'send:part 5 of the answer\n' sleep:0.1 close
wait_listen $NSS 5007
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41007 $S4 5007 sleep:0.1 'send:request, no more from me\n' shutdown \
    recv-eof sleep:0.1 snap:after-server-FIN close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" half-close-data tcp
