#!/bin/bash
# simultaneous-close.pcap: both ends call shutdown(SHUT_WR) at the same
# pre-agreed instant, after one exchange of data, so the two FINs cross on the
# wire (both sides go FIN_WAIT_1 -> CLOSING -> TIME_WAIT).
#
# To make the crossing certain rather than a race, the two endpoints are not
# joined by one veth pair but through a middle namespace whose relay.py holds
# every frame for 25 ms (one-way delay; this kernel has no netem):
#   tlc-cli[veth-c 10.0.0.1] == [veth-mc] tlc-mid relay.py delay 25ms [veth-ms] == [veth-s 10.0.0.2]tlc-srv
# Captured on veth-c (client side).  Offload off everywhere.
. "$(dirname "$0")/lib.sh"
mkns tlc-cli; mkns tlc-mid; mkns tlc-srv
veth tlc-cli veth-c tlc-mid veth-mc
veth tlc-mid veth-ms tlc-srv veth-s
for p in "tlc-cli veth-c" "tlc-mid veth-mc" "tlc-mid veth-ms" "tlc-srv veth-s"; do offload_off $p; done
ip -n tlc-mid link set veth-mc up; ip -n tlc-mid link set veth-ms up
ifcfg tlc-cli veth-c $CMAC $C4/24
ifcfg tlc-srv veth-s $SMAC $S4/24
neigh tlc-cli veth-c $S4 $SMAC; neigh tlc-srv veth-s $C4 $CMAC
bg ip netns exec tlc-mid $RELAY delay veth-mc veth-ms 0.025 "$TMPD/ready"
wait_file "$TMPD/ready"
sleep 0.5
T=$(python3 -c 'import time; print("%.3f" % (time.time() + 2.0))')
bg ip netns exec tlc-srv $APP server $S4 5001 recv 'send:pong\n' at:$T shutdown recv-eof close
SRV=$!
wait_listen tlc-srv 5001
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli $APP client --bind $C4:40010 $S4 5001 'send:ping\n' recv at:$T shutdown recv-eof close
wait $SRV
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/simultaneous-close.pcap" tcp
