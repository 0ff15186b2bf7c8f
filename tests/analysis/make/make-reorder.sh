#!/bin/bash
# reorder.pcap + reorder-snd.pcap: the client (10.0.0.1) sends 3 chunks of
# 8 x 1448 bytes (offset pattern), 100 ms apart, to the server
# (10.0.0.2:5007).  The two namespaces are joined through tan-mid, where
# relay.py forwards every frame at once, except that it swaps client->server
# data frames #4 and #5 (first chunk) and #13 and #14 (second chunk): #4 is
# held until #5 has been forwarded, then sent.  Nothing is lost; the receiver
# sees out-of-order data and answers with an immediate duplicate ACK carrying
# SACK, then the ACK that covers the filled hole.  Nothing is retransmitted.
# One run, captured at both ends at once:
#   reorder.pcap      on the RECEIVER's veth-s (after the relay: the segments
#                     arrive swapped, which Wireshark flags as out-of-order)
#   reorder-snd.pcap  on the SENDER's veth-c (segments in order; the dup ACKs)
. "$(dirname "$0")/lib.sh"
relay_ns --swap 4,13 --swap-max 0.05
nstat_reset $NSC $NSS
bg ip netns exec $NSS $APP server $S4 5007 recv-eof sleep:0.05 close
SRV=$!
wait_listen $NSS 5007
capture $NSS veth-s "$TMPD/raw.pcap"
capture $NSC veth-c "$TMPD/raw-snd.pcap"
ip netns exec $NSC $APP client --bind $C4:42007 $S4 5007 sendbulk:11584 sleep:0.1 sendbulk:11584 sleep:0.1 \
    sendbulk:11584 sleep:0.2 snap:end shutdown recv-eof close
wait $SRV
stop_capture
stop_relay
finish "$TMPD/raw.pcap" reorder
finish "$TMPD/raw-snd.pcap" reorder-snd
nstat_write reorder "$NSC:client(sender)" "$NSS:server(receiver)"
{ echo "# reorder-snd.pcap was captured in the same run as reorder.pcap: this is a copy of reorder.nstat.txt."; cat "$OUTDIR/reorder.nstat.txt"; } > "$OUTDIR/reorder-snd.nstat.txt"
rm -f "$OUTDIR/reorder-snd.ss.txt"
