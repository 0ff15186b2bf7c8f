#!/bin/bash
# Regenerate tests/follow/expected/: tshark 4.0.17 `follow,tcp` ground truth.
#
#   expected/<SET>__<file>.<FMT>   FMT in ascii raw hex yaml: the stdout of
#       HOME=$(mktemp -d) LC_ALL=C.UTF-8 TZ=GMT0 tshark -n -r F -q -z follow,tcp,FMT,N
#     concatenated over N = 0 .. last stream index (stderr is not kept).
#     The streams are those of `tshark -n -r F -T fields -e tcp.stream`
#     (a frame with several TCP layers lists several, comma-separated).
#   expected/<SET>__<file>.addr.ascii      -z follow,tcp,ascii,A:PA,B:PB, where
#     A:PA is the sender and B:PB the receiver of the first frame of stream 0
#     (IPv6 written [addr]:port)
#   expected/<SET>__<file>.addr-rev.ascii  the same with the two endpoints
#     swapped (B:PB,A:PA)  -- for the tests/follow captures only
#   expected/nostream.<FMT>   tshark's output for a stream index that does not
#     exist (half-close.pcap, stream 999)
#   expected/INDEX.tsv        one row per capture considered: set, file, frames,
#     streams, status (ok | no-tcp-stream | tshark-failed), tshark exit codes,
#     payload_as_data (same | DIFFERENT: whether the yaml output is unchanged
#     when every TCP port is decoded as plain data with
#     -d 'tcp.port==0-65535,data', i.e. whether it depends on the dissectors of
#     the TCP payload), first stderr line other than the "Running as user
#     root" warning
#
# Idempotent: every file of the kinds above is removed from expected/ and
# rewritten (other files there are not touched).  Only the
# installed tshark is used; nothing is captured.  Runs 2 captures in parallel.
set -euo pipefail
FMAKE=$(cd "$(dirname "$0")" && pwd)
FOLLOW=$(cd "$FMAKE/.." && pwd)
TESTS=$(cd "$FOLLOW/.." && pwd)
CORPUS=${CORPUS:-/work/shared/corpus}
EXP="$FOLLOW/expected"
FMTS="ascii raw hex yaml"
export LC_ALL=C.UTF-8 TZ=GMT0

# ts ARGS... -- tshark with a fresh empty HOME (no user profile)
ts() {
    local h rc=0
    h=$(mktemp -d /tmp/tlfollow-home.XXXXXX)
    HOME=$h tshark "$@" || rc=$?
    rm -rf "$h"
    return $rc
}

# one SET FILE TMPDIR -- all expected files of one capture; prints its INDEX row
one() {
    local set=$1 f=$2 tmp=$3 base out err n frames streams last fmt rcs="" rc
    base=$(basename "$f"); out="$EXP/${set}__$base"; err="$tmp/${set}__$base.err"
    : > "$err"
    rc=0; ts -n -r "$f" -T fields -e frame.number -e tcp.stream > "$tmp/${set}__$base.fields" 2>>"$err" || rc=$?
    rcs="fields:$rc"
    frames=$(wc -l < "$tmp/${set}__$base.fields")
    last=$(cut -f2 "$tmp/${set}__$base.fields" | tr ',' '\n' | { grep -v '^$' || true; } | sort -n | tail -1)
    rm -f "$tmp/${set}__$base.fields"
    local note; note=$(grep -v 'Running as user' "$err" | head -1 | tr '\t' ' ') || true
    if [ "$frames" = 0 ] && [ "$rc" != 0 ]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$base" 0 0 tshark-failed "$rcs" - "$note"; return
    fi
    if [ -z "$last" ]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$base" "$frames" 0 no-tcp-stream "$rcs" - "$note"; return
    fi
    streams=$((last + 1))
    for fmt in $FMTS; do
        : > "$out.$fmt"; local frc=0
        for n in $(seq 0 "$last"); do
            rc=0; ts -n -r "$f" -q -z "follow,tcp,$fmt,$n" >> "$out.$fmt" 2>>"$err" || rc=$?
            [ "$rc" = 0 ] || frc=$rc
        done
        rcs="$rcs $fmt:$frc"
    done
    # does the output depend on the dissectors of the TCP payload?  Redo the
    # yaml with every TCP port decoded as plain "data" and compare.
    local dep=same
    : > "$tmp/${set}__$base.datayaml"
    for n in $(seq 0 "$last"); do
        ts -d 'tcp.port==0-65535,data' -n -r "$f" -q -z "follow,tcp,yaml,$n" >> "$tmp/${set}__$base.datayaml" 2>/dev/null || true
    done
    cmp -s "$tmp/${set}__$base.datayaml" "$out.yaml" || dep=DIFFERENT
    rm -f "$tmp/${set}__$base.datayaml"
    note=$(grep -v 'Running as user' "$err" | head -1 | tr '\t' ' ') || true
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$base" "$frames" "$streams" ok "$rcs" "$dep" "$note"
}

