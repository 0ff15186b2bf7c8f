from pg import *
c = Conn(); hs(c)
c.add(0.100,'C',1001,5001,'PA',512,100)   #4 data 1:100
c.add(0.110,'S',5001,1101,'A',0)           #5 ack 101 win 0 -> ZeroWindow
# Linux ZWP: seq = SND.UNA-1 = 1100, len 0, while peer window 0
c.add(0.300,'C',1100,5001,'A',512)         #6 -> Keep-Alive?
c.add(0.301,'S',5001,1101,'A',0)           #7 reply win 0 -> ZeroWindow + ?
c.add(0.700,'C',1100,5001,'A',512)         #8 second linux probe
c.add(0.701,'S',5001,1101,'A',0)           #9
# classic 1-byte ZWP (BSD/Windows): seq = nextseq, 1 byte
c.add(1.000,'C',1101,5001,'A',512,1)       #10 ZWP
c.add(1.001,'S',5001,1101,'A',0)           #11 ZWP ack + zero window
c.add(2.000,'C',1101,5001,'A',512,1)       #12 ZWP repeated
c.add(2.001,'S',5001,1102,'A',512)         #13 window opens, acks probe byte -> window update? acks_frame?
c.add(2.010,'C',1102,5001,'A',512,100)     #14 data
# 1-byte keepalive with garbage byte (seq = nextseq-1, len 1)
c.add(2.020,'S',5001,1202,'A',512)         #15 ack all
c.add(10.0,'C',1201,5001,'A',512,1)        #16 keepalive 1 byte
c.add(10.001,'S',5001,1202,'A',512)        #17 keepalive ack
c.write('e6.pcap'); print(short('e6.pcap'))
