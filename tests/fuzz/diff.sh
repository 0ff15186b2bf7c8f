#!/bin/bash
# diff.sh - differential test of tcplens against tcpdump on every capture of
# a variant folder (see make_variants.py).
#
#   tests/fuzz/diff.sh VARIANT_DIR RESULT_DIR [TCPLENS] [TCPDUMP]
#
# For every VARIANT_DIR/*.pcap and every option set below, both tools run as
#   TZ=GMT0 TOOL -# -n -r FILE OPTIONS
# and their stdout is compared (stderr is ignored, except that "Sanitizer" or
# "runtime error" on tcplens's stderr counts as a crash, as does an exit
# status above 1).  Runs in parallel (xargs -P ${JOBS:-2}).
# RESULT_DIR/results.tsv gets one row per run:
#   file  options  same|diff|crash  tcpdump-rc  tcplens-rc
# and RESULT_DIR/runs/ keeps both outputs (and tcplens's stderr) of every run
# that is not "same".
set -u

OPTSETS=("" "-v" "-vv" "-S" "-e" "-q" "-x" "-X" "-A" "-vvv -e")

slug() {
    local s=${1:-none}
    s=${s//-/}
    s=${s// /_}
    printf '%s' "${s:-none}"
}

one() {
    local f=$1 res=$2 lens=$3 dump=$4
    local name opts s tmp rc1 rc2 status
    name=$(basename "$f" .pcap)
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzzdiff.XXXXXX")
    for opts in "${OPTSETS[@]}"; do
        # shellcheck disable=SC2086
        TZ=GMT0 "$dump" -# -n -r "$f" $opts > "$tmp/exp" 2> /dev/null
        rc1=$?
        # shellcheck disable=SC2086
        TZ=GMT0 ASAN_OPTIONS=detect_leaks=1 \
            UBSAN_OPTIONS=print_stacktrace=1 \
            "$lens" -# -n -r "$f" $opts > "$tmp/act" 2> "$tmp/err"
        rc2=$?
        if [ "$rc2" -gt 1 ] || grep -q -E 'Sanitizer|runtime error' "$tmp/err"; then
            status=crash
        elif cmp -s "$tmp/exp" "$tmp/act"; then
            status=same
        else
            status=diff
        fi
        if [ "$status" != same ]; then
            s=$(slug "$opts")
            cp "$tmp/exp" "$res/runs/$name@$s.exp"
            cp "$tmp/act" "$res/runs/$name@$s.act"
            cp "$tmp/err" "$res/runs/$name@$s.err"
        fi
        printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$opts" "$status" "$rc1" "$rc2" \
            >> "$res/results.tsv"
    done
    rm -rf "$tmp"
}

if [ "${1:-}" = --one ]; then
    shift
    one "$@"
    exit 0
fi

if [ $# -lt 2 ]; then
    sed -n '2,16p' "$0"
    exit 2
fi
vdir=$1
res=$2
lens=${3:-/tmp/fuzzbuild/tcplens}
dump=${4:-/usr/bin/tcpdump}
mkdir -p "$res/runs"
: > "$res/results.tsv"
find "$vdir" -maxdepth 1 -name '*.pcap' -print0 | sort -z |
    xargs -0 -P "${JOBS:-2}" -I{} "$0" --one {} "$res" "$lens" "$dump"
awk -F '\t' '{ n[$3]++; f[$1] = 1 } END {
    printf "%d files, %d runs:", length(f), NR
    for (k in n) printf " %s %d", k, n[k]
    printf "\n" }' "$res/results.tsv"
