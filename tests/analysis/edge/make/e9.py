from pg import *
m = Multi()
# 1: lost + window full.  server window raw 2 (scale 7 => 256). client sends 1:100 then 201:56 (hole) -> 201+56=257 == 1+256
a = m.conn(40001); hs(a, t=0)
a.add(0.021,'S',5001,1001,'A',2)
a.add(0.03,'C',1001,5001,'A',512,100)
a.add(0.031,'C',1201,5001,'A',512,56)
# 2: keep-alive with own window 0
b = m.conn(40002); hs(b, t=1)
b.add(1.03,'C',1001,5001,'A',512,10); b.add(1.04,'S',5001,1011,'A',512)
b.add(5.0,'C',1010,5001,'A',0)
# 3: dup ack + acked unseen
c = m.conn(40003); hs(c, t=2)
c.add(2.03,'C',1001,5001,'A',512,100)
c.add(2.04,'S',5001,1301,'A',512)
c.add(2.05,'C',1401,5001,'A',512,100)
c.add(2.06,'S',5001,1301,'A',512)
# 4: retransmission carrying ack beyond server's seen data (acked unseen) 
d = m.conn(40004); hs(d, t=3)
d.add(3.03,'C',1001,5001,'A',512,100)
d.add(3.5,'C',1001,5101,'A',512,100)
# 5: OOO + zero window
e = m.conn(40005); hs(e, t=4)
e.add(4.03,'C',1001,5001,'A',512,100); e.add(4.031,'C',1201,5001,'A',512,100); e.add(4.032,'C',1101,5001,'A',0,100)
# 6: window update + acked unseen
f = m.conn(40006); hs(f, t=5)
f.add(5.03,'S',5001,1001,'A',512); f.add(5.04,'S',5001,1101,'A',1024)
m.write('e9.pcap'); print(short('e9.pcap'))
