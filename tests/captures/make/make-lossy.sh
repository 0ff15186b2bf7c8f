#!/bin/bash
# lossy.pcap: the client sends 204800 bytes to the server (10.0.0.1.40011 ->
# 10.0.0.2.5001) while an nftables rule in the server namespace drops ~5% of the
# client's data segments on arrival (this kernel has no netem):
#   nft: tcp dport 5001 ip length > 100 numgen random mod 20 == 0 drop
# The capture is taken on the sender's veth (veth-c), so it contains every
# original transmission, the retransmissions, and the receiver's dup ACKs
# carrying SACK blocks.  Offload off (MTU-sized segments, correct checksums).
# The loss pattern is random: re-running gives a different (equally valid)
# capture; the script retries until the capture shows retransmissions and SACKs.
. "$(dirname "$0")/lib.sh"
for attempt in 1 2 3 4 5; do
    two_ns off
    ip netns exec tlc-srv nft -f - <<'NFT'
table inet tlc_loss {
    chain pre {
        type filter hook prerouting priority -500; policy accept;
        tcp dport 5001 ip length > 100 numgen random mod 20 == 0 counter drop
    }
}
NFT
    bg ip netns exec tlc-srv $APP server $S4 5001 recv-eof close
    SRV=$!
    wait_listen tlc-srv 5001
    capture tlc-cli veth-c "$TMPD/raw.pcap"
    ip netns exec tlc-cli $APP client --bind $C4:40011 $S4 5001 sendbulk:204800 shutdown recv-eof close
    wait $SRV
    stop_capture
    ip netns exec tlc-srv nft list table inet tlc_loss | grep counter >&2
    finish "$TMPD/raw.pcap" "$TMPD/lossy.pcap" tcp
    # a segment sent twice (retransmission) and at least one SACK block?
    rtx=$(tcpdump -n -r "$TMPD/lossy.pcap" 'src port 40011 and tcp[13] & 8 = 0' 2>/dev/null | grep -o 'seq [0-9]*:[0-9]*' | sort | uniq -d | wc -l)
    sack=$(tcpdump -n -r "$TMPD/lossy.pcap" 2>/dev/null | grep -c 'sack ' || true)
    echo "attempt $attempt: $rtx retransmitted segments, $sack packets with SACK blocks" >&2
    ip netns del tlc-cli; ip netns del tlc-srv
    if [ "$rtx" -ge 2 ] && [ "$sack" -ge 3 ]; then
        cp "$TMPD/lossy.pcap" "$OUTDIR/lossy.pcap"; exit 0
    fi
done
echo "could not get a capture with retransmissions" >&2; exit 1
