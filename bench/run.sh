#!/usr/bin/env bash
# bench/run.sh BUILD_DIR - `make bench`: one table of tcplens against its
# peers and floors on the same generated captures.
#
# Owns: the captures it generates in BUILD_DIR (bench-<N>.pcap and
# bench-flood-<N>.pcap, each with a .stamp saying which generator, count and
# seed made it; regenerated when any changes), the scratch output directory
# BUILD_DIR/bench-out (emptied between runs, removed at the end), and the
# table on stdout.  Progress and errors go to stderr.
#
# For each capture size it warms the page cache, then times, output to
# /dev/null (files for the two commands that write directories):
#   floors   bench/floor pcap F (bare libpcap loop), bench/floor mmap F
#            (mmap walk hashing every TCP 5-tuple)
#   tcplens  -n -r F, -n -S -v -r F, conns -r F, --analysis -r F,
#            --json -r F, follow --all -o DIR -r F
#   peers    tcpdump -n -r F, tcpdump -n -S -v -r F,
#            tshark -n -q -r F -z conv,tcp,
#            tshark -n -r F -T fields -e tcp.analysis.flags,
#            tcptrace -n F, tcpflow -r F -o DIR
# then a SYN flood of distinct 4-tuples through tcplens conns with the
# default --max-conns and with --max-conns 100000 (peak RSS, evictions).
# `-S -v` runs with -n on both sides: without -n tcpdump looks up every
# address in the DNS, which measures the resolver, not the reader.
#
# Columns: median wall seconds over the runs, packets/s, MB/s (file size
# in 10^6 bytes / seconds), peak RSS in MiB (GNU time %M, the largest over
# the runs), and a ratio: on a peer row, peer time / time of the tcplens
# row named beside it (how many times faster tcplens is); on a floor row,
# floor time / tcplens conns time.  A peer that is not installed or fails
# shows n/a.  Then the goals, checked on the largest capture.
#
# Environment:
#   BENCH_SIZES       packet counts of the captures (default
#                     "300000 3000000")
#   BENCH_RUNS        runs per command, median taken (default 3)
#   BENCH_SLOW_RUNS   runs per peer on captures of BENCH_BIG packets or
#                     more (default 1: tcpdump and tshark take minutes)
#   BENCH_BIG         see BENCH_SLOW_RUNS (default 1000000)
#   BENCH_PEERS=0     skip tcpdump, tshark, tcptrace and tcpflow
#   BENCH_FOLLOW=0    skip the two rows that write one file per stream
#                     (tcplens follow --all, tcpflow): on the 3M capture
#                     they write ~276,000 files and take most of the time
#   BENCH_FLOOD       SYN flood size in distinct 4-tuples (default
#                     1000000; 0 skips the flood rows)
#   BENCH_STREAM      packet counts for an extra table of tcplens conns
#                     reading generated captures streamed on stdin (memory
#                     against length, e.g. "10000000 20000000"; default
#                     empty: skipped)
#   BENCH_SEED        generator seed (default 1)
#   BENCH_QUICK=1     a quick smoke run: sizes "30000 100000", 1 run,
#                     flood 100000 (each can still be set explicitly)
#   CC                compiler for gen/floor when BUILD_DIR lacks them
set -eu

