import struct, subprocess, os, tempfile, sys

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b)//2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def ip4(a): return bytes(int(x) for x in a.split('.'))

def opt_mss(v): return struct.pack('!BBH', 2, 4, v)
def opt_ws(v): return struct.pack('!BBB', 3, 3, v)
def opt_sackperm(): return b'\x04\x02'
def opt_nop(): return b'\x01'
def opt_eol(): return b'\x00'
def opt_ts(a, b): return struct.pack('!BBII', 8, 10, a, b)
def opt_sack(blocks): return struct.pack('!BB', 5, 2 + 8*len(blocks)) + b''.join(struct.pack('!II', l & 0xffffffff, r & 0xffffffff) for l, r in blocks)

FL = {'F':1,'S':2,'R':4,'P':8,'A':16,'U':32,'E':64,'C':128}
def flagval(s):
    v = 0
    for c in s: v |= FL[c]
    return v

def tcp_pkt(src, dst, sport, dport, seq, ack, flags, win, payload=b'', opts=b'', v6=False, urg=0, ttl=64, ipid=0, tos=0):
    while len(opts) % 4: opts += b'\0'
    hlen = 20 + len(opts)
    fl = flagval(flags) if isinstance(flags, str) else flags
    th = struct.pack('!HHIIHHHH', sport, dport, seq & 0xffffffff, ack & 0xffffffff, ((hlen//4) << 12) | fl, win, 0, urg) + opts
    seg = th + payload
    if not v6:
        s, d = ip4(src), ip4(dst)
        ph = s + d + struct.pack('!BBH', 0, 6, len(seg))
        c = csum(ph + seg)
        seg = seg[:16] + struct.pack('!H', c) + seg[18:]
        iph = struct.pack('!BBHHHBBH4s4s', 0x45, tos, 20+len(seg), ipid, 0x4000, ttl, 6, 0, s, d)
        iph = iph[:10] + struct.pack('!H', csum(iph)) + iph[12:]
        return b'\x00\x00\x00\x00\x00\x02' + b'\x00\x00\x00\x00\x00\x01' + b'\x08\x00' + iph + seg
    else:
        import ipaddress
        s, d = ipaddress.IPv6Address(src).packed, ipaddress.IPv6Address(dst).packed
        ph = s + d + struct.pack('!I', len(seg)) + b'\0\0\0\x06'
        c = csum(ph + seg)
        seg = seg[:16] + struct.pack('!H', c) + seg[18:]
        iph = struct.pack('!IHBB16s16s', 0x60000000 | (tos << 20), len(seg), 6, ttl, s, d)
        return b'\x00\x00\x00\x00\x00\x02' + b'\x00\x00\x00\x00\x00\x01' + b'\x86\xdd' + iph + seg

def write_pcap(path, pkts):
    # pkts: list of (t_float, bytes)
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b23c4d, 2, 4, 0, 0, 65535, 1))  # nanosecond pcap
        for t, b in pkts:
            sec = int(t); ns = int(round((t - sec) * 1e9))
            f.write(struct.pack('<IIII', 1700000000 + sec, ns, len(b), len(b)))
            f.write(b)

class Conn:
    """helper: client C (10.0.0.1:40000) server S (10.0.0.2:80)"""
    def __init__(self, v6=False, c=('10.0.0.1', 40000), s=('10.0.0.2', 33333)):
        self.pk = []
        self.v6 = v6
        if v6: c = ('2001:db8::1', c[1]); s = ('2001:db8::2', s[1])
        self.c, self.s = c, s
    def add(self, t, d, seq, ack, flags, win, payload=b'', opts=b''):
        if isinstance(payload, int): payload = b'x' * payload
        a, b = (self.c, self.s) if d == 'C' else (self.s, self.c)
        self.pk.append((t, tcp_pkt(a[0], b[0], a[1], b[1], seq, ack, flags, win, payload, opts, v6=self.v6)))
    def write(self, path):
        write_pcap(path, self.pk)

DEFF = ['frame.number','tcp.stream','tcp.flags.str','tcp.seq','tcp.ack','tcp.len','tcp.window_size_value','tcp.window_size','tcp.window_size_scalefactor',
        'tcp.analysis.flags','tcp.analysis.duplicate_ack_num','tcp.analysis.duplicate_ack_frame','tcp.analysis.acks_frame','tcp.analysis.ack_rtt','tcp.analysis.initial_rtt',
        'tcp.analysis.bytes_in_flight','tcp.analysis.push_bytes_sent','tcp.analysis.rto','tcp.analysis.rto_frame','_ws.col.Info']

def fields(path, flds=None, extra=()):
    flds = flds or DEFF
    home = tempfile.mkdtemp()
    cmd = ['tshark', '-r', path, '-T', 'fields', '-E', 'header=y', '-E', 'occurrence=a'] + list(extra)
    for f in flds: cmd += ['-e', f]
    out = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, HOME=home, TZ='UTC')).stdout
    return out

def short(path, extra=()):
    """compact per-frame: num flags seq ack len win analysis-info"""
    out = fields(path, ['frame.number','tcp.stream','tcp.flags.str','tcp.seq','tcp.ack','tcp.len','tcp.window_size_value','tcp.window_size','tcp.window_size_scalefactor','tcp.analysis.acks_frame','tcp.analysis.ack_rtt','tcp.analysis.initial_rtt','tcp.analysis.bytes_in_flight','tcp.analysis.push_bytes_sent','tcp.analysis.rto','tcp.analysis.rto_frame','_ws.col.Info'], extra)
    return out

def verbose(path, extra=()):
    home = tempfile.mkdtemp()
    return subprocess.run(['tshark', '-r', path, '-V'] + list(extra), capture_output=True, text=True, env=dict(os.environ, HOME=home, TZ='UTC')).stdout

def hs(c, ws_c=7, ws_s=7, t=0.0, cisn=1000, sisn=5000, cwin=65535, swin=65535, third=True, syn=True, synack=True):
    oc = opt_mss(1460) + (opt_nop()+opt_ws(ws_c) if ws_c is not None else b'')
    os_ = opt_mss(1460) + (opt_nop()+opt_ws(ws_s) if ws_s is not None else b'')
    if syn: c.add(t, 'C', cisn, 0, 'S', cwin, opts=oc)
    if synack: c.add(t+0.010, 'S', sisn, cisn+1, 'SA', swin, opts=os_)
    if third: c.add(t+0.020, 'C', cisn+1, sisn+1, 'A', 512)

class Multi:
    def __init__(self): self.pk = []
    def conn(self, cport, v6=False):
        c = Conn(v6=v6, c=('10.0.0.1', cport)); c.pk = self.pk; return c
    def write(self, path):
        self.pk.sort(key=lambda x: x[0]); write_pcap(path, self.pk)
