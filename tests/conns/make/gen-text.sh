#!/bin/bash
# gen-text.sh [NAME...] -- (re)write NAME.tcpdump.txt, NAME.tshark.tsv and
# NAME.conv.txt next to every NAME.pcap in tests/conns (or only the given ones).
# tshark runs with HOME set to an empty temporary directory so that no personal
# preferences apply.  Does not need root.
set -euo pipefail
D=$(cd "$(dirname "$0")/.." && pwd)
cd "$D"
H=$(mktemp -d /tmp/tcnhome.XXXXXX); trap 'rm -rf "$H"' EXIT
names=("$@")
if [ ${#names[@]} -eq 0 ]; then for f in *.pcap; do names+=("${f%.pcap}"); done; fi
for n in "${names[@]}"; do
    TZ=GMT0 tcpdump -# -n -r "$n.pcap" > "$n.tcpdump.txt" 2>/dev/null
    HOME=$H tshark -n -r "$n.pcap" -T fields -E header=y -E separator=/t \
        -e frame.number -e frame.time_relative -e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport \
        -e ip.dst -e ipv6.dst -e tcp.dstport -e tcp.flags.str -e tcp.seq -e tcp.ack -e tcp.len \
        -e tcp.analysis.initial_rtt -e tcp.analysis.ack_rtt -e tcp.analysis.retransmission \
        -e tcp.analysis.reused_ports -e tcp.options.timestamp.tsval -e tcp.options.timestamp.tsecr \
        > "$n.tshark.tsv" 2>/dev/null
    HOME=$H tshark -n -r "$n.pcap" -q -z conv,tcp > "$n.conv.txt" 2>/dev/null
    echo "$n: $(wc -l < "$n.tcpdump.txt") packets" >&2
done