die() { echo "bench: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
build=${1%/}
src_dir=$(cd "$(dirname "$0")" && pwd)
quick=${BENCH_QUICK:-0}
if [ "$quick" = 1 ]; then
    sizes=${BENCH_SIZES-30000 100000}
    runs=${BENCH_RUNS:-1}
    flood_n=${BENCH_FLOOD:-100000}
else
    sizes=${BENCH_SIZES-300000 3000000}
    runs=${BENCH_RUNS:-3}
    flood_n=${BENCH_FLOOD:-1000000}
fi
slow_runs=${BENCH_SLOW_RUNS:-1}
big=${BENCH_BIG:-1000000}
peers=${BENCH_PEERS:-1}
follow=${BENCH_FOLLOW:-1}
stream=${BENCH_STREAM:-}
seed=${BENCH_SEED:-1}
tcplens=$build/tcplens
outdir=$build/bench-out

# ---------------------------------------------------------------- setup

# tool NAME SOURCE [LIBS]: BUILD_DIR/bench/NAME when built by meson and
# newer than its source, else BUILD_DIR/NAME compiled here when stale.
tool() {
    local name=$1 src=$src_dir/$2 libs=${3:-} bin
    bin=$build/bench/$name
    if [ -x "$bin" ] && [ "$bin" -nt "$src" ]; then
        echo "$bin"
        return
    fi
    bin=$build/$name
    if ! [ -x "$bin" ] || [ "$src" -nt "$bin" ]; then
        say "compiling $bin"
        # shellcheck disable=SC2086
        ${CC:-cc} -std=c11 -O2 -Wall -Wextra -D_DEFAULT_SOURCE -o "$bin" \
            "$src" $libs || die "failed to compile $src"
    fi
    echo "$bin"
}

check_setup() {
    [ -d "$build" ] || die "build directory '$build' does not exist"
    [ -x "$tcplens" ] ||
        die "$tcplens not found or not executable; build tcplens first"
    if ! [ -x /usr/bin/time ] || ! /usr/bin/time -f %M true >/dev/null 2>&1
    then
        die "GNU time (/usr/bin/time) is required to measure peak RSS;" \
            "install it with: scripts/deps.sh bench"
    fi
    gen=$(tool gen gen.c)
    floor=$(tool floor floor.c -lpcap)
}

have() { command -v "$1" >/dev/null 2>&1; }

# ------------------------------------------------------------- captures

label() {   # label N: 300000 -> 300k, 3000000 -> 3M
    local n=$1
    if [ $((n % 1000000)) -eq 0 ]; then echo "$((n / 1000000))M"
    elif [ $((n % 1000)) -eq 0 ]; then echo "$((n / 1000))k"
    else echo "$n"
    fi
}

# capture FILE GEN_ARGS...: (re)generate FILE unless its stamp is current.
capture() {
    local file=$1 want t0 t1
    shift
    want="$(sha256sum <"$src_dir/gen.c" | cut -d' ' -f1) $* seed=$seed"
    if [ -f "$file" ] && [ "$(cat "$file.stamp" 2>/dev/null)" = "$want" ]
    then
        say "reusing $file"
        return
    fi
    rm -f "$file.stamp"
    t0=$(date +%s%N)
    "$gen" "$@" -s "$seed" "$file" || die "generator failed"
    t1=$(date +%s%N)
    say "generated $file in $(((t1 - t0) / 1000000)) ms"
    printf '%s\n' "$want" >"$file.stamp"
}

# ---------------------------------------------------------- measurement

# measure RUNS CMD...: runs CMD RUNS times, stdout to /dev/null; a command
# containing the word DIR gets a fresh empty $outdir in its place each run.
# Sets m_sec (median wall seconds) and m_rss (largest peak RSS, KB), both
# "n/a" when the command is missing or fails.
measure() {
    local n=$1 tfile efile t0 t1 kb rss=0 arg times=()
    shift
    m_sec=n/a m_rss=n/a
    have "$1" || { say "$1 not installed: n/a"; return 0; }
    local cmd=()
    for arg in "$@"; do
        [ "$arg" = DIR ] && arg=$outdir
        cmd+=("$arg")
    done
    tfile=$(mktemp) efile=$(mktemp)
    for _ in $(seq "$n"); do
        rm -rf "$outdir" && mkdir -p "$outdir"
        t0=$(date +%s%N)
        if ! /usr/bin/time -o "$tfile" -f '%M' "${cmd[@]}" >/dev/null \
            2>"$efile"; then
            say "'$*' failed (n/a):"
            tail -n 5 "$efile" >&2
            rm -f "$tfile" "$efile"
            rm -rf "$outdir"
            return 0
        fi
        t1=$(date +%s%N)
        times+=("$((t1 - t0))")
        kb=$(tail -n 1 "$tfile")
        [ "$kb" -gt "$rss" ] && rss=$kb
    done
    rm -f "$tfile" "$efile"
    rm -rf "$outdir"
    m_rss=$rss
    m_sec=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END {
        m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "%.3f", m / 1e9 }')
}

# row NAME CAPTURE RUNS SEC RSS_KB NOTE: one table line (file size and
# packet count from $cap_bytes and $cap_pkts).
row() {
    awk -v c="$1" -v f="$2" -v r="$3" -v s="$4" -v m="$5" -v note="$6" \
        -v b="$cap_bytes" -v n="$cap_pkts" 'BEGIN {
        if (s == "n/a") { ps = mbs = sec = "n/a" }
        else {
            sec = sprintf("%.3f", s)
            ps = sprintf("%.0f", n / s); mbs = sprintf("%.1f", b / 1e6 / s)
        }
        rss = m == "n/a" ? "n/a" : sprintf("%.1f", m / 1024)
        printf "%-46s %-9s %4s %9s %11s %8s %8s  %s\n",
            c, f, r, sec, ps, mbs, rss, note }'
}

