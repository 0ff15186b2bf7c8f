from pg import *
c = Conn(); hs(c)
t=0.1
# 4..8: five segments of 100
for i in range(5):
    c.add(t+i*0.001,'C',1001+100*i,5001,'A' if i!=2 else 'PA',512,100)
# 9: server ack 101 with SACK 201-301 (1 block) -> affects next client BiF
c.add(0.2,'S',5001,1101,'A',512,opts=opt_nop()+opt_nop()+opt_sack([(1201,1301)]))
# 10: client data 501:100 -> BiF = (601-101) - 100 = 400
c.add(0.21,'C',1501,5001,'A',512,100)
# 11: server ack 101 with 4 SACK blocks (without TS so 4 fit: 2+32=34 -> 36 w/ 2 nops)
c.add(0.22,'S',5001,1101,'A',512,opts=opt_nop()+opt_nop()+opt_sack([(1201,1211),(1301,1321),(1401,1431),(1501,1541)]))
# 12: client data 601:100 -> BiF = (701-101) - (10+20+30) [4th ignored?] = 540, or 500 if all 4
c.add(0.23,'C',1601,5001,'A',512,100)
# 13: client FIN with data 701:50 -> BiF = in_flight - 1 ?
c.add(0.24,'C',1701,5001,'FA',512,50)
# 14: server pure ack (no SACK) ack 101 -> dup ack? window same, seq same... 
c.add(0.25,'S',5001,1101,'A',512)
# 15: client retransmits 101:100 -> BiF (no SACK now)
c.add(0.26,'C',1101,5001,'A',512,100)
c.write('e4.pcap'); print(short('e4.pcap'))
