#!/bin/sh
# run_malformed.sh - every capture in the given folders, printed with every
# printing option, must come out without a crash or a sanitizer report.
#   tests/run_malformed.sh TCPLENS DIR...
set -u
bin=$1
shift
export ASAN_OPTIONS="exitcode=99:detect_leaks=1"
export UBSAN_OPTIONS="exitcode=98:halt_on_error=1:print_stacktrace=1"
bad=0
runs=0
for dir in "$@"; do
    for pcap in "$dir"/*.pcap "$dir"/*.pcapng; do
        [ -e "$pcap" ] || continue
        for opts in "" -v -vv -vvv -e -q -S -x -xx -X -XX -A -AA "-tttt -v" "-ttt --nano" "-e -vvv -X"; do
            # shellcheck disable=SC2086
            "$bin" -# -n -r "$pcap" $opts > /dev/null 2> "${TMPDIR:-/tmp}/malformed.$$"
            rc=$?
            runs=$((runs + 1))
            if [ "$rc" -gt 1 ] || grep -q -E 'Sanitizer|runtime error' "${TMPDIR:-/tmp}/malformed.$$"; then
                echo "CRASH rc=$rc: $pcap $opts"
                head -n 20 "${TMPDIR:-/tmp}/malformed.$$"
                bad=$((bad + 1))
            fi
        done
    done
done
rm -f "${TMPDIR:-/tmp}/malformed.$$"
echo "malformed: $runs runs, $bad crashed"
[ "$bad" -eq 0 ]
