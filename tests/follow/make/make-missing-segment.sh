#!/bin/bash
# missing-segment-full.pcap + missing-segment.pcap: 10.0.0.1.41003 ->
# 10.0.0.2.5001.  The client writes 20480 bytes of text in one sendall()
# (15 data segments: 14 x 1448 + 208 with MSS 1448) and shuts down; the server
# reads to EOF and closes.  Offload off.  Captured on the client's veth-c
# (the sender), so every segment and every ACK is in missing-segment-full.pcap.
# missing-segment.pcap is that capture with ONE data frame deleted by editcap:
# the client data segment that starts at relative sequence number
# 1 + 7*1448 = 10137 (the 8th data segment, in the middle of the transfer).
# The receiver really got it, so the following ACKs cover bytes the edited
# capture never shows.  The removed frame number is printed and written to
# missing-segment.removed.
. "$(dirname "$0")/common.sh"
. "$CAPLIB"
APP=$FAPP
two_ns off
sha_begin
bg ip netns exec tlc-srv $APP server $S4 5001 recv-eof close
wait_listen tlc-srv 5001
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli $APP client --bind $C4:41003 $S4 5001 sendtext:MS:20480 shutdown recv-eof close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/missing-segment-full.pcap" tcp
sha_finish missing-segment
cp "$OUTDIR/missing-segment.sha256" "$OUTDIR/missing-segment-full.sha256"
F=$(tshark -n -r "$OUTDIR/missing-segment-full.pcap" -Y 'tcp.srcport == 41003 and tcp.len > 0 and tcp.seq == 10137' \
        -T fields -e frame.number -e tcp.len 2>/dev/null)
set -- $F
[ $# = 2 ] || { echo "could not find exactly one data frame at relative seq 10137: '$F'" >&2; exit 1; }
editcap "$OUTDIR/missing-segment-full.pcap" "$OUTDIR/missing-segment.pcap" "$1"
echo "frame $1 (client data, relative seq 10137, $2 bytes) removed from missing-segment-full.pcap" | tee "$OUTDIR/missing-segment.removed" >&2