# addr SET FILE [rev] -- the address form for the endpoints of stream 0
addr() {
    local set=$1 f=$2 rev=${3:-} base a b out
    base=$(basename "$f")
    read -r a b < <(ts -n -r "$f" -Y 'tcp.stream == 0' -T fields -E separator=' ' \
        -e ip.src -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst -e tcp.dstport 2>/dev/null | head -1 |
        awk '{ if (NF != 4) exit 1; s = ($1 ~ /:/) ? "[" $1 "]" : $1; d = ($3 ~ /:/) ? "[" $3 "]" : $3; print s ":" $2, d ":" $4 }')
    if [ -n "$rev" ]; then out="$EXP/${set}__$base.addr-rev.ascii"; set -- "$b" "$a"
    else out="$EXP/${set}__$base.addr.ascii"; set -- "$a" "$b"; fi
    ts -n -r "$f" -q -z "follow,tcp,ascii,$1,$2" > "$out" 2>/dev/null
    printf '%s\t%s\t%s\n' "$(basename "$out")" "$1" "$2"
}

# internal: gen-expected.sh --one IDX SET FILE TMPDIR  (run by xargs below)
if [ "${1:-}" = --one ]; then one "$3" "$4" "$5" > "$5/row.$(printf %05d "$2")"; exit 0; fi

iscap() { [ -f "$1" ] && [[ "$1" =~ \.(pcap|pcapng)(\.gz)?$ ]]; }
TMP=$(mktemp -d /tmp/tlfollow.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
add() { local set=$1 g; shift; for g in "$@"; do if iscap "$g"; then printf '%s\n%s\n' "$set" "$g"; fi; done; }
{
    add corpus-tcpdump   "$CORPUS"/tcpdump/*.pcap*
    add corpus-analysis  "$CORPUS"/analysis/*
    add corpus-crafted   "$CORPUS"/crafted/*.pcap
    add corpus-malformed "$CORPUS"/malformed/*.pcap*
    add captures         "$TESTS"/captures/*.pcap
    add conns            "$TESTS"/conns/*.pcap
    add analysis         "$TESTS"/analysis/*.pcap
    add analysis-edge    "$TESTS"/analysis/edge/*.pcap
    add follow           "$FOLLOW"/*.pcap
} | awk 'NR % 2 == 1 { printf "%d\n%s\n", (NR + 1) / 2, $0; next } { print }' > "$TMP/list"

mkdir -p "$EXP"
# remove only what this script writes (other files in expected/ are left alone)
find "$EXP" -maxdepth 1 -type f \( -name '*__*.ascii' -o -name '*__*.raw' -o -name '*__*.hex' -o -name '*__*.yaml' \
    -o -name 'nostream.*' -o -name INDEX.tsv -o -name ADDR.tsv \) -delete
xargs -d '\n' -n 4 -P 2 bash "$FMAKE/gen-expected.sh" --one < <(awk '{ print } NR % 3 == 0 { print "'"$TMP"'" }' "$TMP/list") ||
    { echo "gen-expected.sh: a worker failed" >&2; exit 1; }
{
    printf 'set\tfile\tframes\ttcp_streams\tstatus\ttshark_exit_codes\tpayload_as_data\ttshark_stderr\n'
    cat "$TMP"/row.*
} > "$EXP/INDEX.tsv"

# address form: every tests/follow capture (both orders) and a few others
{
    printf 'file\tfirst_endpoint\tsecond_endpoint\n'
    for f in "$FOLLOW"/*.pcap; do addr follow "$f"; addr follow "$f" rev; done
    addr captures "$TESTS/captures/ipv6.pcap"
    addr conns "$TESTS/conns/multi.pcap"
    addr conns "$TESTS/conns/port-reuse.pcap"
    addr corpus-tcpdump "$CORPUS/tcpdump/tfo-5c1fa7f9ae91.pcap"
    addr corpus-analysis "$CORPUS/analysis/of13_ericsson.pcapng"
} > "$EXP/ADDR.tsv"

# a stream index that does not exist
for fmt in $FMTS; do
    ts -n -r "$FOLLOW/half-close.pcap" -q -z "follow,tcp,$fmt,999" > "$EXP/nostream.$fmt" 2>/dev/null
done
awk -F'\t' 'NR > 1 { n[$5]++; s += $4 } END { for (k in n) printf "%s: %d captures\n", k, n[k]; printf "%d TCP streams in all\n", s }' "$EXP/INDEX.tsv" >&2
