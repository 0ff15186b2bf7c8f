#!/usr/bin/env python3
"""run_conns.py TCPLENS TESTS_DIR -- connection tracking against ground truth
written by others.

1. Streams: for every capture with a tshark table beside it (tests/corpus/*/
   and tests/conns/), each TCP stream tshark numbers (tcp.stream) must be a
   row of `tcplens conns --json` with the same index, first frame and packet
   count, and the same initial RTT (tcp.analysis.initial_rtt) when tshark
   gives one.
2. Cases: every row of tests/conns/CASES.tsv (hand-derived from the packets
   and checked against ss while the capture ran) must match the
   `tcplens conns --csv` row of its stream: handshake, close, first closer,
   both final states, Zeek conn_state and history.
3. Eviction: `--max-conns 2` on tests/conns/multi.pcap against the
   least-recently-used order worked out by hand from its frames.
4. Summary: the diagnoses under the table of tests/conns/close-wait-leak.pcap,
   worked out by hand from its frames.
5. JSON keys: every row of every capture above has exactly the top-level
   keys documented in docs/json.md, in that order.
Prints one line per mismatch; exit status 1 if there is any.
"""
import csv
import glob
import json
import os
import subprocess
import sys

from json_doc import documented_keys

TCPLENS, TESTS = sys.argv[1], sys.argv[2]
failures = 0
JSON_KEYS = documented_keys(TESTS, "## Connections")


def fail(msg):
    global failures
    failures += 1
    print("FAIL " + msg)


def tcplens(*args):
    res = subprocess.run([TCPLENS, "conns"] + list(args), capture_output=True, text=True)
    if res.returncode != 0:
        fail("%s: exit %d: %s" % (" ".join(args), res.returncode, res.stderr.strip()))
    return res.stdout


def tshark_streams(tsv):
    """{stream: [first frame, packets, irtt or None]} from a tshark table."""
    want = {}
    with open(tsv) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if not row.get("tcp.stream"):
                continue
            # tcp.stream lists every TCP header of the frame (tunnels): the
            # innermost one is the connection.
            stream = int(row["tcp.stream"].split(",")[-1])
            s = want.setdefault(stream, [int(row["frame.number"]), 0, None])
            s[1] += 1
            irtt = row.get("tcp.analysis.initial_rtt", "").split(",")[-1]
            if irtt and s[2] is None:
                s[2] = round(float(irtt), 6)
    return want


def check_streams():
    tables = sorted(glob.glob(os.path.join(TESTS, "corpus", "*", "*.tshark.tsv")) +
                    glob.glob(os.path.join(TESTS, "conns", "*.tshark.tsv")))
    captures = 0
    for tsv in tables:
        # corpus: NAME.pcap.tshark.tsv; tests/conns: NAME.tshark.tsv
        pcap = tsv[:-len(".tshark.tsv")]
        if not os.path.exists(pcap):
            pcap += ".pcap"
        if not os.path.exists(pcap):
            fail("%s: no capture beside it" % tsv)
            continue
        captures += 1
        got = {}
        for line in tcplens("--json", "-r", pcap).splitlines():
            o = json.loads(line)
            if list(o) != JSON_KEYS:
                fail("%s stream %d: JSON keys %s, docs/json.md documents %s" %
                     (os.path.relpath(pcap, TESTS), o["stream"], list(o), JSON_KEYS))
            irtt = round(o["irtt"], 6) if o["irtt"] is not None else None
            got[o["stream"]] = [o["first_frame"], o["packets"]["client"] + o["packets"]["server"], irtt]
        want = tshark_streams(tsv)
        for stream in sorted(set(want) | set(got)):
            w, g = want.get(stream), got.get(stream)
            if w is None or g is None or w[:2] != g[:2] or (w[2] is not None and w[2] != g[2]):
                fail("%s stream %d: tshark [first frame, packets, irtt] %s, tcplens %s" %
                     (os.path.relpath(pcap, TESTS), stream, w, g))
    print("streams: %d captures compared with tshark; JSON keys checked against docs/json.md (%d)" %
          (captures, len(JSON_KEYS)))


