#!/bin/bash
# Regenerate every tests/follow capture, then the tshark ground truth, then
# run the checks.  Must run as root (network namespaces, nftables).  The
# captures are real traffic: timestamps, ISNs, TS values, IP ids and (for
# bulk-loss.pcap) the loss pattern change from run to run, and so do the frame
# numbers quoted in ../README.md, which must then be updated by hand.
set -euo pipefail
cd "$(dirname "$0")"
./make-bulk-loss.sh
./make-half-close.sh
./make-snaplen.sh            # derived from half-close.pcap
./make-missing-segment.sh
./make-ipv6-data.sh
./make-overlap-conflict.py ../overlap-conflict.pcap
./check-linux-overlap.sh     # writes ../overlap-conflict.linux.txt
./gen-expected.sh
for n in bulk-loss half-close ipv6-data missing-segment-full; do ./check-sha.py ../$n.pcap ../$n.sha256; done
./check-formats.py