header() {
    printf '%-46s %-9s %4s %9s %11s %8s %8s  %s\n' command capture runs \
        seconds packets/s MB/s "RSS MiB" "ratio"
}

# ratio A B: A / B to 2 decimals, or n/a.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        if (a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"
        else printf "%.2f", a / b }'
}

# Results by key "<capture>:<name>", for ratios and goals.
declare -A sec rss

# run_tcplens CAP KEY NAME ARGS...: time tcplens ARGS and print its row.
run_tcplens() {
    local cap=$1 key=$2 name=$3
    shift 3
    measure "$runs" "$tcplens" "$@"
    sec[$cap:$key]=$m_sec rss[$cap:$key]=$m_rss
    row "$name" "$cap" "$runs" "$m_sec" "$m_rss" ""
}

# run_peer CAP KEY NAME VS CMD...: time a peer and print its row with the
# ratio to the tcplens row VS.
run_peer() {
    local cap=$1 key=$2 name=$3 vs=$4 n=$runs
    shift 4
    [ "$peers" = 0 ] && return 0
    [ "$cap_pkts" -ge "$big" ] && n=$slow_runs
    measure "$n" "$@"
    sec[$cap:$key]=$m_sec rss[$cap:$key]=$m_rss
    row "$name" "$cap" "$n" "$m_sec" "$m_rss" \
        "$(ratio "$m_sec" "${sec[$cap:$vs]}") vs tcplens $vs"
}

# floor_row CAP MODE NAME: time bench/floor MODE and print its row with
# the ratio to tcplens conns (which must have run).
floor_row() {
    local cap=$1 mode=$2 name=$3
    measure "$runs" "$floor" "$mode" "$pcap"
    sec[$cap:$mode]=$m_sec rss[$cap:$mode]=$m_rss
    row "$name" "$cap" "$runs" "$m_sec" "$m_rss" \
        "$(ratio "$m_sec" "${sec[$cap:conns]}") vs tcplens conns"
}

