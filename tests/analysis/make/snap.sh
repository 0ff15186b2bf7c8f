#!/bin/bash
# snap.sh LABEL -- append a labelled, timestamped snapshot of `ss $TAN_SSOPTS`
# (default -tinoem) taken inside the client namespace and inside the server
# namespace to $TAN_SSLOG.  Called by tcpapp.py's "snap:LABEL" step or by the
# make scripts.  The "epoch" lines (wall clock, same clock as the pcap
# timestamps) are taken just before the first and just after the second ss call.
exec 9>>"$TAN_SSLOG.lock"; flock 9
t1=$(date +%s.%6N)
a=$(ip netns exec "$TAN_NSC" ss $TAN_SSOPTS 2>/dev/null)
b=$(ip netns exec "$TAN_NSS" ss $TAN_SSOPTS 2>/dev/null)
t2=$(date +%s.%6N)
{
    printf '=== %s\n' "$1"
    printf 'epoch %s %s\n' "$t1" "$t2"
    printf -- '--- %s (client 10.0.0.1): ss %s\n%s\n' "$TAN_NSC" "$TAN_SSOPTS" "$a"
    printf -- '--- %s (server 10.0.0.2): ss %s\n%s\n\n' "$TAN_NSS" "$TAN_SSOPTS" "$b"
} >> "$TAN_SSLOG"
