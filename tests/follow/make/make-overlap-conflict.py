#!/usr/bin/env python3
"""overlap-conflict.pcap: a hand-built capture (classic pcap, microsecond
timestamps, LINKTYPE_ETHERNET) of two TCP connections between 10.0.0.1 and
10.0.0.2 whose client data contains overlapping segments with CONFLICTING
bytes, and a hole that is never filled nor acknowledged.  Every IPv4 header
checksum and every TCP checksum is correct.  No TCP options.  Frame i has the
timestamp 1700000000 s + i ms (exact, deterministic).

Usage: make-overlap-conflict.py OUT.pcap
       make-overlap-conflict.py --list      (print the frame table)

The client->server payload of stream 0 is given by "stream offsets" (0 = the
first data byte, i.e. relative sequence number 1):
   frame  4  @0   AAAAABBBBB            first copy of 0..9
   frame  5  @5   bbbbbCCCCCCCCCC       retransmission: overlaps 5..9 with
                                        DIFFERENT bytes, extends to 19
   frame  7  @20  DDDDDDDDDD            in order
   frame  9  @40  FFFFFFFFFF            out of order (hole 30..39), arrives first
   frame 11  @30  EEEEEEEEEEffffffffff  fills the hole and covers 40..49 with
                                        DIFFERENT bytes
   frame 13  @60  HHHHHHHHHH            out of order (hole 50..59), arrives first
   frame 15  @50  GGGGGGGGGGhhhhh       fills the hole, covers 60..64 with
                                        DIFFERENT bytes; 65..69 only in frame 13
Stream 1: 10 bytes in order, then a segment after a 10-byte hole that is never
seen; the server never acknowledges past the hole and the capture ends.
"""
import struct, sys

CMAC = bytes.fromhex("020000000001"); SMAC = bytes.fromhex("020000000002")
CIP = bytes([10, 0, 0, 1]); SIP = bytes([10, 0, 0, 2])
T0 = 1700000000
FIN, SYN, RST, PSH, ACK = 1, 2, 4, 8, 16

def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

class Conn:
    def __init__(self, cport, sport, cisn, sisn):
        self.cport, self.sport, self.cisn, self.sisn = cport, sport, cisn, sisn
        self.ipid = {True: 0x1000 + cport % 256 * 16, False: 0x2000 + cport % 256 * 16}

    def seg(self, from_client, flags, off, ack_off, payload=b"", win=502):
        """off / ack_off: stream offsets (None = the ISN itself, for SYNs and
        the ack field of the client's SYN)"""
        if from_client:
            src, dst, sp, dp, isn, pisn = CIP, SIP, self.cport, self.sport, self.cisn, self.sisn
            smac, dmac = CMAC, SMAC
        else:
            src, dst, sp, dp, isn, pisn = SIP, CIP, self.sport, self.cport, self.sisn, self.cisn
            smac, dmac = SMAC, CMAC
        seq = isn if off is None else (isn + 1 + off) & 0xffffffff
        ack = 0 if ack_off is None else (pisn + 1 + ack_off) & 0xffffffff
        if not flags & ACK: ack = 0
        tcp = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, 5 << 4, flags, win, 0, 0) + payload
        ph = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
        tcp = tcp[:16] + struct.pack("!H", csum(ph + tcp)) + tcp[18:]
        self.ipid[from_client] += 1
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), self.ipid[from_client], 0x4000, 64, 6, 0, src, dst)
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        return dmac + smac + b"\x08\x00" + ip + tcp

def frames():
    """list of (frame bytes, description)"""
    out = []
    c = Conn(41004, 5001, 1000000, 5000000)
    C, S = True, False
    def add(conn, fc, flags, off, ack, payload=b"", what=""):
        out.append((conn.seg(fc, flags, off, ack, payload), what))
    # stream 0
    add(c, C, SYN, None, None, what="SYN")
    add(c, S, SYN | ACK, None, 0, what="SYN-ACK")
    add(c, C, ACK, 0, 0, what="ACK (handshake done)")
    add(c, C, PSH | ACK, 0, 0, b"AAAAABBBBB", "client data @0..9 (first copy)")
    add(c, C, PSH | ACK, 5, 0, b"bbbbbCCCCCCCCCC", "client retransmission @5..19: 5..9 conflict (bbbbb vs BBBBB), 10..19 new")
    add(c, S, ACK, 0, 20, what="server ACK @20")
    add(c, C, PSH | ACK, 20, 0, b"DDDDDDDDDD", "client data @20..29")
    add(c, S, ACK, 0, 30, what="server ACK @30")
    add(c, C, PSH | ACK, 40, 0, b"FFFFFFFFFF", "client data @40..49, OUT OF ORDER (hole 30..39)")
    add(c, S, ACK, 0, 30, what="server duplicate ACK @30")
    add(c, C, PSH | ACK, 30, 0, b"EEEEEEEEEEffffffffff", "client data @30..49 fills the hole; 40..49 conflict (ffff vs FFFF)")
    add(c, S, ACK, 0, 50, what="server ACK @50")
    add(c, C, PSH | ACK, 60, 0, b"HHHHHHHHHH", "client data @60..69, OUT OF ORDER (hole 50..59)")
    add(c, S, ACK, 0, 50, what="server duplicate ACK @50")
    add(c, C, PSH | ACK, 50, 0, b"GGGGGGGGGGhhhhh", "client data @50..64 fills the hole; 60..64 conflict (hhhhh vs HHHHH); 65..69 only in frame 13")
    add(c, S, ACK, 0, 70, what="server ACK @70")
    add(c, S, PSH | ACK, 0, 70, b"server reply: ok\n", "server data @0..16")
    add(c, C, ACK, 70, 17, what="client ACK")
    add(c, C, FIN | ACK, 70, 17, what="client FIN")
    add(c, S, FIN | ACK, 17, 71, what="server FIN (acks client FIN)")
    add(c, C, ACK, 71, 18, what="client ACK of server FIN")
    # stream 1
    d = Conn(41014, 5001, 3000000000, 7000000)
    add(d, C, SYN, None, None, what="stream 1: SYN")
    add(d, S, SYN | ACK, None, 0, what="stream 1: SYN-ACK")
    add(d, C, ACK, 0, 0, what="stream 1: ACK")
    add(d, C, PSH | ACK, 0, 0, b"0123456789", "stream 1: client data @0..9")
    add(d, S, ACK, 0, 10, what="stream 1: server ACK @10")
    add(d, C, PSH | ACK, 20, 0, b"KKKKKKKKKK", "stream 1: client data @20..29 after a hole 10..19 that never appears")
    add(d, S, PSH | ACK, 0, 10, b"late server data\n", "stream 1: server data @0..16, ack still @10 (hole never acknowledged)")
    add(d, C, ACK, 30, 17, what="stream 1: client ACK of the server data (seq @30); capture ends, no FIN")
    return out

def main():
    fr = frames()
    if sys.argv[1:] == ["--list"]:
        for i, (f, what) in enumerate(fr, 1):
            print("%2d  %s" % (i, what))
        return
    with open(sys.argv[1], "wb") as fh:
        fh.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for i, (f, _) in enumerate(fr, 1):
            fh.write(struct.pack("<IIII", T0, i * 1000, len(f), len(f)) + f)

if __name__ == "__main__":
    main()
