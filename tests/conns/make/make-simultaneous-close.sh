#!/bin/bash
# simultaneous-close.pcap: one request/response, then both ends call
# shutdown(SHUT_WR) at the same pre-agreed instant; the FINs cross in flight
# because the two namespaces are joined through tcn-mid, where relay.py holds
# every frame for 25 ms (this kernel has no netem).  Captured on veth-c.
. "$(dirname "$0")/lib.sh"
relay_ns 0.025
T=$(epoch_in 1.5)
bg ip netns exec $NSS $APP server $S4 5011 recv sleep:0.05 'send:response\n' at:$T shutdown recv-eof sleep:0.2 snap:after-close close
SRV=$!
wait_listen $NSS 5011
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41011 $S4 5011 'send:request\n' recv sleep:0.1 snap:established at:$T shutdown recv-eof sleep:0.4 close
wait $SRV
stop_capture
finish "$TMPD/raw.pcap" simultaneous-close tcp
