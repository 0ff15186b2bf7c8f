#!/bin/bash
# gen-expected.sh -- (re)write tests/hostile/expected/: what tcpdump 4.99.3
# and tshark 4.0.17 make of every capture in tests/hostile (run build.py
# first).  Nothing here is written by tcplens.
#
#   NAME.SET.out       stdout of `TZ=GMT0 tcpdump OPTIONS -r NAME`, SET being
#                      n (-n), num (-# -n), vvv (-vvv -n), vvvx (-vvv -n -x),
#                      Se (-S -e -n), ttt (-ttt -n)
#   NAME.tcpdump.err   stderr of `tcpdump -# -n -r NAME`
#   NAME.tshark.tsv    `tshark -n -r NAME -T fields` with the 44 columns of
#                      tests/analysis (frame.number, tcp.stream, tcp.flags.str,
#                      tcp.seq, ... frame.time_relative), header line first
#   NAME.follow.FMT    FMT in ascii hex raw yaml: `tshark -n -r NAME -q -z
#                      follow,tcp,FMT,N` for N = 0 .. the last tcp.stream,
#                      concatenated (absent when tshark sees no TCP stream)
#   INDEX.tsv          one row per file: name, tcpdump's exit status, the
#                      last line tcpdump wrote on stderr unless it is the
#                      "reading from file" line (else -), tshark's exit
#                      status, tshark's frames and streams
#   dir.tcpdump.err    tcpdump -r on a directory (stderr; its exit status is
#                      the "dir" row of INDEX.tsv)
#   big.num-tcp.out, big.n.sha256, big.tcpdump.err, big-trunc.*
#                      the 4 GB+ sparse file that tests/run_hostile.py builds
#                      (build.py's make_big), without and with a cut record
#                      at its end: stdout of `tcpdump -# -n -r BIG tcp`, the
#                      sha256 of the stdout of `tcpdump -n -r BIG` (16,448
#                      lines), stderr of the first; built in a temporary
#                      directory and removed
#
# tshark runs with HOME set to an empty directory (no user preferences) and
# LC_ALL=C.UTF-8; everything with TZ=GMT0.
set -euo pipefail
MAKE=$(cd "$(dirname "$0")" && pwd)
HOSTILE=$(cd "$MAKE/.." && pwd)
EXP=$HOSTILE/expected
H=$(mktemp -d /tmp/hostile-gen.XXXXXX)
trap 'rm -rf "$H"' EXIT
export HOME=$H/home LC_ALL=C.UTF-8 TZ=GMT0
mkdir -p "$HOME" "$EXP"
rm -f "$EXP"/*.out "$EXP"/*.err "$EXP"/*.tsv "$EXP"/*.follow.*

declare -A SETS=([n]="-n" [num]="-# -n" [vvv]="-vvv -n" [vvvx]="-vvv -n -x" [Se]="-S -e -n" [ttt]="-ttt -n")
F="frame.number tcp.stream tcp.flags.str tcp.seq tcp.ack tcp.len tcp.window_size tcp.analysis.flags tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission tcp.analysis.out_of_order tcp.analysis.lost_segment tcp.analysis.ack_lost_segment tcp.analysis.duplicate_ack_num tcp.analysis.zero_window tcp.analysis.keep_alive tcp.analysis.window_update tcp.analysis.window_full tcp.analysis.initial_rtt tcp.analysis.ack_rtt tcp.analysis.bytes_in_flight tcp.completeness ip.src ipv6.src tcp.srcport ip.dst ipv6.dst tcp.dstport tcp.seq_raw tcp.ack_raw tcp.nxtseq tcp.window_size_value tcp.window_size_scalefactor tcp.analysis.duplicate_ack_frame tcp.analysis.acks_frame tcp.analysis.zero_window_probe tcp.analysis.zero_window_probe_ack tcp.analysis.keep_alive_ack tcp.analysis.reused_ports tcp.analysis.rto tcp.analysis.rto_frame tcp.analysis.push_bytes_sent frame.time_relative"
E=(); for f in $F; do E+=(-e "$f"); done

# errline FILE: tcpdump's last stderr line, unless it is "reading from file"
errline() {
    local l; l=$(tail -n 1 "$1" | tr '\t' ' ')
    case $l in ""|"reading from file"*) echo - ;; *) echo "$l" ;; esac
}

printf 'name\ttcpdump_rc\ttcpdump_error\ttshark_rc\ttshark_frames\ttshark_streams\n' > "$EXP/INDEX.tsv"
cd "$HOSTILE"
for f in *.pcap *.pcapng; do
    for s in "${!SETS[@]}"; do
        # shellcheck disable=SC2086
        tcpdump ${SETS[$s]} -r "$f" > "$EXP/$f.$s.out" 2> /dev/null || true
    done
    rc=0; tcpdump -# -n -r "$f" > /dev/null 2> "$EXP/$f.tcpdump.err" || rc=$?
    trc=0; tshark -n -r "$f" -T fields -E header=y -E separator=/t "${E[@]}" \
        > "$EXP/$f.tshark.tsv" 2> "$H/err" || trc=$?
    frames=$(($(wc -l < "$EXP/$f.tshark.tsv") - 1)); [ "$frames" -ge 0 ] || frames=0
    last=$(tail -n +2 "$EXP/$f.tshark.tsv" | cut -f2 | tr ',' '\n' | { grep -v '^$' || true; } | sort -n | tail -n 1)
    streams=0
    if [ -n "$last" ]; then
        streams=$((last + 1))
        for fmt in ascii hex raw yaml; do
            : > "$EXP/$f.follow.$fmt"
            for n in $(seq 0 "$last"); do
                tshark -n -r "$f" -q -z "follow,tcp,$fmt,$n" >> "$EXP/$f.follow.$fmt" 2> /dev/null || true
            done
        done
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$f" "$rc" "$(errline "$EXP/$f.tcpdump.err")" "$trc" "$frames" "$streams" >> "$EXP/INDEX.tsv"
done

# a directory
mkdir "$H/dir"
rc=0; tcpdump -# -n -r "$H/dir" > "$H/dir.out" 2> "$H/dir.err" || rc=$?
[ ! -s "$H/dir.out" ] || { echo "tcpdump printed something for a directory" >&2; exit 1; }
sed "s|$H/dir|DIR|g" "$H/dir.err" > "$EXP/dir.tcpdump.err"
printf 'dir\t%s\t%s\t-\t-\t-\n' "$rc" "$(errline "$EXP/dir.tcpdump.err")" >> "$EXP/INDEX.tsv"

# the 4 GB+ sparse file, whole and with a cut record at the end
for big in big big-trunc; do
    trunc=False; [ "$big" = big ] || trunc=True
    python3 -c "import sys; sys.path.insert(0, '$MAKE'); import build; print(build.make_big('$H/$big.pcap', $trunc))" >&2
    rc=0; tcpdump -# -n -r "$H/$big.pcap" tcp > "$EXP/$big.num-tcp.out" 2> "$H/$big.err" || rc=$?
    tcpdump -n -r "$H/$big.pcap" 2> /dev/null | sha256sum | cut -d' ' -f1 > "$EXP/$big.n.sha256" || true
    sed "s|$H/||g" "$H/$big.err" > "$EXP/$big.tcpdump.err"
    printf '%s\t%s\t%s\t-\t-\t-\n' "$big" "$rc" "$(errline "$EXP/$big.tcpdump.err")" >> "$EXP/INDEX.tsv"
    rm -f "$H/$big.pcap"
done
column -t -s $'\t' "$EXP/INDEX.tsv" >&2
