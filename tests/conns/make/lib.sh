# Common helpers for the tcplens connection-tracking captures (tests/conns).
# Source from a make-*.sh.  Copied from tests/captures/make/lib.sh and adapted:
# own namespace names (tcn-*), ss snapshots, delay-relay topology helper.
# Requires root, iproute2, ethtool, tcpdump, python3 (nftables for some).
set -euo pipefail

MAKEDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUTDIR=${OUTDIR:-$(cd "$MAKEDIR/.." && pwd)}
TMPD=$(mktemp -d /tmp/tcncap.XXXXXX)
APP="python3 $MAKEDIR/tcpapp.py"
RELAY="python3 $MAKEDIR/../../captures/make/relay.py"  # one relay for all capture sets
NSLIST=()
PIDS=()
CAPPID=
NSC=tcn-cli; NSS=tcn-srv; NSM=tcn-mid

# ss snapshots: tcpapp.py step "snap:LABEL" (or the shell function snap) runs
# make/snap.sh, which appends labelled, timestamped `ss` output from both
# namespaces to $TCN_SSLOG.
export TCN_SNAP="$MAKEDIR/snap.sh" TCN_SSLOG="$TMPD/ss.log" TCN_NSC=$NSC TCN_NSS=$NSS
export TCN_SSOPTS=${TCN_SSOPTS:--tano}
: > "$TCN_SSLOG"
snap() { "$TCN_SNAP" "$1"; }

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
mkns() {
    ip netns del "$1" 2>/dev/null || true
    ip netns add "$1"; NSLIST+=("$1")
    if [ "${2:-}" != v6 ]; then
        ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    fi
    ip -n "$1" link set lo up
}
veth() { ip link add "$2" netns "$1" type veth peer name "$4" netns "$3"; }
ifcfg() {
    ip -n "$1" link set "$2" address "$3"
    if [ -n "${4:-}" ]; then ip -n "$1" addr add "$4" dev "$2" ${5:-}; fi
    ip -n "$1" link set "$2" up
}
offload_off() { ip netns exec "$1" ethtool -K "$2" tx off rx off tso off gso off gro off >/dev/null 2>&1 || ip netns exec "$1" ethtool -K "$2" tx off rx off; }
neigh() { ip -n "$1" neigh replace "$3" lladdr "$4" dev "$2" nud permanent; }

capture() {
    local ns=$1 ifn=$2 raw=$3; shift 3
    ip netns exec "$ns" tcpdump -i "$ifn" -Z root --immediate-mode -U -w "$raw" "$@" 2>"$TMPD/tcpdump.log" &
    CAPPID=$!
    for _ in $(seq 100); do grep -q "listening on" "$TMPD/tcpdump.log" 2>/dev/null && break; sleep 0.1; done
    grep -q "listening on" "$TMPD/tcpdump.log" || { cat "$TMPD/tcpdump.log"; exit 1; }
    sleep 0.3
}
stop_capture() {
    sleep "${1:-0.5}"
    kill -INT "$CAPPID"; wait "$CAPPID" || true; CAPPID=
    cat "$TMPD/tcpdump.log" >&2
}
wait_listen() {
    for _ in $(seq 100); do
        [ -n "$(ip netns exec "$1" ss -Htln "sport = :$2")" ] && return 0
        sleep 0.05
    done
    echo "server on port $2 did not start" >&2; exit 1
}
wait_file() { for _ in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.05; done; echo "timeout waiting for $1" >&2; exit 1; }
bg() { "$@" & PIDS+=($!); }

# finish RAW NAME FILTER -- write $OUTDIR/NAME.pcap (only packets matching
# FILTER) and, if any snapshots were taken, $OUTDIR/NAME.ss.txt
finish() {
    local raw=$1 name=$2 filt=$3 out="$OUTDIR/$2.pcap"
    tcpdump -Z root -r "$raw" -w "$out" "$filt" 2>/dev/null
    local a b
    a=$(tcpdump -r "$raw" 2>/dev/null | wc -l); b=$(tcpdump -r "$out" 2>/dev/null | wc -l)
    echo "$name.pcap: raw $a packets, kept $b ($filt)" >&2
    [ "$a" = "$b" ] || echo "  NOTE: $((a-b)) non-matching packet(s) dropped" >&2
    rm -f "$OUTDIR/$name.ss.txt"
    if [ -s "$TCN_SSLOG" ]; then
        python3 "$MAKEDIR/annotate-ss.py" "$out" "$TCN_SSLOG" > "$OUTDIR/$name.ss.txt"
    fi
}

# two_ns [v6] -- tcn-cli[veth-c 10.0.0.1|fd00::1] <-> tcn-srv[veth-s 10.0.0.2|fd00::2], offload off
two_ns() {
    local v6=${1:-}
    mkns $NSC $v6; mkns $NSS $v6
    veth $NSC veth-c $NSS veth-s
    offload_off $NSC veth-c; offload_off $NSS veth-s
    if [ "$v6" = v6 ]; then
        ifcfg $NSC veth-c $CMAC $C6/64 nodad
        ifcfg $NSS veth-s $SMAC $S6/64 nodad
        neigh $NSC veth-c $S6 $SMAC; neigh $NSS veth-s $C6 $CMAC
    else
        ifcfg $NSC veth-c $CMAC $C4/24
        ifcfg $NSS veth-s $SMAC $S4/24
        neigh $NSC veth-c $S4 $SMAC; neigh $NSS veth-s $C4 $CMAC
    fi
    sleep 0.5
}

# relay_ns SECONDS -- like two_ns, but the two ends are joined through a middle
# namespace in which relay.py holds every frame SECONDS before forwarding it:
#   tcn-cli[veth-c] == [veth-mc] tcn-mid (relay.py delay) [veth-ms] == [veth-s]tcn-srv
relay_ns() {
    mkns $NSC; mkns $NSM; mkns $NSS
    veth $NSC veth-c $NSM veth-mc
    veth $NSM veth-ms $NSS veth-s
    for p in "$NSC veth-c" "$NSM veth-mc" "$NSM veth-ms" "$NSS veth-s"; do offload_off $p; done
    ip -n $NSM link set veth-mc up; ip -n $NSM link set veth-ms up
    ifcfg $NSC veth-c $CMAC $C4/24
    ifcfg $NSS veth-s $SMAC $S4/24
    neigh $NSC veth-c $S4 $SMAC; neigh $NSS veth-s $C4 $CMAC
    bg ip netns exec $NSM $RELAY delay veth-mc veth-ms "$1" "$TMPD/ready"
    wait_file "$TMPD/ready"
    sleep 0.5
}

# epoch_in SECS -- absolute time.time() value SECS from now
epoch_in() { python3 -c 'import sys,time; print("%.3f" % (time.time() + float(sys.argv[1])))' "$1"; }
