#!/bin/bash
# Truncated-payload variants of half-close.pcap (run after make-half-close.sh).
# Every frame of half-close.pcap has 14 Ethernet + 20 IPv4 + 32 TCP = 66 bytes
# of headers.
#   half-close-snap100.pcap  editcap -s 100: every data segment keeps only its
#                            first 34 payload bytes (cap_len 100 < len)
#   half-close-snap66.pcap   editcap -s 66: no data segment keeps any payload
#   half-close-snapmix.pcap  half-close.pcap with ONE frame cut to 66 bytes:
#                            the server data segment at relative seq 1501
#                            (1448 bytes); all other frames untouched
# Derived from the real capture with editcap/mergecap; no traffic.
set -euo pipefail
D=$(cd "$(dirname "$0")/.." && pwd)
for s in 100 66; do
    editcap -s $s -F pcap "$D/half-close.pcap" "$D/half-close-snap$s.pcap"
    echo "half-close-snap$s.pcap: editcap -s $s half-close.pcap" >&2
done
F=$(tshark -n -r "$D/half-close.pcap" -Y 'tcp.srcport == 5001 and tcp.seq == 1501 and tcp.len == 1448' \
        -T fields -e frame.number 2>/dev/null)
[ -n "$F" ] && [ "$(echo "$F" | wc -l)" = 1 ] || { echo "no unique frame at seq 1501: '$F'" >&2; exit 1; }
T=$(mktemp -d /tmp/tlsnap.XXXXXX); trap 'rm -rf "$T"' EXIT
editcap -F pcap "$D/half-close.pcap" "$T/rest.pcap" "$F"              # all frames but F
editcap -F pcap -r "$D/half-close-snap66.pcap" "$T/one.pcap" "$F"     # only F, cut to 66 bytes
mergecap -F pcap -w "$D/half-close-snapmix.pcap" "$T/rest.pcap" "$T/one.pcap"   # chronological merge
[ "$(tshark -r "$D/half-close-snapmix.pcap" -Y "frame.number == $F and frame.cap_len == 66" 2>/dev/null | wc -l)" = 1 ] ||
    { echo "merge did not put the cut frame back at $F" >&2; exit 1; }
echo "half-close-snapmix.pcap: frame $F (server data, relative seq 1501, 1448 bytes) cut to its 66 header bytes" >&2
