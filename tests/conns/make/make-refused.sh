#!/bin/bash
# refused.pcap: connect() to 10.0.0.2:5005 where nothing listens; the server
# kernel answers the SYN with RST,ACK and connect() fails with ECONNREFUSED.
. "$(dirname "$0")/lib.sh"
two_ns
capture $NSC veth-c "$TMPD/raw.pcap"
snap before-connect
ip netns exec $NSC $APP client --bind $C4:41005 --expect-refused $S4 5005
snap after-refusal
stop_capture
finish "$TMPD/raw.pcap" refused tcp
