#!/bin/bash
# close-wait-leak.pcap: a server on 10.0.0.2:8011 that never closes the
# connections its clients close.  Three clients (41021-41023, 0.3 s apart)
# each send a request, read the response and close(); the server's kernel
# ACKs each FIN, but the application keeps every socket ("keep"), so all
# three stay in CLOSE-WAIT (and the orphaned clients in FIN-WAIT-2).  About
# 2 s later a fourth client (41024) talks to a healthy server on port 5024,
# which closes normally, so the capture goes on after the leaks.
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server --accept 3 $S4 8011 recv sleep:0.05 'send:response\n' recv-eof keep
bg ip netns exec $NSS $APP server $S4 5024 recv sleep:0.05 'send:response\n' recv-eof close
wait_listen $NSS 8011
wait_listen $NSS 5024
capture $NSC veth-c "$TMPD/raw.pcap"
read -r T1 T2 T3 T4 < <(python3 -c 'import time; t=time.time()+0.5; print(*("%.3f" % (t+d) for d in (0, 0.3, 0.6, 2.6)))')
CL=()
for i in 1 2 3; do
    eval at=\$T$i
    ip netns exec $NSC $APP client --bind $C4:4102$i --at $at $S4 8011 'send:request\n' recv sleep:0.1 close & CL+=($!)
done
for p in "${CL[@]}"; do wait $p; done
sleep 0.5; snap three-close-wait
ip netns exec $NSC $APP client --bind $C4:41024 --at $T4 $S4 5024 'send:request\n' recv sleep:0.1 shutdown recv-eof close
sleep 0.3; snap end
stop_capture 0.2
finish "$TMPD/raw.pcap" close-wait-leak tcp
