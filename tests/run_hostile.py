#!/usr/bin/env python3
"""run_hostile.py TCPLENS TESTS_DIR [--verbose] -- hostile captures and
damaged files (tests/hostile, see its README.md).

For every capture that tcpdump reads to the end (tests/hostile/expected/
INDEX.tsv, tcpdump_rc 0):

1. tcpdump: `TZ=GMT0 tcplens OPTIONS -r F` for the option sets n (-n), num
   (-# -n), vvv (-vvv -n), vvvx (-vvv -n -x), Se (-S -e -n) and ttt
   (-ttt -n), and `-r - < F` (standard input: libpcap, where a named
   classic pcap file is memory-mapped) for num and ttt, must print byte for
   byte what tcpdump 4.99.3 printed (expected/F.SET.out), except where
   KNOWN.tsv lists the case: then exactly the lines it names must differ
   and every other line must match.
2. Every mode: -n, -# -n, -vvv -n -x, -S -e, --states, --analysis,
   --explain, -V, --json, conns, conns --json, conns --csv, and for every
   stream tshark numbers, follow N in the four formats and ladder N --full
   --svg FILE (the SVG must parse as XML), and follow --all -o DIR (one
   index row per stream): exit status 0, something printed, nothing on
   stderr (follow: only its "tcplens: stream N: ..." notes), no sanitizer
   report.  Without any stream, follow 0 and ladder 0 exit 1 with "no such
   stream".
3. --json: one object per line, as many as tcpdump's packets, numbered 1..N,
   each with exactly the keys of docs/json.md; conns --json: one object per
   tshark stream, in order, with docs/json.md's keys; conns --csv: as many
   rows.
4. tshark: for every frame tshark decodes as TCP (expected/F.tshark.tsv),
   the --json object's stream, flags, relative and raw seq/ack, next seq,
   length, windows and Wireshark's analysis values and flags must be
   tshark's.  follow N --format FMT must print what `tshark -q -z
   follow,tcp,FMT,N` printed (expected/F.follow.FMT).  KNOWN.tsv names the
   frames and streams that differ, for the reasons it gives.
5. Checks derived by hand from the packets (check_* below): relative and
   raw numbers and the payload across the 2^32 wrap, stream indexes with
   reused ISNs and on a connection to itself, the flags of SYN+FIN and
   all-flags packets, -ttt deltas going backwards, RST payloads, records of
   length 0.

For every damaged file (tcpdump_rc non-zero), a directory, and a 4 GB+
sparse file built here (with and without a cut last record past 2^32):
each mode must exit with status 1 (as tcpdump) and exactly one line on
stderr that starts "tcplens: ", and raise no sanitizer report; the tcpdump
option sets (file and standard input) must print on stdout what tcpdump
printed before the damage, --json, conns --json and follow of every stream
what tshark read before it.  The wording is checked only where libpcap's is
the standard ("truncated dump file").  On the 4 GB+ file, conns and a
`tcp` filter must find the SYN whose record starts past 2^32, and -n must
print all 16,448 records as tcpdump does (sha256).

Prints one line per failure; exit status 1 if there is any.
"""
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from xml.etree import ElementTree

from json_doc import documented_keys
from tshark_follow import split_streams

TCPLENS, TESTS = sys.argv[1], sys.argv[2]
VERBOSE = "--verbose" in sys.argv
HOSTILE = os.path.join(TESTS, "hostile")
EXP = os.path.join(HOSTILE, "expected")
sys.path.insert(0, os.path.join(HOSTILE, "make"))
import build  # noqa: E402  (the capture builder: payloads, make_big)

ENV = dict(os.environ, TZ="GMT0",
           ASAN_OPTIONS="exitcode=99:detect_leaks=1",
           UBSAN_OPTIONS="exitcode=98:halt_on_error=1:print_stacktrace=1")
SANITIZER = re.compile(rb"Sanitizer|runtime error|AddressSanitizer|LeakSanitizer")

SETS = {"n": ["-n"], "num": ["-#", "-n"], "vvv": ["-vvv", "-n"], "vvvx": ["-vvv", "-n", "-x"],
        "Se": ["-S", "-e", "-n"], "ttt": ["-ttt", "-n"]}
STDIN_SETS = ["num", "ttt"]
MODES = [["-n"], ["-#", "-n"], ["-vvv", "-n", "-x"], ["-S", "-e"], ["--states"], ["--analysis"],
         ["--explain"], ["-V"], ["--json"], ["conns"], ["conns", "--json"], ["conns", "--csv"]]
FORMATS = ["ascii", "hex", "raw", "yaml"]
PKT_KEYS = documented_keys(TESTS, "## Packets")
CONN_KEYS = documented_keys(TESTS, "## Connections")


# ------------------------------------------------------------------ helpers --
class Result:
    def __init__(self, name):
        self.name, self.checks, self.failures = name, 0, []

    def ok(self, cond, msg):
        self.checks += 1
        if not cond:
            self.failures.append("%s: %s" % (self.name, msg))
        return cond


