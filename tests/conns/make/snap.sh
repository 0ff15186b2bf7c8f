#!/bin/bash
# snap.sh LABEL -- append a labelled, timestamped snapshot of `ss $TCN_SSOPTS`
# taken inside the client namespace and inside the server namespace to
# $TCN_SSLOG.  Called by tcpapp.py's "snap:LABEL" step or by the make scripts.
# The "epoch" lines (wall clock, same clock as the pcap timestamps) are taken
# just before the first and just after the second ss call.
exec 9>>"$TCN_SSLOG.lock"; flock 9
t1=$(date +%s.%6N)
a=$(ip netns exec "$TCN_NSC" ss $TCN_SSOPTS)
b=$(ip netns exec "$TCN_NSS" ss $TCN_SSOPTS)
t2=$(date +%s.%6N)
{
    printf '=== %s\n' "$1"
    printf 'epoch %s %s\n' "$t1" "$t2"
    printf -- '--- %s (client 10.0.0.1 / fd00::1): ss %s\n%s\n' "$TCN_NSC" "$TCN_SSOPTS" "$a"
    printf -- '--- %s (server 10.0.0.2 / fd00::2): ss %s\n%s\n\n' "$TCN_NSS" "$TCN_SSOPTS" "$b"
} >> "$TCN_SSLOG"
