#!/usr/bin/env python3
"""make_variants.py - write hostile / edge-case TCP captures for differential
testing of tcplens against tcpdump 4.99.3.

    tests/fuzz/make_variants.py OUTDIR

Seeds: every classic .pcap in tests/captures, tests/corpus/tcpdump and
tests/corpus/malformed (pcapng is skipped), plus packets built here
(Ethernet/IPv4/TCP, Ethernet/IPv6/TCP, VLAN, raw IP).

Variant kinds (one small pcap per variant, link type of its seed kept; the
kind is the second column of MANIFEST.tsv):
  cut-*    a. caplen cut at every value from the start of the (outer) IP
              header to the end of the TCP options + 4 bytes
  others   b. header-field mutations of hand-built packets (TCP data offset,
              options, IPv4 IHL/length/options/fragments, IPv6 payload length
              and extension headers, all TCP flag combinations, RST payloads,
              HTTP payloads)
  flip-*   c. random byte flips in the first 80 bytes after the link header
  (kind b-extra: variants added after a first differential run to map the
  edges of each mismatch found: options in the last header byte, MPTCP then
  a cut option, SACK cut per byte, long IPv4/IPv6 option lists, jumbo and
  fragment lengths, no-next-header, routing-header checksums, unknown
  ethertypes, VXLAN/Geneve cuts, relative-sequence state in flows, pcap
  record edges)

Python 3 standard library only; deterministic (fixed seed).  OUTDIR gets the
pcaps and MANIFEST.tsv (name, kind, note).
"""
import glob
import os
import random
import struct
import sys

SEED = 0x7c91e5
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED_DIRS = ["tests/captures", "tests/corpus/tcpdump", "tests/corpus/malformed"]

# ---------------------------------------------------------------- pcap I/O

MAGICS = {
    b"\xd4\xc3\xb2\xa1": ("<", False),
    b"\xa1\xb2\xc3\xd4": (">", False),
    b"\x4d\x3c\xb2\xa1": ("<", True),
    b"\xa1\xb2\x3c\x4d": (">", True),
}


def read_pcap(path):
    with open(path, "rb") as f:
        d = f.read()
    if d[:4] not in MAGICS:
        return None
    e, nano = MAGICS[d[:4]]
    snap, lt = struct.unpack(e + "II", d[16:24])
    pkts = []
    off = 24
    while off + 16 <= len(d):
        s, fr, cl, ol = struct.unpack(e + "IIII", d[off:off + 16])
        off += 16
        pkts.append((s, fr, d[off:off + cl], ol))
        off += cl
    return {"nano": nano, "snap": snap, "lt": lt, "pkts": pkts}


def write_pcap(path, lt, pkts, nano=False, snap=262144):
    """pkts: list of (sec, frac, data, origlen)."""
    magic = 0xa1b23c4d if nano else 0xa1b2c3d4
    out = [struct.pack("<IHHiIII", magic, 2, 4, 0, 0, snap, lt)]
    for s, fr, data, ol in pkts:
        out.append(struct.pack("<IIII", s, fr, len(data), ol))
        out.append(bytes(data))
    with open(path, "wb") as f:
        f.write(b"".join(out))


# ---------------------------------------------------------------- checksums

def csum(data):
    if len(data) % 2:
        data = data + b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def l4_csum(seg, src, dst, proto=6):
    if len(src) == 4:
        ph = src + dst + struct.pack("!BBH", 0, proto, len(seg))
    else:
        ph = src + dst + struct.pack("!IxxxB", len(seg), proto)
    seg = bytearray(seg)
    off = 16 if proto == 6 else 6
    if len(seg) >= off + 2:
        seg[off:off + 2] = b"\0\0"
        c = csum(ph + bytes(seg))
        if proto == 17 and c == 0:
            c = 0xffff
        seg[off:off + 2] = struct.pack("!H", c)
    return bytes(seg)


# ---------------------------------------------------------------- builders

MAC_A = bytes.fromhex("020000aa0001")
MAC_B = bytes.fromhex("020000bb0002")
IP4_A = bytes([192, 168, 7, 10])
IP4_B = bytes([192, 168, 7, 20])
IP6_A = bytes.fromhex("20010db8000000000000000000000010")
IP6_B = bytes.fromhex("20010db8000000000000000000000020")
IP6_C = bytes.fromhex("20010db80000000000000000000000c0")
IP6_D = bytes.fromhex("20010db80000000000000000000000d0")
SPORT, DPORT = 43210, 5555   # no application decoder in tcpdump on either


def eth(payload, etype, vlans=()):
    h = MAC_B + MAC_A
    for tpid, vid in vlans:
        h += struct.pack("!HH", tpid, vid)
    return h + struct.pack("!H", etype) + payload


def tcp_seg(sport=SPORT, dport=DPORT, seq=0x1a2b3c4d, ack=0, flags=0x02,
            win=64240, urp=0, opts=b"", payload=b"", doff=None, res=0):
    if doff is None:
        if len(opts) % 4:
            opts = opts + b"\0" * (4 - len(opts) % 4)
        doff = (20 + len(opts)) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff,
                       ack & 0xffffffff, ((doff & 15) << 4) | (res & 15),
                       flags & 0xff, win, 0, urp) + opts + payload


def ip4(payload, proto=6, src=IP4_A, dst=IP4_B, ttl=64, ident=0x4d2,
        frag=0x4000, tos=0, opts=b"", ihl=None, tlen=None, l4csum=True):
    if len(opts) % 4:
        opts = opts + b"\0" * (4 - len(opts) % 4)
    if ihl is None:
        ihl = 5 + len(opts) // 4
    if l4csum and proto in (6, 17):
        payload = l4_csum(payload, src, dst, proto)
    if tlen is None:
        tlen = 20 + len(opts) + len(payload)
    h = bytearray(struct.pack("!BBHHHBBH4s4s", 0x40 | (ihl & 15), tos,
                              tlen & 0xffff, ident, frag, ttl, proto, 0,
                              src, dst) + opts)
    hl = min(len(h), ihl * 4) if ihl >= 5 else 20
    c = csum(bytes(h[:hl]))
    h[10:12] = struct.pack("!H", c)
    return bytes(h) + payload


def ip6(payload, nh=6, src=IP6_A, dst=IP6_B, hlim=64, plen=None, flow=0,
        exthdrs=b"", ckdst=None, l4csum=True):
    """exthdrs is the raw extension header chain placed before payload; nh is
    the first next-header value (the chain's own next-header bytes are the
    caller's business).  The TCP checksum uses ckdst (final destination)."""
    if l4csum:
        payload = l4_csum(payload, src, ckdst or dst, 6)
    body = exthdrs + payload
    if plen is None:
        plen = len(body)
    return struct.pack("!IHBB16s16s", 0x60000000 | flow, plen & 0xffff, nh,
                       hlim, src, dst) + body


