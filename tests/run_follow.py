#!/usr/bin/env python3
"""run_follow.py TCPLENS TESTS_DIR -- tcplens follow against tshark's.

tests/follow/expected/SET__CAPTURE.FORMAT holds, for every stream of the
capture in order, what `tshark -q -z follow,tcp,FORMAT,N` printed (see
tests/follow/README.md).  For each stream, `tcplens follow N --format
FORMAT` must print the same bytes, except where tests/follow/KNOWN.tsv
names the stream and one of these differences, each checked exactly:

  end-flush  tshark drops data held behind a hole nobody acknowledged when
             the capture ends; tcplens prints tshark's chunks, then a
             missing-data marker, then that data: tshark's output (without
             its closing separator) must be a prefix of tcplens's, and what
             follows must begin with a marker chunk.
  dissector  a Wireshark dissector above TCP changes the packet's addresses
             before the follow tap reads them (OpenFlow carrying Ethernet
             frames), so tshark files segments under the wrong node; the
             reference is then tshark with that dissector disabled, in
             SET__CAPTURE.FORMAT.nodissector.

Also: the address form (expected/SET__CAPTURE.addr[-rev].ascii, with the
endpoints in expected/ADDR.tsv), a stream that does not exist (nostream.ascii:
tshark's empty output; tcplens also exits 1), `--format bin` against the
sha256 of what the applications sent (tests/follow/*.sha256; where a frame
was removed from a capture, against the full capture's bytes without it),
and
`follow --all -o DIR` against `--format bin` of every stream.
Exit status 1 on any mismatch.
"""
import glob
import hashlib
import os
import re
import subprocess
import sys
import tempfile
from xml.etree import ElementTree

from tshark_follow import SEPARATOR, split_streams

TCPLENS, TESTS = sys.argv[1], sys.argv[2]
FOLLOW = os.path.join(TESTS, "follow")
SETS = {
    "corpus-tcpdump": "corpus/tcpdump", "corpus-analysis": "corpus/analysis",
    "corpus-crafted": "corpus/crafted", "corpus-malformed": "corpus/malformed",
    "captures": "captures", "conns": "conns", "analysis": "analysis",
    "analysis-edge": "analysis/edge", "follow": "follow",
}
RAW_MARKER = re.compile(rb"\[\d+ bytes missing in capture file\]\0")


def tcplens(*args):
    return subprocess.run([TCPLENS, *args], capture_output=True)


def known():
    table = {}
    for line in open(os.path.join(FOLLOW, "KNOWN.tsv")):
        if line.startswith("#") or not line.strip():
            continue
        name, stream, kind = line.rstrip("\n").split("\t")[:3]
        table[(name, int(stream))] = kind
    return table


def end_flush_ok(want, got, fmt):
    """tshark's chunks, then more; in raw, the first extra chunk is a marker."""
    body = want if fmt == "yaml" else want[:-len(SEPARATOR)]
    if not got.startswith(body) or len(got) <= len(want):
        return False
    if fmt != "raw":
        return True
    first = got[len(body):].split(b"\n")[0].lstrip(b"\t")
    return RAW_MARKER.fullmatch(bytes.fromhex(first.decode())) is not None


