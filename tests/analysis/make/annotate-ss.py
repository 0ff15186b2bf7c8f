#!/usr/bin/env python3
"""annotate-ss.py PCAP SSLOG -- print SSLOG (written by snap.sh) with each
"epoch T1 T2" line replaced by the snapshot's time relative to frame 1 of PCAP
and the frames it falls between, e.g.
    taken at t=+1.2345..+1.2456 s (after frame 9 at +1.2001, before frame 10 at +2.2093)
"""
import struct, sys

def frame_times(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic == 0xa1b2c3d4: endian, div = "<", 1e6
    elif magic == 0xa1b23c4d: endian, div = "<", 1e9
    elif magic == 0xd4c3b2a1: endian, div = ">", 1e6
    elif magic == 0x4d3cb2a1: endian, div = ">", 1e9
    else: raise SystemExit("not a pcap file")
    off, ts = 24, []
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(endian + "IIII", data[off:off + 16])
        ts.append(sec + frac / div)
        off += 16 + incl
    return ts

ts = frame_times(sys.argv[1])
t0 = ts[0]
print("# ss snapshots; times are relative to frame 1 of %s" % sys.argv[1].rsplit("/", 1)[-1])
print("# (same wall clock as the capture). Each snapshot runs ss in the client")
print("# namespace, then in the server namespace.\n")
for line in open(sys.argv[2]):
    if line.startswith("epoch "):
        t1, t2 = (float(x) for x in line.split()[1:3])
        before = [i for i, t in enumerate(ts, 1) if t <= t1]
        after = [i for i, t in enumerate(ts, 1) if t >= t2]
        s = "taken at t=%+.4f..%+.4f s" % (t1 - t0, t2 - t0)
        parts = []
        if before: parts.append("after frame %d at %+.4f" % (before[-1], ts[before[-1] - 1] - t0))
        if after: parts.append("before frame %d at %+.4f" % (after[0], ts[after[0] - 1] - t0))
        else: parts.append("after the last frame")
        inside = [i for i, t in enumerate(ts, 1) if t1 < t < t2]
        if inside: parts.append("frames %s were captured while ss ran" % ",".join(map(str, inside)))
        print(s + " (" + "; ".join(parts) + ")")
    else:
        sys.stdout.write(line)
