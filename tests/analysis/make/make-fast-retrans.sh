#!/bin/bash
# fast-retrans.pcap: the client (10.0.0.1) uploads 200 full segments
# (200 x 1448 = 289600 bytes, offset pattern) to the server on port 5001 in one
# sendall().  Every segment is a full 1448 bytes, so that each starts at a
# multiple of 1448: the client uses SO_SNDBUFFORCE 4 MB and TCP_CORK (a full
# send buffer or Nagle-less tail would push a partial segment) and the server
# SO_RCVBUFFORCE 4 MB (a receive window whose edge is not MSS-aligned made
# the sender send partial segments to fill it).  nftables in the RECEIVER's namespace (tan-srv, prerouting, raw
# priority) drops, once each, the data segments that start at stream offsets
# 40, 100, 101 and 160 x 1448 (matched on the first 4 payload bytes, which the
# offset pattern makes equal to the offset; a per-rule numgen lets the
# retransmission through).  The sender repairs them with SACK-based fast
# retransmits.  Captured on the SENDER's veth-c, so the dropped originals are
# in the capture.
. "$(dirname "$0")/lib.sh"
two_ns
nft_table $NSS
for k in 40 100 101 160; do
    ip netns exec $NSS nft add rule ip tan pre ip saddr $C4 tcp dport 5001 \
        @ih,0,32 $((k * 1448)) numgen inc mod 1000000 0 counter drop comment "\"segment at offset $k*1448\""
done
nstat_reset $NSC $NSS
bg ip netns exec $NSS $APP server --rcvbuf 4194304 $S4 5001 recv-eof sleep:0.05 close
SRV=$!
wait_listen $NSS 5001
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --sndbuf 4194304 --bind $C4:42001 $S4 5001 cork sendbulk:289600 uncork sleep:0.2 snap:after-transfer shutdown recv-eof close
wait $SRV
stop_capture
nft_record $NSS
finish "$TMPD/raw.pcap" fast-retrans
nstat_write fast-retrans "$NSC:client(sender)" "$NSS:server(receiver)"
