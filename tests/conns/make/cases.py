#!/usr/bin/env python3
"""cases.py -- write tests/conns/CASES.tsv from the hand-written summaries in
states.py (one row per TCP stream; see README.md for the columns)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import states
D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLS = ["name", "pcap", "handshake", "close", "first_closer", "client_final", "server_final",
        "streams", "stream", "frames", "irtt_tshark", "conn_state", "history", "note"]

def ranges(nums):
    out, i = [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1: j += 1
        out.append(str(nums[i]) if i == j else "%d-%d" % (nums[i], nums[j]))
        i = j + 1
    return ",".join(out)

def irtt(name, stream):
    import csv
    with open(os.path.join(D, name + ".tshark.tsv")) as f:
        v = [r["tcp.analysis.initial_rtt"] for r in csv.DictReader(f, delimiter="\t")
             if r["tcp.stream"] == str(stream) and r["tcp.analysis.initial_rtt"]]
    return v[0] if v else "-"

def table():
    t = [COLS]
    for n in states.ORDER:
        c = states.CAPTURES[n]; rows = states.rows(n)
        for s in sorted(c["streams"]):
            hs, cl, fc, cf, sf, note = c["streams"][s]
            fr = [r["frame"] for r in rows if r["stream"] == s]
            t.append([n, n + ".pcap", hs, cl, fc, cf, sf, str(len(c["streams"])), str(s),
                      ranges(fr), irtt(n, s)] + list(states.ZEEK[(n, s)]) + [note])
    return t

if __name__ == "__main__":
    with open(os.path.join(D, "CASES.tsv"), "w") as f:
        for r in table():
            f.write("\t".join(r) + "\n")
