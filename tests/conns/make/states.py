#!/usr/bin/env python3
"""Hand-derived ground truth for the captures in tests/conns.

Everything in this file was written by hand after reading each capture's
tcpdump output (NAME.tcpdump.txt); nothing here is computed.  check.py verifies
the transcribed direction/flags/stream of every frame against the pcap and
compares the states with an independent little state machine; tables.py prints
the README tables; cases.py writes CASES.tsv.

Per frame: "FRAME STREAM DIR FLAGS CLIENT SERVER" where DIR is c>s
(client>server) or s>c, FLAGS is tcpdump's notation, and CLIENT/SERVER are the
RFC 9293 states of the client and of the server AFTER that frame, as a passive
observer infers them (each packet assumed delivered).  Abbreviations:
"""
AB = {"C": "CLOSED", "L": "LISTEN", "SS": "SYN_SENT", "SR": "SYN_RCVD", "E": "ESTABLISHED",
      "F1": "FIN_WAIT_1", "F2": "FIN_WAIT_2", "CW": "CLOSE_WAIT", "CG": "CLOSING",
      "LA": "LAST_ACK", "TW": "TIME_WAIT"}

# common frame 1-3 (handshake) and 4-7 (one request/response)
HS = """1 0 c>s S SS C
2 0 s>c S. E SR
3 0 c>s . E E"""
RR = """4 0 c>s P. E E
5 0 s>c . E E
6 0 s>c P. E E
7 0 c>s . E E"""
RR2 = RR + """
8 0 c>s P. E E
9 0 s>c . E E
10 0 s>c P. E E
11 0 c>s . E E"""

def shift(block, df, stream):
    out = []
    for l in block.splitlines():
        f, s, rest = l.split(" ", 2)
        out.append("%d %d %s" % (int(f) + df, stream, rest))
    return "\n".join(out)

