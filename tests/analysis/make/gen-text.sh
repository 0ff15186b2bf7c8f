#!/bin/bash
# gen-text.sh [NAME...] -- (re)write NAME.tcpdump.txt and NAME.tshark.tsv next to
# every NAME.pcap in tests/analysis, or $OUTDIR if set (or only the given ones).  tshark runs with
# HOME set to an empty temporary directory so that no personal preferences
# apply; the field list is tests/corpus's 40 columns plus tcp.analysis.rto,
# tcp.analysis.rto_frame, tcp.analysis.push_bytes_sent and frame.time_relative.
# Does not need root.
set -euo pipefail
D=${OUTDIR:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$D"
H=$(mktemp -d /tmp/tanhome.XXXXXX); trap 'rm -rf "$H"' EXIT
export HOME=$H LC_ALL=C.UTF-8 TZ=GMT0
F="frame.number tcp.stream tcp.flags.str tcp.seq tcp.ack tcp.len tcp.window_size tcp.analysis.flags tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission tcp.analysis.out_of_order tcp.analysis.lost_segment tcp.analysis.ack_lost_segment tcp.analysis.duplicate_ack_num tcp.analysis.zero_window tcp.analysis.keep_alive tcp.analysis.window_update tcp.analysis.window_full tcp.analysis.initial_rtt tcp.analysis.ack_rtt tcp.analysis.bytes_in_flight tcp.completeness ip.src ipv6.src tcp.srcport ip.dst ipv6.dst tcp.dstport tcp.seq_raw tcp.ack_raw tcp.nxtseq tcp.window_size_value tcp.window_size_scalefactor tcp.analysis.duplicate_ack_frame tcp.analysis.acks_frame tcp.analysis.zero_window_probe tcp.analysis.zero_window_probe_ack tcp.analysis.keep_alive_ack tcp.analysis.reused_ports tcp.analysis.rto tcp.analysis.rto_frame tcp.analysis.push_bytes_sent frame.time_relative"
E=(); for f in $F; do E+=(-e "$f"); done
names=("$@")
if [ ${#names[@]} -eq 0 ]; then for f in *.pcap; do names+=("${f%.pcap}"); done; fi
for n in "${names[@]}"; do
    tcpdump -# -n -r "$n.pcap" > "$n.tcpdump.txt" 2>/dev/null
    tshark -n -r "$n.pcap" -o tcp.check_checksum:FALSE -T fields -E header=y -E separator=/t "${E[@]}" \
        > "$n.tshark.tsv" 2>"$H/err" || { cat "$H/err" >&2; exit 1; }
    grep -v 'Running as user "root"' "$H/err" >&2 || true
    echo "$n: $(wc -l < "$n.tcpdump.txt") packets (tcpdump), $(($(wc -l < "$n.tshark.tsv") - 1)) frames (tshark), $(stat -c %s "$n.pcap") bytes" >&2
done