# bench_capture N: every row for the N-packet capture.
bench_capture() {
    local n=$1 cap
    cap=$(label "$n")
    pcap=$build/bench-$cap.pcap
    capture "$pcap" -n "$n"
    cap_pkts=$n cap_bytes=$(stat -c %s "$pcap")
    cat "$pcap" >/dev/null                  # warm the page cache
    say "capture $cap: $n packets, $((cap_bytes / 1000000)) MB"
    local F=$pcap
    run_tcplens "$cap" conns "tcplens conns -r F" conns -r "$F"
    floor_row "$cap" pcap "floor: libpcap pcap_next_ex loop"
    floor_row "$cap" mmap "floor: mmap walk + 5-tuple hash"
    run_peer "$cap" tshark-conv "tshark -n -q -r F -z conv,tcp" conns \
        tshark -n -q -r "$F" -z conv,tcp
    run_peer "$cap" tcptrace "tcptrace -n F" conns tcptrace -n "$F"
    run_tcplens "$cap" -n "tcplens -n -r F" -n -r "$F"
    run_peer "$cap" tcpdump "tcpdump -n -r F" -n tcpdump -n -r "$F"
    run_tcplens "$cap" -Sv "tcplens -n -S -v -r F" -n -S -v -r "$F"
    run_peer "$cap" tcpdump-Sv "tcpdump -n -S -v -r F" -Sv \
        tcpdump -n -S -v -r "$F"
    run_tcplens "$cap" --analysis "tcplens --analysis -r F" --analysis -r "$F"
    run_tcplens "$cap" --json "tcplens --json -r F" --json -r "$F"
    run_peer "$cap" tshark-flags \
        "tshark -n -r F -T fields -e tcp.analysis.flags" --json \
        tshark -n -r "$F" -T fields -e tcp.analysis.flags
    [ "$follow" != 0 ] || return 0
    run_tcplens "$cap" follow "tcplens follow --all -o DIR -r F" \
        follow --all -o DIR -r "$F"
    run_peer "$cap" tcpflow "tcpflow -r F -o DIR" follow \
        tcpflow -r "$F" -o DIR
}

# evictions ARGS...: the eviction line of tcplens conns ARGS, as
# "N evicted" (0 without one), or n/a if it fails.
evictions() {
    local out n
    out=$({ "$tcplens" conns "$@" 2>/dev/null || echo FAILED; } |
        grep -E 'evicted|^FAILED$' || true)
    case $out in *FAILED*) echo n/a; return ;; esac
    n=$(echo "$out" | sed -n 's/^ *\([0-9][0-9]*\) .*/\1/p')
    echo "${n:-0} evicted"
}

# bench_flood N: tcplens conns on a SYN flood of N distinct 4-tuples.
bench_flood() {
    local n=$1 cap
    cap=flood$(label "$n")
    pcap=$build/bench-flood-$(label "$n").pcap
    capture "$pcap" -f -n "$n"
    cap_pkts=$n cap_bytes=$(stat -c %s "$pcap")
    cat "$pcap" >/dev/null
    say "capture $cap: SYN flood, $n distinct 4-tuples"
    measure "$runs" "$tcplens" conns -r "$pcap"
    sec[$cap:conns]=$m_sec rss[$cap:conns]=$m_rss
    row "tcplens conns -r F (default --max-conns)" "$cap" "$runs" \
        "$m_sec" "$m_rss" "$(evictions -r "$pcap")"
    measure "$runs" "$tcplens" conns --max-conns 100000 -r "$pcap"
    sec[$cap:conns100k]=$m_sec rss[$cap:conns100k]=$m_rss
    row "tcplens conns --max-conns 100000 -r F" "$cap" "$runs" \
        "$m_sec" "$m_rss" "$(evictions --max-conns 100000 -r "$pcap")"
}

# ---------------------------------------------------------------- report

first_line() { "$@" 2>&1 | grep -v '^Running as user' | head -n 1; }

machine() {
    local cpu mem
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
    mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
    echo "machine: ${cpu:-unknown CPU}, $(nproc) cores, $mem RAM," \
        "$(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "tools:   $(first_line "$tcplens" --version);" \
        "$("$tcplens" --version 2>&1 | grep -m1 libpcap)"
    if [ "$peers" != 0 ]; then
        have tcpdump && echo "         $(first_line tcpdump --version)"
        have tshark && echo "         $(first_line tshark --version)"
        have tcptrace && echo "         tcptrace $(tcptrace -v 2>&1 |
            sed -n 's/.*version \([0-9.]*\).*/\1/p' | head -n 1)"
        have tcpflow && echo "         $(first_line tcpflow -V)"
    fi
    echo "runs:    median of $runs; peers on captures of $big packets or" \
        "more: $slow_runs run(s); output to /dev/null"
    echo
}

