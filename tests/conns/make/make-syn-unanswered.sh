#!/bin/bash
# syn-unanswered.pcap: a listener exists on 10.0.0.2:5009, but an nftables rule
# in the server namespace drops every packet to tcp port 5009 before TCP sees
# it.  The client's connect() times out after 3.5 s; its kernel sends the SYN
# at 0 s and retransmits it at ~1 s and ~3 s (initial RTO 1 s, doubled).
. "$(dirname "$0")/lib.sh"
two_ns
ip netns exec $NSS nft -f - <<'NFT'
table inet tcn_drop {
    chain pre {
        type filter hook prerouting priority -500;
        tcp dport 5009 counter drop
    }
}
NFT
bg ip netns exec $NSS $APP server $S4 5009 close
wait_listen $NSS 5009
capture $NSC veth-c "$TMPD/raw.pcap"
ip netns exec $NSC $APP client --bind $C4:41009 --timeout 3.5 --expect-timeout $S4 5009 &
sleep 0.5; snap SYN-SENT
wait $!
snap after-connect-timeout
stop_capture
ip netns exec $NSS nft list table inet tcn_drop >&2
finish "$TMPD/raw.pcap" syn-unanswered tcp
