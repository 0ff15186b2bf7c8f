#!/bin/bash
# tlp.pcap: three request/response exchanges on one connection.  The client
# (10.0.0.1) sends a 9-byte request; the server (10.0.0.2:5003) answers with
# the offset pattern.  nftables in the RECEIVER's namespace (tan-cli,
# prerouting, raw priority) drops:
#  - exchange 1 (5344 bytes = 3 x 1448 + 1000): nothing;
#  - exchange 2 (5344 bytes): the last, 1000-byte segment, once (the rule's
#    numgen drops only the 2nd 1052-byte IP packet from port 5003).  Nothing
#    follows it, so no SACK or dup ACK can reveal the loss: the sender's tail
#    loss probe (tcp_early_retrans=3) retransmits it;
#  - exchange 3 (6392 bytes = 4 x 1448 + 600): the last TWO segments, once
#    each (the 1448-byte one matched on its first payload word, i.e. its
#    stream offset 15032, the 600-byte one on its IP length 652).  The probe
#    retransmits the last segment; its SACK then reveals the other hole.
# The SENDER here is the server, so this one is captured on veth-s.
. "$(dirname "$0")/lib.sh"
two_ns
nft_table $NSC
ip netns exec $NSC nft add rule ip tan pre ip saddr $S4 tcp sport 5003 ip length 1052 \
    numgen inc mod 1000000 1 counter drop comment '"2nd 1000-byte segment"'
ip netns exec $NSC nft add rule ip tan pre ip saddr $S4 tcp sport 5003 @ih,0,32 15032 \
    numgen inc mod 1000000 0 counter drop comment '"segment at stream offset 15032"'
ip netns exec $NSC nft add rule ip tan pre ip saddr $S4 tcp sport 5003 ip length 652 \
    numgen inc mod 1000000 0 counter drop comment '"1st 600-byte segment"'
nstat_reset $NSC $NSS
bg ip netns exec $NSS $APP server $S4 5003 recv sleep:0.05 sendbulk:5344 recv sleep:0.05 sendbulk:5344 recv sleep:0.05 sendbulk:6392 recv-eof sleep:0.05 close
SRV=$!
wait_listen $NSS 5003
capture $NSS veth-s "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:42003 $S4 5003 'send:request1\n' recvn:5344 sleep:0.3 \
    'send:request2\n' recvn:5344 sleep:0.3 \
    'send:request3\n' recvn:6392 sleep:0.5 snap:end shutdown recv-eof close
wait $SRV
stop_capture
nft_record $NSC
finish "$TMPD/raw.pcap" tlp
nstat_write tlp "$NSS:server(sender)" "$NSC:client(receiver)"
