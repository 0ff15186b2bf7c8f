#!/usr/bin/env python3
"""Executable summary of tshark 4.0.17's `follow,tcp` output formats, checked
against every file in tests/follow/expected/.

For each <SET>__<capture>.raw it parses the chunks (direction + bytes) of
every stream, then rebuilds the .ascii and .hex files from those chunks with
the rules below and compares them byte for byte.  For .yaml it checks that the
decoded data of every packet equals the raw chunks, the base64 line layout,
the timestamp format, and that the peers match the Node lines.

Usage: check-formats.py [EXPECTED_DIR]     (exit status 1 on any mismatch)
"""
import base64, glob, os, re, sys

D = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "expected")
SEP = "=" * 67

def split_streams(text):
    """ascii/hex/raw text -> list of (header lines [Follow, Filter, Node 0, Node 1], body lines)"""
    lines = text.split("\n")
    assert lines[-1] == "", "file must end with a newline"
    out, i = [], 0
    while i < len(lines) - 1:
        assert lines[i] == "" and lines[i + 1] == SEP, (i, lines[i:i + 2])
        hdr = lines[i + 2:i + 6]
        j = i + 6
        while lines[j] != SEP:
            j += 1
        out.append((hdr, lines[i + 6:j]))
        i = j + 1
    return out

def asc(b):
    """ascii format: printable ASCII, CR and LF as is, every other byte '.'"""
    return "".join(chr(c) if 0x20 <= c < 0x7f or c in (10, 13) else "." for c in b)

def hexdump(chunks):
    """hex format: offsets count the bytes of the same direction only; each
    chunk starts a new row; a row = "%08X" offset, 2 spaces, 16 x "xx " with
    one more space after the 8th byte, padded to 50 columns, then the
    printable-ASCII column (a space after the 8th character).  If the row then
    ends with a space, exactly one space is removed (so an 8-byte row loses its
    column separator, and a row whose last byte is 0x20 loses that byte's
    character)."""
    out, off = [], [0, 0]
    for srv, b in chunks:
        for r in range(0, len(b), 16):
            row = b[r:r + 16]
            hx = "".join("%02x " % c + (" " if k == 7 else "") for k, c in enumerate(row))
            a = "".join((chr(c) if 0x20 <= c < 0x7f else ".") + (" " if k == 7 else "") for k, c in enumerate(row))
            line = "%08X  " % (off[srv] + r) + hx.ljust(50) + a
            if line.endswith(" "):          # exactly ONE trailing space is dropped
                line = line[:-1]
            out.append(("\t" if srv else "") + line)
        off[srv] += len(b)
    return out

bad = 0
def fail(*a, got=None, exp=None):
    global bad
    bad += 1
    print("MISMATCH", *a)
    if got is not None:
        g, e = got.split("\n"), exp.split("\n")
        k = next((i for i in range(min(len(g), len(e))) if g[i] != e[i]), min(len(g), len(e)))
        print("   line %d\n   tshark: %r\n   rule:   %r" % (k + 1, g[k] if k < len(g) else None, e[k] if k < len(e) else None))

raws = sorted(glob.glob(os.path.join(D, "*__*.raw")))
for rawf in raws:
    stem = rawf[:-4]
    name = os.path.basename(stem)
    streams = split_streams(open(rawf, encoding="latin-1", newline="").read())
    allchunks = []
    for hdr, body in streams:
        ch = []
        for l in body:
            srv = l.startswith("\t")
            h = l[1:] if srv else l
            assert re.fullmatch(r"([0-9a-f]{2})+", h), (name, l[:40])
            ch.append((int(srv), bytes.fromhex(h)))
        allchunks.append((hdr, ch))
    # ascii
    exp = []
    for hdr, ch in allchunks:
        exp += ["", SEP, "Follow: tcp,ascii"] + hdr[1:]
        for srv, b in ch:
            exp += [("\t" if srv else "") + str(len(b)), asc(b)]
        exp.append(SEP)
    got = open(stem + ".ascii", encoding="latin-1", newline="").read()
    if got != "\n".join(exp) + "\n":
        fail(name + ".ascii", got=got, exp="\n".join(exp) + "\n")
    # hex
    exp = []
    for hdr, ch in allchunks:
        exp += ["", SEP, "Follow: tcp,hex"] + hdr[1:] + hexdump(ch) + [SEP]
    got = open(stem + ".hex", encoding="latin-1", newline="").read()
    if got != "\n".join(exp) + "\n":
        fail(name + ".hex", got=got, exp="\n".join(exp) + "\n")
    # yaml
    y = open(stem + ".yaml", encoding="latin-1", newline="").read()
    docs = y.split("peers:\n")[1:]
    if len(docs) != len(allchunks):
        fail(name + ".yaml stream count"); continue
    for (hdr, ch), doc in zip(allchunks, docs):
        m = re.match(r"  - peer: 0\n    host: (.*)\n    port: (\d+)\n  - peer: 1\n    host: (.*)\n    port: (\d+)\npackets:\n", doc)
        if not m:
            fail(name + ".yaml peers"); continue
        def node(h, p):
            return ("[%s]" % h if ":" in h else h) + ":" + p
        if [node(m[1], m[2]), node(m[3], m[4])] != [hdr[2][8:], hdr[3][8:]]:
            fail(name + ".yaml peers vs Node lines", m.groups(), hdr[2:4])
        pk = re.findall(r"  - packet: (\d+)\n    peer: ([01])\n    timestamp: (\d+\.\d{9})\n    data: !!binary \|\n((?:      [A-Za-z0-9+/=]{1,76}\n)+)", doc[m.end():])
        if "".join("  - packet: %s\n    peer: %s\n    timestamp: %s\n    data: !!binary |\n%s" % p for p in pk) != doc[m.end():]:
            fail(name + ".yaml layout")
        data = [(int(p[1]), base64.b64decode("".join(l.strip() for l in p[3].split("\n")))) for p in pk]
        lines = [l for p in pk for l in p[3].rstrip("\n").split("\n")]
        if any(len(l) != 82 for p in pk for l in p[3].rstrip("\n").split("\n")[:-1]):
            fail(name + ".yaml base64 lines are not 76 characters")
        if data != ch:
            fail(name + ".yaml data differs from raw")
print("%d captures checked (ascii, hex and yaml against raw): %d mismatches" % (len(raws), bad))
sys.exit(1 if bad else 0)
