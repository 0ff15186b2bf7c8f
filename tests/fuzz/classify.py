#!/usr/bin/env python3
"""classify.py - group the mismatches found by diff.sh by their first
differing line.

    tests/fuzz/classify.py RESULT_DIR > RESULT_DIR/classified.tsv

For every run that is not "same" it prints: cause (from RULES below, or
"unassigned"), signature, file, options, exit statuses, the first differing
line of tcpdump and of tcplens.  The signature is the text
around the first differing character of that line on both sides, with
numbers folded to N, so that runs with the same cause share a signature.
"""
import os
import re
import sys


def fold(s):
    s = re.sub(r"0x[0-9a-fA-F]+", "0xN", s)
    s = re.sub(r"[0-9a-f]{4}(?= |$)", "H", s)
    return re.sub(r"\d+", "N", s)


def first_diff(exp, act):
    n = max(len(exp), len(act))
    for i in range(n):
        e = exp[i] if i < len(exp) else None
        a = act[i] if i < len(act) else None
        if e != a:
            return i, e, a
    return None, None, None


def signature(e, a):
    if e is None:
        return "EXTRA-LINE|" + fold(a[:40])
    if a is None:
        return "MISSING-LINE|" + fold(e[:40])
    p = 0
    while p < min(len(e), len(a)) and e[p] == a[p]:
        p += 1
    # back up to the start of the token
    q = p
    while q > 0 and e[q - 1] not in " ,[(":
        q -= 1
    ctx = e[max(0, q - 12):q]
    et = e[q:q + 24]
    at = a[q:q + 24]
    return "%s|%s|%s" % (fold(ctx), fold(et), fold(at))


# (cause, test on the first differing tcpdump line e, tcplens line a, options)
RULES = [
    ("app-protocol-decode",
     lambda e, a, o: re.search(r"length \d+(: (SSH|pptp)|\s*\[\|(ssh|domain|pptp|bgp)\]"
                               r"| \d+[+*%-]| \[prefix length|: HTTP)", e or "")
     and not re.search(r"(SSH|pptp|\[\|)", a or "")),
    ("mptcp-trunc-marker", lambda e, a, o: "[|mptcp]" in (e or "")
     and "[|tcp]" in (a or "")),
    ("sack-partial-blocks", lambda e, a, o: re.search(r"sack \d+ \{", e or "")
     and re.search(r"sack \d+  \[\|tcp\]", a or "")),
    ("opt-len-byte-past-header", lambda e, a, o: "[bad opt]" in (e or "")
     and "[|tcp]" in (a or "")),
    ("ip4-opt-list-capped", lambda e, a, o: "options (" in (e or "")
     and "options (" in (a or "") and len(e) > len(a)),
    ("ip6-opt-list-capped", lambda e, a, o: re.search(r"(HBH|DSTOPT) \(", e or "")
     and (e or "").count(")(") > (a or "").count(")(")),
    ("ip6-rthdr-cksum-dst", lambda e, a, o: "RT6" in (e or "")
     and "cksum" in (e or "") and "correct" in (e or "")),
    ("ip6-dstopt-unparsed-without-v", lambda e, a, o: (a or "").endswith("DSTOPT ")
     and "DSTOPT " in (e or "")),
    ("ip-proto-none", lambda e, a, o: "no next header" in (e or "")),
    ("ip6-jumbo-bytes-missing", lambda e, a, o: re.search(r"HBH .*truncated-ip6 -", e or "")
     and "HBH" in (a or "")),
    ("ip6-jumbo-overflow-trunc", lambda e, a, o: re.search(r"HBH .*\[\|ip6\]$", e or "")
     and "HBH" in (a or "")),
    ("frag6-length-underflow", lambda e, a, o: re.search(r"frag \(\S*\|\d{11,}\)", e or "")),
    ("frag6-trailing-space", lambda e, a, o: e is not None and a is not None
     and e.endswith(" ") and e.rstrip() == a.rstrip() and "frag (" in e),
    ("default-hexdump-q-A", lambda e, a, o: o in ("-q", "-A") and (
        (e or "").startswith("\t0x") or (a or "").startswith("\t0x"))),
    ("vxlan-trunc-before-flags", lambda e, a, o: "VXLAN [|vxlan]" in (e or "")
     and "VXLAN," in (a or "")),
    ("vxlan-trunc-vni-not-printed", lambda e, a, o: re.search(r"VXLAN, .* vni \d+$", e or "")
     and "VXLAN" in (a or "")),
    ("ip-in-ip-not-decoded", lambda e, a, o: re.search(r": (IPIP|IPv6), length", a or "")),
    ("sctp-dccp-no-addresses", lambda e, a, o: re.search(r"(SCTP|DCCP), length \d+$", a or "")
     and re.search(r"\.\d+: (sctp|DCCP)", e or "")),
    ("ip-proto-fallback-name", lambda e, a, o: re.search(r"  ip-proto-\d+ \d+$", e or "")
     or re.search(r"  nd \d+$", e or "")),
    ("non-tcp-protocol-summary", lambda e, a, o: re.search(
        r"[:\] ] ?(ICMP|IGMP|AH|ESP|UDP|GRE|PIM|OSPF|EGP|EIGRP|IGRP|RSVP|VRRP|PGM|Mobile IP|"
        r"Compressed IP|Ethernet|ICMP6), length \d+$|: mobility$", a or "")),
    ("non-tcp-ethertype-decode", lambda e, a, o: "Loopback" in (e or "")),
]


def cause_of(e, a, opts):
    for name, test in RULES:
        if test(e, a, opts):
            return name
    return "unassigned"


def main():
    res = sys.argv[1]
    runs = os.path.join(res, "runs")
    with open(os.path.join(res, "results.tsv")) as f:
        rows = [l.rstrip("\n").split("\t") for l in f]
    for name, opts, status, rc1, rc2 in rows:
        if status == "same":
            continue
        slug = (opts.replace("-", "").replace(" ", "_")) or "none"
        base = os.path.join(runs, "%s@%s" % (name, slug))
        with open(base + ".exp", errors="replace") as f:
            exp = f.read().split("\n")
        with open(base + ".act", errors="replace") as f:
            act = f.read().split("\n")
        if status == "crash":
            with open(base + ".err", errors="replace") as f:
                err = f.read()
            m = re.search(r"(ERROR: \w+Sanitizer: [\w-]+|runtime error: [^\n]*)",
                          err)
            sig = "CRASH|" + (m.group(1) if m else "rc=%s" % rc2)
            e = a = ""
        else:
            i, e, a = first_diff(exp, act)
            sig = signature(e, a)
        cause = "crash" if status == "crash" else cause_of(e, a, opts)
        cols = [cause, sig, name, opts, rc1, rc2, e or "", a or ""]
        print("\t".join(c.replace("\t", "\\t") for c in cols))


if __name__ == "__main__":
    main()
