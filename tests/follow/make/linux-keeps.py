#!/usr/bin/env python3
"""Replay the client side of stream 0 of overlap-conflict.pcap against a REAL
Linux TCP receiver, to see which copy of each conflicting byte Linux delivers
to the application.  Used by check-linux-overlap.sh.

  linux-keeps.py server ADDR PORT OUTFILE   accept one connection, read to EOF,
                                            write every received byte to OUTFILE
  linux-keeps.py client IFNAME              (in the client namespace) handshake
                                            from an AF_PACKET socket, then send
                                            the client segments of stream 0
                                            (frames 4 5 7 9 11 13 15 and a FIN),
                                            10 ms apart, with the real server ISN
"""
import importlib.util, os, socket, struct, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("oc", os.path.join(HERE, "make-overlap-conflict.py"))
oc = importlib.util.module_from_spec(_spec); _spec.loader.exec_module(oc)

# the client segments of stream 0 (frame number in overlap-conflict.pcap, offset, payload)
CLIENT_DATA = [(4, 0, b"AAAAABBBBB"), (5, 5, b"bbbbbCCCCCCCCCC"), (7, 20, b"DDDDDDDDDD"),
               (9, 40, b"FFFFFFFFFF"), (11, 30, b"EEEEEEEEEEffffffffff"),
               (13, 60, b"HHHHHHHHHH"), (15, 50, b"GGGGGGGGGGhhhhh")]

def server(addr, port, out):
    ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, int(port))); ls.listen(1)
    s, _ = ls.accept(); data = b""
    while True:
        d = s.recv(65536)
        if not d: break
        data += d
    open(out, "wb").write(data)
    s.close()

def client(ifname):
    ps = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
    ps.bind((ifname, 0)); ps.settimeout(2)
    c = oc.Conn(41004, 5001, 1000000, 0)
    A = oc.ACK
    ps.send(c.seg(True, oc.SYN, None, None))
    while True:
        f = ps.recv(65536)
        if f[23] != 6 or f[26:30] != oc.SIP: continue
        t = 14 + (f[14] & 15) * 4
        sp, dp, seq, ack = struct.unpack("!HHII", f[t:t + 12])
        if sp == 5001 and dp == 41004 and f[t + 13] & (oc.SYN | oc.ACK) == oc.SYN | oc.ACK:
            c.sisn = seq; break
    ps.send(c.seg(True, A, 0, 0))
    for frame, off, payload in CLIENT_DATA:
        time.sleep(0.01)
        ps.send(c.seg(True, oc.PSH | A, off, 0, payload))
        print("sent (frame %d) @%d %r" % (frame, off, payload))
    time.sleep(0.01)
    ps.send(c.seg(True, oc.FIN | A, 70, 0))
    time.sleep(0.2)

if __name__ == "__main__":
    if sys.argv[1] == "server": server(*sys.argv[2:5])
    else: client(sys.argv[2])