def run(args, timeout=120, stdin=None):
    """(exit status, stdout, stderr, seconds) of tcplens ARGS, with the
    file stdin on standard input if given."""
    t = time.monotonic()
    with open(stdin or os.devnull, "rb") as f:
        p = subprocess.run([TCPLENS] + args, capture_output=True, env=ENV, timeout=timeout, stdin=f)
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t


def cmdline(args):
    return "tcplens " + " ".join(a if re.match(r"^[\w./:=+#-]+$", a) else "'%s'" % a for a in args)


def sanitizer(err):
    return SANITIZER.search(err) is not None


def first_lines(b, n=3):
    return " | ".join(b.decode("utf-8", "replace").splitlines()[:n])


def read_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


INDEX = {r["name"]: r for r in read_tsv(os.path.join(EXP, "INDEX.tsv"))}


def known_table():
    """KNOWN.tsv: capture, check, detail, reason."""
    table = {}
    with open(os.path.join(HOSTILE, "KNOWN.tsv")) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cap, check, detail = line.rstrip("\n").split("\t")[:3]
            table[(cap, check)] = detail
    return table


KNOWN = known_table()


def expected(name, suffix):
    with open(os.path.join(EXP, name + suffix), "rb") as f:
        return f.read()


def ok_run(res, args, want_output=True, stdout_optional=False, stdin=None):
    """A run that must succeed: status 0, no sanitizer report, nothing on
    stderr (follow: only its "tcplens: stream N: ..." notes), something on
    stdout (unless the capture has no packets)."""
    rc, out, err, _ = run(args, stdin=stdin)
    if stdin:
        args = args + ["<", os.path.basename(stdin)]
    res.ok(not sanitizer(err), "%s: sanitizer report: %s" % (cmdline(args), first_lines(err, 8)))
    res.ok(rc == 0, "%s: exit status %d (%s)" % (cmdline(args), rc, first_lines(err)))
    if args[0] == "follow":
        # follow notes what it drops or keeps: "tcplens: stream N: ..." lines
        res.ok(all(l.startswith(b"tcplens: stream ") for l in err.splitlines()),
               "%s: stderr %r" % (cmdline(args), first_lines(err)))
    else:
        res.ok(err == b"", "%s: stderr %r" % (cmdline(args), first_lines(err)))
    if want_output and not stdout_optional:
        res.ok(out.strip() != b"", "%s: printed nothing" % cmdline(args))
    return rc, out, err


def error_run(res, args, want_stdout=None, text=None, stdin=None):
    """A run on damaged input: non-zero status, exactly one stderr line
    starting "tcplens: ", no sanitizer report, stdout as tcpdump's."""
    rc, out, err, secs = run(args, stdin=stdin)
    if stdin:
        args = args + ["<", os.path.basename(stdin)]
    res.ok(not sanitizer(err), "%s: sanitizer report: %s" % (cmdline(args), first_lines(err, 8)))
    res.ok(rc == 1, "%s: exit status %d, want 1 (as tcpdump)" % (cmdline(args), rc))
    lines = err.decode("utf-8", "replace").splitlines()
    res.ok(len(lines) == 1 and err.endswith(b"\n") and lines[0].startswith("tcplens: "),
           "%s: stderr is not one 'tcplens: ...' line: %r" % (cmdline(args), err[:300]))
    if text is not None and lines:
        res.ok(re.search(text, lines[0]) is not None,
               "%s: stderr %r does not say %r" % (cmdline(args), lines[0], text))
    if want_stdout is not None:
        res.ok(out == want_stdout, "%s: stdout differs from tcpdump's (%d bytes, tcpdump %d):\n%s" %
               (cmdline(args), len(out), len(want_stdout), line_diff(want_stdout, out)))
    return rc, out, err, secs


def line_diff(want, got, limit=6):
    w, g = want.decode("utf-8", "replace").splitlines(), got.decode("utf-8", "replace").splitlines()
    out = []
    for i in range(max(len(w), len(g))):
        a = w[i] if i < len(w) else "<none>"
        b = g[i] if i < len(g) else "<none>"
        if a != b:
            out.append("    line %d\n      tcpdump: %s\n      tcplens: %s" % (i + 1, a, b))
            if len(out) >= limit:
                break
    return "\n".join(out)


# ------------------------------------------------------ tcpdump comparison --
def compare_tcpdump(res, name, path):
    # the file (classic pcap: through the memory-mapped reader), then
    # standard input (always libpcap) for two of the sets
    for s, opts, stdin in [(s, o, None) for s, o in SETS.items()] + [(s, SETS[s], path) for s in STDIN_SETS]:
        want = expected(name, ".%s.out" % s)
        args = opts + ["-r", "-" if stdin else path]
        rc, got, err = ok_run(res, args, stdout_optional=True, stdin=stdin)
        if stdin:
            args = args + ["<", name]
        known = KNOWN.get((name, "tcpdump:" + s))
        if known is None:
            res.ok(got == want, "%s: differs from tcpdump:\n%s" % (cmdline(args), line_diff(want, got)))
            continue
        # exactly the listed lines differ, all others are tcpdump's
        lines = {int(x) for x in known.split(",")}
        w, g = want.split(b"\n"), got.split(b"\n")
        if not res.ok(len(w) == len(g), "%s: %d lines, tcpdump %d" % (cmdline(args), len(g), len(w))):
            continue
        diff = {i + 1 for i in range(len(w)) if w[i] != g[i]}
        res.ok(diff == lines, "%s: lines %s differ from tcpdump, KNOWN.tsv lists %s%s" %
               (cmdline(args), sorted(diff), sorted(lines),
                " (tcplens matches tcpdump now: remove the KNOWN.tsv row)" if not diff else ""))


