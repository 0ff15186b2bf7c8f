#!/bin/bash
# spurious.pcap + spurious-rcv.pcap: the client (10.0.0.1) sends a chunk of
# 10 x 1448 bytes (offset pattern) to the server (10.0.0.2:5006), waits
# 0.3 s, then sends a second chunk of 4 x 1448 bytes.  The two namespaces are
# joined through tan-mid, where relay.py forwards frames at once, except that
# just before the second chunk the client tells it (SIGUSR1) to HOLD every
# server->client frame arriving in the next 0.45 s until those 0.45 s are
# over.  All data arrives; only its ACKs come late, later than the sender's
# tail loss probe and its first RTO, so both retransmit data that had been
# delivered.  The late ACKs (and the receiver's D-SACKs) then arrive.
# One run, captured at both ends at once:
#   spurious.pcap      on the SENDER's veth-c (sees the late ACKs late)
#   spurious-rcv.pcap  on the RECEIVER's veth-s (sees the ACKs leave at once,
#                      the retransmissions arrive after them)
. "$(dirname "$0")/lib.sh"
relay_ns --hold-dir b2a --hold-secs 0.45
nstat_reset $NSC $NSS
bg ip netns exec $NSS $APP server $S4 5006 recv-eof sleep:0.05 close
SRV=$!
wait_listen $NSS 5006
capture $NSC veth-c "$TMPD/raw.pcap"
capture $NSS veth-s "$TMPD/raw-rcv.pcap"
ip netns exec $NSC $APP client --bind $C4:42006 $S4 5006 sendbulk:14480 sleep:0.3 \
    "run:kill -USR1 $RELAYPID" sendbulk:5792 "bgrun:0.3:$TAN_SNAP hold+0.3s" sleep:1.5 snap:end shutdown recv-eof close
wait $SRV
stop_capture
stop_relay
finish "$TMPD/raw.pcap" spurious
finish "$TMPD/raw-rcv.pcap" spurious-rcv
nstat_write spurious "$NSC:client(sender)" "$NSS:server(receiver)"
{ echo "# spurious-rcv.pcap was captured in the same run as spurious.pcap: this is a copy of spurious.nstat.txt."; cat "$OUTDIR/spurious.nstat.txt"; } > "$OUTDIR/spurious-rcv.nstat.txt"
rm -f "$OUTDIR/spurious-rcv.ss.txt"
