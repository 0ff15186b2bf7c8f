from pg import *
from e1 import hs
# E2: retransmitted SYN; SYN/ACK; server ACK with same seq/ack but different raw window => window update?
c = Conn()
c.add(0.0,'C',1000,0,'S',65535,opts=opt_mss(1460)+opt_nop()+opt_ws(7))
c.add(1.0,'C',1000,0,'S',65535,opts=opt_mss(1460)+opt_nop()+opt_ws(7))
c.add(1.010,'S',5000,1001,'SA',65535,opts=opt_mss(1460)+opt_nop()+opt_ws(7))
c.add(1.020,'S',5001,1001,'A',512)      # server pure ACK, same ack, raw window differs -> WU?
c.add(1.021,'S',5001,1001,'A',512)      # dup ack?
c.add(1.030,'C',1001,5001,'A',512)
c.add(1.031,'C',1001,5001,'A',512)      # dup ack of client
c.add(1.032,'C',1001,5001,'A',512,10)
c.write('e2.pcap'); print(short('e2.pcap'))
