from pg import *
c = Conn(); 
c.add(0,'C',1000,0,'S',65535,b'syn-data',opts=opt_mss(1460))   #1 SYN with data
c.add(0.01,'S',5000,1009,'SA',65535,opts=opt_mss(1460))  #2
c.add(0.02,'C',1009,5001,'A',512)                        #3
c.add(0.03,'C',1009,5001,'A',512,10)   #4 normal
c.add(0.031,'C',1019,5001,'A',512,10)  #5
c.add(0.04,'S',5001,1019,'A',512); c.add(0.041,'S',5001,1019,'A',512); c.add(0.042,'S',5001,1019,'A',512)  #6-8 dupacks
c.add(0.045,'C',1019,5001,'A',512,10)  #9 fast retrans
c.add(0.05,'S',5001,1029,'A',512)      #10
c.add(0.3,'C',1019,5001,'A',512,10)    #11 spurious
c.add(0.31,'C',1039,5001,'A',512,10)   #12 lost (prev not captured)
c.add(0.311,'C',1029,5001,'A',512,10)  #13 OOO
c.add(0.6,'C',1029,5001,'A',512,10)    #14 retrans
c.add(0.61,'S',5001,1049,'A',0)        #15 zero window
c.add(0.7,'C',1049,5001,'A',512,1)     #16 ZWP
c.add(0.71,'S',5001,1050,'A',512)      #17 
c.add(5.0,'C',1049,5001,'A',512,1)     #18 keepalive with 1 byte (seq = nextseq-1? nextseq 1049 (ZWP doesn't advance) -> 1048?) 
c.add(5.1,'C',1050,5001,'FA',512,5)    #19 FIN with data
c.write('e18.pcap')
