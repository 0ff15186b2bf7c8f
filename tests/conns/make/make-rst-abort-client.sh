#!/bin/bash
# rst-abort-client.pcap: request/response, then the client sets SO_LINGER {1,0}
# and close()s: the connection is aborted with RST instead of FIN.
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server $S4 5006 recv sleep:0.05 'send:response\n' recv-eof sleep:0.1 snap:after-RST close
wait_listen $NSS 5006
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41006 $S4 5006 'send:request\n' recv sleep:0.1 snap:established sleep:0.1 linger0 close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" rst-abort-client tcp
