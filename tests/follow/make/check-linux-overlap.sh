#!/bin/bash
# What does a real Linux receiver keep when overlapping segments carry
# different bytes?  Replays the client segments of stream 0 of
# overlap-conflict.pcap (linux-keeps.py) from an AF_PACKET socket in tlc-cli
# to a Linux socket in tlc-srv (10.0.0.1.41004 -> 10.0.0.2.5001) and writes
# ../overlap-conflict.linux.txt: the bytes the server application received,
# and tcpdump's view of the exchange (captured on veth-c).  The client
# namespace's own kernel does not know this connection, so an nftables rule
# there drops the RSTs it would send in reply to the server's segments.
. "$(dirname "$0")/common.sh"
. "$CAPLIB"
two_ns off
ip netns exec tlc-cli nft -f - <<'NFT'
table ip tlc_norst {
    chain out {
        type filter hook output priority 0; policy accept;
        tcp flags rst counter drop
    }
}
NFT
bg ip netns exec tlc-srv python3 "$FMAKE/linux-keeps.py" server $S4 5001 "$TMPD/received"
wait_listen tlc-srv 5001
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli python3 "$FMAKE/linux-keeps.py" client veth-c > "$TMPD/client.log"
wait "${PIDS[0]}"
stop_capture
OUT="$OUTDIR/overlap-conflict.linux.txt"
{
    echo "# Made by make/check-linux-overlap.sh: the client segments of stream 0 of"
    echo "# overlap-conflict.pcap sent to a real Linux $(uname -r) receiver."
    echo "## segments sent (in this order, 10 ms apart; then a FIN at @70)"
    cat "$TMPD/client.log"
    echo "## bytes the server application read (recv until EOF): $(wc -c < "$TMPD/received")"
    cat "$TMPD/received"; echo
    echo "## tcpdump -n -r (capture on veth-c)"
    tcpdump -n -r "$TMPD/raw.pcap" 2>/dev/null | cut -d' ' -f2-
} > "$OUT"
cat "$OUT" >&2
