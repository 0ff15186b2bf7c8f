#!/usr/bin/env python3
"""check-causes.py -- cross-check tests/analysis/CAUSES.tsv (hand-written) against
the captures and the kernel counters, e.g. after the captures were regenerated:

 1. every row's frame exists, comes from the stated sender (client 10.0.0.1 /
    server 10.0.0.2), and is what its cause says it is on the wire:
      fast, rto, tlp, spurious: a data segment whose bytes the same side had
                                already sent earlier in the capture;
      zwp, keepalive:           no data, seq = the highest ACK the peer had
                                sent so far - 1;
 2. the tshark_flags column equals the tcp.analysis flags in NAME.tshark.tsv;
 3. conversely, every frame that re-sends bytes or is such a probe has a row
    (so nothing is missing);
 4. per capture, the rows add up to the sender's nstat counters (first column
    of the key-counter table in NAME.nstat.txt):
      fast+rto+tlp+spurious = TcpRetransSegs     fast = TcpExtTCPFastRetrans
      tlp = TcpExtTCPLossProbes                  rto+spurious = TcpExtTCPTimeouts + TcpExtTCPSlowStartRetrans
      zwp = TcpExtTCPWinProbe                    keepalive = TcpExtTCPKeepAlive
It checks consistency only: the causes themselves were derived by hand (see
README.md).  Exit status 1 on any mismatch.  Does not need root.
"""
import csv, os, sys
D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDR = {"client": "10.0.0.1", "server": "10.0.0.2"}
FLAGS = ["retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order", "lost_segment",
         "ack_lost_segment", "zero_window", "keep_alive", "window_update", "window_full", "zero_window_probe",
         "zero_window_probe_ack", "keep_alive_ack", "reused_ports"]
RETX = {"fast", "rto", "tlp", "spurious"}
bad = 0
def fail(*a):
    global bad; bad += 1; print("MISMATCH:", *a)

def tshark_flags(r):
    fl = [n for n in FLAGS if r["tcp.analysis." + n]]
    if r["tcp.analysis.duplicate_ack_num"]: fl.append("duplicate_ack")
    return ",".join(fl) or "-"

def classify(rows):
    """frame -> 'retx' or 'probe', from the packets alone"""
    sent, maxack, out = {}, {}, {}
    for r in rows:
        src, dst = r["ip.src"], r["ip.dst"]
        seq, ln, ack = int(r["tcp.seq"] or 0), int(r["tcp.len"] or 0), int(r["tcp.ack"] or 0)
        fl = r["tcp.flags.str"]
        if ln > 0:
            if any(a < seq + ln and seq < b for a, b in sent.get(src, [])):
                out[r["frame.number"]] = "retx"
            sent.setdefault(src, []).append((seq, seq + ln))
        elif not any(c in fl for c in "SFR") and src in maxack and seq == maxack[src] - 1:
            out[r["frame.number"]] = "probe"
        if "A" in fl:
            maxack[dst] = max(maxack.get(dst, 0), ack)
    return out

def counters(name):
    c = {}
    with open(os.path.join(D, name + ".nstat.txt")) as f:
        inside = False
        for line in f:
            if line.startswith("## key counters"): inside = True; next(f); continue
            if inside:
                if not line.strip(): break
                p = line.split(); c[p[0]] = int(p[1])
    return c

causes = list(csv.DictReader(open(os.path.join(D, "CAUSES.tsv")), delimiter="\t"))
names = sorted({f[:-5] for f in os.listdir(D) if f.endswith(".pcap")})
for name in names:
    bad0 = bad
    rows = list(csv.DictReader(open(os.path.join(D, name + ".tshark.tsv")), delimiter="\t"))
    byframe = {r["frame.number"]: r for r in rows}
    kind = classify(rows)
    mine = [c for c in causes if c["capture"] == name]
    for c in mine:
        r = byframe.get(c["frame"])
        if r is None: fail(name, c["frame"], "no such frame"); continue
        if r["ip.src"] != ADDR[c["sender"]]: fail(name, c["frame"], "sender is", r["ip.src"])
        want = "retx" if c["true_cause"] in RETX else "probe"
        if kind.get(c["frame"]) != want: fail(name, c["frame"], c["true_cause"], "but on the wire it is", kind.get(c["frame"], "neither"))
        if tshark_flags(r) != c["tshark_flags"]: fail(name, c["frame"], "tshark flags are", tshark_flags(r), "not", c["tshark_flags"])
    listed = {c["frame"] for c in mine}
    for fr, k in kind.items():
        if fr not in listed: fail(name, fr, "is a", k, "but has no row")
    n = {k: sum(1 for c in mine if c["true_cause"] == k) for k in ("fast", "rto", "tlp", "spurious", "zwp", "keepalive")}
    ct = counters(name)
    for label, got, exp in (("TcpRetransSegs", n["fast"] + n["rto"] + n["tlp"] + n["spurious"], ct["TcpRetransSegs"]),
                            ("TcpExtTCPFastRetrans", n["fast"], ct["TcpExtTCPFastRetrans"]),
                            ("TcpExtTCPLossProbes", n["tlp"], ct["TcpExtTCPLossProbes"]),
                            ("TcpExtTCPTimeouts+TcpExtTCPSlowStartRetrans", n["rto"] + n["spurious"],
                             ct["TcpExtTCPTimeouts"] + ct["TcpExtTCPSlowStartRetrans"]),
                            ("TcpExtTCPWinProbe", n["zwp"], ct["TcpExtTCPWinProbe"]),
                            ("TcpExtTCPKeepAlive", n["keepalive"], ct["TcpExtTCPKeepAlive"])):
        if got != exp: fail(name, "rows give", got, "but the sender's", label, "is", exp)
    print("%-14s %3d rows  %s" % (name, len(mine), "ok" if bad == bad0 else "MISMATCHES"))
for c in causes:
    if c["capture"] not in names: fail("row for unknown capture", c["capture"])
sys.exit(1 if bad else 0)
