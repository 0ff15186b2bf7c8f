#!/bin/bash
# multi.pcap: five connections from 10.0.0.1 to 10.0.0.2, started 0.1 s apart
# and interleaved in time (each has sleeps between its steps):
#   A 41131 -> 5131  request/response, four-way close (client first, server ACK
#                    alone, server FIN ~0.5 s later)
#   B 41132 -> 5132  request/response, three-way close (client first)
#   C 41133 -> 5133  request/response, client aborts with RST (SO_LINGER {1,0})
#   D 41134 -> 5134  request/response, then left open (capture stops first)
#   E 41135 -> 5135  nothing listens: SYN, RST/ACK (refused)
. "$(dirname "$0")/lib.sh"
two_ns
bg ip netns exec $NSS $APP server $S4 5131 recv sleep:0.1 'send:A response\n' recv-eof sleep:0.5 close
bg ip netns exec $NSS $APP server $S4 5132 recv sleep:0.1 'send:B response\n' recv-eof close
bg ip netns exec $NSS $APP server $S4 5133 recv sleep:0.1 'send:C response\n' recv-eof close
bg ip netns exec $NSS $APP server $S4 5134 recv sleep:0.1 'send:D response\n' recv-eof close
for p in 5131 5132 5133 5134; do wait_listen $NSS $p; done
capture $NSC veth-c "$TMPD/raw.pcap"
read -r TA TB TC TD TE < <(python3 -c 'import time; t=time.time()+1.0; print(*("%.3f" % (t+0.1*i) for i in range(5)))')
CL=()
ip netns exec $NSC $APP client --bind $C4:41131 --at $TA $S4 5131 sleep:0.15 'send:A request\n' recv sleep:0.3 shutdown recv-eof close & CL+=($!)
ip netns exec $NSC $APP client --bind $C4:41132 --at $TB $S4 5132 sleep:0.15 'send:B request\n' recv sleep:0.3 shutdown recv-eof close & CL+=($!)
ip netns exec $NSC $APP client --bind $C4:41133 --at $TC $S4 5133 sleep:0.15 'send:C request\n' recv sleep:0.3 linger0 close & CL+=($!)
bg ip netns exec $NSC $APP client --bind $C4:41134 --at $TD $S4 5134 sleep:0.15 'send:D request\n' recv sleep:30 close
ip netns exec $NSC $APP client --bind $C4:41135 --at $TE --expect-refused $S4 5135 & CL+=($!)
for p in "${CL[@]}"; do wait $p; done
sleep 0.3; snap end-D-still-open
stop_capture 0.2
finish "$TMPD/raw.pcap" multi tcp
