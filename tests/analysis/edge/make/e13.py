from pg import *
m = Multi()
# 1: midstream, then older retransmission below base
a = m.conn(40001)
a.add(0.0,'C',10001,5001,'A',512,100)     # base = 10000
a.add(0.01,'C',10101,5001,'A',512,100)
a.add(0.5,'C',9001,5001,'A',512,100)      # old data below base
a.add(0.51,'C',10201,5001,'A',512,100)
# 2: retransmission with more data (#8404-like): 1:100 then 1:200 then ack 201
b = m.conn(40002); hs(b, t=1)
b.add(1.03,'C',1001,5001,'A',512,100)
b.add(1.3,'C',1001,5001,'A',512,200)
b.add(1.31,'S',5001,1201,'A',512)
# 3: packets with no flags at all: dup ack w/o ACK flag?
c = m.conn(40003); hs(c, t=2)
c.add(2.03,'S',5001,1001,0,512); c.add(2.04,'S',5001,1001,0,512)
# 4: FIN with 1 byte while peer window 0 -> ZWP?
d = m.conn(40004); hs(d, t=3)
d.add(3.03,'S',5001,1001,'A',0)
d.add(3.04,'C',1001,5001,'FA',512,1)
# 5: overlapping repacketized retrans: 1:100, 101:100, then 51:150 (overlap), ack 301
e = m.conn(40005); hs(e, t=4)
e.add(4.03,'C',1001,5001,'A',512,100); e.add(4.031,'C',1101,5001,'A',512,100)
e.add(4.3,'C',1051,5001,'A',512,150); e.add(4.31,'C',1201,5001,'A',512,100); e.add(4.32,'S',5001,1301,'A',512)
m.write('e13.pcap'); print(short('e13.pcap'))
