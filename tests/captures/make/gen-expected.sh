#!/bin/bash
# Regenerate the expected tcpdump outputs and CASES.tsv for every capture in
# tests/captures, using the installed tcpdump (must be 4.99.3):
#   TZ=GMT0 tcpdump -# -n -r FILE.pcap OPTIONS > FILE-SUFFIX.out 2>/dev/null
set -euo pipefail
cd "$(dirname "$0")/.."
tcpdump --version 2>&1 | grep -q '^tcpdump version 4.99.3$' || { echo "need tcpdump 4.99.3" >&2; exit 1; }
CAPS="handshake-data-4way close-3way rst-after-data refused ipv6 vlan qinq sll2-any sll-any simultaneous-close lossy http-8080"
OPTSETS=("none:" "v:-v" "vv:-vv" "S:-S" "e:-e" "x:-x" "X:-X" "q:-q" "tttt:-tttt")
printf 'name\tpcap\texpected\toptions\n' > CASES.tsv
for c in $CAPS; do
    [ -f "$c.pcap" ] || { echo "missing $c.pcap" >&2; exit 1; }
    for o in "${OPTSETS[@]}"; do
        suf=${o%%:*}; opt=${o#*:}
        if [ "$suf" = none ]; then name=$c; else name=$c-$suf; fi
        # shellcheck disable=SC2086
        TZ=GMT0 tcpdump -# -n -r "$c.pcap" $opt > "$name.out" 2>/dev/null
        printf '%s\t%s\t%s\t%s\n' "$name" "$c.pcap" "$name.out" "$opt" >> CASES.tsv
    done
done
echo "wrote $(($(wc -l < CASES.tsv) - 1)) cases" >&2