# ------------------------------------------------------- tshark comparison --
FLAG_BITS = {"FIN": 11, "SYN": 10, "RST": 9, "PSH": 8, "ACK": 7, "URG": 6, "ECE": 5, "CWR": 4, "AE": 3}
ANALYSIS = ["retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order",
            "lost_segment", "ack_lost_segment", "zero_window", "zero_window_probe",
            "zero_window_probe_ack", "keep_alive", "keep_alive_ack", "window_update",
            "window_full", "reused_ports"]
COLUMNS = {
    "tcp.stream": ("stream", "int"), "tcp.seq": ("seq", "int"), "tcp.ack": ("ack", "int"),
    "tcp.len": ("len", "int"), "tcp.window_size": ("win_calc", "int"),
    "tcp.window_size_value": ("win", "int"), "tcp.window_size_scalefactor": ("win_scale", "int"),
    "tcp.seq_raw": ("seq_raw", "int"), "tcp.ack_raw": ("ack_raw", "int"),
    "tcp.nxtseq": ("next_seq", "int"),
    "tcp.analysis.duplicate_ack_num": ("dup_ack_num", "int"),
    "tcp.analysis.duplicate_ack_frame": ("dup_ack_frame", "int"),
    "tcp.analysis.acks_frame": ("acks_frame", "int"), "tcp.analysis.ack_rtt": ("ack_rtt", "time"),
    "tcp.analysis.initial_rtt": ("irtt", "time"),
    "tcp.analysis.bytes_in_flight": ("bytes_in_flight", "int"),
    "tcp.analysis.push_bytes_sent": ("push_bytes_sent", "int"),
    "tcp.analysis.rto": ("rto", "time"), "tcp.analysis.rto_frame": ("rto_frame", "int"),
    "tcp.completeness": ("completeness", "int"),
}


def tshark_rows(name):
    """tshark's TCP rows, renumbered to libpcap's frames when KNOWN.tsv says
    tshark counts extra records (pcapng blocks libpcap skips)."""
    rows = read_tsv(os.path.join(EXP, name + ".tshark.tsv"))
    extra = KNOWN.get((name, "tshark-frames"))
    skip = sorted(int(x) for x in extra.split(",")) if extra else []
    out = []
    for r in rows:
        n = int(r["frame.number"])
        if n in skip:
            continue
        for col in ("frame.number", "tcp.analysis.acks_frame", "tcp.analysis.duplicate_ack_frame",
                    "tcp.analysis.rto_frame"):
            if r.get(col):
                f = int(r[col].split(",")[-1])
                r[col] = str(f - sum(1 for s in skip if s < f))
        out.append(r)
    return out


def tshark_value(raw, kind):
    raw = raw.split(",")[-1]
    if raw == "":
        return None
    return Decimal(raw) if kind == "time" else int(raw)


def frame_diffs(r, o):
    """What differs between tshark's row and tcplens's --json object."""
    frame = int(r["frame.number"])
    if o is None or o["stream"] is None:
        return ["frame %d: tshark decodes TCP (stream %s), tcplens --json has no TCP segment" %
                (frame, r["tcp.stream"])]
    diffs = []
    for column, (key, kind) in COLUMNS.items():
        want = tshark_value(r.get(column, ""), kind)
        v = o.get(key)
        got = None if v is None else (Decimal(str(v)) if kind == "time" else int(v))
        if want != got:
            diffs.append("frame %d: %s tshark %s, tcplens --json %s %s" % (frame, column, want, key, got))
    fl = r["tcp.flags.str"].split(",")[-1]
    want_flags = {f for f, i in FLAG_BITS.items() if len(fl) == 12 and fl[i] != "\u00b7"}
    if set(o["flags"] or []) != want_flags:
        diffs.append("frame %d: flags tshark %s (%s), tcplens %s" % (frame, sorted(want_flags), fl, o["flags"]))
    got_an = set(o["analysis"] or [])
    for a in ANALYSIS:
        want = r.get("tcp.analysis." + a, "").split(",")[-1] == "1"
        if want != (a in got_an):
            diffs.append("frame %d: tcp.analysis.%s tshark %s, tcplens %s" % (frame, a, want, a in got_an))
    return diffs


def frame_set(text):
    """"6,7,9-11" -> {6, 7, 9, 10, 11}"""
    out = set()
    for part in text.split(","):
        a, _, b = part.partition("-")
        out.update(range(int(a), int(b or a) + 1))
    return out


