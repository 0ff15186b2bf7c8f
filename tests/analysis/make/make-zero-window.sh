#!/bin/bash
# zero-window.pcap: the server (10.0.0.2:5004) sets SO_RCVBUF 4096 on its
# listening socket (inherited by the accepted one; the kernel doubles it to
# 8192) and then does not read for 4 s.  The client (10.0.0.1) writes
# 32 x 1448 = 46336 bytes (offset pattern) at once.  The server's window
# fills and it advertises window 0; the client's zero-window probe timer
# (persist timer, exponential backoff from ~200 ms) sends probes.  When the
# server starts reading it sends a window update and the transfer finishes.
# ss snapshots of both ends are taken during the zero-window phase.
# Captured on the SENDER's veth-c.
. "$(dirname "$0")/lib.sh"
two_ns
nstat_reset $NSC $NSS
bg ip netns exec $NSS $APP server --rcvbuf 4096 $S4 5004 sleep:4 recv-eof sleep:0.05 close
SRV=$!
wait_listen $NSS 5004
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:42004 $S4 5004 "bgrun:1.0:$TAN_SNAP zero-window+1s" "bgrun:3.0:$TAN_SNAP zero-window+3s" \
    sendbulk:46336 sleep:0.3 snap:end shutdown recv-eof close
wait $SRV
stop_capture
finish "$TMPD/raw.pcap" zero-window
nstat_write zero-window "$NSC:client(sender)" "$NSS:server(receiver)"
