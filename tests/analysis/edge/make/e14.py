from pg import *
c = Conn(); hs(c)
c.add(0.03,'C',1001,5001,'A',512,100)     #4
c.add(0.04,'S',5001,1201,'A',512)         #5 beyond -> flag
c.add(0.05,'S',5001,1301,'A',512)         #6 beyond again -> no flag
c.add(0.06,'C',1101,5001,'A',512)         #7 client pure ack same ack: dup? seq 101 == nextseq 101
c.add(0.07,'C',1101,5001,'A',512)         #8 client dup again
c.add(0.08,'S',5001,1401,'A',512)         #9 beyond -> client dupacknum !=0 -> no flag
c.add(0.09,'S',5001,1401,'A',512,10)      #10 server data
c.add(0.10,'C',1101,5011,'A',512)         #11 client acks new -> dupacknum 0
c.add(0.11,'S',5011,1501,'A',512)         #12 beyond -> flag
c.write('e14.pcap'); print(short('e14.pcap'))
