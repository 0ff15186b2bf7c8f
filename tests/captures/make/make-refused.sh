#!/bin/bash
# refused.pcap: connect() to 10.0.0.2:5002 where nothing listens; the server
# kernel answers the SYN with RST,ACK (R.) and connect() fails with
# ECONNREFUSED.  Offload off.
. "$(dirname "$0")/lib.sh"
two_ns off
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli $APP client --bind $C4:40004 --expect-refused $S4 5002
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/refused.pcap" tcp
