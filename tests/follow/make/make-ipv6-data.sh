#!/bin/bash
# ipv6-data.pcap: TCP over IPv6, [fd00::1]:41005 -> [fd00::2]:5001, three
# request/response rounds (requests 18/24/38 bytes, responses 22/2000/3000
# bytes), then the client shuts down, the server closes.  Addresses added with
# nodad, static neighbour entries, offload off.  Captured on the client's
# veth-c; the raw capture is filtered with "ip6 and tcp" (drops MLD).
. "$(dirname "$0")/common.sh"
. "$CAPLIB"
APP=$FAPP
two_ns off v6
sha_begin
bg ip netns exec tlc-srv $APP server $S6 5001 \
    recvn:18 'send:RESPONSE 1: pong pong\n' \
    recvn:24 sendtext:V6R2:2000 \
    recvn:38 sendtext:V6R3:3000 \
    recv-eof close
wait_listen tlc-srv 5001
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli $APP client --bind "[$C6]:41005" $S6 5001 \
    'send:REQUEST 1: ping!!\n' recvn:22 \
    'send:REQUEST 2: give me 2000\n' recvn:2000 \
    'send:REQUEST 3: give me 3000 bytes of text\n' recvn:3000 \
    shutdown recv-eof close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/ipv6-data.pcap" "ip6 and tcp"
sha_finish ipv6-data
