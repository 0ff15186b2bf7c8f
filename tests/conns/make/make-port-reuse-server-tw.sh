#!/bin/bash
# port-reuse-server-tw.pcap: like port-reuse, but the SERVER closes first in
# both connections, so the TIME-WAIT is on the server side when the client
# (whose socket is already gone) sends the second SYN on the same 4-tuple
# 2 s later.  The server's TIME-WAIT socket accepts the new SYN because its
# sequence number / timestamp is newer (RFC 6191 behaviour).
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server --accept 2 $S4 5020 recv sleep:0.05 'send:response\n' sleep:0.1 shutdown recv-eof close
wait_listen $NSS 5020
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41020 $S4 5020 'send:first request\n' recv recv-eof close
sleep 0.2; snap server-TIME-WAIT-after-first-connection
sleep 1.8
ip netns exec $NSC $APP client --bind $C4:41020 $S4 5020 'send:second request\n' recv recv-eof close
wait "${PIDS[0]}"
sleep 0.2; snap after-second-connection
stop_capture
finish "$TMPD/raw.pcap" port-reuse-server-tw tcp
