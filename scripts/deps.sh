#!/bin/sh
# deps.sh - install the Debian packages tcplens needs to build and test,
# if any is missing.  Needs root (or sudo) only when something is missing.
#   scripts/deps.sh          build and test dependencies
#   scripts/deps.sh bench    also the peers make bench compares against
#                            (tcpdump, tshark, tcptrace, tcpflow) and GNU time
#   scripts/deps.sh fuzz     also clang and its libFuzzer runtime, for make fuzz
set -eu
need="meson ninja-build pkg-config gcc libc6-dev libpcap-dev libcmocka-dev"
[ "${1:-}" = bench ] && need="$need tcpdump tshark tcptrace tcpflow time"
[ "${1:-}" = fuzz ] && need="$need clang libclang-rt-14-dev"
missing=""
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "deps.sh: run as root to install:$missing" >&2; exit 1; }
    SUDO=sudo
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
