#!/usr/bin/env python3
"""Userspace Ethernet relays used where this kernel lacks a feature.

The capture machine's kernel has no CONFIG_VLAN_8021Q (no `type vlan` links)
and no CONFIG_NET_SCH_NETEM, so:

  relay.py vlan TAP TAPMAC DEV TAGS READYFILE
      Creates tap device TAP (IFF_TAP|IFF_NO_PI) in the current namespace; every
      frame the kernel sends out of TAP gets the 802.1Q/802.1ad tags in TAGS
      inserted after the MAC addresses and is transmitted on DEV (a veth) through
      an AF_PACKET socket; every frame received on DEV has its tags removed and is
      written into TAP.  I.e. TAP behaves like DEV.100 (or DEV.200.100).
      TAGS = comma list of TPID:VID, outermost first, e.g. 0x8100:100 or
      0x88a8:200,0x8100:100.

  relay.py delay DEV_A DEV_B SECONDS READYFILE
      Bridges two veths (in a middle namespace) frame by frame, holding every
      frame for SECONDS before forwarding it (a "long wire").
"""
import fcntl, os, select, socket, struct, sys, time, heapq

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
TUNSETIFF = 0x400454CA
IFF_TAP, IFF_NO_PI = 0x0002, 0x1000

def psock(dev):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((dev, 0))
    return s

def ready(path):
    with open(path, "w") as f:
        f.write("ready\n")

def vlan(tap, tapmac, dev, tags, readyfile):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", tap.encode(), IFF_TAP | IFF_NO_PI))
    taglist = []
    for t in tags.split(","):
        tpid, vid = t.split(":")
        taglist.append(struct.pack("!HH", int(tpid, 0), int(vid)))
    tagbytes = b"".join(taglist)
    ps = psock(dev)
    ready(readyfile)
    while True:
        r, _, _ = select.select([fd, ps], [], [])
        if fd in r:
            f = os.read(fd, 65536)
            ps.send(f[:12] + tagbytes + f[12:])
        if ps in r:
            f, a = ps.recvfrom(65536)
            if a[2] == PACKET_OUTGOING:
                continue
            # the kernel already moved the outermost tag into skb metadata;
            # strip any tags still inline
            while len(f) >= 18 and f[12:14] in (b"\x81\x00", b"\x88\xa8"):
                f = f[:12] + f[16:]
            os.write(fd, f)

def delay(deva, devb, secs, readyfile):
    a, b = psock(deva), psock(devb)
    peer = {a: b, b: a}
    q = []  # (due, seq, outsock, frame)
    seq = 0
    ready(readyfile)
    while True:
        timeout = max(0.0, q[0][0] - time.monotonic()) if q else None
        r, _, _ = select.select([a, b], [], [], timeout)
        now = time.monotonic()
        for s in r:
            f, addr = s.recvfrom(65536)
            if addr[2] == PACKET_OUTGOING:
                continue
            heapq.heappush(q, (now + secs, seq, peer[s], f)); seq += 1
        now = time.monotonic()
        while q and q[0][0] <= now:
            _, _, out, f = heapq.heappop(q)
            out.send(f)

if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "vlan":
        vlan(*sys.argv[2:7])
    elif mode == "delay":
        delay(sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5])
    else:
        raise SystemExit(__doc__)
