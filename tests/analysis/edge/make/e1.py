from pg import *
import sys
def hs(c, ws_c=7, ws_s=7, t=0.0, cisn=1000, sisn=5000, cwin=65535, swin=65535, third=True):
    oc = opt_mss(1460) + (opt_nop()+opt_ws(ws_c) if ws_c is not None else b'')
    os_ = opt_mss(1460) + (opt_nop()+opt_ws(ws_s) if ws_s is not None else b'')
    c.add(t, 'C', cisn, 0, 'S', cwin, opts=oc)
    c.add(t+0.010, 'S', sisn, cisn+1, 'SA', swin, opts=os_)
    if third: c.add(t+0.020, 'C', cisn+1, sisn+1, 'A', 512)

# E1: partial ack, ack covering multiple, ack beyond all
c = Conn(); hs(c)
c.add(0.100,'C',1001,5001,'A',512,100)   #4 1:100
c.add(0.101,'C',1101,5001,'A',512,100)   #5 101:100
c.add(0.102,'C',1201,5001,'A',512,100)   #6 201:100
c.add(0.110,'S',5001,1051,'A',512)       #7 partial ack 51
c.add(0.120,'S',5001,1101,'A',512)       #8 ack 101 -> acks 4? rtt from 0.100
c.add(0.130,'S',5001,1301,'A',512)       #9 ack 301 (covers 5 and 6) -> acks 6
c.add(0.140,'C',1301,5001,'A',512,100)   #10 301:100
c.add(0.150,'S',5001,1451,'A',512)       #11 ack 451 beyond all -> ack lost?
c.write('e1.pcap'); print(short('e1.pcap'))