def compare_tshark(res, name, objs):
    """Every TCP frame of tshark's table against --json; KNOWN.tsv's
    "tshark" row names the frames that differ, for a reason it gives: those
    must differ (somewhere), all others must match."""
    rows = [r for r in tshark_rows(name) if r.get("tcp.stream")]
    known = frame_set(KNOWN[(name, "tshark")]) if (name, "tshark") in KNOWN else set()
    differing = set()
    for r in rows:
        frame = int(r["frame.number"])
        diffs = frame_diffs(r, objs.get(frame))
        if frame in known:
            if diffs:
                differing.add(frame)
            res.ok(True, "")
            continue
        res.ok(not diffs, "; ".join(diffs))
    if known:
        res.ok(differing == known, "tshark: KNOWN.tsv lists frames %s as different, these differ: %s" %
               (sorted(known), sorted(differing)))


def compare_follow(res, name, path, streams):
    for fmt in FORMATS:
        p = os.path.join(EXP, "%s.follow.%s" % (name, fmt))
        parts = split_streams(open(p, "rb").read(), fmt) if os.path.exists(p) else []
        res.ok(len(parts) == len(streams), "tshark follow %s: %d outputs for %d streams" % (fmt, len(parts), len(streams)))
        for n in streams:
            args = ["follow", str(n), "--format", fmt, "-r", path]
            rc, out, err = ok_run(res, args)
            if n < len(parts):
                k = KNOWN.get((name, "follow:%d" % n))
                if k is not None and (k == "all" or fmt in k.split(",")):
                    res.ok(out != parts[n], "%s: matches tshark now: remove the KNOWN.tsv row" % cmdline(args))
                else:
                    res.ok(out == parts[n], "%s: differs from tshark -z follow,tcp,%s,%d:\n%s" %
                           (cmdline(args), fmt, n, line_diff(parts[n], out)))


# ------------------------------------------------------------ every mode ----
def check_modes(res, name, path, streams, packets, tmp):
    for m in MODES:
        ok_run(res, m + ["-r", path], want_output=packets > 0)
    # --json: one object per packet, documented keys
    rc, out, _, _ = run(["--json", "-r", path])
    objs = {}
    lines = out.decode("utf-8", "replace").splitlines()
    for i, line in enumerate(lines):
        try:
            o = json.loads(line)
        except ValueError as e:
            res.ok(False, "--json line %d does not parse (%s): %r" % (i + 1, e, line[:200]))
            continue
        res.ok(isinstance(o, dict) and list(o) == PKT_KEYS,
               "--json line %d: keys %s, docs/json.md documents %s" % (i + 1, list(o)[:40], PKT_KEYS))
        if isinstance(o, dict):
            objs[o.get("frame")] = o
    res.ok(len(lines) == packets and sorted(objs) == list(range(1, packets + 1)),
           "--json: %d objects (frames %s), tcpdump printed %d packets" % (len(lines), sorted(objs)[:5], packets))
    # conns --json and --csv
    rc, out, _, _ = run(["conns", "--json", "-r", path])
    rows = []
    for i, line in enumerate(out.decode("utf-8", "replace").splitlines()):
        try:
            rows.append(json.loads(line))
        except ValueError as e:
            res.ok(False, "conns --json line %d does not parse (%s)" % (i + 1, e))
    for r in rows:
        res.ok(list(r) == CONN_KEYS, "conns --json stream %s: keys %s" % (r.get("stream"), list(r)))
    res.ok([r.get("stream") for r in rows] == streams,
           "conns --json: streams %s, tshark %s" % ([r.get("stream") for r in rows], streams))
    rc, out, _, _ = run(["conns", "--csv", "-r", path])
    csv_rows = list(csv.DictReader(io.StringIO(out.decode("utf-8", "replace"))))
    res.ok(len(csv_rows) == len(streams), "conns --csv: %d rows, tshark %d streams" % (len(csv_rows), len(streams)))
    # follow --all and ladder, every stream
    d = os.path.join(tmp, "all")
    ok_run(res, ["follow", "--all", "-o", d, "-r", path], stdout_optional=True)
    idx = os.path.join(d, "index.tsv")
    if res.ok(os.path.exists(idx), "follow --all -o DIR wrote no DIR/index.tsv"):
        n = len([l for l in open(idx) if l.strip()]) - 1
        res.ok(n == len(streams) or not streams, "follow --all: index.tsv has %d rows, %d streams" % (n, len(streams)))
    shutil.rmtree(d, ignore_errors=True)
    for n in streams:
        svg = os.path.join(tmp, "ladder%d.svg" % n)
        ok_run(res, ["ladder", str(n), "--full", "--svg", svg, "-r", path])
        try:
            ElementTree.parse(svg)
            res.ok(True, "")
        except (OSError, ElementTree.ParseError) as e:
            res.ok(False, "ladder %d --svg: %s" % (n, e))
    if not streams:
        for args in (["follow", "0", "-r", path], ["ladder", "0", "-r", path]):
            rc, out, err, _ = run(args)
            res.ok(rc == 1 and b"no such stream" in err and not sanitizer(err),
                   "%s: no stream 0, expected exit 1 and 'no such stream', got %d %r" % (cmdline(args), rc, err[:200]))
    return objs


