#!/usr/bin/env python3
"""tables.py [NAME...] -- print the per-packet markdown tables used in README.md:
frame, time, direction, flags, relative seq/ack/len (from NAME.tshark.tsv) and
the hand-written client/server states from states.py."""
import csv, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import states
D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def table(name):
    with open(os.path.join(D, name + ".tshark.tsv")) as f:
        ts = {int(r["frame.number"]): r for r in csv.DictReader(f, delimiter="\t")}
    rows = states.rows(name)
    multi = len(states.CAPTURES[name]["streams"]) > 1
    h = ["frame"] + (["stream"] if multi else []) + ["t (s)", "direction", "flags", "seq", "ack", "len", "client after", "server after"]
    out = ["| " + " | ".join(h) + " |", "|" + "---|" * len(h)]
    for r in rows:
        t = ts[r["frame"]]
        d = "client>server" if r["dir"] == "c>s" else "server>client"
        cells = [str(r["frame"])] + ([str(r["stream"])] if multi else []) + [
            "%.6f" % float(t["frame.time_relative"]), d, "`%s`" % r["flags"], t["tcp.seq"],
            t["tcp.ack"] if "A" in t["tcp.flags.str"] else "-", t["tcp.len"], r["client"], r["server"]]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)

if __name__ == "__main__":
    for n in sys.argv[1:] or states.ORDER:
        print("#### " + n + "\n\n" + table(n) + "\n")
