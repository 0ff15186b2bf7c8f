#!/usr/bin/env python3
"""reltimes.py PCAP < TEXT -- copy TEXT, appending " [t=+S.SSSSSS]" (seconds
relative to frame 1 of PCAP, same wall clock) after every epoch timestamp
(a number like 1795253749.482681) in it."""
import re, struct, sys

def first_ts(path):
    with open(path, "rb") as f:
        hdr = f.read(24 + 16)
    magic = struct.unpack("<I", hdr[:4])[0]
    endian, div = {0xa1b2c3d4: ("<", 1e6), 0xa1b23c4d: ("<", 1e9),
                   0xd4c3b2a1: (">", 1e6), 0x4d3cb2a1: (">", 1e9)}[magic]
    sec, frac = struct.unpack(endian + "II", hdr[24:32])
    return sec + frac / div

t0 = first_ts(sys.argv[1])
for line in sys.stdin:
    sys.stdout.write(re.sub(r"\b(1[0-9]{9}\.[0-9]{3,9})\b",
                            lambda m: "%s [t=%+.6f]" % (m.group(1), float(m.group(1)) - t0), line))
