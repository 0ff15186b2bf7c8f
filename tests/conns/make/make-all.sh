#!/bin/bash
# Regenerate every capture in tests/conns, then the text outputs.  Run as root
# (network namespaces).  Real traffic: timestamps, ISNs, TS values and IP ids
# change on every run, so the per-packet tables in README.md must be re-checked
# afterwards (check.py compares the structural facts).
set -euo pipefail
cd "$(dirname "$0")"
for s in close4-client-first close4-server-first close3-client-first close3-server-first refused \
         rst-abort-client rst-abort-server half-close-data close-wait syn-unanswered port-reuse \
         port-reuse-server-tw simultaneous-close simultaneous-open multi ipv6-close4 close-wait-leak; do
    echo "== $s" >&2; ./make-$s.sh
done
./gen-text.sh