def main():
    failures = checked = 0
    table = known()
    for path in sorted(glob.glob(os.path.join(FOLLOW, "expected", "*__*"))):
        base = os.path.basename(path)
        if base.endswith(".nodissector") or ".addr" in base:
            continue
        name, fmt = base.rsplit(".", 1)
        set_name, capture = name.split("__", 1)
        pcap = os.path.join(TESTS, SETS[set_name], capture)
        for n, want in enumerate(split_streams(open(path, "rb").read(), fmt)):
            got = tcplens("follow", str(n), "--format", fmt, "-r", pcap).stdout
            kind = table.get((name, n))
            if kind == "dissector":
                alt = split_streams(open(path + ".nodissector", "rb").read(), fmt)
                ok = got == alt[n]
            elif kind == "end-flush":
                ok = end_flush_ok(want, got, fmt)
            else:
                ok = got == want
            checked += 1
            if not ok:
                failures += 1
                print(f"FAIL {base} stream {n}" + (f" ({kind})" if kind else ""))
    # the address form, in both orders
    for line in open(os.path.join(FOLLOW, "expected", "ADDR.tsv")).read().splitlines()[1:]:
        name, a, b = line.split("\t")[:3]
        set_name, capture = name.split(".addr")[0].split("__", 1)
        want = open(os.path.join(FOLLOW, "expected", name), "rb").read()
        got = tcplens("follow", a, b, "-r", os.path.join(TESTS, SETS[set_name], capture)).stdout
        checked += 1
        if got != want:
            failures += 1
            print(f"FAIL address form {name} {a} {b}")
    # a stream that is not there
    want = open(os.path.join(FOLLOW, "expected", "nostream.ascii"), "rb").read()
    m = re.search(rb"tcp.stream eq (\d+)", want)
    r = tcplens("follow", m.group(1).decode(), "-r", os.path.join(TESTS, "captures", "http-8080.pcap"))
    checked += 1
    if r.stdout != want or r.returncode != 1:
        failures += 1
        print("FAIL no such stream")
    # bin against what the applications sent, and --all against bin
    for sums in sorted(glob.glob(os.path.join(FOLLOW, "*.sha256"))):
        pcap = sums[:-len(".sha256")] + ".pcap"
        removed = sums[:-len(".sha256")] + ".removed"
        if os.path.exists(removed):
            # a frame was cut out of the -full capture: bin is the full
            # capture's bytes without it, and stderr names the hole
            m = re.search(r"(client|server) data, relative seq (\d+), (\d+) bytes", open(removed).read())
            side, seq, size = m.group(1), int(m.group(2)), int(m.group(3))
            full = tcplens("follow", "0", "--format", "bin", "--dir", side, "-r",
                           pcap[:-len(".pcap")] + "-full.pcap").stdout
            r = tcplens("follow", "0", "--format", "bin", "--dir", side, "-r", pcap)
            checked += 1
            if r.stdout != full[:seq - 1] + full[seq - 1 + size:] or \
                    f"{size} bytes of the {side}'s data missing in capture at offset {seq - 1}" \
                    not in r.stderr.decode():
                failures += 1
                print(f"FAIL bin {os.path.basename(pcap)}: the hole")
            continue
        for line in open(sums):
            side, digest, size = line.split()[:3]
            got = tcplens("follow", "0", "--format", "bin", "--dir", side, "-r", pcap).stdout
            checked += 1
            if hashlib.sha256(got).hexdigest() != digest or len(got) != int(size):
                failures += 1
                print(f"FAIL bin {os.path.basename(pcap)} {side}: {len(got)} bytes")
    # conflicting copies: the bytes kept are those a Linux receiver's
    # application read, and each conflict is named (frames 5, 9 and 13
    # carry bytes that differ from the copy delivered; README)
    linux = open(os.path.join(FOLLOW, "overlap-conflict.linux.txt")).read().splitlines()
    read = linux[linux.index(next(l for l in linux if l.startswith("## bytes the server"))) + 1]
    r = tcplens("follow", "0", "--format", "bin", "--dir", "client", "-r",
                os.path.join(FOLLOW, "overlap-conflict.pcap"))
    notes = re.findall(r"frame (\d+) has (\d+) bytes of the client's data at offset (\d+)",
                       r.stderr.decode())
    checked += 1
    if r.stdout != read.encode() or notes != [("5", "5", "5"), ("9", "10", "40"), ("13", "5", "60")]:
        failures += 1
        print(f"FAIL overlap-conflict: {r.stdout!r} {notes}")
    with tempfile.TemporaryDirectory() as out:
        pcap = os.path.join(FOLLOW, "bulk-loss.pcap")
        r = tcplens("follow", "--all", "-o", out, "-r", pcap)
        rows = [l.split("\t") for l in open(os.path.join(out, "index.tsv")).read().splitlines()]
        head = rows[0]
        for row in rows[1:]:
            rec = dict(zip(head, row))
            for side in ("client", "server"):
                want = tcplens("follow", rec["stream"], "--format", "bin", "--dir", side,
                               "-r", pcap).stdout
                f = rec["file_" + side]
                got = open(os.path.join(out, f), "rb").read() if f != "-" else b""
                checked += 1
                if got != want or int(rec["bytes_" + side]) != len(want):
                    failures += 1
                    print(f"FAIL --all stream {rec['stream']} {side}")
        if r.returncode != 0 or len(rows) < 2:
            failures += 1
            print("FAIL --all run")
    # ladders: golden diagrams checked by hand against the packets, and a
    # well-formed SVG with one arrow per packet drawn
    for golden in sorted(glob.glob(os.path.join(FOLLOW, "ladder", "*.txt"))):
        pcap = os.path.join(TESTS, "captures", os.path.basename(golden)[:-4] + ".pcap")
        with tempfile.NamedTemporaryFile(suffix=".svg") as svg:
            r = tcplens("ladder", "0", "-r", pcap, "--svg", svg.name)
            root = ElementTree.parse(svg.name).getroot()
            arrows = [e for e in root.iter("{http://www.w3.org/2000/svg}line")
                      if e.get("marker-end")]
        want = open(golden, "rb").read()
        rows = sum(1 for l in want.decode().splitlines() if re.match(r"^ +\d+\.\d+ ", l))
        checked += 1
        if r.stdout != want or r.returncode != 0 or len(arrows) != rows or \
                max(len(l) for l in want.decode().splitlines()) > 80:
            failures += 1
            print(f"FAIL ladder {os.path.basename(golden)}")
    # summaries: every packet is either drawn or counted in a summary line
    pcap = os.path.join(TESTS, "captures", "lossy.pcap")
    packets = len(open(os.path.join(TESTS, "captures", "lossy.out")).read().splitlines())
    for args, summarized in ((["--full"], False), ([], True)):
        text = tcplens("ladder", "0", "-r", pcap, *args).stdout.decode()
        drawn = sum(1 for l in text.splitlines() if re.match(r"^ +\d+\.\d+ ", l))
        counted = sum(int(m.replace(",", "")) for m in re.findall(r"\.\.\. ([\d,]+) segments", text))
        checked += 1
        if drawn + counted != packets or (counted > 0) != summarized:
            failures += 1
            print(f"FAIL ladder lossy {args}: {drawn} drawn + {counted} summarized != {packets}")
    print(f"{checked} follow outputs checked, {failures} failures")
    return 1 if failures else 0


sys.exit(main())
