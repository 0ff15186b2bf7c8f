#!/bin/bash
# Regenerate every capture in tests/analysis, then the text outputs.  Run as
# root (network namespaces, nftables).  Real traffic: timestamps, ISNs, TS
# values, IP ids and some ACK timing change on every run, so the frame numbers
# in README.md and CAUSES.tsv must be re-checked afterwards (check-causes.py
# compares them with the new captures and counters).
set -euo pipefail
cd "$(dirname "$0")"
for s in fast-retrans rto tlp zero-window keepalive spurious reorder; do
    echo "== $s" >&2; ./make-$s.sh
done
./gen-text.sh
