#!/bin/bash
# rto.pcap: the client (10.0.0.1) sends 14 chunks of 4 x 1448 bytes (offset
# pattern) to the server on port 5002, one chunk every 100 ms.  Right after
# chunk 4 has been acknowledged, an nftables rule in the RECEIVER's namespace
# (tan-srv, prerouting, raw priority) drops EVERY packet from 10.0.0.1 for
# 2.0 s; the client keeps writing.  The blackout swallows chunk 5 (and what
# follows), a tail loss probe and the first three RTO retransmissions
# (backoff: ~0.22, 0.64, 1.47 s after chunk 5); the 4th, at ~3.1 s, gets
# through, then the queued data follows in slow start.  (2.0 s rather than
# 1.5 s: a 1.5 s blackout would end only ~30 ms after the third RTO
# retransmission, a race.)  ss snapshots of both ends are
# taken during the blackout.  Captured on the SENDER's veth-c.
. "$(dirname "$0")/lib.sh"
two_ns
nft_table $NSS
nstat_reset $NSC $NSS
bg ip netns exec $NSS $APP server $S4 5002 recv-eof sleep:0.05 close
SRV=$!
wait_listen $NSS 5002
capture $NSC veth-c "$TMPD/raw.pcap"
X="$TMPD/extra.txt"
DROP="ip netns exec $NSS nft add rule ip tan pre ip saddr $C4 counter drop comment '\"blackout\"' && echo blackout rule added at \$(date +%s.%6N) >> $X"
UNDROP="{ echo '## nftables chain in $NSS at the end of the blackout (counter = packets dropped)'; ip netns exec $NSS nft -a list chain ip tan pre; } >> $X; ip netns exec $NSS nft flush chain ip tan pre && echo blackout rule deleted at \$(date +%s.%6N) >> $X"
STEPS=()
for i in 1 2 3 4; do STEPS+=(sendbulk:5792 sleep:0.1); done
STEPS+=("run:$DROP" "bgrun:2.0:$UNDROP" "bgrun:0.3:$TAN_SNAP blackout+0.3s" "bgrun:1.2:$TAN_SNAP blackout+1.2s" "bgrun:1.9:$TAN_SNAP blackout+1.9s")
for i in $(seq 5 14); do STEPS+=(sendbulk:5792 sleep:0.1); done
ip netns exec $NSC $APP client --bind $C4:42002 $S4 5002 "${STEPS[@]}" sleep:2.5 snap:end shutdown recv-eof close
wait $SRV
stop_capture
finish "$TMPD/raw.pcap" rto
nstat_write rto "$NSC:client(sender)" "$NSS:server(receiver)"
