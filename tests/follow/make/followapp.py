#!/usr/bin/env python3
"""Scripted TCP peer for the tcplens `follow` captures (tests/follow).

A thin wrapper around tests/captures/make/tcpapp.py (imported, not copied):
same command line, same steps (send:, recv, recv-eof, shutdown, sleep:, close,
...), IPv4 and IPv6, plus two deterministic payload steps and a record of
every byte the application handed to the kernel:

  sendrand:SEED:N     send N pseudo-random bytes: random.Random(SEED).randbytes(N)
                      (Python >= 3.9; the same SEED and N always give the same bytes)
  sendtext:LABEL:N    send N bytes of printable text: lines
                      "LABEL line 0001 abcdef...\\n" (each 64 bytes), cut at N

Every sendall() made on the connected socket is hashed.  When the program
ends, one line "ROLE <sha256 hex> <nbytes>" is appended to the file named by
the environment variable FOLLOW_SHAFILE (ROLE is "client" or "server"), so
the .sha256 files are computed by the applications from the bytes they
actually passed to the kernel.
"""
import atexit, hashlib, importlib.util, os, random, socket, sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "tcpapp", os.path.join(HERE, "..", "..", "captures", "make", "tcpapp.py"))
tcpapp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tcpapp)

H = hashlib.sha256()
NSENT = [0]

_orig_sendall = socket.socket.sendall
def _sendall(self, data, *a):
    r = _orig_sendall(self, data, *a)
    H.update(data); NSENT[0] += len(data)
    return r
socket.socket.sendall = _sendall

def textbytes(label, n):
    out = bytearray(); i = 1
    while len(out) < n:
        head = "%s line %04d " % (label, i)
        fill = "".join(chr(ord("a") + (i + k) % 26) for k in range(63 - len(head)))
        out += (head + fill + "\n").encode(); i += 1
    return bytes(out[:n])

_orig_run_steps = tcpapp.run_steps
def run_steps(s, steps):
    for st in steps:
        op, _, arg = st.partition(":")
        if op == "sendrand":
            seed, _, n = arg.partition(":")
            data = random.Random(int(seed)).randbytes(int(n))
            s.sendall(data); tcpapp.log("sent random", len(data), "seed", seed)
        elif op == "sendtext":
            label, _, n = arg.rpartition(":")
            data = textbytes(label, int(n))
            s.sendall(data); tcpapp.log("sent text", len(data), label)
        else:
            _orig_run_steps(s, [st])
tcpapp.run_steps = run_steps

def _write_sha():
    f = os.environ.get("FOLLOW_SHAFILE")
    if f:
        with open(f, "a") as fh:
            fh.write("%s %s %d\n" % (tcpapp.ROLE, H.hexdigest(), NSENT[0]))

if __name__ == "__main__":
    atexit.register(_write_sha)
    tcpapp.main()
