#!/bin/bash
# keepalive.pcap: the client (10.0.0.1) sets SO_KEEPALIVE, TCP_KEEPIDLE=1,
# TCP_KEEPINTVL=1, TCP_KEEPCNT=5 on its socket, sends one request to the
# server (10.0.0.2:5005), gets a response, then sleeps 4.5 s with nothing to
# send.  Its keepalive timer sends a probe after every 1 s of idleness (each
# is answered, so each resets the idle time); then a normal four-way close.
# ss snapshots (with the keepalive timer) are taken while idle.
# Captured on the keepalive SENDER's veth-c.
. "$(dirname "$0")/lib.sh"
two_ns
nstat_reset $NSC $NSS
bg ip netns exec $NSS $APP server $S4 5005 recv sleep:0.05 'send:response\n' recv-eof sleep:0.2 close
SRV=$!
wait_listen $NSS 5005
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --keepalive 1,1,5 --bind $C4:42005 $S4 5005 'send:request\n' recv \
    "bgrun:1.5:$TAN_SNAP idle+1.5s" "bgrun:3.5:$TAN_SNAP idle+3.5s" sleep:4.5 shutdown recv-eof close
wait $SRV
stop_capture
finish "$TMPD/raw.pcap" keepalive
nstat_write keepalive "$NSC:client(keepalive sender)" "$NSS:server"
