#!/usr/bin/env python3
"""run_explain.py TCPLENS TESTS_DIR -- tcplens --explain against tcpdump's
own hex dumps.

For every capture of tests/captures that has tcpdump's -x output beside it
(NAME-x.out: the bytes from the IP header on), each row of the header
tables that `tcplens --explain` prints must show exactly the bytes tcpdump
dumped at that offset, and every whole-byte numeric field (ports, sequence
and acknowledgment numbers, lengths, window, TTL, protocol, option values)
must have the value those bytes hold, read big-endian.  Exit status 1 on
any mismatch.
"""
import glob
import os
import re
import subprocess
import sys

TCPLENS, TESTS = sys.argv[1], sys.argv[2]

NUMERIC = {"source port", "destination port", "sequence number", "acknowledgment number",
           "window", "urgent pointer", "total length", "identification", "time to live",
           "protocol", "payload length", "next header", "hop limit", "option kind",
           "option length", "MSS", "window scale", "TS value", "TS echo reply",
           "SACK left edge", "SACK right edge"}
OFFSET = re.compile(r"^(\d+)(?:-(\d+))?$")
HEX = re.compile(r"^[0-9a-f]{2}( [0-9a-f]{2})*$")
TITLE = re.compile(r"^(IPv4|IPv6|TCP) header bytes \(frame offset (\d+)")


def tcpdump_frames(path):
    """Each frame's bytes from the IP header on, from tcpdump -x output."""
    frames = []
    for line in open(path):
        if not line.startswith("\t"):
            frames.append(bytearray())
            continue
        m = re.match(r"\t0x[0-9a-f]+:\s+(.*)", line)
        for word in m.group(1).split():
            frames[-1] += bytes.fromhex(word)
    return frames


def main():
    failures = rows = 0
    for dump in sorted(glob.glob(os.path.join(TESTS, "captures", "*-x.out"))):
        pcap = dump[:-len("-x.out")] + ".pcap"
        frames = tcpdump_frames(dump)
        out = subprocess.run([TCPLENS, "--explain", "-r", pcap], capture_output=True, text=True)
        frame, ip_base, base = -1, None, 0
        for line in out.stdout.splitlines():
            m = TITLE.match(line)
            if m:
                base = int(m.group(2))
                if m.group(1) != "TCP":
                    ip_base = base
                continue
            if not line.startswith(" "):
                frame += 1
                continue
            cols = re.split(r"\s{2,}", line.strip())
            m = OFFSET.match(cols[0])
            if not m or len(cols) < 2 or not HEX.match(cols[1]) or ip_base is None:
                continue
            lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
            shown = bytes.fromhex(cols[1].replace(" ", ""))
            at = base - ip_base + lo
            actual = bytes(frames[frame][at:at + hi - lo + 1])
            rows += 1
            if shown != actual:
                failures += 1
                print("FAIL %s frame %d: %r shows %s, tcpdump dumped %s" %
                      (os.path.basename(pcap), frame + 1, line.strip()[:40], shown.hex(), actual.hex()))
                continue
            field = next((c for c in cols if c in NUMERIC), None)
            if field is not None:
                value = cols[cols.index(field) + 1] if cols.index(field) + 1 < len(cols) else ""
                if value.isdigit() and int(value) != int.from_bytes(actual, "big"):
                    failures += 1
                    print("FAIL %s frame %d: %s is %s, the bytes hold %d" %
                          (os.path.basename(pcap), frame + 1, field, value,
                           int.from_bytes(actual, "big")))
    print("explain: %d rows compared with tcpdump's hex dumps, %d failures" % (rows, failures))
    return 1 if failures else 0


sys.exit(main())
