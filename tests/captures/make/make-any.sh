#!/bin/bash
# sll2-any.pcap / sll-any.pcap: a short loopback connection 127.0.0.1.40008 ->
# 127.0.0.1.5001 inside a private namespace (only "lo" exists there), captured
# with `tcpdump -i any`.  Usage: make-any.sh sll2|sll
#   sll2: tcpdump -i any                 (tcpdump 4.99.3 + libpcap 1.10.3 pick
#         LINUX_SLL2 for "any" by default: "data link type LINUX_SLL2")
#   sll : tcpdump -i any -y LINUX_SLL
# Loopback checksum offload is left ON (the kernel default for lo), so TCP
# checksums are not filled in and tcpdump -v reports them "incorrect".
KIND=${1:?sll2 or sll}
case $KIND in
  sll2) YOPT=(); CPORT=40008 ;;
  sll)  YOPT=(-y LINUX_SLL); CPORT=40009 ;;
  *) echo "usage: $0 sll2|sll" >&2; exit 2 ;;
esac
. "$(dirname "$0")/lib.sh"
mkns tlc-lo
bg ip netns exec tlc-lo $APP server 127.0.0.1 5001 recv "send:$KIND reply\n" recv-eof close
wait_listen tlc-lo 5001
capture tlc-lo any "$TMPD/raw.pcap" "${YOPT[@]}"
ip netns exec tlc-lo $APP client --bind 127.0.0.1:$CPORT 127.0.0.1 5001 "send:$KIND request\n" recv shutdown recv-eof close
wait "${PIDS[0]}"
stop_capture
finish "$TMPD/raw.pcap" "$OUTDIR/$KIND-any.pcap" tcp
