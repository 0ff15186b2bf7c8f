#!/bin/sh
# run_malformed.sh - every capture in the given folders, printed with every
# printing option, with --states, --analysis and --explain, as the -V tree
# (with and without -x), as --json, as `tcplens conns` (table and JSON),
# followed (hex, and every stream exported) and as a ladder with its SVG,
# must come out without a crash or a sanitizer report (leaks included).
#   tests/run_malformed.sh TCPLENS DIR...
set -u
bin=$1
shift
export ASAN_OPTIONS="exitcode=99:detect_leaks=1"
export UBSAN_OPTIONS="exitcode=98:halt_on_error=1:print_stacktrace=1"
bad=0
runs=0
err=${TMPDIR:-/tmp}/malformed.$$
scratch=$(mktemp -d)
trap 'rm -rf "$scratch" "$err"' EXIT

# run ARGS...: one run; a crash or a sanitizer report counts against it.
run() {
    "$bin" "$@" > /dev/null 2> "$err"
    rc=$?
    runs=$((runs + 1))
    if [ "$rc" -gt 1 ] || grep -q -E 'Sanitizer|runtime error' "$err"; then
        echo "CRASH rc=$rc: $*"
        head -n 20 "$err"
        bad=$((bad + 1))
    fi
}

for dir in "$@"; do
    for pcap in "$dir"/*.pcap "$dir"/*.pcapng; do
        [ -e "$pcap" ] || continue
        for opts in "" -v -vv -vvv -e -q -S -x -xx -X -XX -A -AA "-tttt -v" "-ttt --nano" \
            "-e -vvv -X" --states "--states -S -vv" "--analysis --explain -v" -V "-V -x" \
            --json; do
            # shellcheck disable=SC2086
            run -# -n -r "$pcap" $opts
        done
        run conns -r "$pcap"
        run conns --json -r "$pcap"
        run follow 0 --format hex -r "$pcap"
        run follow --all -o "$scratch/export" -r "$pcap"
        rm -rf "$scratch/export"
        run ladder 0 --full --svg "$scratch/ladder.svg" -r "$pcap"
    done
done
echo "malformed: $runs runs, $bad crashed"
[ "$bad" -eq 0 ]