# CAPTURES[name] = dict(rows=..., streams={stream: (handshake, close, first_closer,
#                       client_final, server_final, note)})
CAPTURES = {
"close4-client-first": dict(rows=HS + "\n" + RR2 + """
12 0 c>s F. F1 CW
13 0 s>c . F2 CW
14 0 s>c F. TW LA
15 0 c>s . TW C""", streams={0: ("complete", "four-way", "client", "TIME_WAIT", "CLOSED", "")}),

"close4-server-first": dict(rows=HS + "\n" + RR2 + """
12 0 s>c F. CW F1
13 0 c>s . CW F2
14 0 c>s F. LA TW
15 0 s>c . C TW""", streams={0: ("complete", "four-way", "server", "CLOSED", "TIME_WAIT", "")}),

"close3-client-first": dict(rows=HS + "\n" + RR + """
8 0 c>s F. F1 CW
9 0 s>c F. TW LA
10 0 c>s . TW C""", streams={0: ("complete", "three-way", "client", "TIME_WAIT", "CLOSED", "")}),

"close3-server-first": dict(rows=HS + "\n" + RR + """
8 0 s>c F. CW F1
9 0 c>s F. LA TW
10 0 s>c . C TW""", streams={0: ("complete", "three-way", "server", "CLOSED", "TIME_WAIT", "")}),

"refused": dict(rows="""1 0 c>s S SS C
2 0 s>c R. C C""", streams={0: ("refused", "reset", "server", "CLOSED", "CLOSED",
                            "no listener; the RST/ACK answers the SYN")}),

"rst-abort-client": dict(rows=HS + "\n" + RR + """
8 0 c>s R. C C""", streams={0: ("complete", "reset", "client", "CLOSED", "CLOSED", "SO_LINGER {1,0} close() by the client")}),

"rst-abort-server": dict(rows=HS + "\n" + RR + """
8 0 s>c R. C C""", streams={0: ("complete", "reset", "server", "CLOSED", "CLOSED", "SO_LINGER {1,0} close() by the server")}),

"half-close-data": dict(rows=HS + """
4 0 c>s P. E E
5 0 s>c . E E
6 0 c>s F. F1 CW
7 0 s>c . F2 CW
8 0 s>c P. F2 CW
9 0 c>s . F2 CW
10 0 s>c P. F2 CW
11 0 c>s . F2 CW
12 0 s>c P. F2 CW
13 0 c>s . F2 CW
14 0 s>c P. F2 CW
15 0 c>s . F2 CW
16 0 s>c P. F2 CW
17 0 c>s . F2 CW
18 0 s>c F. TW LA
19 0 c>s . TW C""", streams={0: ("complete", "four-way", "client", "TIME_WAIT", "CLOSED",
                              "5 server data segments (105 bytes) after the client's FIN")}),

"close-wait": dict(rows=HS + "\n" + RR + """
8 0 c>s F. F1 CW
9 0 s>c . F2 CW""", streams={0: ("complete", "half-closed", "client", "FIN_WAIT_2", "CLOSE_WAIT",
                              "server never closes; capture ends ~1.9 s after the ACK of the FIN")}),

"syn-unanswered": dict(rows="""1 0 c>s S SS C
2 0 c>s S SS C
3 0 c>s S SS C
4 0 c>s S SS C""", streams={0: ("syn-only", "open", "-", "SYN_SENT", "CLOSED",
                              "SYN + 3 retransmissions at ~1 s intervals; no answer, no close seen; ss showed the listener in LISTEN, which the wire never reveals")}),

"port-reuse": dict(rows=HS + """
4 0 c>s P. E E
5 0 s>c . E E
6 0 s>c P. E E
7 0 c>s . E E
8 0 c>s F. F1 CW
9 0 s>c F. TW LA
10 0 c>s . TW C
""" + shift(HS + """
4 0 c>s P. E E
5 0 s>c . E E
6 0 s>c P. E E
7 0 c>s . E E
8 0 c>s F. F1 CW
9 0 s>c F. TW LA
10 0 c>s . TW C""", 10, 1), streams={
    0: ("complete", "three-way", "client", "TIME_WAIT", "CLOSED", "same 4-tuple as stream 1; the client's TIME_WAIT was taken over by stream 1"),
    1: ("complete", "three-way", "client", "TIME_WAIT", "CLOSED", "same 4-tuple as stream 0; SYN 2.2 s after stream 0's last ACK; ISN = old snd_nxt + 65537")}),

"port-reuse-server-tw": dict(rows=HS + """
4 0 c>s P. E E
5 0 s>c . E E
6 0 s>c P. E E
7 0 c>s . E E
8 0 s>c F. CW F1
9 0 c>s F. LA TW
10 0 s>c . C TW
""" + shift(HS + """
4 0 c>s P. E E
5 0 s>c . E E
6 0 s>c P. E E
7 0 c>s . E E
8 0 s>c F. CW F1
9 0 c>s F. LA TW
10 0 s>c . C TW""", 10, 1), streams={
    0: ("complete", "three-way", "server", "CLOSED", "TIME_WAIT", "same 4-tuple as stream 1; the server's TIME_WAIT accepted stream 1's SYN"),
    1: ("complete", "three-way", "server", "CLOSED", "TIME_WAIT", "same 4-tuple as stream 0; server ISN = its old snd_nxt + 65537")}),

"simultaneous-close": dict(rows=HS + "\n" + RR + """
8 0 c>s F. F1 CW
9 0 s>c F. CG CG
10 0 c>s . CG TW
11 0 s>c . TW TW""", streams={0: ("complete", "simultaneous", "client", "TIME_WAIT", "TIME_WAIT",
                               "FINs cross: frame 9 (server FIN) does not ack the client's FIN; client FIN is first in the capture")}),

"simultaneous-open": dict(rows="""1 0 c>s S SS C
2 0 s>c S SR SR
3 0 c>s S. SR E
4 0 s>c S. E E
5 0 c>s . E E
6 0 s>c . E E
7 0 c>s P. E E
8 0 s>c . E E
9 0 s>c P. E E
10 0 c>s . E E
11 0 c>s F. F1 CW
12 0 s>c F. TW LA
13 0 c>s . TW C""", streams={0: ("simultaneous-open", "three-way", "client", "TIME_WAIT", "CLOSED",
                               "SYNs cross; no listener on either side; 'client' = 10.0.0.1, whose SYN is first")}),

"multi": dict(rows="""1 0 c>s S SS C
2 0 s>c S. E SR
3 0 c>s . E E
4 1 c>s S SS C
5 1 s>c S. E SR
6 1 c>s . E E
7 0 c>s P. E E
8 0 s>c . E E
9 2 c>s S SS C
10 2 s>c S. E SR
11 2 c>s . E E
12 1 c>s P. E E
13 1 s>c . E E
14 0 s>c P. E E
15 0 c>s . E E
16 3 c>s S SS C
17 3 s>c S. E SR
18 3 c>s . E E
19 2 c>s P. E E
20 2 s>c . E E
21 1 s>c P. E E
22 1 c>s . E E
23 4 c>s S SS C
24 4 s>c R. C C
25 3 c>s P. E E
26 3 s>c . E E
27 2 s>c P. E E
28 2 c>s . E E
29 3 s>c P. E E
30 3 c>s . E E
31 0 c>s F. F1 CW
32 0 s>c . F2 CW
33 1 c>s F. F1 CW
34 1 s>c F. TW LA
35 1 c>s . TW C
36 2 c>s R. C C
37 0 s>c F. TW LA
38 0 c>s . TW C""", streams={
    0: ("complete", "four-way", "client", "TIME_WAIT", "CLOSED", "A 41131->5131"),
    1: ("complete", "three-way", "client", "TIME_WAIT", "CLOSED", "B 41132->5132"),
    2: ("complete", "reset", "client", "CLOSED", "CLOSED", "C 41133->5133"),
    3: ("complete", "open", "-", "ESTABLISHED", "ESTABLISHED", "D 41134->5134, still open when the capture stops"),
    4: ("refused", "reset", "server", "CLOSED", "CLOSED", "E 41135->5135, no listener")}),

"ipv6-close4": dict(rows=HS + "\n" + RR + """
8 0 c>s F. F1 CW
9 0 s>c . F2 CW
10 0 s>c F. TW LA
11 0 c>s . TW C""", streams={0: ("complete", "four-way", "client", "TIME_WAIT", "CLOSED", "IPv6 fd00::1.41014 -> fd00::2.5014")}),

"close-wait-leak": dict(rows=HS + "\n" + RR + """
8 0 c>s F. F1 CW
9 0 s>c . F2 CW
""" + shift(HS + "\n" + RR + """
8 0 c>s F. F1 CW
9 0 s>c . F2 CW""", 9, 1) + "\n" + shift(HS + "\n" + RR + """
8 0 c>s F. F1 CW
9 0 s>c . F2 CW""", 18, 2) + "\n" + shift(HS + "\n" + RR + """
8 0 c>s F. F1 CW
9 0 s>c F. TW LA
10 0 c>s . TW C""", 27, 3), streams={
    0: ("complete", "half-closed", "client", "FIN_WAIT_2", "CLOSE_WAIT", "41021->8011; the server application never closes"),
    1: ("complete", "half-closed", "client", "FIN_WAIT_2", "CLOSE_WAIT", "41022->8011; the server application never closes"),
    2: ("complete", "half-closed", "client", "FIN_WAIT_2", "CLOSE_WAIT", "41023->8011; the server application never closes"),
    3: ("complete", "three-way", "client", "TIME_WAIT", "CLOSED", "41024->5024, a healthy server, 1.8 s after the last leak")}),
}

