#!/bin/bash
# run_cli.sh - sources, filters, writing, counting and every error path.
#   tests/run_cli.sh TCPLENS TESTS_DIR
# Expected outputs in tests/cli were made with tcpdump 4.99.3 on the same
# captures (see tests/README.md).  Live-capture checks need root and
# run on the loopback interface only.
set -u
bin=$1
dir=$2
cli=$dir/cli
cap=$dir/captures/handshake-data-4way.pcap
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=GMT0
fails=0
checks=0

ok() { checks=$((checks + 1)); }
fail() {
    checks=$((checks + 1))
    fails=$((fails + 1))
    echo "FAIL: $*"
}

# same FILE1 FILE2 WHAT
same() {
    if cmp -s "$1" "$2"; then ok; else fail "$3"; diff "$2" "$1" | head -n 5; fi
}

# error_case WHAT EXPECTED-STDERR-REGEX EXPECTED-STDOUT-FILE-or-"" -- ARGS...
error_case() {
    what=$1 re=$2 want=$3
    shift 4
    "$bin" "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ "$rc" -eq 0 ]; then
        fail "$what: exit status 0"
        return
    fi
    if [ "$(wc -l < "$tmp/err")" -ne 1 ] || ! grep -q -E "^tcplens: .*$re" "$tmp/err"; then
        fail "$what: stderr is not one 'tcplens: ...$re' line:"
        cat "$tmp/err"
        return
    fi
    if [ -n "$want" ]; then
        same "$tmp/out" "$want" "$what: output before the error"
    else
        if [ -s "$tmp/out" ]; then fail "$what: unexpected output"; else ok; fi
    fi
}

# --- reading -------------------------------------------------------------
"$bin" -# -n -r "$cap" > "$tmp/file.out" 2> /dev/null
same "$tmp/file.out" "$dir/captures/handshake-data-4way.out" "-r FILE"
"$bin" -# -n -r - < "$cap" > "$tmp/stdin.out" 2> /dev/null
same "$tmp/stdin.out" "$dir/captures/handshake-data-4way.out" "-r - (standard input)"
"$bin" -# -n -c 3 -r "$cap" > "$tmp/c3.out" 2> /dev/null
head -n 3 "$dir/captures/handshake-data-4way.out" > "$tmp/c3.want"
same "$tmp/c3.out" "$tmp/c3.want" "-c 3"

# --- the mapped reader against libpcap ----------------------------------
# A classic pcap file named with -r is memory-mapped; the same bytes on
# standard input are read by libpcap.  Every capture under tests/ must give
# the same frames (times to the nanosecond, lengths, every byte) and the
# same error line, if any, both ways; once plain and once through a filter.
# stderr names the file ("-" for standard input), so that name is dropped.
reader_diff() {
    f=$1
    shift
    "$bin" -n -tt --nano -e -v -x -r "$f" "$@" > "$tmp/map.out" 2> "$tmp/map.err"
    mrc=$?
    "$bin" -n -tt --nano -e -v -x -r - "$@" < "$f" > "$tmp/lib.out" 2> "$tmp/lib.err"
    lrc=$?
    sed -i 's/^tcplens: [^:]*: /tcplens: /' "$tmp/map.err" "$tmp/lib.err"
    if [ "$mrc" -eq "$lrc" ] && cmp -s "$tmp/map.out" "$tmp/lib.out" &&
        cmp -s "$tmp/map.err" "$tmp/lib.err"; then
        ok
    else
        fail "mapped and libpcap readers differ on $f $* (exit $mrc vs $lrc)"
        diff "$tmp/lib.out" "$tmp/map.out" | head -n 4
        diff "$tmp/lib.err" "$tmp/map.err" | head -n 4
    fi
}
while IFS= read -r f; do
    reader_diff "$f"
    reader_diff "$f" 'tcp and len > 60'
done < <(find "$dir" -name '*.pcap' -type f | sort)

