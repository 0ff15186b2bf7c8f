#!/usr/bin/env python3
"""make_corpus.py - copy a compact, diverse selection of the variants written
by make_variants.py into tests/golden/fuzz/, with tcpdump's expected output,
and list them in tests/golden/CASES.tsv.

    tests/fuzz/make_corpus.py VARIANT_DIR [TCPDUMP]

Each selected capture gets one or two option sets; every (capture, options)
pair becomes a row "name, fuzz/X.pcap, fuzz/X[-SUFFIX].out, options" of
tests/golden/CASES.tsv (rows whose capture is under fuzz/ are replaced, the
others kept).  Expected output is whatever tcpdump prints on stdout
(TZ=GMT0 tcpdump -# -n -r X.pcap OPTIONS), even when it exits non-zero.

Left out on purpose: SLL2 captures (tcpdump prints the local name of the
interface index), and variants whose mismatch is by design (tcpdump decoding
an application protocol such as SSH or DNS, or a non-TCP protocol that
tcplens only summarises).
"""
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(os.path.dirname(HERE), "golden")
OUTDIR = os.path.join(GOLDEN, "fuzz")

# ---------------------------------------------------------------- selection
# Cuts: (seed key, [(region, offset, options...)]).  The caplen is the offset
# from the start of the region: "ip" (outer IP header), "tcp" (TCP header),
# "opt" (TCP options, tcp+20), "pay" (TCP payload).
CUTS = [
    ("syn4", [("ip", 9, "", "-v"), ("tcp", 13, "", "-q"),
              ("tcp", 19, "-v"), ("opt", 3, ""), ("opt", 10, "", "-vv")]),
    ("data4", [("tcp", 16, ""), ("opt", 6, "-v"), ("pay", 2, "", "-x")]),
    ("syn6", [("ip", 30, ""), ("tcp", 14, "-v"), ("opt", 9, "")]),
    ("vlan-syn4", [("ip", 0, "-e"), ("tcp", 2, "")]),
    ("raw-syn4", [("ip", 19, "-v"), ("tcp", 12, "")]),
    ("sack4", [("opt", 5, ""), ("opt", 12, "", "-v"), ("opt", 18, "")]),
    ("md5-4", [("opt", 10, ""), ("opt", 18, "-v")]),
    ("tfo4", [("opt", 8, "")]),
    ("mptcp4", [("opt", 3, ""), ("opt", 9, "-v")]),
    ("rst4", [("pay", 10, "-v"), ("pay", 0, "-v")]),
    ("http4", [("pay", 5, "", "-v"), ("pay", 30, "-v")]),
    ("ipopt4", [("ip", 22, "-v"), ("ip", 25, "-v")]),
    ("hbh6", [("ip", 42, "-v"), ("ip", 45, "")]),
    ("qinq-p1", [("tcp", 6, "-e")]),
    ("sll-any-p1", [("ip", 4, "")]),
    ("mptcp-v1-p3", [("opt", 21, "")]),
    ("accecn_handshake-p2", [("tcp", 13, "-v")]),
    ("tfo-5c1fa7f9ae91-p1", [("tcp", 22, "")]),
    ("mptcp-aa-echo-p1", [("opt", 30, "")]),
    ("mptcp-aa-v1-p6", [("opt", 34, "")]),
    ("gso-ipv6-vxlan-ipv6-p1", [("ip", 30, ""), ("tcp", 5, "")]),
    ("geneve-p3", [("ip", 36, "-v"), ("tcp", 8, "")]),
    ("scps_invalid-p1", [("opt", 2, "")]),
    ("beep-oobr-p2", [("tcp", 10, "")]),
    ("tcp_rst_data-p1", [("pay", 3, "-v")]),
]

