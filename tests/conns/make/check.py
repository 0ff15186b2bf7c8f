#!/usr/bin/env python3
"""check.py [NAME...] -- cross-check the hand-written ground truth in states.py
against the captures in tests/conns:

 1. every frame's stream (tshark tcp.stream), direction and tcpdump-style flags
    must equal what states.py says;
 2. a small independent RFC 9293 observer state machine (below) is run over
    the packets and its per-frame client/server states are compared with the
    hand-written ones;
 3. the final states in the per-stream summary must equal the states after
    the stream's last frame;
 4. CASES.tsv must match states.py (run cases.py to rewrite it).
Exit status 1 on any mismatch.
"""
import csv, os, subprocess, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import states

D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLIENT_ADDRS = ("10.0.0.1", "fd00::1")
M = 2**32

def packets(name):
    with tempfile.TemporaryDirectory() as home:
        out = subprocess.run(["tshark", "-n", "-r", os.path.join(D, name + ".pcap"), "-T", "fields",
                              "-E", "separator=/t", "-e", "frame.number", "-e", "tcp.stream",
                              "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.flags", "-e", "tcp.seq_raw",
                              "-e", "tcp.ack_raw", "-e", "tcp.len"],
                             env=dict(os.environ, HOME=home), capture_output=True, text=True, check=True).stdout
    res = []
    for l in out.splitlines():
        f, st, s4, s6, fl, seq, ack, ln = l.split("\t")
        fl = int(fl, 16)
        txt = "".join(c for b, c in ((2, "S"), (1, "F"), (8, "P"), (4, "R")) if fl & b) + ("." if fl & 16 else "")
        res.append(dict(frame=int(f), stream=int(st), dir="c>s" if (s4 or s6) in CLIENT_ADDRS else "s>c",
                        flags=txt, seq=int(seq), ack=int(ack), len=int(ln),
                        SYN=bool(fl & 2), FIN=bool(fl & 1), RST=bool(fl & 4), ACK=bool(fl & 16)))
    return res

def geq(a, b):  # a >= b in sequence space
    return (a - b) % M < M // 2

class Conn:
    """Passive-observer RFC 9293 state machine for one stream."""
    def __init__(self):
        self.st = {"c": "CLOSED", "s": "CLOSED"}
        self.isn = {}; self.fin = {}
    def covers(self, ack, side, what):
        v = self.isn.get(side) if what == "syn" else self.fin.get(side)
        return v is not None and geq(ack, (v + 1) % M)
    def recv_fin(self, y, ack_covers_y_fin):
        s = self.st[y]
        if s in ("ESTABLISHED", "SYN_RCVD"): self.st[y] = "CLOSE_WAIT"
        elif s == "FIN_WAIT_1": self.st[y] = "TIME_WAIT" if ack_covers_y_fin else "CLOSING"
        elif s == "FIN_WAIT_2": self.st[y] = "TIME_WAIT"
    def pkt(self, p):
        x = "c" if p["dir"] == "c>s" else "s"; y = "s" if x == "c" else "c"
        if p["RST"]:
            self.st = {"c": "CLOSED", "s": "CLOSED"}; return
        if p["SYN"]:
            self.isn[x] = p["seq"]
            if not p["ACK"]:
                if self.st[x] in ("CLOSED", "LISTEN") and x in self.isn and y in self.isn:
                    # bare SYN from a side whose peer's SYN was already seen: the SYNs crossed
                    self.st[x] = "SYN_RCVD"
                else:
                    self.st[x] = "SYN_SENT"
                if self.st[y] == "SYN_SENT": self.st[y] = "SYN_RCVD"   # simultaneous open
            else:
                if self.st[x] in ("CLOSED", "LISTEN"): self.st[x] = "SYN_RCVD"
                if self.st[y] in ("SYN_SENT", "SYN_RCVD") and self.covers(p["ack"], y, "syn"):
                    self.st[y] = "ESTABLISHED"
            return
        if p["ACK"]:
            if self.st[y] == "SYN_RCVD" and self.covers(p["ack"], y, "syn"): self.st[y] = "ESTABLISHED"
            if self.covers(p["ack"], y, "fin"):
                self.st[y] = {"FIN_WAIT_1": "FIN_WAIT_2", "CLOSING": "TIME_WAIT",
                              "LAST_ACK": "CLOSED"}.get(self.st[y], self.st[y])
        if p["FIN"]:
            self.fin[x] = (p["seq"] + p["len"]) % M
            if self.st[x] == "CLOSE_WAIT" and y in self.fin and not self.covers(p["ack"], y, "fin"):
                # x sent its FIN before it got y's FIN: FINs crossed
                self.st[x] = "CLOSING"
            elif self.st[x] == "CLOSE_WAIT":
                self.st[x] = "LAST_ACK"
            elif self.st[x] in ("ESTABLISHED", "SYN_RCVD"):
                self.st[x] = "FIN_WAIT_1"
            self.recv_fin(y, self.covers(p["ack"], y, "fin"))

def check(name):
    bad = 0
    hand = states.rows(name)
    pk = packets(name)
    if len(hand) != len(pk):
        print("%s: %d frames in states.py, %d in pcap" % (name, len(hand), len(pk))); return 1
    conns, last = {}, {}
    for h, p in zip(hand, pk):
        for k in ("frame", "stream", "dir", "flags"):
            if h[k] != p[k]:
                print("%s frame %d: %s hand=%s pcap=%s" % (name, p["frame"], k, h[k], p[k])); bad += 1
        c = conns.setdefault(p["stream"], Conn())
        c.pkt(p)
        if (c.st["c"], c.st["s"]) != (h["client"], h["server"]):
            print("%s frame %d: hand %s/%s, state machine %s/%s" % (name, p["frame"], h["client"], h["server"], c.st["c"], c.st["s"]))
            bad += 1
        last[h["stream"]] = h
    for s, summ in states.CAPTURES[name]["streams"].items():
        if (summ[3], summ[4]) != (last[s]["client"], last[s]["server"]):
            print("%s stream %d: summary finals %s/%s differ from last frame %s/%s" % (name, s, summ[3], summ[4], last[s]["client"], last[s]["server"]))
            bad += 1
    if set(states.CAPTURES[name]["streams"]) != set(last):
        print("%s: streams in summary %s, in frames %s" % (name, sorted(states.CAPTURES[name]["streams"]), sorted(last))); bad += 1
    print("%-22s %2d frames, %d stream(s): %s" % (name, len(pk), len(last), "ok" if not bad else "%d problem(s)" % bad))
    return bad

def check_cases():
    import cases
    want = cases.table()
    with open(os.path.join(D, "CASES.tsv")) as f:
        have = [l.rstrip("\n").split("\t") for l in f]
    if have != want:
        print("CASES.tsv differs from states.py (run make/cases.py)"); return 1
    return 0

if __name__ == "__main__":
    names = sys.argv[1:] or states.ORDER
    bad = sum(check(n) for n in names)
    if not sys.argv[1:]: bad += check_cases()
    sys.exit(1 if bad else 0)
