#!/bin/sh
# tests/fuzz/run.sh FUZZ_BUILD SECONDS [JOBS] - run the libFuzzer target.
#
# First replays every committed regression input (tests/fuzz/regress/: each
# one crashed tcplens once), then fuzzes for SECONDS with JOBS processes
# (default 1).  The working corpus lives in FUZZ_BUILD/corpus and grows
# from run to run; it is seeded with every capture under tests/ (tcpdump's
# and tshark's test captures and ours).  A crash, leak, sanitizer report,
# timeout (10 s) or memory blow-up (2 GB) stops the run with a non-zero
# status and leaves the input in FUZZ_BUILD/crashes/.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 FUZZ_BUILD SECONDS [JOBS]" >&2; exit 2; }
build=$1 seconds=$2 jobs=${3:-1}
here=$(cd "$(dirname "$0")" && pwd)
fuzzer=$build/tests/fuzz/tcplens_fuzz
mkdir -p "$build/corpus" "$build/seeds" "$build/crashes"
if [ -z "$(ls "$build/seeds")" ]; then
    find "$here/.." \( -name '*.pcap' -o -name '*.pcapng' \) -size -256k \
        -exec cp {} "$build/seeds/" \;
fi
set -- -max_len=65536 -timeout=10 -rss_limit_mb=2048 -close_fd_mask=3 \
    -artifact_prefix="$build/crashes/" -print_final_stats=1
regress=$(find "$here/regress" -type f 2>/dev/null | sort)
if [ -n "$regress" ]; then
    # shellcheck disable=SC2086
    "$fuzzer" "$@" $regress
fi
if [ "$jobs" -gt 1 ]; then
    set -- "$@" -jobs="$jobs" -workers="$jobs"
fi
exec "$fuzzer" "$@" -max_total_time="$seconds" "$build/corpus" "$build/seeds"
