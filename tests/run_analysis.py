#!/usr/bin/env python3
"""run_analysis.py TCPLENS TESTS_DIR [--verbose] -- Wireshark's SEQ/ACK
analysis, frame by frame, against tshark's own output.

Every capture with a tshark table beside it (tests/corpus/*/, tests/conns/,
tests/analysis/, tests/analysis/edge/) is run through `tcplens --json`, and each column that
tshark wrote is compared with the matching key: the stream, relative and
raw seq/ack, length, window (raw, calculated, scale factor), every
tcp.analysis flag, the duplicate-ACK number and frame, the frame an ACK
acknowledges and its RTT, the iRTT, bytes in flight, RTO, completeness.
Values must be equal; times are compared to the nanosecond.

Where a capture also has NAME.tshark-info.tsv (tshark's Info column), the
"[TCP ...]" tags at its start must be exactly the "wireshark:" line that
`tcplens --analysis` prints under that frame: the same verdicts, in the
same order.

tcplens copies Wireshark 4.0.17's quirks (docs/analysis.md lists them), so
nothing may differ.  Every object must also have exactly the keys that
docs/json.md documents for `tcplens --json`, in that order.  Prints one
line per mismatch (all of them with --verbose, else the first 20) and
exits 1 if there is any.
"""
import csv
import glob
import json
import os
import re
import subprocess
import sys
from decimal import Decimal

from json_doc import documented_keys

TCPLENS, TESTS = sys.argv[1], sys.argv[2]
VERBOSE = "--verbose" in sys.argv

FLAGS = ["retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order",
         "lost_segment", "ack_lost_segment", "zero_window", "zero_window_probe",
         "zero_window_probe_ack", "keep_alive", "keep_alive_ack", "window_update",
         "window_full", "reused_ports"]

# tshark column -> (JSON key, kind)
COLUMNS = {
    "tcp.stream": ("stream", "int"),
    "tcp.seq": ("seq", "int"),
    "tcp.ack": ("ack", "int"),
    "tcp.len": ("len", "int"),
    "tcp.window_size": ("win_calc", "int"),
    "tcp.window_size_value": ("win", "int"),
    "tcp.window_size_scalefactor": ("win_scale", "int"),
    "tcp.seq_raw": ("seq_raw", "int"),
    "tcp.ack_raw": ("ack_raw", "int"),
    "tcp.nxtseq": ("next_seq", "int"),
    "tcp.analysis.duplicate_ack_num": ("dup_ack_num", "int"),
    "tcp.analysis.duplicate_ack_frame": ("dup_ack_frame", "int"),
    "tcp.analysis.acks_frame": ("acks_frame", "int"),
    "tcp.analysis.ack_rtt": ("ack_rtt", "time"),
    "tcp.analysis.initial_rtt": ("irtt", "time"),
    "tcp.analysis.bytes_in_flight": ("bytes_in_flight", "int"),
    "tcp.analysis.push_bytes_sent": ("push_bytes_sent", "int"),
    "tcp.analysis.rto": ("rto", "time"),
    "tcp.analysis.rto_frame": ("rto_frame", "int"),
    "tcp.completeness": ("completeness", "int"),
}

JSON_KEYS = documented_keys(TESTS, "## Packets")
failures = []


def last(value):
    """tshark joins the values of every TCP header in a frame with commas;
    the innermost is the connection's."""
    return value.split(",")[-1]


def expected(row, column, kind):
    raw = row.get(column, "")
    if raw == "":
        return None
    raw = last(raw)
    return Decimal(raw) if kind == "time" else int(raw)


def actual(obj, key, kind):
    v = obj.get(key)
    if v is None:
        return None
    return Decimal(str(v)) if kind == "time" else int(v)


