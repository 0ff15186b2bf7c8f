#!/usr/bin/env python3
"""Scripted TCP peer for the tcplens loss-recovery / window captures
(tests/analysis).  Copied from tests/conns/make/tcpapp.py and extended
(--rcvbuf, --sndbuf, --keepalive, --nodelay, sendbulk:, recvall:, run:, bgrun:).

Usage:
  tcpapp.py server [options] ADDR PORT STEP...
        listen on ADDR:PORT, accept N connections (default 1) one after the
        other and run the STEPs on each
  tcpapp.py client [options] ADDR PORT STEP...      connect to ADDR:PORT, run STEPs
Options:
  --accept N         (server) number of connections to accept
  --bind ADDR:PORT   (client) fixed local address/port (SO_REUSEADDR is always set)
  --at EPOCH         (client) call connect() at this absolute time.time() value
  --rcvbuf N         setsockopt SO_RCVBUFFORCE N before listen()/connect()
  --sndbuf N         setsockopt SO_SNDBUFFORCE N before listen()/connect()
                     (the FORCE variants, as root, are not capped by
                     net.core.[rw]mem_max; the kernel doubles N)
  --keepalive I,V,C  SO_KEEPALIVE=1, TCP_KEEPIDLE=I, TCP_KEEPINTVL=V, TCP_KEEPCNT=C
                     (set on the connected socket before the STEPs)
  --no-nodelay       leave Nagle on (TCP_NODELAY is set by default, as in tests/conns)
  --cc NAME          congestion control set with TCP_CONGESTION before
                     listen()/connect() (default cubic, Linux's default; this
                     machine's namespaces would otherwise use bbr, which paces)

STEPs (run in order on the connected socket):
  send:TEXT      send TEXT (backslash escapes such as \\r\\n are interpreted)
  sendbulk:N     send N bytes of the offset pattern: the stream is a sequence of
                 32-bit big-endian words, the word at stream offset 4k holding
                 the value 4k (offsets count every byte this socket sent with
                 send: or sendbulk:).  A segment that starts at offset X (X a
                 multiple of 4) therefore begins with the 4 bytes X, which the
                 nftables rules of make-fast-retrans.sh match on.
  recv           one recv() call (waits for at least one byte)
  recvn:N        receive exactly N bytes
  recv-eof       read until the peer's FIN (EOF); a RST is tolerated and reported
  sleep:SECS     sleep
  at:EPOCH       sleep until the given absolute time.time() value
  shutdown       shutdown(SHUT_WR)  -> sends FIN
  close          close()
  cork / uncork  setsockopt TCP_CORK 1 / 0 (while corked only full-sized
                 segments are sent, so with sendbulk every segment starts at
                 a multiple of the MSS)
  snap:LABEL     run $TAN_SNAP LABEL (ss snapshot of both namespaces)
  run:CMD        run the shell command CMD and wait for it (must succeed)
  bgrun:SECS:CMD start a thread that runs the shell command CMD SECS seconds
                 from now (so it happens even while a later send blocks)
"""
import codecs, os, socket, struct, subprocess, sys, threading, time

def log(*a):
    print("[tcpapp %s %.6f]" % (ROLE, time.time()), *a, file=sys.stderr, flush=True)
    if os.environ.get("TAN_APPLOG"):  # also kept for NAME.nstat.txt
        with open(os.environ["TAN_APPLOG"], "a") as f:
            print("[tcpapp %s %.6f]" % (ROLE, time.time()), *a, file=f)

def pattern(start, n):
    """n bytes of the offset pattern beginning at stream offset start"""
    w0 = start // 4
    w1 = (start + n + 3) // 4
    b = struct.pack("!%dI" % (w1 - w0), *(((4 * w) & 0xffffffff) for w in range(w0, w1)))
    off = start - 4 * w0
    return b[off:off + n]

BG = []

def shell(cmd):
    r = subprocess.run(cmd, shell=True)
    if r.returncode != 0:
        log("command failed:", cmd); os._exit(1)
    log("ran", cmd)

