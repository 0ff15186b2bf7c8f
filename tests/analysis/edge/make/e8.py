from pg import *
m = Multi()
# a) full conn closed, then SYN with same ISN
a = m.conn(40001); hs(a, t=0)
a.add(0.03,'C',1001,5001,'FA',512); a.add(0.031,'S',5001,1002,'FA',512); a.add(0.032,'C',1002,5002,'A',512)
a.add(0.5,'C',1000,0,'S',65535,opts=opt_mss(1460)+opt_nop()+opt_ws(7))
a.add(0.51,'S',9000,1001,'SA',65535,opts=opt_mss(1460)+opt_nop()+opt_ws(7))
a.add(0.52,'C',1001,9001,'A',512)
# b) SYN -> RST/ACK -> SYN new ISN
b = m.conn(40002)
b.add(1.0,'C',2000,0,'S',65535,opts=opt_mss(1460)); b.add(1.001,'S',0,2001,'RA',0)
b.add(1.5,'C',3000,0,'S',65535,opts=opt_mss(1460)); b.add(1.501,'S',7000,3001,'SA',65535,opts=opt_mss(1460)); b.add(1.502,'C',3001,7001,'A',512)
# c) SYN -> RST/ACK -> SYN same ISN -> SYN/ACK
c = m.conn(40003)
c.add(2.0,'C',2000,0,'S',65535,opts=opt_mss(1460)); c.add(2.001,'S',0,2001,'RA',0)
c.add(3.0,'C',2000,0,'S',65535,opts=opt_mss(1460)); c.add(3.001,'S',7000,2001,'SA',65535,opts=opt_mss(1460)); c.add(3.002,'C',2001,7001,'A',512)
# d) two SYN/ACKs with different ISN
d = m.conn(40004)
d.add(4.0,'C',2000,0,'S',65535,opts=opt_mss(1460)); d.add(4.001,'S',7000,2001,'SA',65535,opts=opt_mss(1460)); d.add(4.002,'S',8000,2001,'SA',65535,opts=opt_mss(1460)); d.add(4.003,'C',2001,8001,'A',512)
# e) SYN/ACK retransmitted same ISN
e = m.conn(40005)
e.add(5.0,'C',2000,0,'S',65535,opts=opt_mss(1460)); e.add(5.001,'S',7000,2001,'SA',65535,opts=opt_mss(1460)); e.add(5.3,'S',7000,2001,'SA',65535,opts=opt_mss(1460)); e.add(5.301,'C',2001,7001,'A',512)
# f) SYN after RST (client aborted after data) with new ISN
f = m.conn(40006); hs(f, t=6)
f.add(6.03,'C',1001,5001,'PA',512,10); f.add(6.04,'C',1011,5001,'RA',0)
f.add(6.5,'C',1500,0,'S',65535,opts=opt_mss(1460))
m.write('e8.pcap'); print(short('e8.pcap', extra=['-o','tcp.analyze_sequence_numbers:TRUE']))