def compare(name, row, obj):
    frame = int(row["frame.number"])
    for column, (key, kind) in COLUMNS.items():
        if column not in row:
            continue
        want, got = expected(row, column, kind), actual(obj, key, kind)
        # nxtseq, seq_raw etc. appear only on TCP frames; tcplens writes
        # null for the analysis values it does not show
        if want != got:
            failures.append("%s frame %d: %s tshark %s, tcplens %s" % (name, frame, column, want, got))
    got_flags = set(obj.get("analysis") or [])
    for flag in FLAGS:
        column = "tcp.analysis." + flag
        if column not in row:
            continue
        want = last(row[column]) == "1"
        if want != (flag in got_flags):
            failures.append("%s frame %d: %s tshark %s, tcplens %s" %
                            (name, frame, column, want, flag in got_flags))


TAGS = re.compile(r"^((?:\[TCP [^\]]*\] )*)")


def info_tags(pcap):
    """Frame -> the [TCP ...] tags tshark's Info column starts with."""
    path = re.sub(r"\.pcap$", "", pcap) + ".tshark-info.tsv"
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return {int(r["frame.number"]): TAGS.match(r["_ws.col.Info"]).group(1).strip()
                for r in csv.DictReader(f, delimiter="\t")}


def analysis_lines(pcap):
    """Frame -> the text of the 'wireshark:' line tcplens --analysis prints under it."""
    out = subprocess.run([TCPLENS, "--analysis", "-#", "-r", pcap], capture_output=True, text=True)
    got, frame = {}, 0
    for line in out.stdout.splitlines():
        if not line.startswith("\t"):
            frame = int(line.split()[0])
        elif line.startswith("\twireshark: "):
            got[frame] = line[len("\twireshark: "):]
    return got


def compare_tags(name, pcap):
    want = info_tags(pcap)
    if want is None:
        return 0
    got = analysis_lines(pcap)
    for frame, tags in want.items():
        if got.get(frame, "") != tags:
            failures.append("%s frame %d: Info tags %r, tcplens --analysis %r" %
                            (name, frame, tags, got.get(frame, "")))
    return 1


def captures():
    for tsv in sorted(glob.glob(os.path.join(TESTS, "corpus", "*", "*.tshark.tsv")) +
                      glob.glob(os.path.join(TESTS, "conns", "*.tshark.tsv")) +
                      glob.glob(os.path.join(TESTS, "analysis", "*.tshark.tsv")) +
                      glob.glob(os.path.join(TESTS, "analysis", "edge", "*.tshark.tsv"))):
        pcap = tsv[:-len(".tshark.tsv")]
        if not os.path.exists(pcap):
            pcap += ".pcap"
        yield tsv, pcap


def main():
    n = frames = tagged = 0
    for tsv, pcap in captures():
        name = os.path.relpath(pcap, TESTS)
        tagged += compare_tags(name, pcap)
        out = subprocess.run([TCPLENS, "--json", "-r", pcap], capture_output=True, text=True)
        objs = {}
        for line in out.stdout.splitlines():
            o = json.loads(line)
            if list(o) != JSON_KEYS:
                failures.append("%s frame %d: JSON keys %s, docs/json.md documents %s" %
                                (name, o["frame"], list(o), JSON_KEYS))
            objs[o["frame"]] = o
        with open(tsv) as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if not row.get("tcp.stream"):
                    continue
                frames += 1
                obj = objs.get(int(row["frame.number"]))
                if obj is None or obj.get("stream") is None:
                    failures.append("%s frame %s: no TCP segment in tcplens --json" %
                                    (name, row["frame.number"]))
                    continue
                compare(name, row, obj)
        n += 1
    for line in failures if VERBOSE else failures[:20]:
        print("FAIL " + line)
    if len(failures) > 20 and not VERBOSE:
        print("... %d more" % (len(failures) - 20))
    print("analysis: %d captures, %d TCP frames compared with tshark (Info tags on %d), "
          "%d differences; JSON keys checked against docs/json.md (%d)" %
          (n, frames, tagged, len(failures), len(JSON_KEYS)))
    return 1 if failures else 0


sys.exit(main())
