#!/bin/sh
# check-layers.sh - data flows one way: base <- source <- decode <- track <-
# report.  A file may include headers of its own layer and of layers to its
# left only; this fails on any include that points right.
set -eu
cd "$(dirname "$0")/../src"
order="base source decode track report"
bad=0
rank() { i=0; for l in $order; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo 99; }
for layer in $order; do
    mine=$(rank "$layer")
    for f in "$layer"/*.c "$layer"/*.h; do
        [ -e "$f" ] || continue
        for inc in $(sed -n 's/^#include "\([a-z]*\)\/.*/\1/p' "$f"); do
            if [ "$(rank "$inc")" -gt "$mine" ]; then
                echo "layering: $f includes $inc/ (a layer to its right)"
                bad=1
            fi
        done
    done
done
[ "$bad" -eq 0 ] && echo "layering: ok"
exit "$bad"
