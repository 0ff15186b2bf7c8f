#!/bin/bash
# bulk-loss.pcap: 10.0.0.1.41001 -> 10.0.0.2.5010.  The client sends 300000
# pseudo-random bytes (random.Random(20240501).randbytes(300000)) in one
# sendall() and shuts down; the server reads to EOF, replies with a 27-byte
# text ack, closes; the client reads to EOF and closes.
#
# Topology (tests/analysis/make/lib.sh relay_ns; offload off on all 4 veths,
# so every segment is at most 1448 bytes and every checksum is correct):
#   tan-cli[veth-c 10.0.0.1] == [veth-mc] tan-mid (relay.py fwd) [veth-ms] == [veth-s 10.0.0.2]tan-srv
# * reordering: the relay swaps client->server data frames #30, #90 and #150
#   with the data frame that follows each of them (this kernel has no netem);
# * loss: an nftables rule in the RECEIVER's namespace (table ip tan, chain pre,
#   hook prerouting, priority raw) drops ~3% of the client's data segments:
#       ip saddr 10.0.0.1 tcp dport 5010 ip length > 100 numgen random mod 100 < 3 counter drop
# Captured on the RECEIVER's veth-s: the swapped segments arrive there out of
# order, and the dropped segments are captured (the tap is before netfilter)
# and then arrive again as retransmissions.  The loss pattern is random; the
# script retries (up to 5 times) until tshark finds at least one
# tcp.analysis.retransmission and one tcp.analysis.out_of_order frame.
. "$(dirname "$0")/common.sh"
. "$ANALIB"
APP=$FAPP
SEED=20240501
for attempt in 1 2 3 4 5; do
    rm -f "$TMPD/ready" "$TMPD/extra.txt" "$TMPD/relay.log"
    relay_ns --swap 30,90,150 --swap-max 0.05
    nft_table $NSS
    ip netns exec $NSS nft add rule ip tan pre ip saddr $C4 tcp dport 5010 ip length '>' 100 \
        numgen random mod 100 '<' 3 counter drop
    sha_begin
    bg ip netns exec $NSS $APP server $S4 5010 recv-eof 'send:ACK: received 300000 bytes\n' close
    SRV=$!
    wait_listen $NSS 5010
    capture $NSS veth-s "$TMPD/raw.pcap"
    ip netns exec $NSC $APP client --bind $C4:41001 $S4 5010 sendrand:$SEED:300000 shutdown recv-eof close
    wait $SRV
    stop_capture
    nft_rules $NSS | grep counter >&2
    stop_relay
    finish "$TMPD/raw.pcap" bulk-loss
    rtx=$(tshark -n -r "$OUTDIR/bulk-loss.pcap" -Y tcp.analysis.retransmission 2>/dev/null | wc -l)
    ooo=$(tshark -n -r "$OUTDIR/bulk-loss.pcap" -Y tcp.analysis.out_of_order 2>/dev/null | wc -l)
    echo "attempt $attempt: $rtx retransmission frames, $ooo out-of-order frames" >&2
    for n in $NSC $NSM $NSS; do ip netns del $n; done
    if [ "$rtx" -ge 1 ] && [ "$ooo" -ge 1 ]; then sha_finish bulk-loss; exit 0; fi
done
echo "no capture with both retransmissions and out-of-order segments" >&2; exit 1
