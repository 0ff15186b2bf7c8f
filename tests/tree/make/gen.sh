#!/bin/bash
# gen.sh -- regenerate the tshark -V references listed in tests/tree/LIST.tsv:
# tshark 4.0.17 with checksum verification on (tcplens -V verifies them),
# TZ=GMT0 and HOME set to an empty directory so that no preferences apply.
set -euo pipefail
cd "$(dirname "$0")/.."
H=$(mktemp -d); trap 'rm -rf "$H"' EXIT
tail -n +2 LIST.tsv | while IFS=$'\t' read -r name capture; do
    HOME=$H TZ=GMT0 tshark -r "../$capture" -V -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE \
        2>/dev/null | gzip -9n > "$name.tshark-V.txt.gz"
done