# Whole variants: (variant name, [options]).  A "=" in the name renames:
# "variant=newname".
PICK = [
    # TCP data offset
    ("tcp-doff-0-syn", ["", "-v"]), ("tcp-doff-3-syn", [""]),
    ("tcp-doff-4-syn", ["-q"]), ("tcp-doff-6-syn", ["", "-vv"]),
    ("tcp-doff-15-syn", ["", "-v"]), ("tcp-doff-3-data", ["-v"]),
    ("tcp-doff-8-data", ["", "-x"]), ("tcp-doff-15-data", ["-A"]),
    ("tcp-doff-4-v6", ["-v"]), ("tcp-doff-15-v6", [""]),
    ("tcp-doff-15-q", ["-q"]), ("tcp-doff-2-nopay", ["-vv"]),
    # one option of every kind / length
    ("opt-k2-len3", [""]), ("opt-k2-len5", ["-v"]), ("opt-k3-len2", [""]),
    ("opt-k4-len3", [""]), ("opt-k5-len9", [""]), ("opt-k5-len255", [""]),
    ("opt-k8-len11", [""]), ("opt-k19-len17", [""]), ("opt-k20-len3", [""]),
    ("opt-k28-len3", [""]), ("opt-k29-len3", [""]), ("opt-k30-len3", [""]),
    ("opt-k34-len3", [""]), ("opt-k254-len3", [""]), ("opt-k255-len1", [""]),
    ("opt-k255-len41", [""]), ("opt-k69-len10", [""]),
    ("opt-k2-len2-then-ts", [""]), ("opt-k8-len11-then-ts", [""]),
    ("opt-k255-len4-then-ts=opt-k255-len4-then-ts", [""]),
    ("opt-k1-len3-then-ts", [""]), ("opt-k0-len255-then-ts", [""]),
    ("opt-k3-lastbyte", [""]), ("opt-k30-lastbyte", ["-v"]),
    ("opt-lastbyte-k8-pay00", ["", "-x"]), ("opt-lastbyte-k5-payff", [""]),
    ("opt-lastbyte-k2-nopay", [""]), ("opt-overrun-into-payload-len10", [""]),
    ("opt-overrun-nopay-len12", [""]),
    # SACK
    ("opt-sack-len-2", [""]), ("opt-sack-len-9", [""]),
    ("opt-sack-len-10", ["", "-S"]), ("opt-sack-len-42", [""]),
    ("opt-sack-len-255", [""]), ("opt-sack-flags-noack", [""]),
    ("opt-sack-flags-synack", ["-S"]), ("flow-sack-rel", ["", "-S"]),
    ("flow6-sack-rel", [""]), ("flow-sameport", [""]),
    ("opt-sack3-c66=opt-sack-3blk-trunc-66", [""]),
    ("opt-sack3-c74=opt-sack-3blk-trunc-74", [""]),
    # MSS / WS / TS / ... with wrong lengths, EOL, overruns
    ("opt-mss-len-3-mid", [""]), ("opt-ws-len-2-first", [""]),
    ("opt-ts-len-9-last", [""]), ("opt-sackok-len-3-mid", [""]),
    ("opt-uto-len-2-first", [""]), ("opt-md5-len-17-mid", [""]),
    ("opt-ao-len-3-first", [""]), ("opt-tfo-len-3-last", [""]),
    ("opt-scps-len-5-mid", [""]),
    ("opt-ts-overrun-2=opt-ts-overrun-doff", [""]), ("opt-eol-mid-syn", [""]),
    ("opt-eol-garbage-pa", [""]), ("opt-nop-40-syn", [""]),
    ("opt-uto-min-syn", [""]), ("opt-ao-mac-pa", [""]),
    ("opt-exp-tfo-cookie-syn", [""]), ("opt-exp-len2-syn", [""]),
    ("opt-tfo-cookie3-syn", [""]), ("opt-tfo-cookie18-syn", [""]),
    ("opt-md5-mid-pa", ["", "-v"]),
    ("opt-md5-payload-cut-138=opt-md5-payload-trunc-138", ["-v"]),
    # MPTCP
    ("mptcp-sub0-len12-syn", [""]), ("mptcp-sub0-len20-ack", [""]),
    ("mptcp-sub1-len12-syn", [""]), ("mptcp-sub1-len16-synack", [""]),
    ("mptcp-sub1-len24-ack", [""]), ("mptcp-sub2-len20-ack", [""]),
    ("mptcp-sub2-len4-syn", [""]), ("mptcp-sub3-len8-ack", [""]),
    ("mptcp-sub3-len16-ack", [""]), ("mptcp-sub4-len3-ack", [""]),
    ("mptcp-sub5-len12-ack", [""]), ("mptcp-sub6-len12-ack", [""]),
    ("mptcp-sub7-len16-ack", [""]), ("mptcp-sub8-len12-ack", [""]),
    ("mptcp-sub15-len8-ack", [""]), ("mptcp-dss-flags-1f", ["", "-v"]),
    ("mptcp-dss-flags-05-len12", [""]), ("mptcp-dss-flags-0b-len20", [""]),
    ("mptcp-sub4-then-ts-c62=mptcp-rmaddr-then-ts-trunc-62", [""]),
    ("mptcp-sub0-then-ts-c72=mptcp-capable-then-ts-trunc-72", [""]),
    ("mptcp-sub2-then-ts-c64=mptcp-dss-then-ts-trunc-64", ["-v"]),
    ("mptcp-sub3-then-badopt=mptcp-addaddr-then-badopt", [""]),
    # IPv4 header
    ("ip4-ihl-0", [""]), ("ip4-ihl-4", ["-v"]), ("ip4-ihl-6", ["-v"]),
    ("ip4-ihl-15", ["", "-v"]), ("ip4-tlen-0", ["", "-v"]),
    ("ip4-tlen-39", [""]), ("ip4-tlen-40", ["-v"]), ("ip4-tlen-79", ["-v"]),
    ("ip4-tlen-81", [""]), ("ip4-tlen-65535", [""]),
    ("ip4-tlen-0-raw", ["-v"]), ("ip4-eth-padding-junk", ["-x"]),
    ("ip4-badcsum", ["-v"]), ("ip4-badtcpcsum", ["-vv"]),
    ("ip4-proto-tcp-in-17", [""]),
    # IPv4 options
    ("ip4-opt-nop", ["-v"]), ("ip4-opt-rr", ["-v"]),
    ("ip4-opt-rr-len3", ["-v"]), ("ip4-opt-lsrr", ["-v"]),
    ("ip4-opt-ssrr-len2", ["-v"]), ("ip4-opt-ts-1", ["-v"]),
    ("ip4-opt-ts-3", ["-v"]), ("ip4-opt-ts-oflw", ["-v"]),
    ("ip4-opt-ra", ["-v"]), ("ip4-opt-ra-len3", ["-v"]),
    ("ip4-opt-unknown", ["-v"]), ("ip4-opt-len0", ["-v"]),
    ("ip4-opt-len-overrun", ["-v"]), ("ip4-opt-kind-last", ["-v"]),
    ("ip4-opt-nop12", ["-v"]), ("ip4-opt-nop13", ["-v"]),
    ("ip4-opt-nop11-ra", ["-v"]), ("ip4-opt-lsrr-n2-ckfinal", ["-v"]),
    # IPv4 fragments
    ("ip4-frag-mf", ["", "-v"]), ("ip4-frag-off8", [""]),
    ("ip4-frag-off8-mf", ["-v"]), ("ip4-frag-mf-short", [""]),
    ("ip4-frag-pair", [""]),
    # IPv6 header and extension headers
    ("ip6-plen-0", ["", "-v"]), ("ip6-plen-19", [""]), ("ip6-plen-59", [""]),
    ("ip6-plen-61", ["-v"]), ("ip6-plen-65535", [""]),
    ("ip6-version-4-in-86dd", [""]), ("ip6-class-flow", ["-v"]),
    ("ip6-short-hdr", [""]), ("ip6-badcsum", ["-v"]), ("ip6-hbh-pad1", ["-v"]),
    ("ip6-hbh-padn", ["", "-v"]), ("ip6-hbh-ra", ["-v"]),
    ("ip6-hbh-ra-len3", [""]), ("ip6-hbh-unknown-be", ["-v"]),
    ("ip6-hbh-overrun", [""]), ("ip6-dst-overrun", ["", "-v"]),
    ("ip6-dstbad-ra-badlen", [""]), ("ip6-hbh-jumbo-ok", ["", "-v"]),
    ("ip6-hbh-jumbo-small", ["-v"]), ("ip6-hbh-jumbo-ok-plen", ["-v"]),
    ("ip6-hbh-nojumbo-plen0", [""]),
    ("ip6-jumbo-10000=ip6-hbh-jumbo-65536-short", [""]),
    ("ip6-jumbo-ffffffff=ip6-hbh-jumbo-ffffffff", [""]),
    ("ip6-hbh-after-dst", [""]), ("ip6-hbh-pad1x14", ["-v"]),
    ("ip6-hbh-multi", ["-v"]), ("ip6-rt0-n2-sl1", ["", "-v"]),
    ("ip6-rt0-oddlen", [""]), ("ip6-rt2-n1-sl0", ["-v"]),
    ("ip6-rt4-n2-sl1", ["-v"]), ("ip6-rt4-tlv", ["-v"]),
    ("ip6-rt253-n1-sl1", ["-v"]), ("ip6-rt2-ckseg", ["-v"]),
    ("ip6-frag-first", ["", "-v"]), ("ip6-frag-later", [""]),
    ("ip6-frag-atomic", ["-v"]), ("ip6-hbh-frag-first", [""]),
    ("ip6-frag-only", [""]), ("ip6-frag-plen0", [""]),
    ("ip6-long-chain", ["-v"]), ("ip6-ext-len-overrun", [""]),
    ("ip6-hbh-nonext", [""]),
    # TCP flags
    ("tcp-flags-00", ["", "-vv"]), ("tcp-flags-02", ["-vv"]),
    ("tcp-flags-04", ["-v"]), ("tcp-flags-10", [""]), ("tcp-flags-12", [""]),
    ("tcp-flags-20", ["", "-S"]), ("tcp-flags-3f", ["-v"]),
    ("tcp-flags-c2", [""]), ("tcp-flags-ff", ["", "-vv"]),
    ("tcp-flags-00-nopay", ["", "-vv"]), ("tcp-flags-20-nopay", [""]),
    ("tcp-res-1", [""]), ("tcp-res-f", ["-v"]), ("tcp-urg-zero", [""]),
    ("tcp-noack-ackfield", ["-vv"]), ("tcp-ports-0", [""]),
    ("flow-flags-rel", ["", "-S"]), ("flow-first-badhdr", [""]),
    ("flow-first-cutopt", [""]), ("flow-first-doff3", [""]),
    ("flow-resyn", [""]), ("flow6-first-badhdr", [""]),
    # RST payloads
    ("rst-r-short", ["-v"]), ("rst-r-31", ["-v"]), ("rst-r-long", ["", "-v"]),
    ("rst-ra-binary", ["-v"]), ("rst-r-mixed", ["-v"]),
    ("rst-r-high-trunc", ["-v"]), ("rst-http-port80", ["", "-v"]),
    ("rst6-payload", ["-v"]),
    # HTTP
    ("http-get-d80", ["", "-v"]), ("http-get-lower-s8080", ["", "-v"]),
    ("http-post-d80", ["-v"]), ("http-resp-200-s8080", ["", "-v"]),
    ("http-foo-200-d80", [""]), ("http-get-lf-d80", ["-v"]),
    ("http-get-cr-x-d80", ["", "-v"]), ("http-get-cr-end-d80", [""]),
    ("http-get-nocrlf-s8080", [""]), ("http-get-ctrl-d80", [""]),
    ("http-token-129-d80", [""]), ("http-body-s8080", ["-v"]),
    ("http-get-trunc", ["", "-v"]), ("http-resp-200-trunc", ["-v"]),
    ("http6-get", [""]), ("http-iplen-short", [""]),
    ("http-get-2nd-binary-d80", ["-v"]),
    # link layers, tunnels
    ("link-vlan", ["-e"]), ("link-qinq", ["", "-e"]), ("link-null-v6", ["-e"]),
    ("link-sll", ["-e"]), ("link-6in4", [""]),
    ("link-ethertype-88b5", ["-A", "-q"]),
    ("vxlan-flags-i-c42=vxlan-trunc-42", [""]),
    ("vxlan-flags-i-c49=vxlan-trunc-49", [""]), ("vxlan-flags-none", [""]),
    ("geneve-c46=geneve-trunc-46", [""]),
    # pcap record edges
    ("pcap-ts-zero", [""]), ("pcap-ts-max", [""]), ("pcap-ts-usec-1e6", [""]),
    ("pcap-origlen-short", [""]),
    # no TCP header: tcpdump's fallbacks
    ("ip4-proto-0", [""]), ("ip4-nonext", [""]), ("ip4-proto-132", [""]),
    # random byte flips (pass and fail)
    ("flip-close-3way-p3-36", [""]), ("flip-data4-6", ["-v"]),
    ("flip-hbh6-35", ["-v"]), ("flip-http4-15", [""]),
    ("flip-ipv4_tcp_http_xml-p1-27", [""]), ("flip-mptcp-aa-v1-p5-35", [""]),
    ("flip-mptcp-v1-p5-36", [""]), ("flip-qinq-p3-7", ["-e"]),
    ("flip-rst4-19", ["-v"]), ("flip-sack4-4", [""]),
    ("flip-tfo-5c1fa7f9ae91-p13-17", [""]), ("flip-md5-4-27", [""]),
    ("flip-tfo4-9", [""]), ("flip-mptcp-aa-v1-p6-11", [""]),
]


