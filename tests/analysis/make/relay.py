#!/usr/bin/env python3
"""Userspace Ethernet relay for the tcplens analysis captures (tests/analysis).
Grown from tests/captures/make/relay.py (which has `delay`; this kernel has no
netem) and extended with a controllable forwarding mode:

  relay.py fwd DEV_A DEV_B READYFILE [options]
      Bridges two veths (in a middle namespace) frame by frame through
      AF_PACKET sockets.  Direction a2b is DEV_A -> DEV_B, b2a the reverse.
      Options:
        --delay SECS       hold every frame SECS before forwarding (default 0)
        --hold-dir D       a2b or b2a: on SIGUSR1, every frame that arrives in
        --hold-secs SECS   direction D during the next SECS seconds is held
                           until those SECS are over, then all are sent in order
        --swap LIST        comma list of 1-based indices of a2b *data* frames
                           (IPv4/TCP with payload): each such frame is held and
                           sent right after the next a2b data frame, i.e. the
                           two are swapped ...
        --swap-max SECS    ... or after SECS if no next data frame comes (0.05)
        --pidfile F        write our pid to F
        --log F            log every hold/swap (with TCP seq/len) and, on
                           SIGTERM, the kernel's PACKET_STATISTICS to F
"""
import argparse, heapq, os, select, signal, socket, struct, sys, time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
SOL_PACKET, PACKET_STATISTICS = 263, 6
SO_RCVBUFFORCE = 33

def psock(dev):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 8 << 20)
    s.bind((dev, 0))
    return s

def tcpinfo(f):
    """(seq, payload length, flags) of an IPv4/TCP frame, else None"""
    if len(f) < 34 or f[12:14] != b"\x08\x00" or f[23] != 6:
        return None
    ihl = (f[14] & 15) * 4
    tot = struct.unpack("!H", f[16:18])[0]
    t = 14 + ihl
    seq = struct.unpack("!I", f[t + 4:t + 8])[0]
    doff = (f[t + 12] >> 4) * 4
    return seq, tot - ihl - doff, f[t + 13]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["fwd"])
    ap.add_argument("deva"); ap.add_argument("devb"); ap.add_argument("ready")
    ap.add_argument("--delay", type=float, default=0.0)
    ap.add_argument("--hold-dir", choices=["a2b", "b2a"])
    ap.add_argument("--hold-secs", type=float, default=0.0)
    ap.add_argument("--swap", default="")
    ap.add_argument("--swap-max", type=float, default=0.05)
    ap.add_argument("--pidfile"); ap.add_argument("--log")
    o = ap.parse_args()
    logf = open(o.log, "a") if o.log else sys.stderr
    def log(*a):
        print("[relay %.6f]" % time.time(), *a, file=logf, flush=True)
    a, b = psock(o.deva), psock(o.devb)
    peer = {a: b, b: a}
    dirname = {a: "a2b", b: "b2a"}
    swap = {int(x) for x in o.swap.split(",") if x}
    hold_until = [0.0]
    def on_usr1(*_):
        hold_until[0] = time.monotonic() + o.hold_secs
        log("hold", o.hold_dir, "for", o.hold_secs, "s starts")
    def on_term(*_):
        for s, n in ((a, o.deva), (b, o.devb)):
            pk, dr = struct.unpack("II", s.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8))
            log("%s: packets %d kernel drops %d" % (n, pk, dr))
        log("forwarded", counts)
        sys.exit(0)
    signal.signal(signal.SIGUSR1, on_usr1)
    signal.signal(signal.SIGTERM, on_term)
    q = []  # (due, seq, outsock, frame)
    n = 0
    ndata = 0
    held = None  # (deadline, frame, info, index)
    counts = {"a2b": 0, "b2a": 0}
    if o.pidfile:
        with open(o.pidfile, "w") as f: f.write("%d\n" % os.getpid())
    with open(o.ready, "w") as f: f.write("ready\n")
    log("started", vars(o))
    while True:
        deadlines = []
        if q: deadlines.append(q[0][0])
        if held: deadlines.append(held[0])
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        r, _, _ = select.select([a, b], [], [], timeout)
        now = time.monotonic()
        for s in r:
            f, addr = s.recvfrom(65536)
            if addr[2] == PACKET_OUTGOING:
                continue
            d = dirname[s]
            due = now + o.delay
            if d == o.hold_dir and now < hold_until[0]:
                due = max(due, hold_until[0])
                log("held", d, tcpinfo(f), "until hold ends")
            if d == "a2b" and swap:
                ti = tcpinfo(f)
                if ti and ti[1] > 0:
                    ndata += 1
                    if ndata in swap:
                        held = (now + o.swap_max, f, ti, ndata)
                        log("swap: holding a2b data frame #%d seq %d len %d" % (ndata, ti[0], ti[1]))
                        continue
                    if held:
                        heapq.heappush(q, (due, n, peer[s], f)); n += 1
                        log("swap: sent a2b data frame #%d seq %d len %d, then #%d" % (ndata, ti[0], ti[1], held[3]))
                        f = held[1]; held = None
            heapq.heappush(q, (due, n, peer[s], f)); n += 1
        now = time.monotonic()
        if held and held[0] <= now:
            log("swap: no next data frame within %.3f s, releasing #%d" % (o.swap_max, held[3]))
            heapq.heappush(q, (now, n, b, held[1])); n += 1; held = None
        while q and q[0][0] <= now:
            _, _, out, f = heapq.heappop(q)
            out.send(f)
            counts["a2b" if out is b else "b2a"] += 1

if __name__ == "__main__":
    main()
