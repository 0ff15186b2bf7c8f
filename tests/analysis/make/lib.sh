# Common helpers for the tcplens loss-recovery / window captures (tests/analysis).
# Source from a make-*.sh.  Copied from tests/conns/make/lib.sh and adapted:
# own namespace names (tan-*), cubic, nftables drop helpers, nstat deltas,
# a relay topology with a controllable relay (relay.py fwd), two capture points.
# Requires root, iproute2, ethtool, nftables, tcpdump, python3.
set -euo pipefail

MAKEDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUTDIR=${OUTDIR:-$(cd "$MAKEDIR/.." && pwd)}
TMPD=$(mktemp -d /tmp/tancap.XXXXXX)
APP="python3 $MAKEDIR/tcpapp.py"
RELAY="python3 $MAKEDIR/relay.py"
NSLIST=()
PIDS=()
CAPPIDS=()
NSC=tan-cli; NSS=tan-srv; NSM=tan-mid
export TAN_TMPD=$TMPD

# ss snapshots: tcpapp.py step "snap:LABEL" (or the shell function snap) runs
# make/snap.sh, which appends labelled, timestamped `ss` output from both
# namespaces to $TAN_SSLOG.
export TAN_SNAP="$MAKEDIR/snap.sh" TAN_SSLOG="$TMPD/ss.log" TAN_NSC=$NSC TAN_NSS=$NSS
export TAN_SSOPTS=${TAN_SSOPTS:--tinoem}
export TAN_APPLOG="$TMPD/app.log"   # tcpapp.py's log, appended to NAME.nstat.txt
: > "$TAN_SSLOG"
snap() { "$TAN_SNAP" "$1"; }

# Fixed, documented addressing
C4=10.0.0.1;  S4=10.0.0.2
CMAC=02:00:00:00:00:01; SMAC=02:00:00:00:00:02

