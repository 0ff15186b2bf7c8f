#!/bin/bash
# qinq.pcap: TCP connection over QinQ: outer 802.1ad tag (TPID 0x88a8, VLAN 200)
# + inner 802.1Q tag (TPID 0x8100, VLAN 100), captured on the underlying veth.
NAME=qinq TAGS=0x88a8:200,0x8100:100 PORT=5001 CPORT=40007 FILTER="vlan 200 and vlan 100 and tcp"
. "$(dirname "$0")/vlan-common.sh"
