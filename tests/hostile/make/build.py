#!/usr/bin/env python3
"""build.py [OUTDIR] -- write the hostile captures of tests/hostile.

Python 3 standard library only: every frame is packed with struct, byte by
byte, so each field can be made as wrong as the case needs.  Frames are
Ethernet II (link type 1) carrying IPv4 or IPv6 and TCP; checksums (IPv4
header and TCP over the pseudo-header) are correct unless a case says
otherwise.  Classic pcap files are little-endian, microsecond, snapshot
length 262144 unless a case says otherwise.

Each capture's packets and why they are there are listed in
tests/hostile/README.md; the functions below are named after the files.
Also importable: make_big() writes the 4 GB+ sparse file that
tests/run_hostile.py builds at test time.

Run it again and the files come out identical (fixed timestamps, no
randomness).
"""
import ipaddress
import os
import struct
import sys

BASE = 1700000000          # 2023-11-14 22:13:20 UTC: first packet of every capture

# TCP flag bits (the 12-bit field under the data offset)
FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE = 1, 2, 4, 8, 16, 32, 64, 128, 256
RES = 0xE00                # the three reserved bits

C4, S4 = "10.0.0.1", "10.0.0.2"
C6, S6 = "2001:db8::1", "2001:db8::2"
SPORT, DPORT = 40000, 33333   # no application decoder in tcpdump or tshark claims them
MAC_C, MAC_S = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")


# ---------------------------------------------------------------- packing --
def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def is6(addr):
    return ":" in addr


def packed(addr):
    return ipaddress.ip_address(addr).packed