# -------------------------------------------------------- hand-derived ------
def lines_of(args):
    rc, out, err, _ = run(args)
    return out.decode("utf-8", "replace").splitlines()


def check_seq_wrap(res, name, path, objs):
    """Client ISN 2^32-100: 224 bytes, relative seq 1..225, raw 4294967197 ->
    4294967255 -> 17 (the second segment wraps); server ISN 2^32-1, its
    first byte is raw 0, relative 1."""
    n = lines_of(["-n", "-r", path])
    want = ["Flags [P.], seq 1:59, ack 1,", "Flags [.], ack 59,", "Flags [P.], seq 59:117, ack 1,",
            "Flags [.], ack 117,", "Flags [P.], seq 117:175, ack 1,", "Flags [.], ack 175,",
            "Flags [P.], seq 175:225, ack 1,", "Flags [.], ack 225,",
            "Flags [P.], seq 1:34, ack 225,", "Flags [.], ack 34,",
            "Flags [F.], seq 225, ack 34,", "Flags [F.], seq 34, ack 226,", "Flags [.], ack 35,"]
    got = [l for l in n[3:]]
    res.ok(len(got) == len(want) and all(w in g for w, g in zip(want, got)),
           "-n: relative seq/ack across 2^32: want %s, got %s" % (want, got))
    S = lines_of(["-S", "-n", "-r", path])
    res.ok(any("seq 4294967255:17, ack 0," in l for l in S),
           "-S: the segment across 2^32 is not 'seq 4294967255:17, ack 0'")
    res.ok(any("Flags [P.], seq 0:33, ack 125," in l for l in S),
           "-S: the server's first byte is not raw 0 ('seq 0:33, ack 125')")
    segs = [o for o in objs.values() if o["len"]]
    want_seq = [(1, 59, 4294967197), (59, 117, 4294967255), (117, 175, 17), (175, 225, 75), (1, 34, 0)]
    res.ok([(o["seq"], o["next_seq"], o["seq_raw"]) for o in segs] == want_seq,
           "--json data segments (seq, next_seq, seq_raw) %s, want %s" %
           ([(o["seq"], o["next_seq"], o["seq_raw"]) for o in segs], want_seq))
    for d, data in (("client", build.WRAP_C), ("server", build.WRAP_S)):
        rc, out, err, _ = run(["follow", "0", "--format", "bin", "--dir", d, "-r", path])
        res.ok(rc == 0 and out == data, "follow 0 --format bin --dir %s: %r, wrote %r" % (d, out[:80], data[:80]))
    rc, out, err, _ = run(["follow", "0", "--format", "raw", "-r", path])
    res.ok(bytes.fromhex(b"".join(l for l in out.splitlines() if re.fullmatch(rb"\t?[0-9a-f]+", l)).replace(b"\t", b"").decode())
           == build.WRAP_C + build.WRAP_S, "follow 0 --format raw: bytes are not the payload written")
    c = json.loads(lines_of(["conns", "--json", "-r", path])[0])
    res.ok((c["bytes"], c["handshake"], c["close"], c["retransmissions"]["client"]["packets"]) ==
           ({"client": 224, "server": 33}, "complete", "three-way", 0),
           "conns: bytes %s handshake %s close %s retrans %s; want 224/33 bytes, complete, three-way, 0" %
           (c["bytes"], c["handshake"], c["close"], c["retransmissions"]))


def check_isn_reuse(res, name, path, objs, want_streams):
    got = sorted({o["stream"] for o in objs.values() if o["stream"] is not None})
    res.ok(got == want_streams, "streams %s, tshark %s" % (got, want_streams))
    rows = lines_of(["conns", "--json", "-r", path])
    res.ok(len(rows) == len(want_streams), "conns: %d rows, tshark %d streams" % (len(rows), len(want_streams)))


def check_isn_reuse_ports(res, name, path, objs):
    """Frames 1,3,5,7,10,11,16,17,18 are port 40000's (stream 0), the rest
    40001's (stream 1); each connection's payload follows separately."""
    a = [1, 3, 5, 7, 10, 11, 16, 17, 18]
    want = {f: (0 if f in a else 1) for f in range(1, 19)}
    got = {f: objs[f]["stream"] for f in objs}
    res.ok(got == want, "streams by frame %s, want %s" % (got, want))
    for n, c, s in ((0, b"to A\n", b"from A, longer\n"), (1, b"to B, longer\n", b"from B\n")):
        for d, data in (("client", c), ("server", s)):
            rc, out, err, _ = run(["follow", str(n), "--format", "bin", "--dir", d, "-r", path])
            res.ok(out == data, "follow %d --dir %s: %r, want %r" % (n, d, out, data))


def check_same_endpoint(res, name, path, objs):
    got = {o["stream"] for o in objs.values()}
    res.ok(got == {0}, "streams %s, tshark 0 for every frame" % got)
    rc, out, err, _ = run(["conns", "--csv", "-r", path])
    rows = list(csv.DictReader(io.StringIO(out.decode())))
    res.ok(len(rows) == 1, "conns --csv: %d rows, want 1" % len(rows))


