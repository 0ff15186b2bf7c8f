#!/bin/bash
# rst-after-data.pcap: handshake, request/response, then the client sets
# SO_LINGER {1,0} and close()s: the connection is aborted with a RST (R.)
# instead of a FIN.  Offload off.
. "$(dirname "$0")/lib.sh"
two_ns off
bg ip netns exec tlc-srv $APP server $S4 5001 recv 'send:here is your data\n' recv-eof close
wait_listen tlc-srv 5001
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli $APP client --bind $C4:40003 $S4 5001 'send:give me data\n' recv linger0 close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/rst-after-data.pcap" tcp