def exthdr(nh, body):
    """Generic extension header (HBH/DST/...): body excludes nh+len bytes and
    is padded with PadN/Pad1 to a multiple of 8."""
    tot = 2 + len(body)
    pad = (-tot) % 8
    if pad == 1:
        body += b"\x00"
    elif pad:
        body += bytes([1, pad - 2]) + b"\0" * (pad - 2)
    return bytes([nh, (2 + len(body)) // 8 - 1]) + body


def opt_ts(val=0x01020304, ecr=0):
    return struct.pack("!BBII", 8, 10, val, ecr)


SYN_OPTS = (b"\x02\x04\x05\xb4" + b"\x04\x02" + opt_ts(0x11223344, 0) +
            b"\x01" + b"\x03\x03\x07")
ACK_OPTS = b"\x01\x01" + opt_ts(0x11223399, 0x55667788)
PAYLOAD = b"hello, tcplens fuzz payload\n"


class Out:
    def __init__(self, outdir):
        self.outdir = outdir
        self.rows = []
        self.names = set()
        self.ts = 1700000000

    def add(self, name, kind, pkts, lt=1, nano=False, snap=262144, note=""):
        """pkts: list of bytes (full frames) or (data, origlen) or
        (sec, frac, data, origlen)."""
        assert name not in self.names, name
        self.names.add(name)
        rec = []
        for i, p in enumerate(pkts):
            if isinstance(p, (bytes, bytearray)):
                p = (p, len(p))
            if len(p) == 2:
                p = (self.ts + i, 1000 * (i + 1), p[0], p[1])
            rec.append(p)
        write_pcap(os.path.join(self.outdir, name + ".pcap"), lt, rec, nano,
                   snap)
        self.rows.append((name, kind, note))

    def finish(self):
        with open(os.path.join(self.outdir, "MANIFEST.tsv"), "w") as f:
            f.write("name\tkind\tnote\n")
            for r in self.rows:
                f.write("\t".join(r) + "\n")


# ---------------------------------------------------------------- dissection

def be16(d, o):
    return struct.unpack("!H", d[o:o + 2])[0]


def dissect(lt, d):
    """Find the outer IP header, the innermost TCP header and some features.
    Returns dict or None (no TCP found)."""
    info = {"ips": [], "vlan": False, "tunnel": False, "v6": False}
    lt &= 0x3ffffff
    lt &= 0xffff
    try:
        if lt == 1:
            _eth(d, 0, info)
        elif lt == 113:
            _l3(d, 16, be16(d, 14), info)
        elif lt == 276:
            _l3(d, 20, be16(d, 0), info)
        elif lt == 0:
            fam = struct.unpack("<I", d[0:4])[0]
            if fam > 0xffff:
                fam = struct.unpack(">I", d[0:4])[0]
            _l3(d, 4, 0x800 if fam == 2 else 0x86dd, info)
        elif lt in (101, 12, 14, 228, 229):
            _l3(d, 0, 0x800 if d[0] >> 4 == 4 else 0x86dd, info)
    except (IndexError, struct.error):
        pass
    if "tcp" not in info or not info["ips"]:
        return None
    t = info["tcp"]
    if t + 20 > len(d):
        return None
    info["doff"] = d[t + 12] >> 4
    info["flags"] = d[t + 13]
    return info


def _eth(d, o, info):
    et = be16(d, o + 12)
    o += 14
    while et in (0x8100, 0x88a8, 0x9100):
        info["vlan"] = True
        et = be16(d, o + 2)
        o += 4
    _l3(d, o, et, info)


def _l3(d, o, et, info):
    if et == 0x800 and d[o] >> 4 == 4:
        info["ips"].append((o, 4))
        ihl = (d[o] & 15) * 4
        if be16(d, o + 6) & 0x1fff:
            return
        _l4(d, o + ihl, d[o + 9], info)
    elif et == 0x86dd and d[o] >> 4 == 6:
        info["ips"].append((o, 6))
        info["v6"] = True
        nh = d[o + 6]
        p = o + 40
        while nh in (0, 43, 60, 44):
            if nh == 44:
                if be16(d, p + 2) & 0xfff8:
                    return
                nh, p = d[p], p + 8
            else:
                nh, p = d[p], p + (d[p + 1] + 1) * 8
        _l4(d, p, nh, info)


def _l4(d, o, proto, info):
    if proto == 6:
        info["tcp"] = o
    elif proto == 4:
        _l3(d, o, 0x800, info)
    elif proto == 41:
        _l3(d, o, 0x86dd, info)
    elif proto == 17:
        dport = be16(d, o + 2)
        if dport == 4789:
            info["tunnel"] = True
            _eth(d, o + 16, info)
        elif dport == 6081:
            info["tunnel"] = True
            optlen = (d[o + 8] & 0x3f) * 4
            pt = be16(d, o + 10)
            if pt == 0x6558:
                _eth(d, o + 16 + optlen, info)
            else:
                _l3(d, o + 16 + optlen, pt, info)


def tcp_opt_kinds(d, t, doff):
    kinds = []
    p, end = t + 20, min(t + doff * 4, len(d))
    while p < end:
        k = d[p]
        kinds.append(k)
        if k == 0:
            break
        if k == 1:
            p += 1
            continue
        if p + 1 >= end or d[p + 1] < 2:
            break
        if k == 30 and p + 2 < end:
            kinds.append(1000 + (d[p + 2] >> 4))   # MPTCP subtype
        p += d[p + 1]
    return kinds


# ---------------------------------------------------------------- seeds

def load_seeds():
    seeds = []   # (seedname, capture dict)
    for sd in SEED_DIRS:
        for path in sorted(glob.glob(os.path.join(ROOT, sd, "*.pcap"))):
            cap = read_pcap(path)
            if cap is None:
                continue
            seeds.append((os.path.splitext(os.path.basename(path))[0], cap))
    return seeds


def features(lt, d, info):
    t = info["tcp"]
    doff = info["doff"]
    kinds = set(tcp_opt_kinds(d, t, doff)) & {5, 8, 19, 28, 29, 30, 34, 254,
                                              *range(1000, 1016)}
    payload = len(d) > t + doff * 4
    return (lt & 0xffff, bool(info["flags"] & 2), bool(info["flags"] & 4),
            payload, tuple(sorted(kinds)), info["v6"], info["vlan"],
            info["tunnel"], len(info["ips"]))


def select_seed_packets(seeds, per_key=1):
    """Pick a diverse set of TCP packets from the seeds: one per feature key."""
    seen = {}
    picked = []
    for name, cap in seeds:
        for i, (s, fr, d, ol) in enumerate(cap["pkts"]):
            info = dissect(cap["lt"], d)
            if info is None:
                continue
            key = features(cap["lt"], d, info)
            if seen.get(key, 0) >= per_key:
                continue
            seen[key] = seen.get(key, 0) + 1
            picked.append((name, i, cap, info))
    return picked


# ---------------------------------------------------------------- kind a

def gen_cuts(out, picked, built):
    for name, i, cap, info in picked:
        s, fr, d, ol = cap["pkts"][i]
        lo = info["ips"][0][0]
        hi = min(len(d), info["tcp"] + info["doff"] * 4 + 4)
        for c in range(lo, hi + 1):
            out.add("cut-%s-p%d-c%d" % (name, i + 1, c), "a-cut",
                    [(s, fr, d[:c], ol)], cap["lt"], cap["nano"], cap["snap"],
                    "seed %s packet %d caplen %d ip %d tcp %d hlen %d"
                    % (name, i + 1, c, lo, info["tcp"], info["doff"] * 4))
    for name, lt, frame in built:
        info = dissect(lt, frame)
        lo = info["ips"][0][0]
        hi = min(len(frame), info["tcp"] + info["doff"] * 4 + 4)
        if name.startswith(("rst", "http")):
            hi = len(frame)   # payload cuts matter there
        for c in range(lo, hi + 1):
            out.add("cut-%s-c%d" % (name, c), "a-cut", [(frame[:c], len(frame))],
                    lt, note="built %s caplen %d ip %d tcp %d hlen %d"
                    % (name, c, lo, info["tcp"], info["doff"] * 4))


# ---------------------------------------------------------------- kind b

def v4pkt(opts=b"", payload=b"", flags=0x02, link="eth", ack=0, ipkw=None,
          **kw):
    seg = tcp_seg(opts=opts, payload=payload, flags=flags, ack=ack, **kw)
    ip = ip4(seg, **(ipkw or {}))
    if link == "raw":
        return ip
    if link == "vlan":
        return eth(ip, 0x800, [(0x8100, 100)])
    return eth(ip, 0x800)


def v6pkt(opts=b"", payload=b"", flags=0x02, link="eth", ipkw=None, **kw):
    seg = tcp_seg(opts=opts, payload=payload, flags=flags, **kw)
    ip = ip6(seg, **(ipkw or {}))
    if link == "raw":
        return ip
    return eth(ip, 0x86dd)


def base_packets():
    """Hand-built base packets (name, linktype, frame)."""
    b = []
    b.append(("syn4", 1, v4pkt(SYN_OPTS)))
    b.append(("data4", 1, v4pkt(ACK_OPTS, PAYLOAD, flags=0x18, ack=0x7000)))
    b.append(("syn6", 1, v6pkt(SYN_OPTS)))
    b.append(("data6", 1, v6pkt(ACK_OPTS, PAYLOAD, flags=0x18, ack=0x7000)))
    b.append(("vlan-syn4", 1, v4pkt(SYN_OPTS, link="vlan")))
    b.append(("raw-syn4", 101, v4pkt(SYN_OPTS, link="raw")))
    b.append(("raw-data6", 101, v6pkt(ACK_OPTS, PAYLOAD, flags=0x18,
                                      ack=0x7000, link="raw")))
    sack = b"\x01\x01\x05\x12" + struct.pack("!IIII", 0x7100, 0x7200, 0x7300,
                                             0x7400)
    b.append(("sack4", 1, v4pkt(sack, b"", flags=0x10, ack=0x7000)))
    b.append(("md5-4", 1, v4pkt(b"\x13\x12" + bytes(range(16)) + b"\x01\x01",
                                PAYLOAD, flags=0x18, ack=0x7000)))
    b.append(("tfo4", 1, v4pkt(b"\x02\x04\x05\xb4\x22\x0a" +
                               bytes.fromhex("0102030405060708") + b"\x01\x01",
                               b"GET", flags=0x02)))
    b.append(("mptcp4", 1, v4pkt(b"\x1e\x0c\x01\x81" +
                                 bytes.fromhex("0011223344556677"),
                                 flags=0x02)))
    b.append(("rst4", 1, v4pkt(b"", b"Connection reset by peer, sorry!!"
                               b" more text", flags=0x04)))
    b.append(("http4", 1, v4pkt(ACK_OPTS, b"GET /index.html HTTP/1.1\r\n"
                                b"Host: example\r\n\r\n", flags=0x18,
                                ack=0x7000, dport=80)))
    b.append(("http6", 1, v6pkt(b"", b"HTTP/1.1 200 OK\r\nServer: x\r\n\r\n",
                                flags=0x18, ack=0x7000, sport=8080)))
    b.append(("ipopt4", 1, v4pkt(b"", PAYLOAD, flags=0x18, ack=0x7000,
                                 ipkw={"opts": b"\x07\x07\x04" + b"\0" * 4 +
                                       b"\x94\x04\x00\x00"})))
    b.append(("hbh6", 1, eth(ip6(tcp_seg(opts=SYN_OPTS), nh=0,
                                 exthdrs=exthdr(6, b"\x05\x02\x00\x00")),
                             0x86dd)))
    return b


def gen_mutations(out):
    add = out.add

    # --- TCP data offset 0..15
    for doff in range(16):
        add("tcp-doff-%d-syn" % doff, "b-doff",
            [v4pkt(SYN_OPTS, doff=doff)], note="SYN, 20 option bytes")
        add("tcp-doff-%d-data" % doff, "b-doff",
            [v4pkt(ACK_OPTS, PAYLOAD, flags=0x18, ack=0x7000, doff=doff)])
        add("tcp-doff-%d-v6" % doff, "b-doff",
            [v6pkt(ACK_OPTS, PAYLOAD, flags=0x18, ack=0x7000, doff=doff)])
        add("tcp-doff-%d-nopay" % doff, "b-doff",
            [v4pkt(b"", b"", flags=0x10, ack=0x7000, doff=doff)])
        add("tcp-doff-%d-q" % doff, "b-doff",
            [v4pkt(b"", b"ab", flags=0x10, ack=0x7000, doff=doff)])

    # --- one option, every interesting kind x length
    kinds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18,
             19, 20, 21, 25, 27, 28, 29, 30, 34, 69, 76, 200, 253, 254, 255]
    lens = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 17, 18, 19, 40, 41, 255]
    for k in kinds:
        for ln in lens:
            data = bytes((0x41 + j) & 0xff for j in range(max(ln - 2, 0)))
            if k == 30 and data:
                data = b"\x21" + data[1:]   # MPTCP dss, version 1
            if k == 254 and len(data) >= 2:
                data = b"\xf9\x89" + data[2:]
            o = bytes([k, ln]) + data
            if len(o) > 40:
                o = o[:40]
            o += b"\x01" * ((-len(o)) % 4)
            add("opt-k%d-len%d" % (k, ln), "b-opt", [v4pkt(o, flags=0x12,
                                                          ack=0x8000)],
                note="kind %d len %d" % (k, ln))
            if ln in (2, 3, 4, 5, 10, 11, 255):
                o2 = bytes([k, ln]) + data[:6] + b"\x01\x01" + opt_ts()
                o2 += b"\x01" * ((-len(o2)) % 4)
                add("opt-k%d-len%d-then-ts" % (k, ln), "b-opt",
                    [v4pkt(o2[:40], flags=0x10, ack=0x8000)])
        # option kind alone in the last byte of the header (no length byte)
        add("opt-k%d-lastbyte" % k, "b-opt",
            [v4pkt(b"\x01\x01\x01" + bytes([k]), flags=0x10, ack=0x8000)])

    # --- SACK of every length, incl. relative numbering in a flow
    for ln in list(range(0, 43)) + [255]:
        data = b"".join(struct.pack("!I", 0x7000 + 0x100 * j)
                        for j in range(12))[:max(ln - 2, 0)]
        o = b"\x01\x01" + bytes([5, ln]) + data
        o = o[:40] + b"\x01" * ((-len(o[:40])) % 4)
        add("opt-sack-len-%d" % ln, "b-sack",
            [v4pkt(o, flags=0x10, ack=0x7000)])
    sack2 = b"\x01\x01\x05\x12" + struct.pack("!IIII", 0x7100, 0x7200,
                                              0x7300, 0x7400)
    for fl, nm in ((0x10, "ack"), (0x00, "noack"), (0x12, "synack"),
                   (0x11, "finack")):
        add("opt-sack-flags-%s" % nm, "b-sack",
            [v4pkt(sack2, flags=fl, ack=0x7000)])
    # flow: SYN, SYN-ACK, ACK, then SACKs both directions (relative numbers)
    isn_a, isn_b = 0x10000000, 0x20000000
    flow = [v4pkt(SYN_OPTS, seq=isn_a, flags=0x02),
            v4pkt(SYN_OPTS, seq=isn_b, ack=isn_a + 1, flags=0x12,
                  sport=DPORT, dport=SPORT, ipkw={"src": IP4_B, "dst": IP4_A}),
            v4pkt(b"", seq=isn_a + 1, ack=isn_b + 1, flags=0x10),
            v4pkt(b"\x01\x01\x05\x0a" + struct.pack("!II", isn_b + 1001,
                                                   isn_b + 2001),
                  seq=isn_a + 1, ack=isn_b + 1, flags=0x10),
            v4pkt(b"\x01\x01\x05\x0a" + struct.pack("!II", isn_a + 501,
                                                   isn_a + 901),
                  seq=isn_b + 1, ack=isn_a + 1, flags=0x10,
                  sport=DPORT, dport=SPORT, ipkw={"src": IP4_B, "dst": IP4_A})]
    add("flow-sack-rel", "b-sack", flow)
    flow6 = [v6pkt(SYN_OPTS, seq=isn_a, flags=0x02),
             v6pkt(SYN_OPTS, seq=isn_b, ack=isn_a + 1, flags=0x12,
                   sport=DPORT, dport=SPORT, ipkw={"src": IP6_B, "dst": IP6_A}),
             v6pkt(b"\x01\x01\x05\x0a" + struct.pack("!II", isn_a + 501,
                                                    isn_a + 901),
                   seq=isn_b + 1, ack=isn_a + 1, flags=0x10,
                   sport=DPORT, dport=SPORT, ipkw={"src": IP6_B, "dst": IP6_A}),
             v6pkt(b"", PAYLOAD, seq=isn_a + 1, ack=isn_b + 1,
                   flags=0x18)]
    add("flow6-sack-rel", "b-sack", flow6)
    # same ports both sides: direction decided by address compare
    add("flow-sameport", "b-sack",
        [v4pkt(b"", seq=5, ack=9, flags=0x10, sport=7000, dport=7000),
         v4pkt(b"\x01\x01\x05\x0a" + struct.pack("!II", 100, 200), seq=9,
               ack=6, flags=0x10, sport=7000, dport=7000,
               ipkw={"src": IP4_B, "dst": IP4_A}),
         v4pkt(b"", PAYLOAD, seq=6, ack=9, flags=0x18, sport=7000,
               dport=7000)])

    # --- MSS / WS / TS / sackOK with wrong lengths, at several positions
    for k, nm, good in ((2, "mss", 4), (3, "ws", 3), (8, "ts", 10),
                        (4, "sackok", 2), (28, "uto", 4), (19, "md5", 18),
                        (20, "scps", 4), (29, "ao", 4), (34, "tfo", 10)):
        for ln in sorted({0, 1, 2, good - 1, good, good + 1, good + 2, 3,
                          good * 2}):
            data = bytes((0x80 + 3 * j) & 0xff for j in range(max(ln - 2, 0)))
            o = bytes([k, ln]) + data
            for pos, body in (("first", o + b"\x01\x01" + opt_ts()),
                              ("mid", b"\x02\x04\x05\xb4" + o + b"\x01" +
                               b"\x03\x03\x07"),
                              ("last", b"\x01\x01\x01\x01" + o)):
                body = body[:40] + b"\x01" * ((-len(body[:40])) % 4)
                add("opt-%s-len-%d-%s" % (nm, ln, pos), "b-optlen",
                    [v4pkt(body, flags=0x02)])
    # option list overrunning the header (len points past doff*4)
    for pad in range(0, 12):
        o = b"\x01" * pad + opt_ts()
        body = o[:((len(o) - 4) // 4) * 4]   # cut so TS overruns
        if body:
            add("opt-ts-overrun-%d" % pad, "b-optlen",
                [v4pkt(body, PAYLOAD, flags=0x18, ack=0x7000)])
    # EOL in the middle, and garbage after EOL
    for nm, o in (("eol-mid", b"\x02\x04\x05\xb4\x00\x01\x03\x03\x07\x01\x01\x01"),
                  ("eol-first", b"\x00" + b"\x02\x04\x05\xb4" + b"\x01\x01\x01"),
                  ("eol-garbage", b"\x01\x00\xff\xff\x08\x0a\x00\x00"),
                  ("eol-only", b"\x00\x00\x00\x00"),
                  ("eol-end", b"\x01\x01\x01\x00"),
                  ("nop-40", b"\x01" * 40),
                  ("eol-40", b"\x00" * 40),
                  ("many-ts", opt_ts() * 3 + b"\x01\x01" + b"\x04\x02" * 4),
                  ("ws-15", b"\x03\x03\x0f\x01"),
                  ("ws-255", b"\x03\x03\xff\x01"),
                  ("mss-0", b"\x02\x04\x00\x00"),
                  ("uto-min", b"\x1c\x04\x80\x05"),
                  ("uto-sec", b"\x1c\x04\x00\x3c"),
                  ("uto-ffff", b"\x1c\x04\xff\xff"),
                  ("ao-min", b"\x1d\x04\x01\x02"),
                  ("ao-mac", b"\x1d\x10\x01\x02" + bytes(range(12))),
                  ("exp-magic", b"\xfe\x06\x12\x34\xab\xcd\x01\x01"),
                  ("exp-tfo-req", b"\xfe\x04\xf9\x89"),
                  ("exp-tfo-cookie", b"\xfe\x0c\xf9\x89" + bytes(range(8))),
                  ("exp-tfo-odd", b"\xfe\x09\xf9\x89" + bytes(range(5)) + b"\x01" * 3),
                  ("exp-len2", b"\xfe\x02\x01\x01"),
                  ("exp-len3", b"\xfe\x03\xf9\x01"),
                  ("tfo-req", b"\x22\x02\x01\x01"),
                  ("tfo-cookie4", b"\x22\x06\x01\x02\x03\x04\x01\x01"),
                  ("tfo-cookie16", b"\x22\x12" + bytes(range(16)) + b"\x01\x01"),
                  ("tfo-cookie18", b"\x22\x14" + bytes(range(18))),
                  ("tfo-cookie3", b"\x22\x05\x01\x02\x03\x01\x01\x01"),
                  ("scps", b"\x14\x04\x0f\x01"),
                  ("cc", b"\x0b\x06\x00\x00\x01\x00\x01\x01"),
                  ("ccnew", b"\x0c\x06\x00\x00\x01\x00\x01\x01"),
                  ("ccecho", b"\x0d\x06\x00\x00\x01\x00\x01\x01"),
                  ("echo", b"\x06\x06\x01\x02\x03\x04\x01\x01"),
                  ("echoreply", b"\x07\x06\x01\x02\x03\x04\x01\x01"),
                  ("unknown-99", b"\x63\x04\xab\xcd"),
                  ("unknown-99-len2", b"\x63\x02\x01\x01"),
                  ("md5-mid", b"\x01\x01\x13\x12" + bytes(range(16)) +
                   opt_ts())):
        for fl, fn in ((0x02, "syn"), (0x18, "pa")):
            add("opt-%s-%s" % (nm, fn), "b-optmisc",
                [v4pkt(o, PAYLOAD if fl == 0x18 else b"", flags=fl,
                       ack=0x7000 if fl & 0x10 else 0)])
    # MD5 option with payload cut by the snapshot ("snaplen too short")
    f = v4pkt(b"\x13\x12" + bytes(range(16)) + b"\x01\x01", PAYLOAD * 3,
              flags=0x18, ack=0x7000)
    for c in (len(f) - 1, len(f) - 20, len(f) - len(PAYLOAD) * 3):
        add("opt-md5-payload-cut-%d" % c, "b-optmisc", [(f[:c], len(f))])

    # --- MPTCP subtypes x lengths x TCP flags
    for sub in list(range(0, 10)) + [14, 15]:
        for ln in (3, 4, 5, 8, 10, 12, 16, 18, 20, 22, 24, 26, 28, 30):
            for fl, fn in ((0x02, "syn"), (0x12, "synack"), (0x10, "ack")):
                data = bytes([(sub << 4) | 1, 0x81 if sub == 0 else 0x1f])
                data += bytes((0x10 + 7 * j) & 0xff for j in range(ln - 4))
                o = bytes([30, ln]) + data[:ln - 2]
                o += b"\x01" * ((-len(o)) % 4)
                add("mptcp-sub%d-len%d-%s" % (sub, ln, fn), "b-mptcp",
                    [v4pkt(o, flags=fl, ack=0x7000 if fl & 0x10 else 0)])
    # DSS flag combinations
    for dflags in range(0, 32):
        body = bytes([0x20, dflags]) + bytes((0x30 + j) & 0xff for j in range(26))
        o = bytes([30, 28]) + body[:26]
        o += b"\x01" * ((-len(o)) % 4)
        add("mptcp-dss-flags-%02x" % dflags, "b-mptcp",
            [v4pkt(o, PAYLOAD, flags=0x18, ack=0x7000)])
        for ln in (8, 12, 16, 20, 24):
            o = bytes([30, ln]) + body[:ln - 2]
            o += b"\x01" * ((-len(o)) % 4)
            add("mptcp-dss-flags-%02x-len%d" % (dflags, ln), "b-mptcp",
                [v4pkt(o, PAYLOAD, flags=0x18, ack=0x7000)])

    # --- IPv4 header: IHL and total length
    seg = tcp_seg(opts=ACK_OPTS, payload=PAYLOAD, flags=0x18, ack=0x7000)
    for ihl in range(16):
        opts = b"\x01" * (max(ihl - 5, 0) * 4)
        add("ip4-ihl-%d" % ihl, "b-ip4", [eth(ip4(seg, ihl=ihl, opts=opts),
                                              0x800)])
    full = 20 + len(seg)
    for tl in sorted({0, 1, 19, 20, 21, 32, 39, 40, 41, full - 20, full - 1,
                      full, full + 1, full + 100, 1500, 65535}):
        add("ip4-tlen-%d" % tl, "b-ip4", [eth(ip4(seg, tlen=tl), 0x800)])
        add("ip4-tlen-%d-raw" % tl, "b-ip4", [ip4(seg, tlen=tl)], lt=101)
    # Ethernet padding after a short IP datagram (tlen < frame)
    short = ip4(tcp_seg(flags=0x10, ack=0x7000))
    add("ip4-eth-padding", "b-ip4", [eth(short, 0x800) + b"\0" * 6])
    add("ip4-eth-padding-junk", "b-ip4", [eth(short, 0x800) + b"\xde\xad\xbe\xef\x01\x02"])
    add("ip4-version-5", "b-ip4", [eth(b"\x55" + ip4(seg)[1:], 0x800)])
    add("ip4-version-6-in-0800", "b-ip4", [eth(b"\x65" + ip4(seg)[1:], 0x800)])
    for tos in (0x01, 0x02, 0x03, 0xb8, 0xff):
        add("ip4-tos-%02x" % tos, "b-ip4", [eth(ip4(seg, tos=tos), 0x800)])
    for ttl in (0, 1, 255):
        add("ip4-ttl-%d" % ttl, "b-ip4", [eth(ip4(seg, ttl=ttl), 0x800)])
    add("ip4-badcsum", "b-ip4",
        [eth(ip4(seg)[:10] + b"\x12\x34" + ip4(seg)[12:], 0x800)])
    add("ip4-badtcpcsum", "b-ip4",
        [eth(ip4(seg, l4csum=False), 0x800)])
    add("ip4-proto-tcp-in-17", "b-ip4", [eth(ip4(seg, proto=17, l4csum=False),
                                             0x800)])

    # --- IPv4 options
    ipopts = {
        "nop": b"\x01\x01\x01\x01",
        "eol": b"\x00\x00\x00\x00",
        "nop-eol": b"\x01\x00\x01\x01",
        "rr": b"\x07\x07\x04\x00\x00\x00\x00\x01",
        "rr-full": b"\x07\x0b\x0c" + IP4_A + IP4_B + b"\x01",
        "rr-ptr3": b"\x07\x07\x03\x0a\x00\x00\x01\x01",
        "rr-len3": b"\x07\x03\x04\x01",
        "rr-len39": b"\x07\x27\x04" + b"\0" * 37 + b"\x01\x01\x01",
        "rr-odd": b"\x07\x06\x04\x0a\x00\x00\x00\x01",
        "lsrr": b"\x83\x0b\x04" + IP4_B + bytes([10, 9, 9, 9]) + b"\x01",
        "lsrr-ptr8": b"\x83\x0b\x08" + IP4_B + bytes([10, 9, 9, 9]) + b"\x01",
        "ssrr": b"\x89\x07\x04" + bytes([10, 1, 2, 3]) + b"\x00",
        "ssrr-len2": b"\x89\x02\x01\x01",
        "ts-0": b"\x44\x0c\x05\x00" + b"\0" * 8,
        "ts-1": b"\x44\x0c\x05\x01" + IP4_A + b"\0\0\0\x10",
        "ts-3": b"\x44\x0c\x05\x03" + IP4_A + b"\0\0\0\x10",
        "ts-2": b"\x44\x0c\x05\x02" + IP4_A + b"\0\0\0\x10",
        "ts-oflw": b"\x44\x08\x09\xf0\x00\x00\x00\x07",
        "ts-len3": b"\x44\x03\x05\x01",
        "ts-len4": b"\x44\x04\x05\x00",
        "ts-badptr": b"\x44\x0c\x03\x00" + b"\0" * 8,
        "ra": b"\x94\x04\x00\x00",
        "ra-val": b"\x94\x04\x00\x01",
        "ra-len3": b"\x94\x03\x00\x01",
        "ra-len2": b"\x94\x02\x01\x01",
        "ra-len5": b"\x94\x05\x00\x00\x00\x01\x01\x01",
        "sec": b"\x82\x0b" + b"\0" * 9 + b"\x00",
        "cipso": b"\x86\x06\x00\x00\x00\x01\x01\x01",
        "unknown": b"\x99\x04\xab\xcd",
        "unknown-len1": b"\x99\x01\x01\x01",
        "len0": b"\x07\x00\x01\x01",
        "len1": b"\x07\x01\x01\x01",
        "len-overrun": b"\x07\x28\x04\x00",
        "kind-last": b"\x01\x01\x01\x07",
        "sid": b"\x88\x04\x12\x34",
        "mtup": b"\x0b\x04\x05\xdc",
        "nop-ra-nop": b"\x01\x94\x04\x00\x00\x01\x01\x01",
        "max": b"\x01" * 40,
    }
    for nm, o in ipopts.items():
        add("ip4-opt-%s" % nm, "b-ip4opt",
            [eth(ip4(tcp_seg(opts=b"", payload=PAYLOAD, flags=0x18,
                             ack=0x7000), opts=o), 0x800)])
    # --- fragments
    for nm, frag, body in (("mf", 0x2000, seg), ("mf-df", 0x6000, seg),
                           ("off8", 0x0001, seg), ("off8-mf", 0x2001, seg),
                           ("off-max", 0x1fff, seg), ("off1-short", 0x0001,
                                                      seg[:10]),
                           ("mf-short", 0x2000, seg[:12]),
                           ("mf-hdronly", 0x2000, seg[:20]),
                           ("rf", 0x8000, seg), ("rf-df", 0xc000, seg)):
        add("ip4-frag-%s" % nm, "b-frag",
            [eth(ip4(body, frag=frag, l4csum=(body is seg)), 0x800)])
    add("ip4-frag-pair", "b-frag",
        [eth(ip4(seg[:24], frag=0x2000, l4csum=False, tlen=44), 0x800),
         eth(ip4(seg[24:], frag=0x0003, l4csum=False), 0x800)])

    # --- IPv6 payload length
    seg6 = tcp_seg(opts=ACK_OPTS, payload=PAYLOAD, flags=0x18, ack=0x7000)
    n = len(seg6)
    for pl in sorted({0, 1, 8, 19, 20, 21, 32, n - 1, n, n + 1, n + 100,
                      1500, 65535}):
        add("ip6-plen-%d" % pl, "b-ip6", [eth(ip6(seg6, plen=pl), 0x86dd)])
    add("ip6-plen-0-raw", "b-ip6", [ip6(seg6, plen=0)], lt=101)
    add("ip6-version-4-in-86dd", "b-ip6",
        [eth(b"\x40" + ip6(seg6)[1:], 0x86dd)])
    add("ip6-version-7", "b-ip6", [eth(b"\x70" + ip6(seg6)[1:], 0x86dd)])
    add("ip6-class-flow", "b-ip6", [eth(ip6(seg6, flow=0x0b812345), 0x86dd)])
    add("ip6-flow-only", "b-ip6", [eth(ip6(seg6, flow=0x000abcde), 0x86dd)])
    add("ip6-eth-padding", "b-ip6",
        [eth(ip6(tcp_seg(flags=0x10, ack=1)), 0x86dd) + b"\0" * 6])
    add("ip6-short-hdr", "b-ip6", [eth(ip6(seg6)[:30], 0x86dd)])
    add("ip6-badcsum", "b-ip6", [eth(ip6(seg6, l4csum=False), 0x86dd)])

    # --- IPv6 extension header chains
    def chain6(name, nh, ext, plen=None, ckdst=None, dst=IP6_B, segm=seg6,
               note=""):
        add("ip6-%s" % name, "b-ip6ext",
            [eth(ip6(segm, nh=nh, exthdrs=ext, plen=plen, ckdst=ckdst,
                     dst=dst), 0x86dd)], note=note)

    hbh_bodies = {
        "pad1": b"\x00" * 6,
        "padn": b"\x01\x04\0\0\0\0",
        "padn0": b"\x01\x00\x01\x02\0\0",
        "ra": b"\x05\x02\x00\x00\x01\x00",
        "ra-len1": b"\x05\x01\x00\x01\x00\x00",
        "ra-len3": b"\x05\x03\x00\x00\x00\x00",
        "unknown-1e": b"\x1e\x02\xab\xcd\x01\x00",
        "unknown-3e": b"\x3e\x02\xab\xcd\x01\x00",
        "unknown-7e": b"\x7e\x02\xab\xcd\x01\x00",
        "unknown-be": b"\xbe\x02\xab\xcd\x01\x00",
        "unknown-fe": b"\xfe\x02\xab\xcd\x01\x00",
        "overrun": b"\x01\x09\0\0\0\0",
        "overrun-big": b"\x1e\xff\0\0\0\0",
        "trunc-typeonly": b"\x00\x00\x00\x00\x00\x1e",
        "jumboopt-small": b"\xc2\x04\x00\x00\x01\x00",
        "jumboopt-len3": b"\xc2\x03\x00\x00\x01\x00",
        "calipso": b"\x07\x04\x00\x00\x00\x00",
        "homeaddr": b"\xc9\x10" + IP6_C + b"\x01\x02\x00\x00\x00\x00",
        "multi": b"\x00\x01\x01\x00\x05\x02\x00\x00\x00\x00\x00\x00\x00\x00",
    }
    for nm, body in hbh_bodies.items():
        ext = exthdr(6, body)
        chain6("hbh-%s" % nm, 0, ext)
        chain6("dst-%s" % nm, 60, ext)
    # jumbo proper: plen 0 + jumbo with the right and wrong payload lengths
    for nm, jl in (("ok", None), ("small", 8), ("zero", 0), ("big", 0x10000),
                   ("huge", 0xffffffff)):
        jv = (8 + n) if jl is None else jl
        ext = exthdr(6, b"\xc2\x04" + struct.pack("!I", jv))
        chain6("hbh-jumbo-%s" % nm, 0, ext, plen=0)
        chain6("hbh-jumbo-%s-plen" % nm, 0, ext)
    chain6("hbh-nojumbo-plen0", 0, exthdr(6, b"\x01\x04\0\0\0\0"), plen=0)
    chain6("hbh-len-big", 0, bytes([6, 20]) + b"\x01\x04\0\0\0\0")
    chain6("hbh-after-dst", 60, exthdr(0, b"\x01\x04\0\0\0\0") +
           exthdr(6, b"\x01\x04\0\0\0\0"))
    chain6("hbh-twice", 0, exthdr(0, b"\x01\x04\0\0\0\0") +
           exthdr(6, b"\x01\x04\0\0\0\0"))
    chain6("dst-twice", 60, exthdr(60, b"\x01\x04\0\0\0\0") +
           exthdr(6, b"\x01\x04\0\0\0\0"))
    chain6("hbh-nonext", 0, exthdr(59, b"\x01\x04\0\0\0\0"), segm=b"")
    chain6("hbh-nonext-data", 0, exthdr(59, b"\x01\x04\0\0\0\0"))
    # routing headers
    for rtype in (0, 2, 3, 4, 253):
        for naddr, segleft in ((0, 0), (1, 0), (1, 1), (2, 1), (3, 3), (3, 5)):
            if rtype == 2 and naddr > 1:
                continue
            addrs = [IP6_C, IP6_D, IP6_A][:naddr]
            if rtype == 4:
                hdr = bytes([6, 2 * naddr, 4, segleft, max(naddr - 1, 0),
                             0, 0, 0])
            else:
                hdr = bytes([6, 2 * naddr, rtype, segleft, 0, 0, 0, 0])
            ext = hdr + b"".join(addrs)
            if rtype in (0, 2) and naddr:
                ck = addrs[-1]
            elif rtype == 4 and naddr:
                ck = addrs[0]
            else:
                ck = None
            chain6("rt%d-n%d-sl%d" % (rtype, naddr, segleft), 43, ext,
                   ckdst=ck)
    chain6("rt0-oddlen", 43, bytes([6, 3, 0, 1, 0, 0, 0, 0]) + IP6_C +
           b"\0" * 8, ckdst=None)
    chain6("rt4-oddlen", 43, bytes([6, 3, 4, 1, 0, 0, 0, 0]) + IP6_C +
           b"\0" * 8, ckdst=IP6_C)
    chain6("rt4-tlv", 43, bytes([6, 4, 4, 0, 0, 0, 0, 0]) + IP6_C +
           b"\x01\x04\0\0\0\0\0\0" + b"\0" * 8, ckdst=IP6_C)
    chain6("rt0-overrun", 43, bytes([6, 8, 0, 1, 0, 0, 0, 0]) + IP6_C,
           ckdst=None)
    chain6("rt2-wrongckdst", 43, bytes([6, 2, 2, 1, 0, 0, 0, 0]) + IP6_C)
    # fragment headers
    for nm, offm, ident in (("first", 0x0001, 0x11223344),
                            ("atomic", 0x0000, 0x55),
                            ("later", 0x00a8, 0x11223344),
                            ("later-last", 0x00a0, 0x11223344),
                            ("res", 0x0007, 0x1)):
        fh = bytes([6, 0]) + struct.pack("!HI", offm, ident)
        chain6("frag-%s" % nm, 44, fh)
        chain6("hbh-frag-%s" % nm, 0, exthdr(44, b"\x01\x04\0\0\0\0") + fh)
        chain6("frag-%s-dst" % nm, 44, bytes([60, 0]) +
               struct.pack("!HI", offm, ident) + exthdr(6, b"\x01\x04\0\0\0\0"))
    chain6("frag-short", 44, bytes([6, 0, 0, 1]), segm=b"")
    chain6("frag-only", 44, bytes([6, 0, 0, 1, 0, 0, 0, 9]), segm=b"")
    chain6("long-chain", 0, exthdr(60, b"\x01\x04\0\0\0\0") +
           exthdr(43, b"\x01\x04\0\0\0\0") +
           bytes([44, 2, 0, 1, 0, 0, 0, 0]) + IP6_C +
           bytes([60, 0, 0, 0, 0, 0, 0, 7]) + exthdr(6, b"\x05\x02\0\0\0\0"),
           ckdst=IP6_C)
    chain6("ext-len-overrun", 60, bytes([6, 40, 1, 4, 0, 0, 0, 0]))
    chain6("ext-trunc", 60, bytes([6, 0, 1]), segm=b"")
    chain6("ext-mobility", 135, bytes([59, 1, 5, 0, 0, 0, 0, 0]) + b"\0" * 8)
    chain6("ext-ah", 51, bytes([6, 4, 0, 0]) + b"\0" * 20)
    chain6("ext-esp", 50, b"\0\0\x01\x00\0\0\0\x01" + b"\xaa" * 20)

    # --- all 256 TCP flag combinations, with and without payload
    for fl in range(256):
        add("tcp-flags-%02x" % fl, "b-flags",
            [v4pkt(b"", b"0123456789", flags=fl, ack=0x11111111, urp=0x22,
                   seq=0x33333333)])
        add("tcp-flags-%02x-nopay" % fl, "b-flags",
            [v4pkt(b"", b"", flags=fl, ack=0x11111111, urp=0x22,
                   seq=0x33333333)])
    for res in range(1, 16):
        add("tcp-res-%x" % res, "b-flags",
            [v4pkt(b"", b"", flags=0x10, ack=5, res=res)])
    add("tcp-urg-zero", "b-flags", [v4pkt(b"", PAYLOAD, flags=0x30, ack=5,
                                          urp=0)])
    add("tcp-urg-big", "b-flags", [v4pkt(b"", PAYLOAD, flags=0x38, ack=5,
                                         urp=0xffff)])
    add("tcp-noack-ackfield", "b-flags", [v4pkt(b"", b"", flags=0x02,
                                                ack=0xdeadbeef)])
    add("tcp-win-0", "b-flags", [v4pkt(b"", b"", flags=0x10, ack=1, win=0)])
    add("tcp-ports-0", "b-flags", [v4pkt(b"", PAYLOAD, flags=0x18, ack=1,
                                         sport=0, dport=0)])
    # flags in a flow (relative seq/ack through SYN, RST, FIN)
    fl = [v4pkt(SYN_OPTS, seq=100, flags=0x02),
          v4pkt(b"", seq=900, ack=101, flags=0x12, sport=DPORT, dport=SPORT,
                ipkw={"src": IP4_B, "dst": IP4_A}),
          v4pkt(b"", PAYLOAD, seq=101, ack=901, flags=0x18),
          v4pkt(b"", b"", seq=901, ack=101 + len(PAYLOAD), flags=0x11,
                sport=DPORT, dport=SPORT, ipkw={"src": IP4_B, "dst": IP4_A}),
          v4pkt(b"", b"", seq=5000, ack=0, flags=0x04),
          v4pkt(b"", b"", seq=101, ack=9999, flags=0x02),
          v4pkt(b"", b"", seq=77, ack=101, flags=0x12, sport=DPORT,
                dport=SPORT, ipkw={"src": IP4_B, "dst": IP4_A}),
          v4pkt(b"", b"x", seq=102, ack=78, flags=0x10)]
    add("flow-flags-rel", "b-flags", fl)

    # --- RST with payload
    rst_payloads = {
        "short": b"reset",
        "30": b"A" * 30,
        "31": b"B" * 31,
        "long": b"Connection reset by peer because the server is going down",
        "binary": bytes(range(0, 40)),
        "high": bytes(range(0x70, 0x70 + 40)),
        "mixed": b"err\x00\x01\r\n\tx\x7f\x80\xff end",
        "one": b"\x00",
        "crlf": b"\r\n",
    }
    for nm, p in rst_payloads.items():
        for fl, fn in ((0x04, "r"), (0x14, "ra")):
            f = v4pkt(b"", p, flags=fl, ack=0x7000 if fl & 0x10 else 0)
            add("rst-%s-%s" % (fn, nm), "b-rst", [f])
            if len(p) > 4:
                add("rst-%s-%s-trunc" % (fn, nm), "b-rst",
                    [(f[:len(f) - len(p) + 3], len(f))])
    add("rst-http-port80", "b-rst", [v4pkt(b"", b"GET / HTTP/1.1\r\n\r\n",
                                           flags=0x14, ack=9, dport=80)])
    add("rst-opts-payload", "b-rst", [v4pkt(ACK_OPTS, b"bye", flags=0x14,
                                            ack=9)])
    add("rst6-payload", "b-rst", [v6pkt(b"", b"reset reason \x01", flags=0x04)])
    f = v4pkt(b"", b"reset", flags=0x04)
    add("rst-payload-eth-pad", "b-rst", [f + b"\0" * 4])

    # --- HTTP
    http = {
        "get": b"GET /index.html HTTP/1.1\r\nHost: example.com\r\n"
               b"User-Agent: fuzz\r\n\r\n",
        "get-lower": b"get / HTTP/1.0\r\n\r\n",
        "post": b"POST /submit HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
        "head": b"HEAD / HTTP/1.1\r\n\r\n",
        "options": b"OPTIONS * HTTP/1.1\r\n\r\n",
        "connect": b"CONNECT host:443 HTTP/1.1\r\n\r\n",
        "version-control": b"VERSION-CONTROL /x HTTP/1.1\r\n\r\n",
        "msearch": b"M-SEARCH * HTTP/1.1\r\n\r\n",
        "resp-200": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    b"Content-Length: 4\r\n\r\nbody",
        "resp-404": b"HTTP/1.0 404 Not Found\r\n\r\n",
        "resp-2000": b"HTTP/1.1 2000 OK\r\n\r\n",
        "resp-20": b"HTTP/1.1 20 OK\r\n\r\n",
        "resp-abc": b"HTTP/1.1 abc OK\r\n\r\n",
        "resp-noreason": b"HTTP/1.1 204\r\n\r\n",
        "foo-200": b"FOO 200 bar\r\n",
        "get-only": b"GET",
        "get-crlf": b"GET\r\n",
        "get-space": b"GET ",
        "get-lf": b"GET / HTTP/1.1\nHost: a\n\n",
        "get-cr-x": b"GET / HTTP/1.1\rX\r\n",
        "get-cr-end": b"GET / HTTP/1.1\r",
        "get-nocrlf": b"GET / HTTP/1.1",
        "get-tab": b"GET\t/\tHTTP/1.1\r\n\r\n",
        "get-ctrl": b"GET /\x01 HTTP/1.1\r\n\r\n",
        "get-high": b"GET /\xe9 HTTP/1.1\r\n\r\n",
        "get-2nd-binary": b"GET / HTTP/1.1\r\nHost: \x01\x02\r\n\r\n",
        "get-2nd-noeol": b"GET / HTTP/1.1\r\nHost: abc",
        "get-empty-lines": b"GET / HTTP/1.1\r\n\r\n\r\n\r\n",
        "token-128": b"G" * 127 + b" / HTTP/1.1\r\n",
        "token-129": b"G" * 128 + b" / HTTP/1.1\r\n",
        "leading-space": b" GET / HTTP/1.1\r\n",
        "body": b"<html><body>hello</body></html>\r\n",
        "binary": bytes(range(256))[:64],
        "nul": b"\0" * 16,
        "crlf-only": b"\r\n",
        "lf-only": b"\n",
        "resp-long": b"HTTP/1.1 200 OK\r\n" + b"X-Long: " + b"y" * 200 + b"\r\n\r\n",
    }
    for nm, p in http.items():
        for port, pn in ((80, "d80"), (8080, "s8080")):
            kw = {"dport": 80} if pn == "d80" else {"sport": 8080}
            add("http-%s-%s" % (nm, pn), "b-http",
                [v4pkt(b"", p, flags=0x18, ack=0x7000, **kw)])
        if len(p) > 6:
            f = v4pkt(b"", p, flags=0x18, ack=0x7000, dport=80)
            add("http-%s-trunc" % nm, "b-http",
                [(f[:len(f) - len(p) // 2], len(f))])
    add("http6-get", "b-http", [v6pkt(b"", http["get"], flags=0x18, ack=1,
                                      dport=8080)])
    add("http-both-ports", "b-http", [v4pkt(b"", http["get"], flags=0x18,
                                            ack=1, sport=80, dport=8080)])
    add("http-port-81", "b-http", [v4pkt(b"", http["get"], flags=0x18,
                                         ack=1, dport=81)])
    add("http-syn-data", "b-http", [v4pkt(SYN_OPTS, http["get"], flags=0x02,
                                          dport=80)])
    add("http-fin-data", "b-http", [v4pkt(b"", http["resp-200"], flags=0x19,
                                          ack=1, sport=80)])
    f = eth(ip4(tcp_seg(payload=http["get"], flags=0x18, ack=1, dport=80),
                tlen=20 + 20 + 10), 0x800)
    add("http-iplen-short", "b-http", [f])

    # --- link variants: VLAN / QinQ / raw / SLL on a SYN
    add("link-vlan", "b-link", [eth(ip4(tcp_seg(opts=SYN_OPTS)), 0x800,
                                    [(0x8100, 0x2064)])])
    add("link-qinq", "b-link", [eth(ip4(tcp_seg(opts=SYN_OPTS)), 0x800,
                                    [(0x88a8, 10), (0x8100, 20)])])
    add("link-vlan-v6", "b-link", [eth(ip6(tcp_seg(opts=SYN_OPTS)), 0x86dd,
                                       [(0x8100, 0x0fff)])])
    add("link-raw228", "b-link", [ip4(tcp_seg(opts=SYN_OPTS))], lt=228)
    add("link-raw229", "b-link", [ip6(tcp_seg(opts=SYN_OPTS))], lt=229)
    add("link-null-v4", "b-link",
        [struct.pack("<I", 2) + ip4(tcp_seg(opts=SYN_OPTS))], lt=0)
    add("link-null-v6", "b-link",
        [struct.pack("<I", 30) + ip6(tcp_seg(opts=SYN_OPTS))], lt=0)
    sll = struct.pack("!HHH8sH", 0, 1, 6, MAC_A + b"\0\0", 0x800)
    add("link-sll", "b-link", [sll + ip4(tcp_seg(opts=SYN_OPTS))], lt=113)
    add("link-ipip", "b-link", [eth(ip4(ip4(tcp_seg(opts=SYN_OPTS)), proto=4,
                                        src=bytes([10, 0, 0, 1]),
                                        dst=bytes([10, 0, 0, 2])), 0x800)])
    add("link-6in4", "b-link", [eth(ip4(ip6(tcp_seg(opts=SYN_OPTS)), proto=41),
                                    0x800)])
    add("link-4in6", "b-link", [eth(ip6(ip4(tcp_seg(opts=SYN_OPTS)), nh=4,
                                        l4csum=False), 0x86dd)])


def gen_extra(out):
    """Targeted variants written after a first differential run, to find the
    edges of each mismatch (kept in kind "b-extra")."""
    add = out.add
    # option kind in the last header byte, with and without payload behind it
    for k in (2, 3, 5, 8, 30, 34, 99):
        for pl, pn in ((b"", "nopay"), (b"\x00", "pay00"), (b"\x01", "pay01"),
                       (b"\x08xyz", "pay08"), (b"\xffxyz", "payff")):
            add("opt-lastbyte-k%d-%s" % (k, pn), "b-extra",
                [v4pkt(b"\x01\x01\x01" + bytes([k]), pl, flags=0x18,
                       ack=0x7000)])
    # option length byte pointing past the header, data captured behind it
    for ln in (3, 4, 6, 10, 12, 40):
        add("opt-overrun-into-payload-len%d" % ln, "b-extra",
            [v4pkt(b"\x01\x01\x08" + bytes([ln]), PAYLOAD, flags=0x18,
                   ack=0x7000)])
        add("opt-overrun-nopay-len%d" % ln, "b-extra",
            [v4pkt(b"\x01\x01\x08" + bytes([ln]), b"", flags=0x10,
                   ack=0x7000)])
    # MPTCP option followed by other options, cut inside the later ones
    for sub, body in ((0, b"\x1e\x0c\x01\x81" + bytes(range(8))),
                      (3, b"\x1e\x08\x31\x01" + bytes([10, 0, 0, 1])),
                      (4, b"\x1e\x04\x40\x05"),
                      (2, b"\x1e\x08\x20\x01" + b"\x00\x00\x00\x07")):
        o = body + b"\x01\x01" + opt_ts() + b"\x03\x03\x07\x01"
        f = v4pkt(o, PAYLOAD, flags=0x10 if sub else 0x02,
                  ack=0x7000 if sub else 0)
        t = 14 + 20 + 20
        for c in range(t + len(body), t + len(o) + 1):
            add("mptcp-sub%d-then-ts-c%d" % (sub, c), "b-extra",
                [(f[:c], len(f))])
        # and a bad option after the MPTCP one
        o2 = body + b"\x08\x02\x01\x01"
        add("mptcp-sub%d-then-badopt" % sub, "b-extra",
            [v4pkt(o2, PAYLOAD, flags=0x10 if sub else 0x02,
                   ack=0x7000 if sub else 0)])
    # SACK blocks cut at every byte
    o = b"\x01\x01\x05\x1a" + b"".join(struct.pack("!I", 0x7100 + 0x10 * j)
                                       for j in range(6))
    f = v4pkt(o, b"", flags=0x10, ack=0x7000)
    for c in range(54 + 4, len(f) + 1):
        add("opt-sack3-c%d" % c, "b-extra", [(f[:c], len(f))])
    # IPv4 options: n NOPs (+EOL padding), NOPs before a real option
    for nnop in range(1, 41):
        o = b"\x01" * nnop
        add("ip4-opt-nop%d" % nnop, "b-extra",
            [eth(ip4(tcp_seg(flags=0x10, ack=5), opts=o), 0x800)])
    for nnop in (8, 11, 12, 13, 16, 30):
        o = b"\x01" * nnop + b"\x94\x04\x00\x00"
        add("ip4-opt-nop%d-ra" % nnop, "b-extra",
            [eth(ip4(tcp_seg(flags=0x10, ack=5), opts=o), 0x800)])
    for neol in (2, 4, 13, 40):
        add("ip4-opt-eol%d" % neol, "b-extra",
            [eth(ip4(tcp_seg(flags=0x10, ack=5), opts=b"\x00" * neol),
                 0x800)])
    add("ip4-opt-ra-x10", "b-extra",
        [eth(ip4(tcp_seg(flags=0x10, ack=5), opts=b"\x94\x04\x00\x00" * 10),
             0x800)])
    # IPv4 LSRR/SSRR: checksum with the final destination
    for kind in (0x83, 0x89):
        for naddr in (1, 2):
            addrs = [bytes([10, 9, 9, j + 1]) for j in range(naddr)]
            o = bytes([kind, 3 + 4 * naddr, 4]) + b"".join(addrs) + b"\x01"
            seg = tcp_seg(payload=PAYLOAD, flags=0x18, ack=5)
            seg = l4_csum(seg, IP4_A, addrs[-1])
            add("ip4-opt-%s-n%d-ckfinal" % ("lsrr" if kind == 0x83 else "ssrr",
                                           naddr), "b-extra",
                [eth(ip4(seg, opts=o, l4csum=False), 0x800)])
    # IPv6 HBH/DST: runs of Pad1 after other options
    for hdr, nh in (("hbh", 0), ("dst", 60)):
        for nm, body in (("pad1x6", b"\x00" * 6),
                         ("pad1x14", b"\x00" * 14),
                         ("padn-pad1x3", b"\x01\x01\x00\x00\x00\x00"),
                         ("ra-pad1x2", b"\x05\x02\x00\x00\x00\x00"),
                         ("ra-pad1x10", b"\x05\x02\x00\x00" + b"\x00" * 10),
                         ("padn0-pad1x4", b"\x01\x00\x00\x00\x00\x00"),
                         ("unk-pad1x2", b"\x1e\x02\x00\x00\x00\x00"),
                         ("pad1-ra-pad1", b"\x00\x05\x02\x00\x00\x00"),
                         ("pad1x2-ra", b"\x00\x00\x05\x02\x00\x00")):
            add("ip6-%s-%s" % (hdr, nm), "b-extra",
                [eth(ip6(tcp_seg(flags=0x10, ack=5), nh=nh,
                         exthdrs=bytes([6, (2 + len(body)) // 8 - 1]) + body),
                     0x86dd)])
    # DST options that are bad, without -v (tcpdump does not parse them)
    for nm, body in (("padn-overrun", b"\x01\x09\0\0\0\0"),
                     ("ra-badlen", b"\x05\x03\0\0\0\0"),
                     ("jumbo", b"\xc2\x04\x00\x01\x00\x00"),
                     ("type-last", b"\x00\x00\x00\x00\x00\x1e")):
        add("ip6-dstbad-%s" % nm, "b-extra",
            [eth(ip6(tcp_seg(payload=PAYLOAD, flags=0x18, ack=5), nh=60,
                     exthdrs=bytes([6, 0]) + body), 0x86dd)])
    # jumbo payload lengths around the real size
    seg = tcp_seg(payload=PAYLOAD, flags=0x18, ack=5)
    for jl in (65536, 65535 + 8 + len(seg), 0x7fffffff, 0xffffffd0,
               0xffffffd8, 0xffffffff):
        add("ip6-jumbo-%x" % jl, "b-extra",
            [eth(ip6(seg, nh=0, plen=0,
                     exthdrs=bytes([6, 0, 0xc2, 4]) + struct.pack("!I", jl)),
                 0x86dd)])
    # IPv6 no-next-header after each extension header and directly
    add("ip6-nonext-direct", "b-extra", [eth(ip6(b"", nh=59, l4csum=False),
                                            0x86dd)])
    add("ip6-nonext-direct-data", "b-extra",
        [eth(ip6(b"abcd", nh=59, l4csum=False), 0x86dd)])
    add("ip6-dst-nonext", "b-extra",
        [eth(ip6(b"", nh=60, exthdrs=bytes([59, 0, 1, 4, 0, 0, 0, 0]),
                 l4csum=False), 0x86dd)])
    add("ip6-rt0-nonext", "b-extra",
        [eth(ip6(b"", nh=43, exthdrs=bytes([59, 0, 0, 0, 0, 0, 0, 0]),
                 l4csum=False), 0x86dd)])
    add("ip6-frag-nonext", "b-extra",
        [eth(ip6(b"", nh=44, exthdrs=bytes([59, 0, 0, 0, 0, 0, 0, 1]),
                 l4csum=False), 0x86dd)])
    add("ip4-nonext", "b-extra", [eth(ip4(b"abcd", proto=59), 0x800)])
    # IPv6 fragment header: payload length smaller than the headers
    for pl in (0, 4, 8, 9, 16):
        add("ip6-frag-plen%d" % pl, "b-extra",
            [eth(ip6(seg, nh=44, plen=pl,
                     exthdrs=bytes([6, 0, 0, 0, 0, 0, 0, 1])), 0x86dd)])
    add("ip6-frag-first-cut", "b-extra",
        [eth(ip6(seg, nh=44, exthdrs=bytes([6, 0, 0, 1, 0, 0, 0, 1])),
             0x86dd)[:14 + 48]])
    # routing header type 2 / 4 checksums
    for rtype in (2, 4):
        for ck, cn in ((IP6_B, "ckdst"), (IP6_C, "ckseg")):
            if rtype == 4:
                ext = bytes([6, 4, 4, 1, 1, 0, 0, 0]) + IP6_C + IP6_D
            else:
                ext = bytes([6, 2, 2, 1, 0, 0, 0, 0]) + IP6_C
            add("ip6-rt%d-%s" % (rtype, cn), "b-extra",
                [eth(ip6(seg, nh=43, exthdrs=ext, ckdst=ck), 0x86dd)])
    add("ip6-hbh-rt2-ckseg", "b-extra",
        [eth(ip6(seg, nh=0, exthdrs=bytes([43, 0, 1, 4, 0, 0, 0, 0]) +
                 bytes([6, 2, 2, 1, 0, 0, 0, 0]) + IP6_C, ckdst=IP6_C),
             0x86dd)])
    # unknown ethertypes (default print; -A does not suppress it)
    for et in (0x88b5, 0x9000, 0x0842):
        add("link-ethertype-%04x" % et, "b-extra",
            [eth(b"payload bytes \x00\x01\x02" * 3, et)])
    add("link-vlan-ethertype-88b5", "b-extra",
        [eth(b"payload bytes \x00\x01\x02" * 3, 0x88b5, [(0x8100, 5)])])
    sll = struct.pack("!HHH8sH", 0, 1, 6, MAC_A + b"\0\0", 0x88b5)
    add("link-sll-ethertype-88b5", "b-extra",
        [sll + b"payload bytes \x00\x01\x02" * 3], lt=113)
    # VXLAN / Geneve headers cut short, and with odd flags
    inner = eth(ip4(tcp_seg(opts=SYN_OPTS)), 0x800)
    for flags, fn in ((0x08, "i"), (0x00, "none"), (0xff, "all")):
        vx = bytes([flags, 0, 0, 0, 0, 0x13, 0x89, 0])
        udp = struct.pack("!HHHH", 40000, 4789, 8 + len(vx) + len(inner), 0)
        f = eth(ip4(udp + vx + inner, proto=17), 0x800)
        add("vxlan-flags-%s" % fn, "b-extra", [f])
        for c in range(14 + 20 + 8, 14 + 20 + 8 + 9):
            add("vxlan-flags-%s-c%d" % (fn, c), "b-extra", [(f[:c], len(f))])
    for c in range(14 + 20 + 8, 14 + 20 + 8 + 12):
        gn = bytes([0, 0, 0x65, 0x58, 0, 0, 0x0a, 0])
        udp = struct.pack("!HHHH", 40000, 6081, 8 + len(gn) + len(inner), 0)
        f = eth(ip4(udp + gn + inner, proto=17), 0x800)
        add("geneve-c%d" % c, "b-extra", [(f[:c], len(f))])
    # protocols without a TCP header: tcpdump's fallbacks and decoders
    for p in (0, 33, 43, 44, 59, 60, 62, 77, 132, 135):
        add("ip4-proto-%d" % p, "b-extra",
            [eth(ip4(bytes(range(20)), proto=p, l4csum=False), 0x800)])
        add("ip6-proto-%d" % p, "b-extra",
            [eth(ip6(bytes(range(20)), nh=p, l4csum=False), 0x86dd)])
    add("ip6-hbh-after-dst-trunc", "b-extra",
        [eth(ip6(b"", nh=60, exthdrs=bytes([0, 0, 1, 4, 0, 0, 0, 0]) +
                 bytes([6, 1, 1, 4]), l4csum=False), 0x86dd)])
    # flows: which packets record the relative-sequence state
    a2b = {}
    b2a = {"sport": DPORT, "dport": SPORT, "ipkw": {"src": IP4_B, "dst": IP4_A}}
    first = {
        "badhdr": v4pkt(b"", b"", seq=1000, ack=2000, flags=0x10, doff=15),
        "doff3": v4pkt(b"", b"", seq=1000, ack=2000, flags=0x10, doff=3),
        "cut30": v4pkt(b"", b"", seq=1000, ack=2000, flags=0x10)[:14 + 30],
        "cut33": v4pkt(b"", b"", seq=1000, ack=2000, flags=0x10)[:14 + 33],
        "cutopt": v4pkt(ACK_OPTS, b"", seq=1000, ack=2000, flags=0x10)[:14 + 44],
        "badopt": v4pkt(b"\x08\x02\x01\x01", b"", seq=1000, ack=2000,
                        flags=0x10),
        "rstdata": v4pkt(b"", b"bye", seq=1000, ack=2000, flags=0x14),
        "frag": eth(ip4(tcp_seg(seq=1000, ack=2000, flags=0x10), frag=0x2000),
                    0x800),
        "noack": v4pkt(b"", b"", seq=1000, ack=2000, flags=0x02),
        "synack-rev": v4pkt(b"", b"", seq=2000, ack=1001, flags=0x12, **b2a),
    }
    for nm, f0 in first.items():
        add("flow-first-%s" % nm, "b-extra",
            [f0, v4pkt(b"", PAYLOAD, seq=1001, ack=2001, flags=0x18),
             v4pkt(b"\x01\x01\x05\x0a" + struct.pack("!II", 1100, 1200),
                   seq=2001, ack=1001 + len(PAYLOAD), flags=0x10, **b2a)])
    # a second SYN restarts the numbering; relative numbers that wrap
    add("flow-resyn", "b-extra",
        [v4pkt(b"", b"", seq=1000, ack=2000, flags=0x10),
         v4pkt(b"", b"", seq=5, ack=0, flags=0x02),
         v4pkt(b"", b"", seq=7000, ack=6, flags=0x12, **b2a),
         v4pkt(b"", PAYLOAD, seq=6, ack=7001, flags=0x18),
         v4pkt(b"", PAYLOAD, seq=1, ack=7001, flags=0x18)])
    add("flow6-first-badhdr", "b-extra",
        [v6pkt(b"", b"", seq=1000, ack=2000, flags=0x10, doff=15),
         v6pkt(b"", PAYLOAD, seq=1001, ack=2001, flags=0x18)])
    # pcap record timestamps at the edges
    f = v4pkt(SYN_OPTS)
    for sec, frac, nm in ((0, 0, "zero"), (0xffffffff, 999999, "max"),
                          (1700000000, 1000000, "usec-1e6"),
                          (1700000000, 4294967295, "usec-max"),
                          (2147483648, 5, "sec-2038")):
        add("pcap-ts-%s" % nm, "b-extra", [(sec, frac, f, len(f))])
    add("pcap-origlen-short", "b-extra", [(1, 2, f, 10)])


# ---------------------------------------------------------------- kind c

def gen_flips(out, bases, rng, total=3000):
    """bases: list of (name, lt, frame, nano, snap, link_end)."""
    per = max(1, total // len(bases))
    for name, lt, frame, nano, snap, lo in bases:
        hi = min(len(frame), lo + 80)
        if hi <= lo:
            continue
        for v in range(per):
            d = bytearray(frame)
            nflip = rng.choice((1, 1, 1, 2, 2, 3, 4, 6))
            where = []
            for _ in range(nflip):
                p = rng.randrange(lo, hi)
                if rng.random() < 0.5:
                    d[p] ^= 1 << rng.randrange(8)
                else:
                    d[p] = rng.choice((0, 1, 2, 0x7f, 0x80, 0xff,
                                       rng.randrange(256)))
                where.append(p - lo)
            out.add("flip-%s-%d" % (name, v), "c-flip",
                    [(bytes(d), len(d))], lt, nano, snap,
                    "flips at +%s" % ",".join(map(str, where)))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(SEED)
    out = Out(outdir)
    seeds = load_seeds()
    picked = select_seed_packets(seeds)
    built = base_packets()
    gen_cuts(out, picked, built)
    gen_mutations(out)
    gen_extra(out)
    bases = []
    for name, i, cap, info in picked:
        s, fr, d, ol = cap["pkts"][i]
        if len(d) != ol:
            continue   # already cut: flips past the cut are pointless
        bases.append(("%s-p%d" % (name, i + 1), cap["lt"], d, cap["nano"],
                      cap["snap"], info["ips"][0][0]))
    for name, lt, frame in built:
        info = dissect(lt, frame)
        bases.append((name, lt, frame, False, 262144, info["ips"][0][0]))
    gen_flips(out, bases, rng)
    out.finish()
    kinds = {}
    for _, k, _ in out.rows:
        kinds[k] = kinds.get(k, 0) + 1
    print("%d variants in %s: %s" % (len(out.rows), outdir,
                                      ", ".join("%s %d" % kv for kv in
                                                sorted(kinds.items()))))


if __name__ == "__main__":
    main()
