#!/usr/bin/env python3
"""Scripted TCP peer for the tcplens connection-tracking captures.
Copied from tests/captures/make/tcpapp.py and extended (--accept, --at,
--timeout, --expect-timeout, snap:).

Usage:
  tcpapp.py server [--accept N] ADDR PORT STEP...
        listen on ADDR:PORT, accept N connections (default 1) one after the
        other and run the STEPs on each; the listener stays open until the
        last one has been accepted
  tcpapp.py client [options] ADDR PORT STEP...      connect to ADDR:PORT, run STEPs
        --bind ADDR:PORT   fixed local address/port (SO_REUSEADDR is always set)
        --at EPOCH         call connect() at this absolute time.time() value
        --timeout SECS     connect() timeout
        --expect-refused   connect() must fail with ECONNREFUSED
        --expect-timeout   connect() must time out
  ("client" is also used for both ends of the simultaneous open: each end binds
   its fixed port and connects to the other.)

STEPs (run in order on the connected socket):
  send:TEXT      send TEXT (backslash escapes such as \\r\\n are interpreted)
  recv           one recv() call (waits for at least one byte)
  recvn:N        receive exactly N bytes
  recv-eof       read until the peer's FIN (EOF); a RST is tolerated and reported
  sleep:SECS     sleep
  at:EPOCH       sleep until the given absolute time.time() value
  shutdown       shutdown(SHUT_WR)  -> sends FIN
  linger0        setsockopt SO_LINGER {l_onoff=1, l_linger=0} (close() then sends RST)
  close          close()
  keep           never close it (as a server that forgets to): it stays open
                 until the process is killed, after the last STEP of every
                 connection
  snap:LABEL     run $TCN_SNAP LABEL (ss snapshot of both namespaces)
"""
import codecs, os, socket, struct, subprocess, sys, time

def log(*a):
    print("[tcpapp %s %.6f]" % (ROLE, time.time()), *a, file=sys.stderr, flush=True)

def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET

def run_steps(s, steps):
    for st in steps:
        op, _, arg = st.partition(":")
        if op == "send":
            data = codecs.decode(arg, "unicode_escape").encode("latin-1")
            s.sendall(data); log("sent", len(data))
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
        elif op == "linger0":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif op == "close":
            s.close(); log("closed")
        elif op == "keep":
            KEPT.append(s); log("kept open")
        elif op == "snap":
            subprocess.run([os.environ["TCN_SNAP"], arg], check=True); log("snap", arg)
        else:
            raise SystemExit("unknown step " + st)

KEPT = []  # sockets the "keep" step holds open

def main():
    global ROLE
    args = sys.argv[1:]
    ROLE = args.pop(0)
    bind = None; expect = None; at = None; timeout = None; naccept = 1
    while args and args[0].startswith("--"):
        o = args.pop(0)
        if o == "--bind": bind = args.pop(0)
        elif o == "--at": at = float(args.pop(0))
        elif o == "--timeout": timeout = float(args.pop(0))
        elif o == "--accept": naccept = int(args.pop(0))
        elif o == "--expect-refused": expect = "refused"
        elif o == "--expect-timeout": expect = "timeout"
        else: raise SystemExit("bad option " + o)
    addr, port = args.pop(0), int(args.pop(0))
    fam = family(addr)
    if ROLE == "server":
        ls = socket.socket(fam, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind((addr, port)); ls.listen(4)
        log("listening", addr, port)
        for i in range(naccept):
            s, peer = ls.accept()
            if i == naccept - 1:
                ls.close()
            log("accepted", peer)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            run_steps(s, args)
        if KEPT:
            time.sleep(3600)  # the make script kills us after the capture
        return
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if bind:
        baddr, _, bport = bind.rpartition(":")
        s.bind((baddr.strip("[]"), int(bport)))
    if at is not None:
        dt = at - time.time()
        if dt > 0: time.sleep(dt)
    if timeout is not None:
        s.settimeout(timeout)
    try:
        log("connect", addr, port)
        s.connect((addr, port))
    except ConnectionRefusedError:
        log("connection refused")
        sys.exit(0 if expect == "refused" else 1)
    except (socket.timeout, TimeoutError):
        log("connect timed out")
        s.close()
        sys.exit(0 if expect == "timeout" else 1)
    if expect:
        log("unexpectedly connected"); sys.exit(1)
    s.settimeout(None)
    log("connected", s.getsockname(), "->", s.getpeername())
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    run_steps(s, args)

if __name__ == "__main__":
    main()
