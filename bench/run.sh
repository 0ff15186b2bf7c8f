#!/usr/bin/env bash
# bench/run.sh BUILD_DIR - compare tcplens with tcpdump on a large capture.
#
# Generates BUILD_DIR/bench.pcap once with bench/gen.c (reused while the
# generator source, count and seed are unchanged), then times
#   tcplens -n -r F      vs  tcpdump -n -r F
#   tcplens -n -v -r F   vs  tcpdump -n -v -r F
#   tcplens --states / --analysis / --json -r F and tcplens conns -r F
# with output to /dev/null: best-of-N wall time, packets/s and peak RSS
# (GNU /usr/bin/time), and the tcplens/tcpdump ratios; then peak RSS of
# tcplens conns on generated captures of growing size (constant memory).
#
# Environment: BENCH_COUNT (packets, default 1200000), BENCH_SEED (1),
# BENCH_RUNS (runs per command, default 3), BENCH_SIZES (packet counts for
# the memory table, default "2500000 10000000 20000000"; empty skips it),
# CC (default cc).
set -eu

die() { echo "bench: $*" >&2; exit 1; }

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
build=${1%/}
src_dir=$(cd "$(dirname "$0")" && pwd)
gen_src=$src_dir/gen.c
count=${BENCH_COUNT:-1200000}
seed=${BENCH_SEED:-1}
runs=${BENCH_RUNS:-3}
pcap=$build/bench.pcap
stamp=$pcap.stamp

[ -d "$build" ] || die "build directory '$build' does not exist"
[ -x "$build/tcplens" ] ||
    die "$build/tcplens not found or not executable; build tcplens first"
command -v tcpdump >/dev/null 2>&1 ||
    die "tcpdump not found; install it (e.g. apt-get install tcpdump)"
if ! [ -x /usr/bin/time ] || ! /usr/bin/time -f %M true >/dev/null 2>&1
then
    die "GNU time (/usr/bin/time) is required to measure peak RSS;" \
        "install it with: apt-get install time"
fi

# Pick the generator: a meson-built BUILD_DIR/bench/gen if it is newer than
# gen.c, else BUILD_DIR/gen, (re)compiled from gen.c when missing or stale.
find_gen() {
    if [ -x "$build/bench/gen" ] && [ "$build/bench/gen" -nt "$gen_src" ]
    then
        gen=$build/bench/gen
        return
    fi
    gen=$build/gen
    if ! [ -x "$gen" ] || [ "$gen_src" -nt "$gen" ]; then
        echo "bench: compiling $gen" >&2
        ${CC:-cc} -std=c11 -O2 -Wall -Wextra -o "$gen" "$gen_src" ||
            die "failed to compile $gen_src"
    fi
}

# (Re)generate the capture unless the stamp says it is current.
make_pcap() {
    want="$(sha256sum <"$gen_src" | cut -d' ' -f1) count=$count seed=$seed"
    if [ -f "$pcap" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]
    then
        echo "bench: reusing $pcap" >&2
        return
    fi
    find_gen
    rm -f "$stamp"
    t0=$(date +%s.%N)
    "$gen" -n "$count" -s "$seed" "$pcap" || die "generator failed"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" \
        'BEGIN { printf "bench: generated in %.2f s\n", b - a }' >&2
    printf '%s\n' "$want" >"$stamp"
}

# measure LABEL CMD... : best wall time and max peak RSS (KB) over $runs
# runs; sets m_sec and m_rss.  Aborts if the command fails.
measure() {
    label=$1
    shift
    m_sec=
    m_rss=0
    tfile=$(mktemp)
    efile=$(mktemp)
    for _ in $(seq "$runs"); do
        t0=$(date +%s%N)
        if ! /usr/bin/time -o "$tfile" -f '%e %M' "$@" >/dev/null 2>"$efile"
        then
            echo "bench: '$label' failed:" >&2
            tail -n 5 "$efile" >&2
            rm -f "$tfile" "$efile"
            exit 1
        fi
        t1=$(date +%s%N)
        rss=$(tail -n 1 "$tfile" | cut -d' ' -f2)
        sec=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        if [ -z "$m_sec" ] || awk -v s="$sec" -v m="$m_sec" \
            'BEGIN { exit !(s < m) }'; then
            m_sec=$sec
        fi
        [ "$rss" -gt "$m_rss" ] && m_rss=$rss
    done
    rm -f "$tfile" "$efile"
}

