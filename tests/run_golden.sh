#!/bin/sh
# run_golden.sh - run tcplens on every case of one or more CASES.tsv files
# and compare its output with the expected file.
#
#   tests/run_golden.sh TCPLENS COMPARE.tsv CASES.tsv...   (exit 1 if any case fails)
#
# A CASES.tsv is tab-separated with a header; the first four columns are
# name, capture, expected output, options (word-split by the shell, as
# tcpdump's own TESTrun does).  Paths are relative to the CASES.tsv file.
# Each case runs as: TZ=GMT0 tcplens -# -n -r CAPTURE OPTIONS
# COMPARE.tsv (name, mode, reason) says how a case is compared:
#   exact   (the default for cases not listed) byte-for-byte;
#   tcp     for cases where tcpdump goes on to decode an application protocol
#           (DNS, SSH, RESP, ...) that tcplens does not: each line is compared
#           up to and including "length N" (other protocols' lines up to
#           their addresses), and the application's own continuation lines
#           (a tab, then anything but a hex-dump offset) are dropped from
#           both sides.
set -u

# Drop application continuation lines, cut TCP lines after "length N" and
# other lines after their addresses ("IP a.1 > b.2:").
app_strip() {
    awk '!/^\t/ || /^\t0x[0-9a-f][0-9a-f][0-9a-f][0-9a-f]: /' "$1" |
        sed -E '/Flags \[([FSRPUEW.]+|none)\]/ s/(, length [0-9]+).*/\1/
                /Flags \[([FSRPUEW.]+|none)\]/! s/( > [^ ]+:).*/\1/'
}

bin=$1
compare=$2
shift 2
tmp=${TMPDIR:-/tmp}/golden.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for cases in "$@"; do
    dir=$(dirname "$cases")
    tail -n +2 "$cases" > "$tmp/list"
    while IFS= read -r line; do
        name=$(printf '%s\n' "$line" | cut -f1)
        pcap=$(printf '%s\n' "$line" | cut -f2)
        exp=$(printf '%s\n' "$line" | cut -f3)
        opts=$(printf '%s\n' "$line" | cut -f4)
        mode=$(awk -F '\t' -v n="$name" '$1 == n { print $2 }' "$compare")
        [ -n "$mode" ] || mode=exact
        eval "TZ=GMT0 \"\$bin\" -# -n -r \"\$dir/\$pcap\" $opts" > "$tmp/out" 2> "$tmp/err"
        if [ "$mode" = tcp ]; then
            app_strip "$tmp/out" > "$tmp/a"
            app_strip "$dir/$exp" > "$tmp/b"
        else
            cp "$tmp/out" "$tmp/a"
            cp "$dir/$exp" "$tmp/b"
        fi
        if cmp -s "$tmp/a" "$tmp/b"; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "FAIL $name ($cases, $mode)"
            diff "$tmp/b" "$tmp/a" | head -n "${GOLDEN_DIFF_LINES:-6}"
        fi
    done < "$tmp/list"
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
