#!/usr/bin/env python3
"""Check that every capture in tests/captures shows what it is supposed to.
Reads `tcpdump -n -S -r` (absolute sequence numbers) and `-e` / `-v` output.
Exit status 1 if any check fails.  Run after make-all.sh."""
import os, re, subprocess, sys

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FAIL = []

def td(pcap, *opts):
    r = subprocess.run(["tcpdump", "-n", "-r", pcap, *opts], capture_output=True, text=True,
                       env=dict(os.environ, TZ="GMT0"))
    return r.stdout, r.stderr

PKT = re.compile(r"^(\d+:\d+:\d+\.\d+) .*?(\S+)\.(\d+) > (\S+)\.(\d+): Flags \[([^\]]*)\](?:, seq (\d+)(?::(\d+))?)?(?:, ack (\d+))?.*?length (\d+)")

def pkts(pcap):
    out, _ = td(pcap, "-S")
    res = []
    for line in out.splitlines():
        m = PKT.match(line)
        if not m: continue
        t, sa, sp, da, dp, fl, seq, end, ack, ln = m.groups()
        h, mi, s = t.split(":")
        res.append(dict(t=int(h)*3600+int(mi)*60+float(s), src=(sa, int(sp)), dst=(da, int(dp)), flags=fl,
                        seq=int(seq) if seq else None, end=int(end) if end else None,
                        ack=int(ack) if ack else None, len=int(ln), line=line))
    return res

def check(name, cond, what):
    print(("ok   " if cond else "FAIL ") + name + ": " + what)
    if not cond: FAIL.append(name)

def linktype(pcap):
    _, err = td(pcap, "-c", "1")
    m = re.search(r"link-type (\S+)", err)
    return m.group(1) if m else None

def cksums(pcap):
    out, _ = td(pcap, "-v")
    return re.findall(r"cksum 0x[0-9a-f]+ \((correct|incorrect)", out)

def closing_checks(name, p, client):
    """generic: first three packets are a handshake from `client`"""
    check(name, p[0]["flags"] == "S" and p[0]["src"] == client, "packet 1 is the client SYN")
    check(name, p[1]["flags"] == "S." and p[1]["ack"] == p[0]["seq"] + 1, "packet 2 is SYN,ACK acking the SYN")
    check(name, p[2]["flags"] == "." and p[2]["src"] == client, "packet 3 is the client's ACK")

# 1. four-way close
p = pkts("handshake-data-4way.pcap"); C = ("10.0.0.1", 40001)
closing_checks("handshake-data-4way", p, C)
f1, a1, f2, a2 = p[-4:]
check("handshake-data-4way", f1["src"] == C and f1["flags"] == "F.", "client FIN (4th from last)")
check("handshake-data-4way", a1["src"] != C and a1["flags"] == "." and a1["ack"] == f1["seq"] + 1 and a1["len"] == 0,
      "server's bare ACK of the client FIN")
check("handshake-data-4way", f2["src"] != C and f2["flags"] == "F." and f2["t"] - a1["t"] > 0.5, "server FIN ~1 s later")
check("handshake-data-4way", a2["src"] == C and a2["flags"] == "." and a2["ack"] == f2["seq"] + 1, "client ACKs server FIN")
check("handshake-data-4way", any(x["len"] > 0 and x["src"] == C for x in p) and any(x["len"] > 0 and x["src"] != C for x in p), "data both ways")
check("handshake-data-4way", set(cksums("handshake-data-4way.pcap")) == {"correct"}, "all checksums correct")

# 2. three-way close
p = pkts("close-3way.pcap"); C = ("10.0.0.1", 40002)
closing_checks("close-3way", p, C)
f1, f2, a = p[-3:]
check("close-3way", f1["src"] == C and f1["flags"] == "F.", "client FIN")
check("close-3way", f2["src"] != C and f2["flags"] == "F." and f2["ack"] == f1["seq"] + 1, "server FIN carries ACK of client FIN")
check("close-3way", a["src"] == C and a["flags"] == "." and a["ack"] == f2["seq"] + 1, "client's final ACK")
check("close-3way", set(cksums("close-3way.pcap")) == {"incorrect"}, "checksums not filled in (offload on)")

# 3. RST
p = pkts("rst-after-data.pcap"); C = ("10.0.0.1", 40003)
closing_checks("rst-after-data", p, C)
check("rst-after-data", p[-1]["src"] == C and p[-1]["flags"] == "R.", "last packet: client RST,ACK")
check("rst-after-data", not any("F" in x["flags"] for x in p), "no FIN at all")
check("rst-after-data", set(cksums("rst-after-data.pcap")) == {"correct"}, "all checksums correct")

# 4. refused
p = pkts("refused.pcap")
check("refused", len(p) == 2 and p[0]["flags"] == "S" and p[1]["flags"] == "R." and p[1]["ack"] == p[0]["seq"] + 1 and p[1]["dst"][1] == 40004,
      "SYN answered by RST,ACK acking it")