def check_cases():
    cases = os.path.join(TESTS, "conns")
    rows = 0
    csv_cache = {}
    with open(os.path.join(cases, "CASES.tsv")) as f:
        for case in csv.DictReader(f, delimiter="\t"):
            pcap = case["pcap"]
            if pcap not in csv_cache:
                out = tcplens("--csv", "-r", os.path.join(cases, pcap))
                csv_cache[pcap] = {int(r["stream"]): r for r in csv.DictReader(out.splitlines())}
            got = csv_cache[pcap].get(int(case["stream"]))
            rows += 1
            if got is None:
                fail("%s stream %s: no row" % (pcap, case["stream"]))
                continue
            if len(csv_cache[pcap]) != int(case["streams"]):
                fail("%s: %d streams, expected %s" % (pcap, len(csv_cache[pcap]), case["streams"]))
            for key in ("handshake", "close", "first_closer", "client_final", "server_final",
                        "conn_state", "history"):
                want = "" if case[key] == "-" else case[key]
                if got[key] != want:
                    fail("%s stream %s: %s is %r, expected %r" % (pcap, case["stream"], key, got[key], want))
    print("cases: %d connections compared with tests/conns/CASES.tsv" % rows)


# multi.pcap interleaves five connections A-E (client ports 41131-41135):
#   A 1-3,7-8,14-15,31-32,37-38   B 4-6,12-13,21-22,33-35   C 9-11,19-20,27-28,36
#   D 16-18,25-26,29-30           E 23-24 (refused: closed at once)
# With room for two open connections, each new one evicts the least recently
# seen open one: frame 9 (C) evicts B, 12 (B again, a new stream) evicts A,
# 14 evicts C, 16 B, 19 A, 21 D, 23 C; 25 (D) fits beside B and the closed E;
# 27 evicts B, 31 C, 33 D; B closes at 35, C resets at 36, A closes at 38.
EVICTION = [(41131, "evicted"), (41132, "evicted"), (41133, "evicted"), (41132, "evicted"),
            (41131, "evicted"), (41134, "evicted"), (41133, "evicted"), (41132, "evicted"),
            (41135, "closed"), (41134, "evicted"), (41133, "evicted"), (41131, "closed"),
            (41132, "closed"), (41133, "closed")]


def check_eviction():
    out = tcplens("--csv", "--max-conns", "2", "-r", os.path.join(TESTS, "conns", "multi.pcap"))
    got = [(int(r["client"].rsplit(".", 1)[1]), r["end"]) for r in csv.DictReader(out.splitlines())]
    if got != EVICTION:
        fail("--max-conns 2 on multi.pcap: (client port, end) %s, expected %s" % (got, EVICTION))
    print("eviction: %d rows compared" % len(got))


# close-wait-leak.pcap: three clients close connections to port 8011 whose
# server ACKs each FIN (frames 9, 18, 27) and never closes; the capture ends
# at frame 37 (20.061531), 2.564186 s after frame 9 (17.497345).  The fourth
# connection closes three-way with the client in TIME_WAIT.
SUMMARY = """
4 connections: handshake 4 complete; close 1 three-way, 3 half-closed
  3 connections left in CLOSE_WAIT on server port 8011 (longest 2.564 s)
  3 connections left in FIN_WAIT_2 on the client side of server port 8011 (longest 2.564 s)
  1 connection with the client holding TIME_WAIT
"""


def check_summary():
    out = tcplens("-r", os.path.join(TESTS, "conns", "close-wait-leak.pcap"))
    got = out[out.index("\n\n") + 1:] if "\n\n" in out else out
    if got != SUMMARY:
        fail("summary of close-wait-leak.pcap:\n%s\nexpected:\n%s" % (got, SUMMARY))
    print("summary: close-wait-leak.pcap compared")


check_streams()
check_cases()
check_eviction()
check_summary()
sys.exit(1 if failures else 0)