def suffix(opts):
    return re.sub(r"[^A-Za-z0-9]", "", opts)


def load_manifest(vdir):
    rows = {}
    with open(os.path.join(vdir, "MANIFEST.tsv")) as f:
        next(f)
        for line in f:
            name, kind, note = line.rstrip("\n").split("\t")
            rows[name] = (kind, note)
    return rows


def cut_table(manifest):
    """seed key -> (ip, tcp, hlen) from the a-cut notes."""
    t = {}
    for name, (kind, note) in manifest.items():
        if kind != "a-cut":
            continue
        m = re.match(r"cut-(.*)-c\d+$", name)
        n = re.search(r"ip (\d+) tcp (\d+) hlen (\d+)", note)
        t[m.group(1)] = tuple(int(x) for x in n.groups())
    return t


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    vdir = sys.argv[1]
    tcpdump = sys.argv[2] if len(sys.argv) > 2 else "/usr/bin/tcpdump"
    manifest = load_manifest(vdir)
    cuts = cut_table(manifest)
    sel = []   # (variant, new name, [opts])
    for key, spots in CUTS:
        ip, tcp, hlen = cuts[key]
        base = {"ip": ip, "tcp": tcp, "opt": tcp + 20, "pay": tcp + hlen}
        for spot in spots:
            region, off, opts = spot[0], spot[1], list(spot[2:])
            c = base[region] + off
            sel.append(("cut-%s-c%d" % (key, c),
                        "cut-%s-%s%d" % (key, region, off), opts))
    for name, opts in PICK:
        old, _, new = name.partition("=")
        sel.append((old, new or old, opts))

    os.makedirs(OUTDIR, exist_ok=True)
    for f in os.listdir(OUTDIR):
        if f.endswith((".pcap", ".out")):
            os.remove(os.path.join(OUTDIR, f))
    rows = []
    seen = set()
    for old, new, optsets in sel:
        src = os.path.join(vdir, old + ".pcap")
        if not os.path.exists(src) or new in seen:
            sys.exit("missing or duplicate variant: %s (%s)" % (old, new))
        seen.add(new)
        shutil.copyfile(src, os.path.join(OUTDIR, new + ".pcap"))
        for opts in optsets:
            case = new + ("-" + suffix(opts) if opts else "")
            out = case + ".out"
            with open(os.path.join(OUTDIR, out), "wb") as f:
                subprocess.run([tcpdump, "-#", "-n", "-r",
                                os.path.join(OUTDIR, new + ".pcap")] +
                               opts.split(), stdout=f,
                               stderr=subprocess.DEVNULL,
                               env=dict(os.environ, TZ="GMT0"))
            rows.append((case, "fuzz/%s.pcap" % new, "fuzz/" + out, opts))

    cases = os.path.join(GOLDEN, "CASES.tsv")
    with open(cases) as f:
        lines = f.read().splitlines()
    keep = [l for l in lines if not (len(l.split("\t")) > 1 and
                                     l.split("\t")[1].startswith("fuzz/"))]
    with open(cases, "w") as f:
        for l in keep + ["\t".join(r) for r in rows]:
            f.write(l + "\n")
    size = sum(os.path.getsize(os.path.join(OUTDIR, x))
               for x in os.listdir(OUTDIR))
    print("%d captures, %d cases, %d bytes in %s"
          % (len(seen), len(rows), size, OUTDIR))


if __name__ == "__main__":
    main()
