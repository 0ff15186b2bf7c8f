from pg import *
c = Conn(); hs(c)
N=10003
for i in range(N):
    c.add(0.1+i*1e-5,'C',1001+10*i,5001,'A',512,10)
# ack exactly the 10001st segment end (index 10000) -> not on list
c.add(0.5,'S',5001,1001+10*10001,'A',512)
# ack of 9999th segment (index 9998) end? already removed. Send more data
c.add(0.6,'C',1001+10*N,5001,'A',512,10)
c.add(0.7,'S',5001,1001+10*(N+1),'A',512)
c.write('e5.pcap')
out = short('e5.pcap').splitlines()
print('\n'.join(out[:6])); print('\n'.join(out[9995:]))
