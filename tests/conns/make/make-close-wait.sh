#!/bin/bash
# close-wait.pcap: request/response, the client close()s (FIN), the server's
# kernel ACKs it, but the server application never closes.  The capture stops
# about 2 s after the client's FIN with the server still in CLOSE-WAIT (and the
# client, orphaned, in FIN-WAIT-2).  Snapshots use `ss -tanoi`.
export TCN_SSOPTS=-tanoi
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server $S4 5008 recv sleep:0.05 'send:response\n' recv-eof sleep:0.15 snap:client-FIN-acked sleep:30 close
SRV=$!
wait_listen $NSS 5008
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41008 $S4 5008 'send:request\n' recv sleep:0.1 snap:established sleep:0.1 close
sleep 1.8
snap before-capture-stop
stop_capture 0.1
finish "$TMPD/raw.pcap" close-wait tcp
