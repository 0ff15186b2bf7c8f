#!/bin/bash
# simultaneous-open.pcap: no listener at all.  Two sockets, 10.0.0.1:41012 in
# tcn-cli and 10.0.0.2:5012 in tcn-srv, each bind() their fixed port and
# connect() to the other at the same pre-agreed instant.  Through the 25 ms
# delay relay the two SYNs cross; each kernel answers the other's SYN with a
# SYN/ACK (SYN-SENT -> SYN-RECEIVED) and becomes ESTABLISHED on the peer's
# SYN/ACK.  Then one request/response and a close started by 10.0.0.1.
# Captured on veth-c; 10.0.0.1 is called the client (its SYN is first in the
# capture).
. "$(dirname "$0")/lib.sh"
relay_ns 0.025
T=$(epoch_in 1.5)
bg ip netns exec $NSS $APP client --bind $S4:5012 --at $T $C4 41012 sleep:0.2 snap:established recv sleep:0.05 'send:response\n' recv-eof close
SRV=$!
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41012 --at $T $S4 5012 sleep:0.4 'send:request\n' recv sleep:0.1 shutdown recv-eof sleep:0.2 snap:after-close close
wait $SRV
stop_capture
finish "$TMPD/raw.pcap" simultaneous-open tcp