def check_flags(res, name, path, objs, want):
    """want: {frame: (tcpdump flags text, tcplens JSON flags)}."""
    n = lines_of(["-#", "-n", "-r", path])
    for frame, (text, flags) in want.items():
        line = next((l for l in n if l.split()[0] == str(frame)), "")
        res.ok("Flags [%s]" % text in line, "frame %d: want 'Flags [%s]', got %r" % (frame, text, line))
        res.ok(objs[frame]["flags"] == flags, "frame %d: --json flags %s, want %s" % (frame, objs[frame]["flags"], flags))


ALL9 = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"]


def check_ts_backwards(res, name, path, objs):
    n = lines_of(["-ttt", "-n", "-r", path])
    res.ok(len(n) == 12, "-ttt: %d lines, want 12" % len(n))
    want = [" 00:00:00.000000", "-00:00:00.100000", " 00:00:00.000000", "-00:00:01.500000",
            "-00:00:07.900000", " 00:00:19.000000", " 00:00:00.001000"]
    res.ok([l[:16] for l in n[:7]] == want, "-ttt deltas %s, want %s" % ([l[:16] for l in n[:7]], want))
    t = lines_of(["-n", "-r", path])
    res.ok(len(t) == 12 and t[7].startswith("00:00:00.000000 ") and t[8].startswith("[Error converting time] "),
           "-n: frame 8 at the epoch and frame 9 (sec 2^32-1) as tcpdump shows them: %s" % t[7:9])


def check_rst_data(res, name, path, objs):
    v = lines_of(["-vvv", "-n", "-r", path])
    res.ok(any(l.endswith("length 30 [RST Connection reset by policy 42^J]") for l in v),
           "-vvv: the server's RST does not show its text as tcpdump does")
    res.ok(any("[RST ^@^A^BbinaryM-^?M-~ reset]" in l for l in v), "-vvv: the client's binary RST payload")
    res.ok([objs[f]["len"] for f in (6, 7, 13)] == [30, 17, 18], "--json len of the RSTs")


def check_zero_length(res, name, path, objs):
    n = lines_of(["-#", "-n", "-r", path])
    res.ok(len(n) == 13 and "[Invalid header: caplen==0, len==0]" in n[5] and "[Invalid header: caplen==0]" in n[6],
           "-# -n: zero-length records as tcpdump: %s" % n[5:7])


def check_syn_fin(res, name, path, objs):
    """Flags as tcpdump prints them; and a FIN on a SYN closes nothing: the
    server that answered the SYN+FIN of stream 2 (acknowledging the SYN
    only) stays ESTABLISHED until the real close, and the unanswered SYN+FIN
    attempts (streams 1 and 3) stay open, not half-closed."""
    check_flags(res, name, path, objs, {
        1: ("FS", ["FIN", "SYN"]), 3: ("FSPU", ["FIN", "SYN", "PSH", "URG"]),
        4: ("FS", ["FIN", "SYN"]), 12: ("FS", ["FIN", "SYN"])})
    states = lines_of(["--states", "-n", "-r", path])
    res.ok(states.count("\tserver ESTABLISHED -> CLOSE_WAIT -> LAST_ACK") == 1 and
           not any("SYN_RCVD -> CLOSE_WAIT" in l for l in states),
           "--states: the SYN+FIN's FIN must not move the server to CLOSE_WAIT")
    rows = lines_of(["conns", "--csv", "-r", path])
    closes = [r.split(",")[5] for r in rows[1:] if r and r[0].isdigit()]
    res.ok(closes == ["reset", "open", "three-way", "open"],
           "conns: close kinds %s, want reset, open, three-way, open" % closes)


def check_explain_bogus(res, name, path, objs, want):
    """--explain on a bogus length field: the heading says how many bytes
    are shown and what the field claims, and the field's row says why it is
    bogus (derived from the bytes: IHL 0, or data offset 15 on 25 bytes)."""
    text = "\n".join(lines_of(["-n", "--explain", "-r", path]))
    for w in want:
        res.ok(w in text, "--explain: missing %r" % w)


