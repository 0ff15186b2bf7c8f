#!/bin/bash
# vlan.pcap: TCP connection over 802.1Q VLAN 100 (one tag, TPID 0x8100),
# captured on the underlying veth.  See vlan-common.sh for how the tag is added.
NAME=vlan TAGS=0x8100:100 PORT=5001 CPORT=40006 FILTER="vlan 100 and tcp"
. "$(dirname "$0")/vlan-common.sh"
