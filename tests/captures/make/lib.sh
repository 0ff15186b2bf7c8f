# Common helpers for the tcplens capture generators.  Source from a make-*.sh.
# Requires root, iproute2, ethtool, tcpdump, python3.
set -euo pipefail

MAKEDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUTDIR=${OUTDIR:-$(cd "$MAKEDIR/.." && pwd)}
TMPD=$(mktemp -d /tmp/tlcap.XXXXXX)
APP="python3 $MAKEDIR/tcpapp.py"
RELAY="python3 $MAKEDIR/relay.py"
NSLIST=()
PIDS=()
CAPPID=

# Fixed, documented addressing
C4=10.0.0.1;  S4=10.0.0.2
C6=fd00::1;   S6=fd00::2
CMAC=02:00:00:00:00:01; SMAC=02:00:00:00:00:02

cleanup() {
    set +e
    if [ -n "$CAPPID" ]; then kill -INT "$CAPPID" 2>/dev/null; wait "$CAPPID" 2>/dev/null; fi
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    for n in "${NSLIST[@]}"; do ip netns del "$n" 2>/dev/null; done
    rm -rf "$TMPD"
}
trap cleanup EXIT

# mkns NAME [v6]  -- new namespace, lo up; IPv6 disabled unless "v6" is given
# (keeps router solicitations / MLD / DAD out of IPv4 captures)
mkns() {
    ip netns del "$1" 2>/dev/null || true
    ip netns add "$1"; NSLIST+=("$1")
    if [ "${2:-}" != v6 ]; then
        ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    fi
    ip -n "$1" link set lo up
}
# veth NS1 IF1 NS2 IF2
veth() { ip link add "$2" netns "$1" type veth peer name "$4" netns "$3"; }
# ifcfg NS IF MAC [ADDR/PLEN [nodad]]
ifcfg() {
    ip -n "$1" link set "$2" address "$3"
    if [ -n "${4:-}" ]; then ip -n "$1" addr add "$4" dev "$2" ${5:-}; fi
    ip -n "$1" link set "$2" up
}
# offload_off NS IF  -- software checksums, no TSO/GSO/GRO: every frame on the
# wire is MTU-sized at most and has a correct checksum
offload_off() { ip netns exec "$1" ethtool -K "$2" tx off rx off tso off gso off gro off >/dev/null 2>&1 || ip netns exec "$1" ethtool -K "$2" tx off rx off; }
# neigh NS IF IP MAC  -- static neighbour entry, so no ARP/ND on the wire
neigh() { ip -n "$1" neigh replace "$3" lladdr "$4" dev "$2" nud permanent; }

# capture NS IF RAWFILE [tcpdump args...]
capture() {
    local ns=$1 ifn=$2 raw=$3; shift 3
    ip netns exec "$ns" tcpdump -i "$ifn" -Z root --immediate-mode -U -w "$raw" "$@" 2>"$TMPD/tcpdump.log" &
    CAPPID=$!
    for _ in $(seq 100); do grep -q "listening on" "$TMPD/tcpdump.log" 2>/dev/null && break; sleep 0.1; done
    grep -q "listening on" "$TMPD/tcpdump.log" || { cat "$TMPD/tcpdump.log"; exit 1; }
    sleep 0.3
}
stop_capture() {
    sleep 0.5
    kill -INT "$CAPPID"; wait "$CAPPID" || true; CAPPID=
    cat "$TMPD/tcpdump.log" >&2
}
# wait_listen NS PORT
wait_listen() {
    for _ in $(seq 100); do
        [ -n "$(ip netns exec "$1" ss -Htln "sport = :$2")" ] && return 0
        sleep 0.05
    done
    echo "server on port $2 did not start" >&2; exit 1
}
# wait_file FILE
wait_file() { for _ in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.05; done; echo "timeout waiting for $1" >&2; exit 1; }
# bg CMD...  -- run in background, remember the pid for cleanup
bg() { "$@" & PIDS+=($!); }

# finish RAW OUTPCAP FILTER  -- keep only packets matching FILTER (the raw
# capture should already contain nothing else; this is a safety net)
finish() {
    local raw=$1 out=$2 filt=$3
    tcpdump -Z root -r "$raw" -w "$out" "$filt" 2>/dev/null
    local a b
    a=$(tcpdump -r "$raw" 2>/dev/null | wc -l); b=$(tcpdump -r "$out" 2>/dev/null | wc -l)
    echo "$(basename "$out"): raw $a packets, kept $b ($filt)" >&2
    [ "$a" = "$b" ] || echo "  NOTE: $((a-b)) non-matching packet(s) dropped" >&2
}

# Standard two-namespace topology:  tlc-cli[veth-c 10.0.0.1, fd00::1] <-> tlc-srv[veth-s 10.0.0.2, fd00::2]
# two_ns OFFLOAD(on|off) [v6]
two_ns() {
    local off=$1 v6=${2:-}
    mkns tlc-cli $v6; mkns tlc-srv $v6
    veth tlc-cli veth-c tlc-srv veth-s
    if [ "$off" = off ]; then offload_off tlc-cli veth-c; offload_off tlc-srv veth-s; fi
    if [ "$v6" = v6 ]; then
        ifcfg tlc-cli veth-c $CMAC $C6/64 nodad
        ifcfg tlc-srv veth-s $SMAC $S6/64 nodad
        neigh tlc-cli veth-c $S6 $SMAC; neigh tlc-srv veth-s $C6 $CMAC
    else
        ifcfg tlc-cli veth-c $CMAC $C4/24
        ifcfg tlc-srv veth-s $SMAC $S4/24
        neigh tlc-cli veth-c $S4 $SMAC; neigh tlc-srv veth-s $C4 $CMAC
    fi
    sleep 0.5
}