def tcp_seg(src, dst, sport, dport, seq, ack, flags, win=65535, payload=b"", opts=b"",
            doff=None, urg=0, bad_cksum=False):
    """A TCP segment.  opts are padded with EOL to a multiple of 4; doff
    overrides the data offset field (in 32-bit words) without changing the
    bytes; flags is the 12-bit field (AE and the reserved bits included)."""
    while len(opts) % 4:
        opts += b"\0"
    hlen = 20 + len(opts)
    off = hlen // 4 if doff is None else doff
    hdr = struct.pack("!HHIIHHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                      (off << 12) | flags, win, 0, urg) + opts
    seg = hdr + payload
    if is6(src):
        ph = packed(src) + packed(dst) + struct.pack("!I", len(seg)) + b"\0\0\0\x06"
    else:
        ph = packed(src) + packed(dst) + struct.pack("!BBH", 0, 6, len(seg))
    c = csum(ph + seg)
    if bad_cksum:
        c ^= 0x5A5A
    return seg[:16] + struct.pack("!H", c) + seg[18:]


def ipv4(src, dst, payload, proto=6, ihl=None, totlen=None, opts=b"", ttl=64, ipid=1,
         frag=0x4000):
    """An IPv4 packet.  ihl overrides the header length field (in words) and
    totlen the total length field; the checksum is computed over the header
    bytes actually written."""
    while len(opts) % 4:
        opts += b"\0"
    hlen = 20 + len(opts)
    vihl = 0x40 | ((hlen // 4) if ihl is None else ihl)
    tl = hlen + len(payload) if totlen is None else totlen
    h = struct.pack("!BBHHHBBH4s4s", vihl, 0, tl, ipid, frag, ttl, proto, 0,
                    packed(src), packed(dst)) + opts
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def ipv6(src, dst, payload, nxt=6, plen=None, hlim=64):
    pl = len(payload) if plen is None else plen
    return struct.pack("!IHBB16s16s", 0x60000000, pl, nxt, hlim, packed(src), packed(dst)) + payload


def eth(l3, v6=False, to_server=True):
    d, s = (MAC_S, MAC_C) if to_server else (MAC_C, MAC_S)
    return d + s + struct.pack("!H", 0x86DD if v6 else 0x0800) + l3


def frame(src, dst, sport, dport, seq, ack, flags, payload=b"", **kw):
    """An Ethernet frame of a well-formed IPv4 or IPv6 TCP segment."""
    ipkw = {k: kw.pop(k) for k in ("ihl", "totlen", "ipopts", "plen") if k in kw}
    seg = tcp_seg(src, dst, sport, dport, seq, ack, flags, payload=payload, **kw)
    v6 = is6(src)
    if v6:
        l3 = ipv6(src, dst, seg, plen=ipkw.get("plen"))
    else:
        l3 = ipv4(src, dst, seg, ihl=ipkw.get("ihl"), totlen=ipkw.get("totlen"),
                  opts=ipkw.get("ipopts", b""))
    return eth(l3, v6, to_server=(src, sport) < (dst, dport) or src == dst)


# TCP options
def o_mss(v): return struct.pack("!BBH", 2, 4, v)
def o_ws(v): return struct.pack("!BBB", 3, 3, v)
def o_sackok(): return b"\x04\x02"
def o_ts(a, b): return struct.pack("!BBII", 8, 10, a, b)
def o_nop(): return b"\x01"


# ---------------------------------------------------------------- writing --
class Pcap:
    """Records of a classic pcap file.  Each record: (sec, frac, data,
    caplen, wirelen); data is written as is, so caplen and len can lie."""

    def __init__(self, snaplen=262144, linktype=1, nano=False):
        self.snaplen, self.linktype, self.nano = snaplen, linktype, nano
        self.recs = []
        self.t = 0

    def add(self, data, dt=0.001, at=None, caplen=None, wirelen=None, raw_ts=None):
        """Append a record dt seconds after the previous one (or at `at`
        seconds after BASE; raw_ts=(sec, frac) writes the fields as given)."""
        self.t = self.t + dt if at is None else at
        if raw_ts is not None:
            sec, frac = raw_ts
        else:
            unit = 1000000000 if self.nano else 1000000
            ticks = round(self.t * unit)
            sec, frac = BASE + ticks // unit, ticks % unit
        self.recs.append((sec, frac, data,
                          len(data) if caplen is None else caplen,
                          len(data) if wirelen is None else wirelen))

    def header(self, magic=None):
        m = magic if magic is not None else (0xA1B23C4D if self.nano else 0xA1B2C3D4)
        return struct.pack("<IHHiIII", m, 2, 4, 0, 0, self.snaplen, self.linktype)

    def bytes(self, magic=None):
        out = [self.header(magic)]
        for sec, frac, data, caplen, wirelen in self.recs:
            out.append(struct.pack("<IIII", sec & 0xFFFFFFFF, frac & 0xFFFFFFFF, caplen, wirelen))
            out.append(data)
        return b"".join(out)


class Conn:
    """One connection, client C (SPORT) to server S (DPORT), with its own
    sequence bookkeeping.  c()/s() send from the client/server: flags,
    payload, and keyword overrides for tcp_seg/ipv4/ipv6."""

    def __init__(self, cap, v6=False, isn_c=1000, isn_s=5000, cli=None, srv=None):
        self.cap = cap
        self.ca = cli or ((C6 if v6 else C4), SPORT)
        self.sa = srv or ((S6 if v6 else S4), DPORT)
        self.nxt = {"c": isn_c, "s": isn_s}

    def send(self, who, flags, payload=b"", dt=0.001, seq=None, ack=None, advance=True,
             at=None, **kw):
        a, b = (self.ca, self.sa) if who == "c" else (self.sa, self.ca)
        other = "s" if who == "c" else "c"
        sq = self.nxt[who] if seq is None else seq
        ak = self.nxt[other] if ack is None else ack
        if not flags & ACK and ack is None:
            ak = 0
        self.cap.add(frame(a[0], b[0], a[1], b[1], sq, ak, flags, payload, **kw), dt=dt, at=at)
        if advance:
            self.nxt[who] = (sq + len(payload) + (1 if flags & SYN else 0)
                             + (1 if flags & FIN else 0)) & 0xFFFFFFFF

    def c(self, flags, payload=b"", **kw):
        self.send("c", flags, payload, **kw)

    def s(self, flags, payload=b"", **kw):
        self.send("s", flags, payload, **kw)

    def handshake(self, opts=b""):
        self.c(SYN, opts=opts)
        self.s(SYN | ACK, opts=opts)
        self.c(ACK)

    def close(self):
        self.c(FIN | ACK)
        self.s(FIN | ACK)
        self.c(ACK)


def raw_frame(l3, v6=False):
    return eth(l3, v6)


# ------------------------------------------------- header lengths (IP/TCP) --
def _bad_ip_case(make_bad, advance=0, v6=False):
    """A connection: handshake, "hello\\n", the hostile packet, "world\\n",
    close.  make_bad(conn) returns the hostile frame's bytes; advance is
    how far it moves the client's sequence number (5 when its "bad!\\n" is
    readable, else 0: the next segment then starts where it did)."""
    p = Pcap()
    k = Conn(p, v6=v6)
    k.handshake(o_mss(1440 if v6 else 1460))
    k.c(PSH | ACK, b"hello\n")
    k.s(ACK)
    p.add(make_bad(k))
    k.nxt["c"] += advance
    k.c(PSH | ACK, b"world\n")
    k.s(ACK)
    k.close()
    return p


def _seg(k, payload=b"bad!\n", flags=PSH | ACK, **kw):
    return tcp_seg(k.ca[0], k.sa[0], k.ca[1], k.sa[1], k.nxt["c"], k.nxt["s"], flags,
                   payload=payload, **kw)


def ipv4_ihl_0():
    return _bad_ip_case(lambda k: eth(ipv4(C4, S4, _seg(k), ihl=0)))


def ipv4_ihl_1():
    return _bad_ip_case(lambda k: eth(ipv4(C4, S4, _seg(k), ihl=1)))


def ipv4_ihl_15():
    # A valid 60-byte IPv4 header: 39 NOPs and an EOL (40 option bytes).
    return _bad_ip_case(lambda k: eth(ipv4(C4, S4, _seg(k), opts=b"\x01" * 39 + b"\x00")), 5)


def ipv4_ihl_15_beyond():
    # IHL 15 (60 bytes) but the packet has 20 header bytes, a 20-byte TCP
    # header and no payload: total length 40, the frame ends at 54.
    return _bad_ip_case(lambda k: eth(ipv4(C4, S4, _seg(k, payload=b""), ihl=15)))


def ipv4_totlen_huge():
    # Total length 65535 and 1500 on packets of 46 and 26 bytes of TCP.
    p = _bad_ip_case(lambda k: eth(ipv4(C4, S4, _seg(k), totlen=65535)))
    k = Conn(p, isn_c=7000, isn_s=9000, cli=(C4, SPORT + 1))
    k.handshake()
    k.c(PSH | ACK, b"0123456789abcdef", totlen=1500)
    k.s(ACK)
    k.c(PSH | ACK, b"short", totlen=30)        # smaller than IP + TCP headers
    k.c(PSH | ACK, b"tiny", totlen=12)         # smaller than the IP header
    return p


def tcp_doff_0():
    return _bad_ip_case(lambda k: eth(ipv4(C4, S4, _seg(k, doff=0))))


def tcp_doff_1():
    return _bad_ip_case(lambda k: eth(ipv4(C4, S4, _seg(k, doff=1))))


FULL_OPTS = (o_mss(1460) + o_nop() + o_ws(7) + o_sackok() + o_ts(111, 222)
             + o_nop() * 17)  # 4+1+3+2+10+17 = 37 -> padded to 40


def tcp_doff_15():
    # A valid 60-byte TCP header: 40 option bytes, then "bad!\n".
    return _bad_ip_case(lambda k: eth(ipv4(C4, S4, _seg(k, opts=FULL_OPTS))), 5)


def tcp_doff_15_beyond():
    # Data offset 15 (60 bytes) on a segment of 20 header bytes and 5 bytes
    # of payload: the header would run past the end of the packet.
    return _bad_ip_case(lambda k: eth(ipv4(C4, S4, _seg(k, doff=15))))


def _bad_ip6_case(make_bad, advance=0):
    return _bad_ip_case(make_bad, advance, v6=True)


def ipv6_tcp_doff_0():
    return _bad_ip6_case(lambda k: eth(ipv6(C6, S6, _seg(k, doff=0)), v6=True))


def ipv6_tcp_doff_1():
    return _bad_ip6_case(lambda k: eth(ipv6(C6, S6, _seg(k, doff=1)), v6=True))


def ipv6_tcp_doff_15_beyond():
    return _bad_ip6_case(lambda k: eth(ipv6(C6, S6, _seg(k, doff=15)), v6=True))


def ipv6_plen_huge():
    # Payload length 65000 on 25 bytes of TCP, then payload length 0 (no
    # jumbo option) on a good segment.
    def bad(k):
        return eth(ipv6(C6, S6, _seg(k), plen=65000), v6=True)
    p = _bad_ip6_case(bad)
    k = Conn(p, v6=True, isn_c=7000, isn_s=9000, cli=(C6, SPORT + 1))
    k.handshake()
    k.c(PSH | ACK, b"zero plen", plen=0)
    k.c(PSH | ACK, b"shorter plen than the packet", plen=24)
    return p


# ------------------------------------------------------- option lengths --
# Option kinds tcpdump and tshark decode, and two they do not.
OPT_KINDS = [(2, "mss"), (3, "wscale"), (4, "sackOK"), (5, "sack"), (8, "TS"),
             (19, "md5"), (28, "uto"), (29, "tcp-ao"), (30, "mptcp"), (34, "tfo"),
             (254, "exp"), (99, "unknown")]


def _opt_len_case(length):
    """For each kind: a connection whose SYN, SYN/ACK, ACK and first data
    segment carry that kind with the given length byte (then NOPs)."""
    p = Pcap()
    for i, (kind, _) in enumerate(OPT_KINDS):
        opt = bytes([kind, length]) + b"\x01\x01"
        k = Conn(p, isn_c=1000 + i * 100000, isn_s=5000 + i * 100000, cli=(C4, SPORT + i))
        k.c(SYN, opts=opt)
        k.s(SYN | ACK, opts=opt)
        k.c(ACK, opts=opt)
        k.c(PSH | ACK, b"data %d\n" % kind, opts=opt)
        k.s(ACK, opts=opt)
    return p


def tcp_opt_len_0():
    return _opt_len_case(0)


def tcp_opt_len_1():
    return _opt_len_case(1)


def tcp_opt_len_overrun():
    """Options whose length runs past the header: mss with length 40 in an
    8-byte option area, sack with 255, TS with 12 at the end of the header,
    and the last option kind in the header with no length byte at all."""
    p = Pcap()
    cases = [bytes([2, 40, 5, 180]) + b"\x01" * 4,
             bytes([5, 255]) + b"\x00" * 6,
             b"\x01\x01" + bytes([8, 12]) + struct.pack("!I", 7),
             b"\x01\x01\x01" + bytes([2]),
             b"\x01\x01\x01" + bytes([5])]
    for i, opt in enumerate(cases):
        k = Conn(p, isn_c=1000 + i * 100000, isn_s=5000 + i * 100000, cli=(C4, SPORT + i))
        k.c(SYN, opts=opt)
        k.s(SYN | ACK, opts=o_mss(1460))
        k.c(ACK)
        k.c(PSH | ACK, b"overrun %d\n" % i, opts=opt)
        k.s(ACK, opts=opt)
    return p


# --------------------------------------------------------------- records --
def _simple_conn(p, payload=b"hello\n", v6=False, **kw):
    k = Conn(p, v6=v6, **kw)
    k.handshake(o_mss(1460))
    k.c(PSH | ACK, payload)
    k.s(ACK)
    return k


def rec_zero_length():
    """Records of caplen 0: with len 0 and with len 60, among good ones."""
    p = Pcap()
    k = _simple_conn(p)
    p.add(b"", caplen=0, wirelen=0)
    p.add(b"", caplen=0, wirelen=60)
    k.s(PSH | ACK, b"reply\n")
    p.add(b"", caplen=0, wirelen=1514)
    k.c(ACK)
    k.close()
    return p


def rec_over_snaplen():
    """File snapshot length 96; records of caplen 150 (> 96, the whole
    frame) among records within it."""
    p = Pcap(snaplen=96)
    k = _simple_conn(p)
    k.s(PSH | ACK, b"R" * 96)                  # 54 + 96 = 150 bytes
    k.c(ACK)
    k.c(PSH | ACK, b"C" * 200)                 # 254 bytes
    k.s(ACK)
    k.close()
    return p


def rec_caplen_over_max():
    """A record of caplen 262145 (one more than the largest libpcap
    accepts for Ethernet) after good ones: libpcap stops there."""
    p = Pcap()
    k = _simple_conn(p)
    big = frame(C4, S4, SPORT, DPORT, k.nxt["c"], k.nxt["s"], PSH | ACK, b"big\n")
    p.add(big + b"\0" * (262145 - len(big)))      # zeros after the IP packet
    k.close()
    return p


def rec_caplen_gt_len():
    """caplen larger than len: the SYN (58 bytes captured) with len 40, the
    data segment (78 bytes) with len 54, its ACK (54 bytes) with len 0."""
    p = Pcap()
    k = Conn(p)
    k.c(SYN, opts=o_mss(1460))
    d = p.recs[-1]
    p.recs[-1] = (d[0], d[1], d[2], d[3], 40)
    k.s(SYN | ACK, opts=o_mss(1460))
    k.c(ACK)
    k.c(PSH | ACK, b"more captured than sent\n")
    d = p.recs[-1]
    p.recs[-1] = (d[0], d[1], d[2], d[3], 54)
    k.s(ACK)
    d = p.recs[-1]
    p.recs[-1] = (d[0], d[1], d[2], d[3], 0)
    k.close()
    return p


# ------------------------------------------------------------ timestamps --
def ts_backwards():
    """One connection whose timestamps go: 10.5 s, back 0.1 s, equal, back
    1.5 s, to 1 s after BASE, forward, back to the epoch (0), to
    2^32 - 1 seconds (read as -1 by libpcap's signed field: 1969), and on."""
    p = Pcap()
    k = Conn(p)
    k.c(SYN, opts=o_mss(1460), at=10.5)
    k.s(SYN | ACK, opts=o_mss(1460), at=10.4)
    k.c(ACK, at=10.4)
    k.c(PSH | ACK, b"back in time\n", at=8.9)
    k.s(ACK, at=1.0)
    k.s(PSH | ACK, b"forward again\n", at=20.0)
    k.c(ACK)
    p.add(frame(C4, S4, SPORT, DPORT, k.nxt["c"], k.nxt["s"], PSH | ACK, b"epoch\n"))
    p.recs[-1] = (0, 0) + p.recs[-1][2:]
    k.nxt["c"] += 6
    p.add(frame(S4, C4, DPORT, SPORT, k.nxt["s"], k.nxt["c"], ACK))
    p.recs[-1] = (0xFFFFFFFF, 999999) + p.recs[-1][2:]
    k.close()
    return p


def ts_usec_overflow():
    """Microsecond fields of 1000000 and 4294967295 (not below 10^6)."""
    p = Pcap()
    k = Conn(p)
    k.handshake()
    p.add(frame(C4, S4, SPORT, DPORT, k.nxt["c"], k.nxt["s"], PSH | ACK, b"usec\n"))
    p.recs[-1] = (BASE + 1, 1000000) + p.recs[-1][2:]
    k.nxt["c"] += 5
    p.add(frame(S4, C4, DPORT, SPORT, k.nxt["s"], k.nxt["c"], ACK))
    p.recs[-1] = (BASE + 1, 0xFFFFFFFF) + p.recs[-1][2:]
    k.close()
    return p


# ------------------------------------------------------------- sequences --
WRAP_C = b"".join(b"client line %02d crosses 2^32\n" % i for i in range(8))   # 8 x 28 = 224
WRAP_S = b"server reply across the wrap: OK\n"                                # 33


def seq_wrap():
    """Client ISN 2^32 - 100 sends 224 bytes in segments of 58, 58, 58 and
    50: the second crosses 2^32 (raw sequence numbers 4294967255 -> 17).  Server ISN
    2^32 - 1: its SYN takes the last number, its first byte is raw 0.  Both
    sides' ACKs wrap too."""
    return _seq_wrap(v6=False)


def _seq_wrap(v6):
    p = Pcap()
    k = Conn(p, v6=v6, isn_c=2**32 - 100, isn_s=2**32 - 1)
    k.handshake(o_mss(1440 if v6 else 1460))
    for i in range(0, len(WRAP_C), 58):
        k.c(PSH | ACK, WRAP_C[i:i + 58])
        k.s(ACK)
    k.s(PSH | ACK, WRAP_S)
    k.c(ACK)
    k.close()
    return p


def seq_wrap6():
    """The same over IPv6."""
    return _seq_wrap(v6=True)


def _one_conn(p, payload, at=None, isn_c=5000, isn_s=9000, end="fin"):
    k = Conn(p, isn_c=isn_c, isn_s=isn_s)
    k.c(SYN, opts=o_mss(1460), at=at)
    k.s(SYN | ACK, opts=o_mss(1460))
    k.c(ACK)
    k.c(PSH | ACK, payload)
    k.s(ACK)
    if end == "fin":
        k.close()
    elif end == "rst":
        k.c(RST | ACK)
    return k


def isn_reuse():
    """Two connections on the same addresses and ports with the same ISNs
    (client 5000, server 9000): the first closes with FIN/FIN/ACK, the
    second starts 2 s later."""
    p = Pcap()
    _one_conn(p, b"first\n")
    _one_conn(p, b"second\n", at=2.0)
    return p


def isn_reuse_rst():
    """The same, the first connection ended by the client's RST."""
    p = Pcap()
    _one_conn(p, b"first\n", end="rst")
    _one_conn(p, b"second\n", at=2.0)
    return p


def isn_reuse_open():
    """The same ISN again while the first connection is still open (no FIN,
    no RST): a retransmitted SYN, not a new connection."""
    p = Pcap()
    _one_conn(p, b"first\n", end="open")
    _one_conn(p, b"second\n", at=2.0)
    return p


def isn_reuse_ports():
    """Two connections at once from ports 40000 and 40001 to the same
    server port, with the same ISNs on both sides (client 5000, server
    9000), packet for packet interleaved: the ISN says nothing about which
    connection a segment belongs to."""
    p = Pcap()
    a = Conn(p, isn_c=5000, isn_s=9000, cli=(C4, SPORT))
    b = Conn(p, isn_c=5000, isn_s=9000, cli=(C4, SPORT + 1))
    for k in (a, b):
        k.c(SYN, opts=o_mss(1460))
    for k in (a, b):
        k.s(SYN | ACK, opts=o_mss(1460))
    for k in (a, b):
        k.c(ACK)
    a.c(PSH | ACK, b"to A\n")
    b.c(PSH | ACK, b"to B, longer\n")
    b.s(PSH | ACK, b"from B\n")
    a.s(PSH | ACK, b"from A, longer\n")
    for k in (a, b):
        k.c(ACK)
    for k in (b, a):
        k.close()
    return p


def port_reuse_new_isn():
    """The same addresses and ports twice, the second connection with new
    ISNs (client 8000, server 12000) 2 s after the first closed."""
    p = Pcap()
    _one_conn(p, b"first\n")
    _one_conn(p, b"second\n", at=2.0, isn_c=8000, isn_s=12000)
    return p


# ----------------------------------------------------------------- flags --
def rst_data():
    """RSTs with payload: the server's RST|ACK with text, the client's bare
    RST with binary bytes, the same over IPv6, then RSTs with every kind of
    byte a reset cause escapes and with text ended by NULs."""
    p = Pcap()
    k = _simple_conn(p)
    k.s(RST | ACK, b"Connection reset by policy 42\n", advance=False)
    k.c(RST, b"\x00\x01\x02binary\xff\xfe reset", advance=False)
    k6 = _simple_conn(p, v6=True)
    k6.s(RST | ACK, b"v6 reset with data", advance=False)
    # every kind of byte Wireshark's reset cause escapes or replaces, then
    # text ended by NULs only (no "trailing stray characters")
    k = _simple_conn(p, cli=(C4, SPORT + 1))
    k.s(RST | ACK, b'a\tb\\c\x01d\x7fe\xffz"q\r\n\x0b\x0c\x07\x08', advance=False)
    k = _simple_conn(p, cli=(C4, SPORT + 2))
    k.s(RST | ACK, b"ok\x00\x00", advance=False)
    return p


def syn_fin():
    """SYN+FIN to a closed port answered by RST|ACK; SYN+FIN+PSH+URG with
    payload and an urgent pointer; a SYN+FIN a server answers with
    SYN/ACK, and that connection's data and close; a SYN+FIN over IPv6."""
    p = Pcap()
    k = Conn(p, cli=(C4, SPORT))
    k.c(SYN | FIN)
    k.s(RST | ACK, seq=0)
    k = Conn(p, cli=(C4, SPORT + 1), isn_c=2000)
    k.c(SYN | FIN | PSH | URG, b"urgent", urg=3)
    k = Conn(p, cli=(C4, SPORT + 2), isn_c=3000, isn_s=7000)
    k.c(SYN | FIN, opts=o_mss(1460))
    k.nxt["c"] = 3001                       # the server takes only the SYN
    k.s(SYN | ACK, opts=o_mss(1460))
    k.c(ACK)
    k.c(PSH | ACK, b"after syn+fin\n")
    k.s(ACK)
    k.close()
    k = Conn(p, v6=True, isn_c=4000)
    k.c(SYN | FIN)
    return p


def all_flags():
    """After a handshake: all 12 flag bits (reserved, AE, CWR ... FIN) with
    payload and an urgent pointer, all 9 defined ones, the classic 8, only
    the reserved bits, no flags at all, then over IPv6 all 12 again."""
    p = Pcap()
    k = _simple_conn(p)
    k.c(0xFFF, b"all twelve", urg=5, advance=False)
    k.c(0x1FF, b"all nine", urg=1, advance=False)
    k.s(0x0FF, advance=False)
    k.c(RES | ACK, b"reserved", advance=False)
    k.c(0, b"null", advance=False)
    k.s(ACK)
    k.close()
    k6 = _simple_conn(p, v6=True)
    k6.c(0xFFF, b"v6 all", urg=2, advance=False)
    return p


def _self_conn(p, addr, port):
    """A connection to itself, as Linux makes one (connect() to its own
    bound address and port): SYN, SYN/ACK with the same ISN, ACK, data
    each way, FIN each way."""
    isn = 123456
    k = Conn(p, isn_c=isn, isn_s=isn, cli=(addr, port), srv=(addr, port))
    k.c(SYN, opts=o_mss(1460))
    k.nxt["s"] = isn
    k.s(SYN | ACK, opts=o_mss(1460), ack=isn + 1)
    k.nxt["c"] = isn + 1
    k.nxt["s"] = isn + 1
    k.c(ACK)
    k.c(PSH | ACK, b"ping\n")
    k.nxt["s"] = k.nxt["c"]
    k.s(ACK)
    k.s(PSH | ACK, b"pong\n")
    k.nxt["c"] = k.nxt["s"]
    k.c(FIN | ACK)
    k.nxt["s"] = k.nxt["c"]
    k.s(ACK)
    return k


def same_endpoint():
    """Packets from 10.0.0.5.7777 to 10.0.0.5.7777 (a self-connection)."""
    p = Pcap()
    _self_conn(p, "10.0.0.5", 7777)
    return p


def same_endpoint6():
    p = Pcap()
    _self_conn(p, "2001:db8::5", 7777)
    return p


# ---------------------------------------------------------- file damage --
def _good7():
    """Seven good packets of one connection (the base of the damaged files)."""
    p = Pcap()
    k = _simple_conn(p)
    k.s(PSH | ACK, b"reply\n")
    k.c(ACK)
    return p


def file_truncated_record(p=None):
    """The last record's data cut 30 bytes short (24 of its 54 bytes)."""
    b = (p or _good7()).bytes()
    return b[:len(b) - 30]


def file_truncated_header():
    """The last record's 16-byte header cut after 8 bytes."""
    p = _good7()
    b = p.bytes()
    last = 16 + len(p.recs[-1][2])
    return b[:len(b) - last + 8]


def file_short_global_header():
    """10 bytes of a pcap file header."""
    return _good7().bytes()[:10]


def file_bad_magic():
    """A good capture whose magic number is 0xdeadbeef."""
    return _good7().bytes(magic=0xDEADBEEF)


def file_header_only():
    """A pcap file header and no records: a capture of nothing."""
    return _good7().header()


def file_empty():
    return b""


def _pcapng_block(btype, body):
    while len(body) % 4:
        body += b"\0"
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


def _pcapng(unknown, cut=0):
    p = _good7()
    shb = _pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    idb = _pcapng_block(1, struct.pack("<HHI", 1, 0, 262144))
    out = [shb, idb]
    for i, (sec, frac, data, caplen, wirelen) in enumerate(p.recs):
        ts = sec * 1000000 + frac
        out.append(_pcapng_block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF,
                                                caplen, wirelen) + data))
        if unknown and i in (0, 2, 3):
            # Unknown block types: one never assigned, one "local use" (bit
            # 31), and a custom block (0x00000BAD, PEN 32473) that libpcap
            # does not copy; each with a body.
            bt = {0: 0x0BADBEEF, 2: 0x80000123, 3: 0x00000BAD}[i]
            body = struct.pack("<I", 32473) + b"unknown block %d" % i if bt == 0x00000BAD \
                else b"unknown block %d here" % i
            out.append(_pcapng_block(bt, body))
    b = b"".join(out)
    return b[:len(b) - cut] if cut else b


def file_pcapng_unknown_blocks():
    return _pcapng(True)


def file_pcapng_truncated():
    """pcapng with unknown blocks, its last block cut by 20 bytes."""
    return _pcapng(True, cut=20)


# ------------------------------------------------------------ 4 GB + file --
BIG_REC = 262144


def make_big(path, truncated_tail=False):
    """A sparse classic pcap of more than 4.3 GB: records of caplen = len =
    262144 whose bodies are holes (zeros: Ethernet to 00:00:00:00:00:00,
    type/length 0, which no filter for TCP passes), until the file passes
    2^32 + 2^24 bytes; then a real TCP SYN (10.9.9.1.40000 > 10.9.9.2.33333,
    seq 424242) whose record starts past 2^32; then, if truncated_tail, a
    record header promising 100 bytes followed by 10.  Returns (number of
    records written whole, offset of the SYN's record)."""
    n = 0
    with open(path, "wb") as f:
        f.write(Pcap().header())
        off = 24
        while off < 2**32 + 2**24:
            f.write(struct.pack("<IIII", BASE + n // 1000, (n % 1000) * 1000, BIG_REC, BIG_REC))
            off += 16 + BIG_REC
            f.seek(off)
            n += 1
        syn = frame("10.9.9.1", "10.9.9.2", 40000, 33333, 424242, 0, SYN, opts=o_mss(1460))
        syn_off = off
        f.write(struct.pack("<IIII", BASE + 100, 0, len(syn), len(syn)) + syn)
        n += 1
        f.truncate()
    if truncated_tail:
        append_cut_record(path)
    return n, syn_off


def append_cut_record(path):
    """Append to the 4 GB+ file a record header promising 100 bytes and 10
    of them."""
    with open(path, "ab") as f:
        f.write(struct.pack("<IIII", BASE + 101, 0, 100, 100) + b"\x02" * 10)


# ------------------------------------------------------------------ main --
CAPTURES = [
    ipv4_ihl_0, ipv4_ihl_1, ipv4_ihl_15, ipv4_ihl_15_beyond, ipv4_totlen_huge,
    tcp_doff_0, tcp_doff_1, tcp_doff_15, tcp_doff_15_beyond,
    ipv6_tcp_doff_0, ipv6_tcp_doff_1, ipv6_tcp_doff_15_beyond, ipv6_plen_huge,
    tcp_opt_len_0, tcp_opt_len_1, tcp_opt_len_overrun,
    rec_zero_length, rec_over_snaplen, rec_caplen_over_max, rec_caplen_gt_len,
    ts_backwards, ts_usec_overflow,
    seq_wrap, seq_wrap6, isn_reuse, isn_reuse_rst, isn_reuse_open, isn_reuse_ports,
    port_reuse_new_isn,
    rst_data, syn_fin, all_flags, same_endpoint, same_endpoint6,
]
FILES = [
    (file_truncated_record, "pcap"), (file_truncated_header, "pcap"),
    (file_short_global_header, "pcap"), (file_bad_magic, "pcap"),
    (file_header_only, "pcap"), (file_empty, "pcap"),
    (file_pcapng_unknown_blocks, "pcapng"), (file_pcapng_truncated, "pcapng"),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    for fn in CAPTURES:
        name = fn.__name__.replace("_", "-") + ".pcap"
        with open(os.path.join(out, name), "wb") as f:
            f.write(fn().bytes())
    for fn, ext in FILES:
        name = fn.__name__.replace("_", "-") + "." + ext
        with open(os.path.join(out, name), "wb") as f:
            f.write(fn())


if __name__ == "__main__":
    main()