row() {   # row LABEL SEC RSS_KB [BASE_SEC BASE_RSS_KB]
    awk -v l="$1" -v s="$2" -v r="$3" -v bs="${4:-}" -v br="${5:-}" \
        -v n="$count" 'BEGIN {
        tr = bs == "" ? "-" : sprintf("%.2f", s / bs)
        rr = br == "" ? "-" : sprintf("%.2f", r / br)
        printf "%-24s %9d %9.3f %12.0f %12.1f %10s %9s\n",
            l, n, s, n / s, r / 1024, tr, rr }'
}

make_pcap
size=$(du -m "$pcap" | cut -f1)
echo "bench: $pcap: $count packets, ${size} MB; best of $runs runs" >&2
cat "$pcap" >/dev/null                  # warm the page cache

printf '%-24s %9s %9s %12s %12s %10s %9s\n' command packets seconds \
    packets/s "peak RSS MB" "time ratio" "RSS ratio"
for v in "" "-v"; do
    measure "tcpdump -n ${v:+$v }-r F" tcpdump -n $v -r "$pcap"
    d_sec=$m_sec d_rss=$m_rss
    [ -z "$v" ] && base_sec=$m_sec base_rss=$m_rss
    measure "tcplens -n ${v:+$v }-r F" "$build/tcplens" -n $v -r "$pcap"
    row "tcplens -n ${v:+$v }-r F" "$m_sec" "$m_rss" "$d_sec" "$d_rss"
    row "tcpdump -n ${v:+$v }-r F" "$d_sec" "$d_rss"
done
for mode in --states --analysis --json; do
    measure "tcplens $mode -r F" "$build/tcplens" $mode -r "$pcap"
    row "tcplens $mode -r F" "$m_sec" "$m_rss" "$base_sec" "$base_rss"
done
measure "tcplens conns -r F" "$build/tcplens" conns -r "$pcap"
row "tcplens conns -r F" "$m_sec" "$m_rss" "$base_sec" "$base_rss"
echo "(ratios are tcplens/tcpdump -n [-v] -r F; lower is better)"

# Memory against capture size: the generator streams captures of growing
# length straight into `tcplens conns -r -`.  Peak RSS stays flat once the
# table holds its steady state: open connections, those closed in the last
# 60 s of capture time, and up to 8 MB of rows held back for stream order.
# About 3% of the generated connections fall silent without a FIN or RST;
# they stay open for ever unless --idle-timeout forgets them, which the last
# column shows.  BENCH_SIZES="" skips this part.
sizes=${BENCH_SIZES-2500000 10000000 20000000}
[ -n "$sizes" ] || exit 0
find_gen
idle=120

# conns_rss N [OPTION...]: peak RSS in KB of tcplens conns on N generated
# packets; sets c_sec, c_rss and c_conns.
conns_rss() {
    n=$1
    shift
    gfile=$(mktemp)
    tfile=$(mktemp)
    "$gen" -n "$n" -s "$seed" /dev/stdout 2>"$gfile" |
        /usr/bin/time -o "$tfile" -f '%e %M' "$build/tcplens" conns "$@" -r - >/dev/null ||
        die "tcplens conns $* failed on $n generated packets"
    c_conns=$(sed -n 's/.* \([0-9][0-9]*\) connections.*/\1/p' "$gfile")
    c_sec=$(tail -n 1 "$tfile" | cut -d' ' -f1)
    c_rss=$(tail -n 1 "$tfile" | cut -d' ' -f2)
    rm -f "$gfile" "$tfile"
}

echo
printf '%-18s %9s %12s %9s %12s %22s\n' "tcplens conns -r -" packets connections seconds \
    "peak RSS MB" "with --idle-timeout $idle"
for n in $sizes; do
    conns_rss "$n" --idle-timeout "$idle"
    idle_rss=$c_rss
    conns_rss "$n"
    awk -v n="$n" -v c="${c_conns:-?}" -v s="$c_sec" -v r="$c_rss" -v i="$idle_rss" 'BEGIN {
        printf "%-18s %9d %12s %9.2f %12.1f %22.1f\n", "", n, c, s, r / 1024, i / 1024 }'
done
