#!/bin/bash
# port-reuse.pcap: two consecutive connections on the same 4-tuple
# 10.0.0.1:41010 <-> 10.0.0.2:5010.  Each has a handshake, a request/response
# and a three-way close started by the CLIENT, so the client's socket is in
# TIME-WAIT when, 2 s later, a new socket bind()s the same port (SO_REUSEADDR)
# and connect()s to the same server.  Linux lets connect() take over the
# TIME-WAIT (the port was bound explicitly and the old connection used TCP
# timestamps: tcp_twsk_unique() with twp == NULL) and starts the new
# connection with ISN = old snd_nxt + 65537.  The server accepts both with one
# listener.
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server --accept 2 $S4 5010 recv sleep:0.05 'send:response\n' recv-eof close
wait_listen $NSS 5010
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41010 $S4 5010 'send:first request\n' recv sleep:0.1 shutdown recv-eof close
sleep 0.2; snap client-TIME-WAIT-after-first-connection
sleep 1.8
ip netns exec $NSC $APP client --bind $C4:41010 $S4 5010 'send:second request\n' recv sleep:0.1 shutdown recv-eof close
wait "${PIDS[0]}"
sleep 0.2; snap after-second-connection
stop_capture
finish "$TMPD/raw.pcap" port-reuse tcp
