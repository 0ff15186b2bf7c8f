#!/bin/bash
# gen-info.sh PCAP... -- write PCAP's Info column as tshark shows it, next
# to it, as NAME.tshark-info.tsv (frame number, tab, Info).  The "[TCP ...]"
# tags at its start are Wireshark's analysis verdicts in display order;
# tests/run_analysis.py compares them with tcplens --analysis.  tshark runs
# with HOME set to an empty directory so that no preferences apply.
set -euo pipefail
H=$(mktemp -d); trap 'rm -rf "$H"' EXIT
for p in "$@"; do
    out=${p%.pcap}.tshark-info.tsv
    HOME=$H tshark -n -r "$p" -T fields -E header=y -E separator=/t \
        -e frame.number -e _ws.col.Info > "$out" 2>/dev/null
done
