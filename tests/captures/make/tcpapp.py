#!/usr/bin/env python3
"""Tiny scripted TCP peer used to generate the tcplens test captures.

Usage:
  tcpapp.py server ADDR PORT STEP...      listen on ADDR:PORT, accept one connection, run STEPs
  tcpapp.py client ADDR PORT STEP...      connect to ADDR:PORT, run STEPs
       client options (before ADDR): --bind ADDR:PORT  fixed local address/port
                                     --expect-refused   connect() must fail with ECONNREFUSED

STEPs (run in order on the connected socket):
  send:TEXT      send TEXT (backslash escapes such as \\r\\n are interpreted)
  recv           one recv() call (waits for at least one byte)
  recvn:N        receive exactly N bytes
  recv-eof       read until the peer's FIN (EOF); a RST is tolerated and reported
  sendbulk:N     send N bytes of pattern data
  sleep:SECS     sleep
  at:EPOCH       sleep until the given absolute time.time() value
  shutdown       shutdown(SHUT_WR)  -> sends FIN
  linger0        setsockopt SO_LINGER {l_onoff=1, l_linger=0} (close() then sends RST)
  close          close()
"""
import codecs, socket, struct, sys, time

def log(*a):
    print("[tcpapp %s]" % ROLE, *a, file=sys.stderr, flush=True)

def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET

def run_steps(s, steps):
    for st in steps:
        op, _, arg = st.partition(":")
        if op == "send":
            data = codecs.decode(arg, "unicode_escape").encode("latin-1")
            s.sendall(data); log("sent", len(data))
        elif op == "recv":
            d = s.recv(65536); log("recv", len(d))
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
        elif op == "sendbulk":
            n = int(arg)
            pat = (b"tcplens-lossy-transfer-" * (n // 23 + 1))[:n]
            s.sendall(pat); log("sent bulk", n)
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
        else:
            raise SystemExit("unknown step " + st)

def main():
    global ROLE
    args = sys.argv[1:]
    ROLE = args.pop(0)
    bind = None; expect_refused = False
    while args and args[0].startswith("--"):
        o = args.pop(0)
        if o == "--bind": bind = args.pop(0)
        elif o == "--expect-refused": expect_refused = True
        else: raise SystemExit("bad option " + o)
    addr, port = args.pop(0), int(args.pop(0))
    fam = family(addr)
    if ROLE == "server":
        ls = socket.socket(fam, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind((addr, port)); ls.listen(1)
        log("listening", addr, port)
        s, peer = ls.accept(); ls.close()
        log("accepted", peer)
    else:
        s = socket.socket(fam, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if bind:
            baddr, _, bport = bind.rpartition(":")
            s.bind((baddr.strip("[]"), int(bport)))
        try:
            s.connect((addr, port))
        except ConnectionRefusedError:
            log("connection refused")
            sys.exit(0 if expect_refused else 1)
        if expect_refused:
            log("unexpectedly connected"); sys.exit(1)
        log("connected")
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    run_steps(s, args)

if __name__ == "__main__":
    main()