SPECIFIC = {
    "seq-wrap.pcap": check_seq_wrap,
    "seq-wrap6.pcap": check_seq_wrap,
    "isn-reuse.pcap": lambda r, n, p, o: check_isn_reuse(r, n, p, o, [0]),
    "isn-reuse-rst.pcap": lambda r, n, p, o: check_isn_reuse(r, n, p, o, [0]),
    "isn-reuse-open.pcap": lambda r, n, p, o: check_isn_reuse(r, n, p, o, [0]),
    "port-reuse-new-isn.pcap": lambda r, n, p, o: check_isn_reuse(r, n, p, o, [0, 1]),
    "isn-reuse-ports.pcap": check_isn_reuse_ports,
    "same-endpoint.pcap": check_same_endpoint,
    "same-endpoint6.pcap": check_same_endpoint,
    "syn-fin.pcap": check_syn_fin,
    "ipv4-ihl-0.pcap": lambda r, n, p, o: check_explain_bogus(r, n, p, o, [
        "IPv4 header bytes (frame offset 14, 20 bytes shown; its length field says 0):",
        "0 x 4 = 0 bytes: bogus, the fixed part alone is 20",
        "meaningless with a bogus header length"]),
    "tcp-doff-15-beyond.pcap": lambda r, n, p, o: check_explain_bogus(r, n, p, o, [
        "TCP header bytes (frame offset 34, 20 bytes shown; its length field says 60):",
        "15 x 4 = 60-byte header: bogus, longer than the 25-byte segment"]),
    "all-flags.pcap": lambda r, n, p, o: check_flags(r, n, p, o, {
        6: ("FSRP.UEW", ALL9), 7: ("FSRP.UEW", ALL9), 8: ("FSRP.UEW", ALL9[:8]),
        9: (".", ["ACK"]), 10: ("none", []), 20: ("FSRP.UEW", ALL9)}),
    "ts-backwards.pcap": check_ts_backwards,
    "rst-data.pcap": check_rst_data,
    "rec-zero-length.pcap": check_zero_length,
}