# Zeek conn_state and history per (capture, stream), derived by hand from the
# tcpdump output with Zeek's letter rules (../../../../shared/spec/anchors.md
# section 2): the first S/H, A, D, F, R of each direction, upper case for the
# client; a retransmitted SYN (same ISN) adds no letter; simultaneous open: the
# SYN/ACKs repeat the SYNs' ISNs, so they add no H either.
ZEEK = {
    ("close4-client-first", 0): ("SF", "ShADadFf"),
    ("close4-server-first", 0): ("SF", "ShADadfF"),
    ("close3-client-first", 0): ("SF", "ShADadFf"),
    ("close3-server-first", 0): ("SF", "ShADadfF"),
    ("refused", 0): ("REJ", "Sr"),
    ("rst-abort-client", 0): ("RSTO", "ShADadR"),
    ("rst-abort-server", 0): ("RSTR", "ShADadr"),
    ("half-close-data", 0): ("SF", "ShADaFdf"),
    ("close-wait", 0): ("S2", "ShADadF"),
    ("syn-unanswered", 0): ("S0", "S"),
    ("port-reuse", 0): ("SF", "ShADadFf"),
    ("port-reuse", 1): ("SF", "ShADadFf"),
    ("port-reuse-server-tw", 0): ("SF", "ShADadfF"),
    ("port-reuse-server-tw", 1): ("SF", "ShADadfF"),
    ("simultaneous-close", 0): ("SF", "ShADadFf"),
    ("simultaneous-open", 0): ("SF", "SsAaDdFf"),
    ("multi", 0): ("SF", "ShADadFf"),
    ("multi", 1): ("SF", "ShADadFf"),
    ("multi", 2): ("RSTO", "ShADadR"),
    ("multi", 3): ("S1", "ShADad"),
    ("multi", 4): ("REJ", "Sr"),
    ("ipv6-close4", 0): ("SF", "ShADadFf"),
    ("close-wait-leak", 0): ("S2", "ShADadF"),
    ("close-wait-leak", 1): ("S2", "ShADadF"),
    ("close-wait-leak", 2): ("S2", "ShADadF"),
    ("close-wait-leak", 3): ("SF", "ShADadFf"),
}

ORDER = ["close4-client-first", "close4-server-first", "close3-client-first", "close3-server-first",
         "refused", "rst-abort-client", "rst-abort-server", "half-close-data", "close-wait",
         "syn-unanswered", "port-reuse", "port-reuse-server-tw", "simultaneous-close",
         "simultaneous-open", "multi", "ipv6-close4", "close-wait-leak"]

def rows(name):
    out = []
    for l in CAPTURES[name]["rows"].strip().splitlines():
        f, s, d, fl, c, sv = l.split()
        out.append(dict(frame=int(f), stream=int(s), dir=d, flags=fl, client=AB[c], server=AB[sv]))
    return out