# goal TEXT VALUE OP LIMIT: one goal line, "ok"/"MISSED"/"n/a".
goal() {
    awk -v t="$1" -v v="$2" -v op="$3" -v l="$4" 'BEGIN {
        if (v == "n/a") { r = "n/a"; vs = "n/a" }
        else {
            ok = op == "<=" ? v + 0 <= l + 0 : op == ">=" ? v + 0 >= l + 0 \
                 : v + 0 < l + 0
            r = ok ? "ok" : "MISSED"; vs = sprintf("%.2f", v)
        }
        printf "  %-52s %9s  (goal %s %s)  %s\n", t, vs, op, l, r }'
}

goals() {
    local cap=$1 lo=$2 rlo rhi spread
    echo
    echo "goals, on the $cap capture:"
    goal "tcplens conns / libpcap loop (time)" \
        "$(ratio "${sec[$cap:conns]}" "${sec[$cap:pcap]}")" "<=" 2
    if [ "$peers" != 0 ]; then
        goal "tshark conv,tcp / tcplens conns" \
            "$(ratio "${sec[$cap:tshark-conv]}" "${sec[$cap:conns]}")" ">=" 20
        goal "tcptrace -n / tcplens conns" \
            "$(ratio "${sec[$cap:tcptrace]}" "${sec[$cap:conns]}")" ">=" 4
        goal "tcpdump -n / tcplens -n" \
            "$(ratio "${sec[$cap:tcpdump]}" "${sec[$cap:-n]}")" ">=" 20
        goal "tshark analysis.flags / tcplens --json" \
            "$(ratio "${sec[$cap:tshark-flags]}" "${sec[$cap:--json]}")" \
            ">=" 10
    fi
    rhi=${rss[$cap:conns]} rlo=${rss[$lo:conns]}
    goal "tcplens conns peak RSS MiB ($cap)" \
        "$(ratio "$rhi" 1024)" "<" 64
    if [ "$lo" != "$cap" ]; then
        goal "tcplens conns peak RSS MiB ($lo)" \
            "$(ratio "$rlo" 1024)" "<" 64
        spread=$(ratio "$rhi" "$rlo")
        goal "conns RSS $cap / $lo (the same: within 10%)" \
            "$spread" "<=" 1.10
    fi
}

# stream_table: tcplens conns on longer captures streamed from gen.
stream_table() {
    local n tfile gfile conns
    echo
    printf '%-34s %12s %12s %9s %8s\n' "gen -n N - | tcplens conns -r -" \
        packets connections seconds "RSS MiB"
    for n in $stream; do
        tfile=$(mktemp) gfile=$(mktemp)
        "$gen" -n "$n" -s "$seed" - 2>"$gfile" |
            /usr/bin/time -o "$tfile" -f '%e %M' "$tcplens" conns -r - \
            >/dev/null || die "tcplens conns failed on $n streamed packets"
        conns=$(sed -n 's/.* \([0-9][0-9]*\) connections.*/\1/p' "$gfile")
        awk -v n="$n" -v c="${conns:-?}" -v t="$(tail -n 1 "$tfile")" \
            'BEGIN { split(t, a, " "); printf "%-34s %12d %12s %9.2f %8.1f\n",
            "", n, c, a[1], a[2] / 1024 }'
        rm -f "$tfile" "$gfile"
    done
}

main() {
    check_setup
    trap 'rm -rf "$outdir"' EXIT
    machine
    header
    local n first="" last=""
    for n in $sizes; do
        bench_capture "$n"
        [ -n "$first" ] || first=$(label "$n")
        last=$(label "$n")
    done
    if [ "$flood_n" -gt 0 ]; then
        bench_flood "$flood_n"
    fi
    echo
    echo "ratio: on a peer row, peer time / time of the tcplens row named" \
        "(times faster);"
    echo "on a floor row, floor time / tcplens conns time."
    [ -n "$last" ] && goals "$last" "$first"
    [ -z "$stream" ] || stream_table
}

main
