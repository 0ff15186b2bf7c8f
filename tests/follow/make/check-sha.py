#!/usr/bin/env python3
"""Check that tshark's `follow,tcp,raw,0` of a capture reproduces exactly the
bytes the applications sent, as recorded in NAME.sha256 by followapp.py.
Usage: check-sha.py PCAP SHAFILE      (exit status 1 on mismatch)"""
import hashlib, os, subprocess, sys, tempfile

pcap, shafile = sys.argv[1:3]
env = dict(os.environ, HOME=tempfile.mkdtemp(), LC_ALL="C.UTF-8", TZ="GMT0")
out = subprocess.run(["tshark", "-n", "-r", pcap, "-q", "-z", "follow,tcp,raw,0"],
                     env=env, capture_output=True, text=True, check=True).stdout.split("\n")
start = next(i for i, l in enumerate(out) if l.startswith("Node 1: ")) + 1
data = {"client": bytearray(), "server": bytearray()}
for l in out[start:]:
    if l.startswith("====="): break
    if l.startswith("\t"): data["server"] += bytes.fromhex(l[1:])
    else: data["client"] += bytes.fromhex(l)
ok = True
for line in open(shafile):
    role, sha, n = line.split()
    got = hashlib.sha256(data[role]).hexdigest()
    same = got == sha and len(data[role]) == int(n)
    ok &= same
    print("%s %s: app sent %s bytes, tshark follow has %d bytes: %s" % (
        os.path.basename(pcap), role, n, len(data[role]), "MATCH" if same else "DIFFERENT"))
sys.exit(0 if ok else 1)