# --- a mapped file cut short while it is read ----------------------------
# 10,000 records of 4,000 bytes (40 MB).  tcplens writes its lines into a
# FIFO nobody reads yet, so it stops about 11 MB in; the file is then cut
# to 20 MB, beyond the 4 MiB it is reading.  It must notice, print the
# records before the cut, and end with one line on stderr, not SIGBUS.
python3 - "$tmp/shrinking.pcap" <<'PY'
import struct, sys
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    payload = bytes(3946)
    for i in range(10000):
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 3986, i & 0xffff, 0, 64, 6, 0,
                         bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
        tcp = struct.pack("!HHIIBBHHH", 40000, 80, 1 + i * 3946, 1, 0x50, 0x10, 512, 0, 0)
        f.write(struct.pack("<IIII", 1700000000 + i // 1000, i % 1000 * 1000, 4000, 4000))
        f.write(bytes(6) + bytes([2, 0, 0, 0, 0, 1]) + b"\x08\x00" + ip + tcp + payload)
PY
mkfifo "$tmp/lines.fifo"
"$bin" -n -r "$tmp/shrinking.pcap" > "$tmp/lines.fifo" 2> "$tmp/shrink.err" &
pid=$!
exec 3< "$tmp/lines.fifo"
sleep 1
truncate -s 20000000 "$tmp/shrinking.pcap"
cat <&3 > "$tmp/shrink.out"
exec 3<&-
wait "$pid"
rc=$?
lines=$(wc -l < "$tmp/shrink.out")
if [ "$rc" -eq 1 ] && [ "$(wc -l < "$tmp/shrink.err")" -eq 1 ] &&
    grep -q "^tcplens: .*truncated dump file" "$tmp/shrink.err" && [ "$lines" -eq 4980 ]; then
    ok
else
    fail "file cut while read: rc=$rc, $lines lines (want 4980), stderr: $(cat "$tmp/shrink.err")"
fi

# --- filters and -w ------------------------------------------------------
"$bin" -# -n -r "$cap" 'tcp[tcpflags] & tcp-syn != 0' > "$tmp/f.out" 2> /dev/null
same "$tmp/f.out" "$cli/filter-syn.out" "trailing filter expression"
"$bin" -# -n -r "$cap" -F "$cli/syn.filter" > "$tmp/F.out" 2> /dev/null
same "$tmp/F.out" "$cli/filter-syn.out" "-F filter file"
"$bin" -r "$cap" -w "$tmp/syn.pcap" 'tcp[tcpflags] & tcp-syn != 0' > "$tmp/w.out" 2> /dev/null
if [ -s "$tmp/w.out" ]; then fail "-w printed packets"; else ok; fi
"$bin" -# -n -r "$tmp/syn.pcap" > "$tmp/reread.out" 2> /dev/null
same "$tmp/reread.out" "$cli/write-syn.out" "-w FILE then -r FILE"

# --- errors --------------------------------------------------------------
error_case "missing file" "No such file" "" -- -r "$tmp/does-not-exist.pcap"
error_case "not a capture" "unknown file format" "" -- -r "$cli/not-a-capture.txt"
error_case "record cut in the middle" "truncated dump file" "$cli/cut-record.out" -- -# -n -r "$cli/cut-record.pcap"
error_case "unknown link type" "unsupported link type 147" "" -- -r "$cli/linktype-user0.pcap"
error_case "bad filter" "bad filter expression" "" -- -r "$cap" 'tcp port'
error_case "unknown interface" "nosuchif0: No such device" "" -- -i nosuchif0 -c 1
if [ "$(id -u)" -eq 0 ] && command -v setpriv > /dev/null; then
    setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" -i lo -c 1 > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ "$rc" -ne 0 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q "^tcplens: lo: You don't have permission" "$tmp/err"; then
        ok
    else
        fail "no permission: rc=$rc stderr: $(cat "$tmp/err")"
    fi
fi

# --- --version: versions and the bytes per tracked connection -----------
"$bin" --version > "$tmp/version" 2>&1
if [ "$(sed -n 1p "$tmp/version" | cut -d' ' -f1-2)" = "tcplens version" ] &&
    sed -n 2p "$tmp/version" | grep -q "^libpcap version " &&
    sed -n 3p "$tmp/version" | grep -q -E "^[0-9]+ bytes per tracked connection$"; then
    ok
else
    fail "--version: $(cat "$tmp/version")"
fi

# --- live capture on loopback (root only) -------------------------------
if [ "$(id -u)" -eq 0 ]; then
    "$bin" -D > "$tmp/ifaces" 2> /dev/null
    if grep -q -E '^[0-9]+\.lo ' "$tmp/ifaces"; then ok; else fail "-D does not list lo"; fi

    port=$((20000 + $$ % 10000))
    "$bin" -i lo --immediate -c 2 "tcp port $port" > "$tmp/live.out" 2> "$tmp/live.err" &
    pid=$!
    sleep 1
    bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2> /dev/null
    wait "$pid"
    rc=$?
    if [ "$rc" -eq 0 ] &&
        grep -q -E "IP 127\.0\.0\.1\.[0-9]+ > 127\.0\.0\.1\.$port: Flags \[S\], seq [0-9]+, win [0-9]+, options \[mss" "$tmp/live.out" &&
        grep -q -E "IP 127\.0\.0\.1\.$port > 127\.0\.0\.1\.[0-9]+: Flags \[R\.\], seq 0, ack [0-9]+, win 0, length 0" "$tmp/live.out" &&
        grep -q "^2 packets captured$" "$tmp/live.err" &&
        grep -q "packets\? received by filter$" "$tmp/live.err" &&
        grep -q "packets\? dropped by kernel$" "$tmp/live.err"; then
        ok
    else
        fail "live capture -i lo -c 2 (rc=$rc)"
        cat "$tmp/live.out" "$tmp/live.err"
    fi

    "$bin" -i lo -w "$tmp/live.pcap" "tcp port $port" > /dev/null 2> "$tmp/term.err" &
    pid=$!
    sleep 1
    bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2> /dev/null
    sleep 0.5
    kill -TERM "$pid"
    wait "$pid"
    rc=$?
    n=$("$bin" -r "$tmp/live.pcap" 2> /dev/null | wc -l)
    if [ "$rc" -eq 0 ] && [ "$n" -eq 2 ] && grep -q "^2 packets captured$" "$tmp/term.err"; then
        ok
    else
        fail "SIGTERM stops a live -w capture cleanly (rc=$rc, $n packets written)"
        cat "$tmp/term.err"
    fi
fi

# --- live connections: a row when each one ends, the rest on Ctrl-C ------
if [ "$(id -u)" -eq 0 ] && command -v python3 > /dev/null; then
    refused=$((port + 1))
    open=$((port + 2))
    "$bin" conns --csv -i lo "tcp port $refused or tcp port $open" > "$tmp/lc.out" 2> "$tmp/lc.err" &
    pid=$!
    sleep 1
    bash -c "exec 3<>/dev/tcp/127.0.0.1/$refused" 2> /dev/null
    python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $open)); s.listen()
