from pg import *
m = Multi()
# 1: 15427 exception
a = m.conn(40001); hs(a, t=0)
a.add(0.03,'C',1001,5001,'A',512,100)
a.add(0.5,'C',1101,5001,'A',512,1)        # probe not recognised (rev window 512)
a.add(0.501,'S',5001,1101,'A',0)          # zero window, ack 101
a.add(1.0,'C',1101,5001,'A',512,200)      # seq = nextseq-1, len 200 -> exception
# 1b: same but probe then len 1 again (keep-alive?)
b = m.conn(40002); hs(b, t=2)
b.add(2.03,'C',1001,5001,'A',512,100)
b.add(2.5,'C',1101,5001,'A',512,1)
b.add(2.501,'S',5001,1101,'A',0)
b.add(3.0,'C',1101,5001,'A',512,1)
# 2: OOO threshold with iRTT 20ms: hole then fill at +15ms (OOO) and at +25ms (Retrans)
c = m.conn(40003); hs(c, t=4)
c.add(4.03,'C',1001,5001,'A',512,100); c.add(4.031,'C',1201,5001,'A',512,100); c.add(4.046,'C',1101,5001,'A',512,50)
c.add(4.060,'C',1151,5001,'A',512,50)   # 29ms after nextseqtime(4.031) -> Retransmission
# 3: midstream (no iRTT) threshold 3ms
d = m.conn(40004)
d.add(5.0,'C',1001,5001,'A',512,100); d.add(5.001,'C',1201,5001,'A',512,100); d.add(5.0035,'C',1101,5001,'A',512,50); d.add(5.0045,'C',1151,5001,'A',512,50)
# 4: retransmit last segment within threshold -> Retransmission (not OOO)
e = m.conn(40005); hs(e, t=6)
e.add(6.03,'C',1001,5001,'A',512,100); e.add(6.031,'C',1001,5001,'A',512,100)
# 5: FIN retransmission
f = m.conn(40006); hs(f, t=7)
f.add(7.03,'C',1001,5001,'FA',512); f.add(7.3,'C',1001,5001,'FA',512)
# 6: fast retrans with 2 dupacks; and at 25 ms after last dup ack (plain retrans)
g = m.conn(40007); hs(g, t=8)
g.add(8.03,'C',1001,5001,'A',512,100); g.add(8.031,'C',1101,5001,'A',512,100); g.add(8.032,'C',1201,5001,'A',512,100)
g.add(8.05,'S',5001,1101,'A',512); g.add(8.051,'S',5001,1101,'A',512); g.add(8.052,'S',5001,1101,'A',512)
g.add(8.0715,'C',1101,5001,'A',512,100)
h = m.conn(40008); hs(h, t=9)
h.add(9.03,'C',1001,5001,'A',512,100); h.add(9.031,'C',1101,5001,'A',512,100)
h.add(9.05,'S',5001,1101,'A',512); h.add(9.051,'S',5001,1101,'A',512); h.add(9.052,'S',5001,1101,'A',512)
h.add(9.0725,'C',1101,5001,'A',512,100)
m.write('e10.pcap'); print(short('e10.pcap'))
