#!/usr/bin/env python3
"""run_causes.py TCPLENS TESTS_DIR -- tcplens's retransmission causes and
probes against what really happened in the captures of tests/analysis.

1. Frame by frame: tests/analysis/CAUSES.tsv names every retransmission
   and probe with its true cause, worked out from the packets, the drops
   the capture script made and the kernel's counters (see its README).
   `tcplens --json` must give the same cause (retrans_cause, or probe for
   zero-window probes and keep-alives) on those frames and none elsewhere,
   except bytes it calls "reordered" (not a retransmission), and except the
   two frames in KNOWN, where the truth depends on the capture point.
2. D-SACK: the ACKs whose D-SACK block shows a retransmission was not
   needed must name that retransmission (dsack_of).
3. Counts: on captures taken at the sender, the kernel's own counters
   (nstat, NAME.nstat.txt) must equal tcplens's counts: fast retransmissions
   = TcpExtTCPFastRetrans, tail loss probes = TcpExtTCPLossProbes, zero-window
   probes = TcpExtTCPWinProbe, keep-alives = TcpExtTCPKeepAlive, and every
   retransmission together = TcpRetransSegs.
Exit status 1 on any mismatch.
"""
import csv
import glob
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

TCPLENS, TESTS = sys.argv[1], sys.argv[2]
DIR = os.path.join(TESTS, "analysis")

# (capture, frame) -> why tcplens's answer differs from CAUSES.tsv
KNOWN = {
    ("spurious-rcv", 32): "seen at the receiver, the probe arrives after an ACK that already "
                          "covered its bytes: spurious by tcplens's rule; the sender sent it as "
                          "a tail loss probe (spurious.pcap frame 28)",
    ("spurious", 29): "seen at the sender, the ACK had not come back yet: a timeout "
                      "retransmission when sent; the receiver's D-SACK in frame 35 shows it was "
                      "not needed, and tcplens says so on that frame",
}

# (capture, ACK frame) -> the retransmission its D-SACK shows unneeded (CAUSES.tsv evidence)
DSACK = {("spurious", 34): 28, ("spurious", 35): 29, ("zero-window", 9): 8,
         ("spurious-rcv", 33): 32, ("spurious-rcv", 35): 34}

PROBES = {"zero_window_probe": "zwp", "keep_alive": "keepalive"}
RETRANS = {"fast", "rto", "tlp", "spurious", "duplicate"}

failures = []


def tcplens_view(pcap):
    out = subprocess.run([TCPLENS, "--json", "-r", pcap], capture_output=True, text=True)
    causes, dsack = {}, {}
    for line in out.stdout.splitlines():
        o = json.loads(line)
        cause = o.get("retrans_cause") or PROBES.get(o.get("probe"))
        if cause:
            causes[o["frame"]] = cause
        if o.get("dsack_of"):
            dsack[o["frame"]] = o["dsack_of"]
    return causes, dsack


def sender_counters(path):
    """The sender's column of the key-counter table in NAME.nstat.txt."""
    col, values = None, {}
    with open(path) as f:
        for line in f:
            words = re.split(r"\s{2,}", line.strip())
            if line.startswith("counter"):
                col = next((i for i, w in enumerate(words) if "sender" in w), None)
            elif col is not None and len(words) > col and words[0][0].isupper():
                values.setdefault(words[0], int(words[col]))
            if col is not None and line.startswith("##") and values:
                break
    return values


def main():
    truth = defaultdict(dict)
    with open(os.path.join(DIR, "CAUSES.tsv")) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            truth[row["capture"]][int(row["frame"])] = row["true_cause"]
    frames = 0
    for pcap in sorted(glob.glob(os.path.join(DIR, "*.pcap"))):
        name = os.path.basename(pcap)[:-len(".pcap")]
        causes, dsack = tcplens_view(pcap)
        want = truth.get(name, {})
        for frame in sorted(set(want) | set(causes)):
            w, g = want.get(frame), causes.get(frame)
            if w == g or (w is None and g == "reordered") or (name, frame) in KNOWN:
                continue
            failures.append("%s frame %d: cause %s, tcplens %s" % (name, frame, w, g))
        frames += len(want)
        for (cap, ack), retrans in DSACK.items():
            if cap == name and dsack.get(ack) != retrans:
                failures.append("%s frame %d: D-SACK of frame %d, tcplens %s" %
                                (name, ack, retrans, dsack.get(ack)))
        counters = sender_counters(os.path.join(DIR, name + ".nstat.txt"))
        if "receiver" in open(os.path.join(DIR, "README.md")).read().split(name + ".pcap")[1][:60]:
            continue  # captured at the receiver: the sender's counters count what it sent
        n = Counter(causes.values())
        checks = [("fast", n["fast"], "TcpExtTCPFastRetrans"),
                  ("tlp", n["tlp"], "TcpExtTCPLossProbes"),
                  ("zwp", n["zwp"], "TcpExtTCPWinProbe"),
                  ("keepalive", n["keepalive"], "TcpExtTCPKeepAlive"),
                  ("all retransmissions", sum(n[c] for c in RETRANS), "TcpRetransSegs")]
        for what, got, counter in checks:
            if got != counters.get(counter):
                failures.append("%s: %s %d, kernel %s %s" % (name, what, got, counter,
                                                              counters.get(counter)))
    for line in failures:
        print("FAIL " + line)
    print("causes: %d retransmissions and probes compared with CAUSES.tsv and the kernel's counters, "
          "%d known differences, %d failures" % (frames, len(KNOWN), len(failures)))
    return 1 if failures else 0


sys.exit(main())
