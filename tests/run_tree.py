#!/usr/bin/env python3
"""run_tree.py TCPLENS TESTS_DIR -- tcplens -V against tshark -V.

For every capture of tests/tree/LIST.tsv, the IPv4, IPv6 and TCP parts of
the tree tcplens prints must be line for line those of tshark 4.0.17's
(tests/tree/NAME.tshark-V.txt.gz, made by tests/tree/make/gen.sh with
checksum verification on), with these exceptions:

* tcplens adds a "[tcplens]" block to TCP (its own verdicts, state changes);
* tshark adds what its reassembly and application dissectors say
  (TCP segment data, reassembled segments, PDU sizes), which tcplens does
  not do.

The frame and link parts differ on purpose (no vendor names from the OUI
table, no "marked"/"ignored" lines) and are not compared.  Prints the first
differences and exits 1 if there is any.
"""
import csv
import gzip
import os
import re
import subprocess
import sys

TCPLENS, TESTS = sys.argv[1], sys.argv[2]
TREE = os.path.join(TESTS, "tree")
STARTS = ("Internet Protocol Version", "Transmission Control Protocol")
TSHARK_ONLY = re.compile(r"\s+(TCP segment data|Retransmitted TCP segment data|\[Frame: |"
                         r"\[Reassembled|\[Segment count|\[PDU Size)")


def blocks(text):
    """The IP and TCP subtrees, in order, without the lines one side adds."""
    out, cur, in_tcplens = [], None, False
    for line in text.splitlines():
        if line.startswith(STARTS):
            cur = [line]
            out.append(cur)
            in_tcplens = False
            continue
        if cur is None or not line.startswith(" "):
            cur = None
            continue
        if line == "    [tcplens]":
            in_tcplens = True
            continue
        if in_tcplens and line.startswith("        "):
            continue
        in_tcplens = False
        if not TSHARK_ONLY.match(line):
            cur.append(line)
    return out


def main():
    failures = 0
    env = dict(os.environ, TZ="GMT0")
    with open(os.path.join(TREE, "LIST.tsv")) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    lines = 0
    for row in rows:
        with gzip.open(os.path.join(TREE, row["name"] + ".tshark-V.txt.gz"), "rt") as f:
            want = blocks(f.read())
        run = subprocess.run([TCPLENS, "-V", "-r", os.path.join(TESTS, row["capture"])],
                             capture_output=True, text=True, env=env)
        got = blocks(run.stdout)
        if len(want) != len(got):
            failures += 1
            print("FAIL %s: %d IP/TCP parts in tshark, %d in tcplens" % (row["name"], len(want), len(got)))
            continue
        for k, (w, g) in enumerate(zip(want, got)):
            lines += len(w)
            if w != g:
                failures += 1
                if failures <= 10:
                    bad = next(i for i in range(max(len(w), len(g)))
                               if i >= len(w) or i >= len(g) or w[i] != g[i])
                    print("FAIL %s part %d line %d:\n  tshark:  %s\n  tcplens: %s" %
                          (row["name"], k + 1, bad + 1, w[bad] if bad < len(w) else "(none)",
                           g[bad] if bad < len(g) else "(none)"))
    print("tree: %d captures, %d lines of IP and TCP compared with tshark -V, %d failures" %
          (len(rows), lines, failures))
    return 1 if failures else 0


sys.exit(main())