# --------------------------------------------------------------- captures --
def readable_capture(name):
    res = Result(name)
    path = os.path.join(HOSTILE, name)
    tmp = tempfile.mkdtemp(prefix="hostile.")
    try:
        compare_tcpdump(res, name, path)
        packets = sum(1 for l in expected(name, ".num.out").decode().splitlines() if re.match(r"^ *\d+  ", l))
        streams = sorted({int(r["tcp.stream"].split(",")[-1]) for r in tshark_rows(name) if r.get("tcp.stream")})
        objs = check_modes(res, name, path, streams, packets, tmp)
        compare_tshark(res, name, objs)
        compare_follow(res, name, path, streams)
        if name in SPECIFIC:
            SPECIFIC[name](res, name, path, objs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res


TRUNCATED = r"truncated (pcapng )?dump file"


def damaged_file(name, path=None, text=None, stdout=None):
    """Every mode must fail the same way; the tcpdump sets must print
    tcpdump's stdout first."""
    res = Result(name)
    path = path or os.path.join(HOSTILE, name)
    tmp = tempfile.mkdtemp(prefix="hostile.")
    try:
        for s, opts in SETS.items():
            p = os.path.join(EXP, "%s.%s.out" % (name, s))
            want = stdout if stdout is not None else (open(p, "rb").read() if os.path.exists(p) else b"")
            error_run(res, opts + ["-r", path], want, text)
            if s in STDIN_SETS and os.path.isfile(path):
                error_run(res, opts + ["-r", "-"], want, text, stdin=path)
        for m in MODES[4:] + [["follow", "0", "-r", path], ["follow", "0", "--format", "yaml", "-r", path],
                              ["follow", "--all", "-o", os.path.join(tmp, "all")],
                              ["ladder", "0", "--full", "--svg", os.path.join(tmp, "l.svg")]]:
            args = m if "-r" in m else m + ["-r", path]
            error_run(res, args, None, text)
        if not os.path.exists(os.path.join(EXP, name + ".tshark.tsv")):
            return res
        # what was read before the damage: every packet as JSON (and as
        # tshark saw it), every connection, every stream's payload
        packets = sum(1 for l in expected(name, ".num.out").decode().splitlines() if re.match(r"^ *\d+  ", l))
        rc, out, err, _ = run(["--json", "-r", path])
        objs = {}
        for line in out.decode("utf-8", "replace").splitlines():
            o = json.loads(line)
            objs[o["frame"]] = o
        res.ok(sorted(objs) == list(range(1, packets + 1)),
               "--json before the damage: frames %s, tcpdump printed %d packets" % (sorted(objs), packets))
        streams = sorted({int(r["tcp.stream"].split(",")[-1]) for r in tshark_rows(name) if r.get("tcp.stream")})
        compare_tshark(res, name, objs)
        rc, out, err, _ = run(["conns", "--json", "-r", path])
        got = [json.loads(l)["stream"] for l in out.decode().splitlines()]
        res.ok(got == streams, "conns --json before the damage: streams %s, tshark %s" % (got, streams))
        for fmt in FORMATS if streams else []:
            parts = split_streams(expected(name, ".follow." + fmt), fmt)
            k = KNOWN.get((name, "follow:0"))
            for n in streams:
                want = parts[n] if n < len(parts) and not (k and (k == "all" or fmt in k.split(","))) else None
                error_run(res, ["follow", str(n), "--format", fmt, "-r", path], want, text)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res


def directory():
    d = tempfile.mkdtemp(prefix="hostile-dir.")
    try:
        return damaged_file("a directory", path=d, stdout=b"")
    finally:
        os.rmdir(d)


def big_file():
    """The 4 GB+ sparse file: the SYN past 2^32 is found, by conns and
    through a filter; then with a cut record at the end."""
    res = Result("4 GB+ file")
    tmp = tempfile.mkdtemp(prefix="hostile-big.")
    path = os.path.join(tmp, "big.pcap")
    try:
        nrec, syn_off = build.make_big(path)
        res.ok(syn_off > 2**32 and os.path.getsize(path) > 2**32, "the SYN is not past 2^32")
        rc, out, err, secs = run(["conns", "--json", "-r", path])
        res.ok(rc == 0 and not sanitizer(err), "conns --json: exit %d %s" % (rc, first_lines(err)))
        rows = [json.loads(l) for l in out.decode().splitlines()]
        res.ok(len(rows) == 1 and rows[0]["client"] == {"ip": "10.9.9.1", "port": 40000} and
               rows[0]["server"] == {"ip": "10.9.9.2", "port": 33333} and rows[0]["first_frame"] == nrec,
               "conns --json: want one connection 10.9.9.1.40000 > 10.9.9.2.33333 from frame %d, got %s" %
               (nrec, [(r["client"], r["server"], r["first_frame"]) for r in rows]))
        res.ok(secs < 20, "conns on the 4 GB file took %.1f s" % secs)
        rc, out, err = ok_run(res, ["conns", "-r", path])
        res.ok(b"10.9.9.1.40000" in out and b"10.9.9.2.33333" in out, "conns: no row for the SYN's connection")
        want = expected("big", ".num-tcp.out")
        rc, out, err = ok_run(res, ["-#", "-n", "-r", path, "tcp"])
        res.ok(out == want, "-# -n ... tcp: %r, tcpdump %r" % (out, want))
        rc, out, err = ok_run(res, ["-n", "-r", path, "tcp"])
        res.ok(out.endswith(b" IP 10.9.9.1.40000 > 10.9.9.2.33333: Flags [S], seq 424242, win 65535, "
                            b"options [mss 1460], length 0\n") and out.count(b"\n") == 1,
               "-n ... tcp: %r" % out)
        rc, out, err = ok_run(res, ["-n", "-r", path])
        want = expected("big", ".n.sha256").decode().strip()
        res.ok(hashlib.sha256(out).hexdigest() == want and out.count(b"\n") == nrec,
               "-n (every record): %d lines, sha256 %s; tcpdump's sha256 %s" %
               (out.count(b"\n"), hashlib.sha256(out).hexdigest(), want))
        # the same file with a cut record after the SYN
        build.append_cut_record(path)
        want = expected("big-trunc", ".num-tcp.out")
        rc, out, err, secs = error_run(res, ["-#", "-n", "-r", path, "tcp"], want, TRUNCATED)
        res.ok(secs < 20, "-# -n on the cut 4 GB file took %.1f s" % secs)
        rc, out, err, secs = error_run(res, ["-n", "-r", path], None, TRUNCATED)
        want = expected("big-trunc", ".n.sha256").decode().strip()
        res.ok(hashlib.sha256(out).hexdigest() == want,
               "-n on the cut file: stdout's sha256 %s, tcpdump's %s" % (hashlib.sha256(out).hexdigest(), want))
        rc, out, err, secs = error_run(res, ["conns", "-r", path], None, TRUNCATED)
        res.ok(b"10.9.9.1.40000" in out, "conns on the cut file: the SYN's connection is not printed before the error")
        if VERBOSE:
            print("4 GB file: %d records, SYN at offset %d" % (nrec, syn_off))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res


def main():
    readable = [n for n, r in INDEX.items() if r["tcpdump_rc"] == "0" and os.path.exists(os.path.join(HOSTILE, n))]
    damaged = [n for n, r in INDEX.items() if r["tcpdump_rc"] != "0" and os.path.exists(os.path.join(HOSTILE, n))]
    on_disk = sorted(f for f in os.listdir(HOSTILE) if f.endswith((".pcap", ".pcapng")))
    results = []
    missing = sorted(set(on_disk) - set(INDEX))
    if missing:
        r = Result("expected/INDEX.tsv")
        r.ok(False, "no expected output for %s (run make/gen-expected.sh)" % missing)
        results.append(r)
    jobs = [(readable_capture, n) for n in sorted(readable)]
    for n in sorted(damaged):
        text = TRUNCATED if re.search(r"truncated (pcapng )?dump file", INDEX[n]["tcpdump_error"]) and \
            n.startswith(("file-truncated", "file-pcapng-truncated")) else None
        jobs.append((lambda n=n, text=text: damaged_file(n, text=text), None))
    jobs.append((directory, None))
    jobs.append((big_file, None))
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as ex:
        futs = [ex.submit(f, a) if a is not None else ex.submit(f) for f, a in jobs]
        results += [f.result() for f in futs]
    checks = sum(r.checks for r in results)
    failures = [f for r in results for f in r.failures]
    for f in failures if VERBOSE else failures[:40]:
        print("FAIL " + f)
    if len(failures) > 40 and not VERBOSE:
        print("... %d more (--verbose shows all)" % (len(failures) - 40))
    print("hostile: %d readable captures, %d damaged files, a directory, a 4 GB+ file; %d checks, %d failed; "
          "%d known differences (KNOWN.tsv)" % (len(readable), len(damaged), checks, len(failures), len(KNOWN)))
    return 1 if failures else 0


sys.exit(main())