# 5. IPv6
out, _ = td("ipv6.pcap")
p = pkts("ipv6.pcap"); C = ("fd00::1", 40005)
check("ipv6", all(l.split()[1] == "IP6" for l in out.splitlines()), "every packet is IP6")
closing_checks("ipv6", p, C)
check("ipv6", [x["flags"] for x in p[-3:]] == ["F.", "F.", "."], "close: FIN, FIN+ACK, ACK")
check("ipv6", set(cksums("ipv6.pcap")) == {"correct"}, "all checksums correct")

# 6/7. VLAN / QinQ
for name, lit in (("vlan", "ethertype 802.1Q (0x8100), length N: vlan 100, p 0, ethertype IPv4"),
                  ("qinq", "ethertype 802.1Q-QinQ (0x88a8), length N: vlan 200, p 0, ethertype 802.1Q (0x8100), vlan 100, p 0, ethertype IPv4")):
    pat = re.escape(lit).replace("N", r"\d+")
    out, _ = td(name + ".pcap", "-e")
    lines = out.splitlines()
    check(name, len(lines) >= 8 and all(re.search(pat, l) for l in lines), "every frame tagged: " + lit)
    p = pkts(name + ".pcap")
    check(name, len({x["src"] for x in p}) == 2, "frames in both directions")
    check(name, set(cksums(name + ".pcap")) == {"correct"}, "all checksums correct")

# 8. any
check("sll2-any", linktype("sll2-any.pcap") == "LINUX_SLL2", "link type LINUX_SLL2")
check("sll-any", linktype("sll-any.pcap") == "LINUX_SLL", "link type LINUX_SLL")
for n in ("sll2-any", "sll-any"):
    p = pkts(n + ".pcap")
    closing_checks(n, p, ("127.0.0.1", 40008 if n == "sll2-any" else 40009))

# 9. simultaneous close
p = pkts("simultaneous-close.pcap"); C = ("10.0.0.1", 40010)
fins = [x for x in p if "F" in x["flags"]]
check("simultaneous-close", len(fins) == 2 and fins[0]["src"] != fins[1]["src"], "one FIN from each side")
if len(fins) == 2:
    a, b = fins
    check("simultaneous-close", a["ack"] != b["seq"] + 1 and b["ack"] != a["seq"] + 1,
          "FINs crossed: neither FIN acknowledges the other FIN")
    acks = [x for x in p if x["t"] >= b["t"] and x["flags"] == "."]
    check("simultaneous-close", any(x["src"] == a["src"] and x["ack"] == b["seq"] + 1 for x in acks) and
          any(x["src"] == b["src"] and x["ack"] == a["seq"] + 1 for x in acks), "each side then ACKs the other's FIN")

# 10. lossy
p = pkts("lossy.pcap"); C = ("10.0.0.1", 40011)
segs = [(x["seq"], x["end"]) for x in p if x["src"] == C and x["len"] > 0]
rtx = len(segs) - len(set(segs))
out, _ = td("lossy.pcap")
sack = sum(1 for l in out.splitlines() if "sack " in l)
dup = 0
srv = [x for x in p if x["src"] != C and x["flags"] == "." and x["len"] == 0]
for i in range(1, len(srv)):
    if srv[i]["ack"] == srv[i-1]["ack"]: dup += 1
total = max(x["end"] for x in p if x["src"] == C and x["end"]) - p[0]["seq"] - 1
check("lossy", total == 204800, "204800 bytes transferred")
check("lossy", rtx >= 2, "%d retransmitted segments" % rtx)
check("lossy", dup >= 3, "%d duplicate ACKs" % dup)
check("lossy", sack >= 3, "%d ACKs with SACK blocks" % sack)
check("lossy", set(cksums("lossy.pcap")) == {"correct"}, "all checksums correct")

# 11. http demo
p = pkts("http-8080.pcap"); C = ("10.0.0.1", 40012)
out, _ = td("http-8080.pcap", "-v")
closing_checks("http-8080", p, C)
check("http-8080", len(p) <= 15, "%d packets" % len(p))
check("http-8080", "GET / HTTP/1.1" in out and "HTTP/1.1 200 OK" in out, "HTTP request and response decoded with -v")
check("http-8080", sum("F" in x["flags"] for x in p) == 2 and p[-1]["flags"] == ".", "clean FIN/FIN/ACK close")
dp = os.path.join("..", "..", "data", "handshake.pcap")
check("http-8080", os.path.exists(dp) and open(dp, "rb").read() == open("http-8080.pcap", "rb").read(), "data/handshake.pcap is identical")

print("\n%d failure(s)" % len(FAIL) if FAIL else "\nall checks passed")
sys.exit(1 if FAIL else 0)
