#!/usr/bin/env bash
# bench/run.sh BUILD_DIR - compare tcplens with tcpdump on a large capture.
#
# Generates BUILD_DIR/bench.pcap once with bench/gen.c (reused while the
# generator source, count and seed are unchanged), then times
#   tcplens -n -r F      vs  tcpdump -n -r F
#   tcplens -n -v -r F   vs  tcpdump -n -v -r F
# with output to /dev/null: best-of-N wall time, packets/s and peak RSS
# (GNU /usr/bin/time), and the tcplens/tcpdump ratios.
#
# Environment: BENCH_COUNT (packets, default 1200000), BENCH_SEED (1),
# BENCH_RUNS (runs per command, default 3), CC (default cc).
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
        printf "%-22s %9d %9.3f %12.0f %12.1f %10s %9s\n",
            l, n, s, n / s, r / 1024, tr, rr }'
}

make_pcap
size=$(du -m "$pcap" | cut -f1)
echo "bench: $pcap: $count packets, ${size} MB; best of $runs runs" >&2
cat "$pcap" >/dev/null                  # warm the page cache

printf '%-22s %9s %9s %12s %12s %10s %9s\n' command packets seconds \
    packets/s "peak RSS MB" "time ratio" "RSS ratio"
for v in "" "-v"; do
    measure "tcpdump -n ${v:+$v }-r F" tcpdump -n $v -r "$pcap"
    d_sec=$m_sec d_rss=$m_rss
    measure "tcplens -n ${v:+$v }-r F" "$build/tcplens" -n $v -r "$pcap"
    row "tcplens -n ${v:+$v }-r F" "$m_sec" "$m_rss" "$d_sec" "$d_rss"
    row "tcpdump -n ${v:+$v }-r F" "$d_sec" "$d_rss"
done
echo "(ratios are tcplens/tcpdump; lower is better)"