c = socket.create_connection(('127.0.0.1', $open)); a, _ = s.accept()
c.send(b'hello'); time.sleep(2)" &
    peer=$!
    sleep 1
    cp "$tmp/lc.out" "$tmp/lc.before"
    kill -INT "$pid"
    wait "$pid"
    rc=$?
    wait "$peer"
    # before Ctrl-C: only the refused connection, which has ended
    if [ "$rc" -eq 0 ] && [ "$(wc -l < "$tmp/lc.before")" -eq 2 ] &&
        grep -q -E "^0,127\.0\.0\.1\.[0-9]+,127\.0\.0\.1\.$refused,seen,refused,reset,server,CLOSED,CLOSED,.*,REJ,Sr,closed$" "$tmp/lc.before" &&
        grep -q -E "^1,127\.0\.0\.1\.[0-9]+,127\.0\.0\.1\.$open,seen,complete,open,,ESTABLISHED,ESTABLISHED,[0-9.]+,3,2,5,0,.*,S1,ShADa,end of input$" "$tmp/lc.out"; then
        ok
    else
        fail "live conns: a row at each close, the rest on SIGINT (rc=$rc)"
        cat "$tmp/lc.before" "$tmp/lc.out" "$tmp/lc.err"
    fi
fi

echo "cli: $checks checks, $fails failed"
[ "$fails" -eq 0 ]
