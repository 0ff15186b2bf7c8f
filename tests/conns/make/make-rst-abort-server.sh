#!/bin/bash
# rst-abort-server.pcap: request/response, then the server sets SO_LINGER {1,0}
# and close()s: the server aborts the connection with RST.
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server $S4 5016 recv sleep:0.05 'send:response\n' sleep:0.1 snap:established sleep:0.1 linger0 close
wait_listen $NSS 5016
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41016 $S4 5016 'send:request\n' recv recv-eof sleep:0.1 snap:after-RST close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" rst-abort-server tcp