cleanup() {
    set +e
    for p in "${CAPPIDS[@]}"; do kill -INT "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    for n in "${NSLIST[@]}"; do ip netns del "$n" 2>/dev/null; done
    rm -rf "$TMPD"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# mkns NAME -- new namespace, lo up, IPv6 disabled.  (New namespaces inherit
# this machine's default congestion control, bbr, and may not change it to the
# "restricted" cubic; tcpapp.py therefore sets TCP_CONGESTION=cubic on every
# socket itself.)
mkns() {
    ip netns del "$1" 2>/dev/null || true
    ip netns add "$1"; NSLIST+=("$1")
    ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
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

# capture NS IF RAW -- start tcpdump on IF inside NS (several may run at once)
capture() {
    local ns=$1 ifn=$2 raw=$3 log="$3.log"; shift 3
    ip netns exec "$ns" tcpdump -i "$ifn" -Z root --immediate-mode -U -w "$raw" "$@" 2>"$log" &
    CAPPIDS+=($!)
    for _ in $(seq 100); do grep -q "listening on" "$log" 2>/dev/null && break; sleep 0.1; done
    grep -q "listening on" "$log" || { cat "$log"; exit 1; }
    sleep 0.3
}
stop_capture() {
    sleep "${1:-0.5}"
    local p
    for p in "${CAPPIDS[@]}"; do kill -INT "$p"; wait "$p" || true; done
    CAPPIDS=()
    cat "$TMPD"/*.pcap.log >&2
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

# nstat deltas, per namespace.  nstat keeps its "history" (the baseline) in a
# file that would otherwise be shared by all namespaces (/tmp/.nstat.uUID), so
# each namespace gets its own NSTAT_HISTORY.
nstat_reset() { local n; for n in "$@"; do ip netns exec "$n" env NSTAT_HISTORY="$TMPD/nstat.$n" nstat -n; done; }
# nstat_write NAME "NS:ROLE" ... -- write $OUTDIR/NAME.nstat.txt, with
# $TMPD/extra.txt (nft counters, relay log, event times) appended; call it
# after finish, so that epoch times can be given relative to NAME.pcap
KEYCTR="TcpRetransSegs TcpExtTCPFastRetrans TcpExtTCPLossProbes TcpExtTCPLossProbeRecovery TcpExtTCPWinProbe TcpExtTCPTimeouts TcpExtTCPSlowStartRetrans TcpExtTCPSpuriousRTOs TcpExtTCPDSACKRecv TcpExtTCPDSACKOldSent TcpExtTCPSACKReorder TcpExtTCPKeepAlive TcpOutSegs TcpInSegs TcpExtTCPLossUndo TcpExtTCPSackRecovery TcpExtTCPACKSkippedSeq TcpExtTCPToZeroWindowAdv TcpExtTCPFromZeroWindowAdv TcpExtTCPOFOQueue"
nstat_write() {
    local name=$1 out="$OUTDIR/$1.nstat.txt" spec ns role; shift
    for spec in "$@"; do
        ns=${spec%%:*}
        ip netns exec "$ns" env NSTAT_HISTORY="$TMPD/nstat.$ns" nstat -az > "$TMPD/nstat.$ns.out"
    done
    {
        echo "# $name: kernel TCP counters per network namespace, deltas over the run."
        echo "# Reset with 'nstat -n' inside each namespace before any socket was opened,"
        echo "# read with 'nstat -az' after the capture stopped.  Only the programs of this"
        echo "# run had sockets in these namespaces."
        echo
        echo "## key counters (the first 14 are the required set, the others useful extras)"
        printf '%-28s' counter; for spec in "$@"; do printf '  %-26s' "${spec#*:}"; done; echo
        local c
        for c in $KEYCTR; do
            printf '%-28s' "$c"
            for spec in "$@"; do
                ns=${spec%%:*}
                printf '  %-26s' "$(awk -v c="$c" '$1==c {print $2}' "$TMPD/nstat.$ns.out")"
            done; echo
        done
        for spec in "$@"; do
            ns=${spec%%:*}; role=${spec#*:}
            echo
            echo "## $ns ($role): nstat -az"
            cat "$TMPD/nstat.$ns.out"
        done
        echo
        echo "## TCP sysctls (identical in every namespace of the run; the namespace default"
        echo "## congestion control is inherited from the host, but tcpapp.py sets cubic on every socket)"
        ip netns exec "${1%%:*}" sysctl net.ipv4.tcp_congestion_control net.ipv4.tcp_sack net.ipv4.tcp_dsack \
            net.ipv4.tcp_timestamps net.ipv4.tcp_window_scaling net.ipv4.tcp_early_retrans net.ipv4.tcp_recovery \
            net.ipv4.tcp_frto net.ipv4.tcp_reordering net.ipv4.tcp_rto_min_us net.ipv4.tcp_rmem net.ipv4.tcp_wmem
        if [ -s "$TAN_APPLOG" ]; then
            echo; echo "## application log (make/tcpapp.py, both ends)"; cat "$TAN_APPLOG"
        fi
        if [ -s "$TMPD/extra.txt" ]; then echo; cat "$TMPD/extra.txt"; fi
    } > "$TMPD/nstat.tmp"
    {
        if [ -s "$OUTDIR/$name.pcap" ]; then
            sed '1a# Epoch times below are followed by [t=...], seconds relative to frame 1 of '"$name"'.pcap.' "$TMPD/nstat.tmp" |
                python3 "$MAKEDIR/reltimes.py" "$OUTDIR/$name.pcap"
        else
            cat "$TMPD/nstat.tmp"
        fi
    } > "$out"
    echo "$name.nstat.txt written" >&2
}

# finish RAW NAME [FILTER] -- write $OUTDIR/NAME.pcap (only packets matching
# FILTER, default tcp) and, if any snapshots were taken, $OUTDIR/NAME.ss.txt
finish() {
    local raw=$1 name=$2 filt=${3:-tcp} out="$OUTDIR/$2.pcap"
    tcpdump -Z root -r "$raw" -w "$out" "$filt" 2>/dev/null
    local a b
    a=$(tcpdump -r "$raw" 2>/dev/null | wc -l); b=$(tcpdump -r "$out" 2>/dev/null | wc -l)
    echo "$name.pcap: raw $a packets, kept $b ($filt)" >&2
    [ "$a" = "$b" ] || echo "  NOTE: $((a-b)) non-matching packet(s) dropped" >&2
    rm -f "$OUTDIR/$name.ss.txt"
    if [ -s "$TAN_SSLOG" ]; then
        python3 "$MAKEDIR/../../conns/make/annotate-ss.py" "$out" "$TAN_SSLOG" > "$OUTDIR/$name.ss.txt"
    fi
}

# two_ns -- tan-cli[veth-c 10.0.0.1] <-> tan-srv[veth-s 10.0.0.2], offload off
two_ns() {
    mkns $NSC; mkns $NSS
    veth $NSC veth-c $NSS veth-s
    offload_off $NSC veth-c; offload_off $NSS veth-s
    ifcfg $NSC veth-c $CMAC $C4/24
    ifcfg $NSS veth-s $SMAC $S4/24
    neigh $NSC veth-c $S4 $SMAC; neigh $NSS veth-s $C4 $CMAC
    sleep 0.5
}

# relay_ns RELAYARGS... -- like two_ns, but the two ends are joined through a
# middle namespace in which `relay.py fwd` copies frames between two veths:
#   tan-cli[veth-c] == [veth-mc] tan-mid (relay.py fwd) [veth-ms] == [veth-s]tan-srv
# direction a2b is client->server, b2a server->client.  The relay's pid is in
# $TMPD/relay.pid (for SIGUSR1) and its log in $TMPD/relay.log.
relay_ns() {
    mkns $NSC; mkns $NSM; mkns $NSS
    veth $NSC veth-c $NSM veth-mc
    veth $NSM veth-ms $NSS veth-s
    for p in "$NSC veth-c" "$NSM veth-mc" "$NSM veth-ms" "$NSS veth-s"; do offload_off $p; done
    ip -n $NSM link set veth-mc up; ip -n $NSM link set veth-ms up
    ifcfg $NSC veth-c $CMAC $C4/24
    ifcfg $NSS veth-s $SMAC $S4/24
    neigh $NSC veth-c $S4 $SMAC; neigh $NSS veth-s $C4 $CMAC
    bg ip netns exec $NSM $RELAY fwd veth-mc veth-ms "$TMPD/ready" --pidfile "$TMPD/relay.pid" --log "$TMPD/relay.log" "$@"
    RELAYPID=$!
    wait_file "$TMPD/ready"
    sleep 0.5
}
# stop_relay -- SIGTERM the relay (it logs its statistics) and show its log
stop_relay() {
    kill -TERM "$RELAYPID"; wait "$RELAYPID" 2>/dev/null || true
    cat "$TMPD/relay.log" >&2
    { echo "## relay.py log (tan-mid)"; cat "$TMPD/relay.log"; } >> "$TMPD/extra.txt"
    if grep -q 'kernel drops [1-9]' "$TMPD/relay.log"; then echo "relay lost frames" >&2; exit 1; fi
}

# nft in the receiver's namespace: a table "tan" with a prerouting chain at raw
# priority, so that the sender's capture still sees every original packet.
nft_table() {
    ip netns exec "$1" nft -f - <<NFT
table ip tan {
    chain pre { type filter hook prerouting priority raw; policy accept; }
}
NFT
}
nft_rules() { ip netns exec "$1" nft -a list chain ip tan pre; }
# nft_record NS -- append the chain with its counters to the extra section of NAME.nstat.txt
nft_record() { { echo "## nftables chain in $1 after the run (rule counters = packets dropped)"; nft_rules "$1"; } >> "$TMPD/extra.txt"; }

# epoch_in SECS -- absolute time.time() value SECS from now
epoch_in() { python3 -c 'import sys,time; print("%.3f" % (time.time() + float(sys.argv[1])))' "$1"; }
