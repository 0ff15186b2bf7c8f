# Shared body of make-vlan.sh / make-qinq.sh.  Expects NAME, TAGS, PORT, CPORT.
#
# This kernel has no CONFIG_VLAN_8021Q, so `ip link add link veth-c name
# veth-c.100 type vlan id 100` is impossible.  Instead each namespace gets a tap
# device carrying the IP address (tap-c 10.0.0.1 / tap-s 10.0.0.2) and relay.py
# acts as the VLAN sub-interface: it inserts TAGS into every frame the kernel
# sends out of the tap and transmits it on the veth, and strips the tags from
# frames arriving on the veth.  The TCP endpoints are ordinary kernel sockets;
# the capture is taken on veth-c (the "trunk"), so every frame carries the tags.
#
#   tlc-cli: tap-c 10.0.0.1 <-relay-> veth-c ==== veth-s <-relay-> tap-s 10.0.0.2 :tlc-srv
. "$(dirname "$0")/lib.sh"
mkns tlc-cli; mkns tlc-srv
veth tlc-cli veth-c tlc-srv veth-s
offload_off tlc-cli veth-c; offload_off tlc-srv veth-s
ip -n tlc-cli link set veth-c up; ip -n tlc-srv link set veth-s up
bg ip netns exec tlc-cli $RELAY vlan tap-c $CMAC veth-c "$TAGS" "$TMPD/ready-c"
bg ip netns exec tlc-srv $RELAY vlan tap-s $SMAC veth-s "$TAGS" "$TMPD/ready-s"
wait_file "$TMPD/ready-c"; wait_file "$TMPD/ready-s"
ifcfg tlc-cli tap-c $CMAC $C4/24
ifcfg tlc-srv tap-s $SMAC $S4/24
neigh tlc-cli tap-c $S4 $SMAC; neigh tlc-srv tap-s $C4 $CMAC
sleep 0.5
bg ip netns exec tlc-srv $APP server $S4 $PORT recv "send:$NAME reply from the server\n" recv-eof close
SRV=$!
wait_listen tlc-srv $PORT
capture tlc-cli veth-c "$TMPD/raw.pcap"
ip netns exec tlc-cli $APP client --bind $C4:$CPORT $S4 $PORT "send:$NAME request from the client\n" recv shutdown recv-eof close
wait $SRV
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/$NAME.pcap" "$FILTER"
