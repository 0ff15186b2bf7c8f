#!/bin/bash
# Regenerate every capture, then the expected outputs and CASES.tsv.
# Must run as root (network namespaces).  Captures are real traffic, so
# timestamps, ISNs, TS values, IP ids, flow labels (and for lossy.pcap the loss
# pattern) differ from run to run; re-running replaces all expected outputs.
set -euo pipefail
cd "$(dirname "$0")"
for s in handshake-data-4way close-3way rst-after-data refused ipv6 vlan qinq simultaneous-close lossy http-8080; do
    echo "== $s" >&2; ./make-$s.sh
done
echo "== sll2-any" >&2; ./make-any.sh sll2
echo "== sll-any" >&2; ./make-any.sh sll
./gen-expected.sh
./verify.py