def run_steps(s, steps):
    sent = 0
    for st in steps:
        op, _, arg = st.partition(":")
        if op == "send":
            data = codecs.decode(arg, "unicode_escape").encode("latin-1")
            s.sendall(data); sent += len(data); log("sent", len(data))
        elif op == "sendbulk":
            n = int(arg)
            s.sendall(pattern(sent, n)); sent += n; log("sent bulk", n, "total", sent)
        elif op == "recv":
            try:
                d = s.recv(65536); log("recv", len(d))
            except ConnectionResetError:
                log("recv: connection reset")
        elif op == "recvn":
            n = int(arg); got = 0
            while got < n:
                d = s.recv(min(65536, n - got))
                if not d: break
                got += len(d)
            log("recvn", got)
        elif op == "recv-eof":
            total = 0
            try:
                while True:
                    d = s.recv(65536)
                    if not d: break
                    total += len(d)
                log("eof after", total)
            except ConnectionResetError:
                log("connection reset after", total)
        elif op == "sleep":
            time.sleep(float(arg))
        elif op == "at":
            dt = float(arg) - time.time()
            if dt > 0: time.sleep(dt)
            log("at", arg, "late by %.6f" % (time.time() - float(arg)))
        elif op == "shutdown":
            s.shutdown(socket.SHUT_WR); log("shutdown")
        elif op in ("cork", "uncork"):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1 if op == "cork" else 0); log(op)
        elif op == "close":
            s.close(); log("closed")
        elif op == "snap":
            subprocess.run([os.environ["TAN_SNAP"], arg], check=True); log("snap", arg)
        elif op == "run":
            shell(arg)
        elif op == "bgrun":
            secs, _, cmd = arg.partition(":")
            due = time.time() + float(secs)
            def later(due=due, cmd=cmd):
                time.sleep(max(0.0, due - time.time())); shell(cmd)
            t = threading.Thread(target=later); t.start(); BG.append(t)
        else:
            raise SystemExit("unknown step " + st)
    for t in BG:
        t.join()

def main():
    global ROLE
    args = sys.argv[1:]
    ROLE = args.pop(0)
    bind = None; at = None; naccept = 1; rcvbuf = sndbuf = None; ka = None; nodelay = True; cc = "cubic"
    while args and args[0].startswith("--"):
        o = args.pop(0)
        if o == "--bind": bind = args.pop(0)
        elif o == "--at": at = float(args.pop(0))
        elif o == "--accept": naccept = int(args.pop(0))
        elif o == "--rcvbuf": rcvbuf = int(args.pop(0))
        elif o == "--sndbuf": sndbuf = int(args.pop(0))
        elif o == "--keepalive": ka = [int(x) for x in args.pop(0).split(",")]
        elif o == "--no-nodelay": nodelay = False
        elif o == "--cc": cc = args.pop(0)
        else: raise SystemExit("bad option " + o)
    addr, port = args.pop(0), int(args.pop(0))

    def prep(s):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, cc.encode())
        if rcvbuf is not None:
            s.setsockopt(socket.SOL_SOCKET, 33, rcvbuf)  # SO_RCVBUFFORCE
        if sndbuf is not None:
            s.setsockopt(socket.SOL_SOCKET, 32, sndbuf)  # SO_SNDBUFFORCE
    def conn_opts(s):
        if nodelay:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if ka:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, ka[0])
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, ka[1])
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, ka[2])
        log("cc", s.getsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, 16).rstrip(b"\0").decode(),
            "SO_RCVBUF", s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF),
            "SO_SNDBUF", s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))

    if ROLE == "server":
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        prep(ls)
        ls.bind((addr, port)); ls.listen(4)
        log("listening", addr, port)
        for i in range(naccept):
            s, peer = ls.accept()
            if i == naccept - 1:
                ls.close()
            log("accepted", peer)
            conn_opts(s)
            run_steps(s, args)
        return
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    prep(s)
    if bind:
        baddr, _, bport = bind.rpartition(":")
        s.bind((baddr, int(bport)))
    if at is not None:
        dt = at - time.time()
        if dt > 0: time.sleep(dt)
    log("connect", addr, port)
    s.connect((addr, port))
    log("connected", s.getsockname(), "->", s.getpeername())
    conn_opts(s)
    run_steps(s, args)

if __name__ == "__main__":
    main()
