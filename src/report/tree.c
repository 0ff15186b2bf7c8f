/*
 * tree.c - the -V tree: the frame, link headers, IPv4 and IPv6 field by
 * field, UDP and ARP briefly, and the dispatch to tree_tcp.c.  Field
 * names and layout follow tshark -V; checksums are verified (Wireshark
 * leaves that off by default).
 */
#include "report/tree_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "source/frame.h"
#include "report/names.h"

struct tree_printer {
    struct sb *o;
    bool have_first;
    int64_t first_ns, prev_ns;
};

struct tree_printer *tree_new(struct sb *out)
{
    struct tree_printer *tp = calloc(1, sizeof *tp);
    if (tp)
        tp->o = out;
    return tp;
}

void tree_free(struct tree_printer *tp) { free(tp); }

/* Wireshark's labels hold at most 239 bytes (ITEM_LABEL_LENGTH less its
 * NUL); a longer one, such as a long option list, is cut there, on a
 * character boundary. */
#define LABEL_MAX 239

void tree_line(struct sb *o, int depth, const char *fmt, ...)
{
    for (int i = 0; i < depth; i++)
        sb_s(o, "    ");
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t n = strlen(buf);
    if (n > LABEL_MAX) {
        n = LABEL_MAX;
        while (n > 0 && ((unsigned char)buf[n] & 0xc0) == 0x80)
            n--; /* not inside a UTF-8 sequence */
    }
    sb_mem(o, buf, n);
    sb_ch(o, '\n');
}

void tree_bits(struct sb *o, int depth, uint32_t value, uint32_t mask, int width,
               const char *fmt, ...)
{
    for (int i = 0; i < depth; i++)
        sb_s(o, "    ");
    for (int b = width - 1; b >= 0; b--) {
        sb_ch(o, (mask >> b) & 1 ? ((value >> b) & 1 ? '1' : '0') : '.');
        if (b % 4 == 0 && b > 0)
            sb_ch(o, ' ');
    }
    sb_s(o, " = ");
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    sb_s(o, buf);
    sb_ch(o, '\n');
}

void tree_expert(struct sb *o, int depth, const char *severity, const char *group,
                 const char *text)
{
    tree_line(o, depth, "[Expert Info (%s/%s): %s]", severity, group, text);
    tree_line(o, depth + 1, "[%s]", text);
    tree_line(o, depth + 1, "[Severity level: %s]", severity);
    tree_line(o, depth + 1, "[Group: %s]", group);
}

static void seconds(char *buf, size_t n, int64_t ns)
{
    uint64_t mag = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
    snprintf(buf, n, "%s%llu.%09llu", ns < 0 ? "-" : "", (unsigned long long)(mag / 1000000000u),
             (unsigned long long)(mag % 1000000000u));
}

/* "eth:ethertype:ip:tcp" */
static void protocols(char *buf, size_t n, const struct pkt *p)
{
    static const char *const names[] = {
        [LAYER_ETH] = "eth:ethertype", [LAYER_SLL] = "sll:ethertype", [LAYER_SLL2] = "sll:ethertype",
        [LAYER_NULL] = "null",         [LAYER_RAW] = "raw",           [LAYER_IPV4] = "ip",
        [LAYER_IPV6] = "ipv6",         [LAYER_ARP] = "arp",           [LAYER_LLC] = "llc",
        [LAYER_UDP] = "udp",           [LAYER_VXLAN] = "vxlan",       [LAYER_GENEVE] = "geneve",
        [LAYER_TCP] = "tcp",           [LAYER_PORTS] = "ports",
    };
    size_t at = 0;
    buf[0] = 0;
    for (int i = 0; i < p->nlayers && at < n; i++) {
        unsigned k = p->layers[i].kind;
        const char *name = k < sizeof names / sizeof names[0] && names[k] ? names[k] : "?";
        at += (size_t)snprintf(buf + at, n - at, "%s%s", i ? ":" : "", name);
    }
}

static void frame_tree(struct tree_printer *tp, const struct frame *f)
{
    struct sb *o = tp->o;
    int64_t now = frame_time_ns(f->ts_sec, f->ts_nsec);
    if (!tp->have_first) {
        tp->have_first = true;
        tp->first_ns = tp->prev_ns = now;
    }
    char when[64] = "?", zone[16] = "";
    time_t t = (time_t)f->ts_sec;
    struct tm tm;
    if (localtime_r(&t, &tm)) {
        strftime(when, sizeof when, "%b %e, %Y %H:%M:%S", &tm);
        strftime(zone, sizeof zone, "%Z", &tm);
    }
    char epoch[40], delta[40], since[40];
    seconds(epoch, sizeof epoch, now);
    seconds(delta, sizeof delta, now - tp->prev_ns);
    seconds(since, sizeof since, now - tp->first_ns);
    tp->prev_ns = now;
    tree_line(o, 0, "Frame %llu: %u bytes on wire (%llu bits), %u bytes captured (%llu bits)",
              (unsigned long long)f->num, f->wirelen, 8ull * f->wirelen, f->caplen,
              8ull * f->caplen);
    tree_line(o, 1, "Arrival Time: %s.%09lld %s", when, (long long)(f->ts_nsec % 1000000000),
              zone);
    tree_line(o, 1, "Epoch Time: %s seconds", epoch);
    tree_line(o, 1, "[Time delta from previous captured frame: %s seconds]", delta);
    tree_line(o, 1, "[Time since reference or first frame: %s seconds]", since);
    tree_line(o, 1, "Frame Number: %llu", (unsigned long long)f->num);
    tree_line(o, 1, "Frame Length: %u bytes (%llu bits)", f->wirelen, 8ull * f->wirelen);
    tree_line(o, 1, "Capture Length: %u bytes (%llu bits)", f->caplen, 8ull * f->caplen);
}

static void mac(char *buf, size_t n, const uint8_t *m, unsigned len)
{
    size_t at = 0;
    buf[0] = 0;
    for (unsigned i = 0; i < len && at < n; i++)
        at += (size_t)snprintf(buf + at, n - at, "%s%02x", i ? ":" : "", m[i]);
}

static void ethertype_line(struct sb *o, int depth, uint16_t type)
{
    const char *name = ethertype_name(type);
    tree_line(o, depth, "Type: %s (0x%04x)", name ? name : "Unknown", type);
}

static void vlan_tags(struct sb *o, const struct vlan_tag *tags, int n)
{
    for (int k = 0; k < n; k++) {
        uint16_t tci = tags[k].tci;
        tree_line(o, 0, "802.1%s Virtual LAN, PRI: %u, DEI: %u, ID: %u",
                  tags[k].tpid == 0x88a8 ? "ad" : "Q", tci >> 13, (tci >> 12) & 1, tci & 0xfff);
        tree_bits(o, 1, tci, 0xe000, 16, "Priority: %u", tci >> 13);
        tree_bits(o, 1, tci, 0x1000, 16, "DEI: %s", (tci >> 12) & 1 ? "Eligible" : "Ineligible");
        tree_bits(o, 1, tci, 0x0fff, 16, "ID: %u", tci & 0xfff);
    }
}

static void mac_field(struct sb *o, const char *label, const uint8_t *m)
{
    char a[24];
    mac(a, sizeof a, m, 6);
    tree_line(o, 1, "%s: %s", label, a);
    uint32_t first3 = (uint32_t)m[0] << 16 | (uint32_t)m[1] << 8 | m[2];
    tree_bits(o, 2, first3, 0x020000, 24, "LG bit: %s",
              first3 & 0x020000 ? "Locally administered address (this is NOT the factory default)"
                                : "Globally unique address (factory default)");
    tree_bits(o, 2, first3, 0x010000, 24, "IG bit: %s",
              first3 & 0x010000 ? "Group address (multicast/broadcast)"
                                : "Individual address (unicast)");
}

static void link_tree(struct sb *o, const struct layer *l)
{
    char a[40], b[40];
    switch (l->kind) {
    case LAYER_ETH: {
        const struct eth *e = &l->u.eth;
        if (e->stop == ETH_SHORT) {
            tree_line(o, 0, "Ethernet II [header cut short]");
            return;
        }
        mac(a, sizeof a, e->src, 6);
        mac(b, sizeof b, e->dst, 6);
        tree_line(o, 0, "Ethernet II, Src: %s, Dst: %s", a, b);
        mac_field(o, "Destination", e->dst);
        mac_field(o, "Source", e->src);
        if (e->ntags)
            tree_line(o, 1, "Type: 802.1Q Virtual LAN (0x%04x)", e->tags[0].tpid);
        else
            ethertype_line(o, 1, e->type);
        vlan_tags(o, e->tags, e->ntags);
        if (e->ntags)
            ethertype_line(o, 1, e->type);
        return;
    }
    case LAYER_SLL:
    case LAYER_SLL2: {
        const struct sll *s = &l->u.sll;
        static const char *const types[] = {"Unicast to us", "Broadcast", "Multicast",
                                            "Unicast to another host", "Sent by us"};
        tree_line(o, 0, "Linux cooked capture v%d", l->kind == LAYER_SLL2 ? 2 : 1);
        if (s->hdr_short) {
            tree_line(o, 1, "[header cut short]");
            return;
        }
        ethertype_line(o, 1, s->proto);
        if (l->kind == LAYER_SLL2)
            tree_line(o, 1, "Interface index: %u", s->ifindex);
        tree_line(o, 1, "Link-layer address type: %u", s->hatype);
        tree_line(o, 1, "Packet type: %s (%u)", s->pkttype < 5 ? types[s->pkttype] : "Unknown",
                  s->pkttype);
        tree_line(o, 1, "Link-layer address length: %u", s->halen);
        mac(a, sizeof a, s->addr, s->halen < 8 ? s->halen : 8);
        tree_line(o, 1, "Source: %s", a);
        vlan_tags(o, s->tags, s->ntags);
        return;
    }
    case LAYER_NULL:
        tree_line(o, 0, "Null/Loopback");
        tree_line(o, 1, "Family: %s (%u)",
                  bsd_af_name(l->u.null.family) ? bsd_af_name(l->u.null.family) : "Unknown",
                  l->u.null.family);
        return;
    case LAYER_RAW:
        tree_line(o, 0, "Raw packet data");
        return;
    default:
        return;
    }
}

static const char *ecn_name(unsigned ecn)
{
    static const char *const n[] = {"Not-ECT", "ECT(1)", "ECT(0)", "CE"};
    return n[ecn & 3];
}

static const char *ecn_long(unsigned ecn)
{
    static const char *const n[] = {"Not ECN-Capable Transport",
                                    "ECN-Capable Transport codepoint '01'",
                                    "ECN-Capable Transport codepoint '10'",
                                    "Congestion Experienced"};
    return n[ecn & 3];
}

/* DSCP: the short name of the summary line and the long one of the field */
static void dscp_names(unsigned dscp, char *shortn, char *longn, size_t n)
{
    if (dscp == 46) {
        snprintf(shortn, n, "EF PHB");
        snprintf(longn, n, "Expedited Forwarding");
    } else if (dscp % 8 == 0) {
        snprintf(shortn, n, "CS%u", dscp / 8);
        if (dscp)
            snprintf(longn, n, "Class Selector %u", dscp / 8);
        else
            snprintf(longn, n, "Default");
    } else if (dscp >= 10 && dscp <= 38 && dscp % 2 == 0 && (dscp % 8) / 2 >= 1 &&
               (dscp % 8) / 2 <= 3) {
        snprintf(shortn, n, "AF%u%u", dscp / 8, (dscp % 8) / 2);
        snprintf(longn, n, "Assured Forwarding %u%u", dscp / 8, (dscp % 8) / 2);
    } else {
        snprintf(shortn, n, "Unknown");
        snprintf(longn, n, "Unknown");
    }
}

static void checksum_lines(struct sb *o, const char *label, const char *status_label,
                           uint16_t sum, bool checked, bool ok, uint16_t should)
{
    if (!checked) {
        tree_line(o, 1, "%s: 0x%04x [not verified]", label, sum);
        tree_line(o, 1, "[%s: Unverified]", status_label);
    } else if (ok) {
        tree_line(o, 1, "%s: 0x%04x [correct]", label, sum);
        tree_line(o, 1, "[%s: Good]", status_label);
        tree_line(o, 1, "[Calculated Checksum: 0x%04x]", sum);
    } else {
        tree_line(o, 1, "%s: 0x%04x [incorrect, should be 0x%04x]", label, sum, should);
        tree_line(o, 1, "[%s: Bad]", status_label);
        tree_line(o, 1, "[Calculated Checksum: 0x%04x]", should);
    }
}

static void ipv4_tree(struct sb *o, const struct ipv4 *ip)
{
    char src[ADDR_STRLEN], dst[ADDR_STRLEN];
    const char *s = addr_str(&ip->src, src), *d = addr_str(&ip->dst, dst);
    /* Wireshark names the addresses only when the lengths make sense */
    uint32_t hlen = ip->ihl * 4u;
    bool bogus_hlen = ip->stop > IP_BAD_VERSION && hlen < 20;
    bool bogus_len = !bogus_hlen && ip->stop > IP_BAD_VERSION && ip->total_len != 0 &&
                     ip->total_len < hlen;
    if (bogus_hlen || bogus_len)
        tree_line(o, 0, "Internet Protocol Version 4");
    else
        tree_line(o, 0, "Internet Protocol Version 4, Src: %s, Dst: %s", s, d);
    if (ip->stop <= IP_BAD_VERSION) {
        tree_line(o, 1, "[header cut short or not IPv4]");
        return;
    }
    uint32_t vh = (uint32_t)(ip->version << 4 | ip->ihl);
    tree_bits(o, 1, vh, 0xf0, 8, "Version: %u", ip->version);
    tree_bits(o, 1, vh, 0x0f, 8, "Header Length: %u bytes (%u)", hlen, ip->ihl);
    if (bogus_hlen) {
        char text[64];
        snprintf(text, sizeof text, "Bogus IP header length (%u, must be at least 20)", hlen);
        tree_expert(o, 2, "Error", "Protocol", text);
        return;
    }
    char shortn[24], longn[32];
    dscp_names(ip->tos >> 2u, shortn, longn, sizeof shortn);
    tree_line(o, 1, "Differentiated Services Field: 0x%02x (DSCP: %s, ECN: %s)", ip->tos, shortn,
              ecn_name(ip->tos & 3));
    tree_bits(o, 2, ip->tos, 0xfc, 8, "Differentiated Services Codepoint: %s (%u)", longn,
              ip->tos >> 2);
    tree_bits(o, 2, ip->tos, 0x03, 8, "Explicit Congestion Notification: %s (%u)",
              ecn_long(ip->tos & 3), ip->tos & 3);
    if (bogus_len) {
        tree_line(o, 1, "Total Length: %u bytes (bogus, less than header length %u)",
                  ip->total_len, hlen);
        tree_expert(o, 2, "Error", "Protocol", "Bogus IP length");
        return;
    }
    if (ip->total_len == 0 && ip->avail_len > ip->ihl * 4u)
        tree_line(o, 1, "[Total Length: %u bytes (reported as 0, presumed to be because of \"TCP "
                        "segmentation offload\" (TSO))]",
                  ip->avail_len);
    else
        tree_line(o, 1, "Total Length: %u", ip->total_len);
    tree_line(o, 1, "Identification: 0x%04x (%u)", ip->id, ip->id);
    uint32_t fr = ip->frag;
    tree_bits(o, 1, fr >> 8, 0xe0, 8, "Flags: 0x%x%s%s", fr >> 13, fr & 0x4000 ? ", Don't fragment" : "",
              fr & 0x2000 ? ", More fragments" : "");
    tree_bits(o, 2, fr >> 8, 0x80, 8, "Reserved bit: %s", tree_set(fr & 0x8000));
    tree_bits(o, 2, fr >> 8, 0x40, 8, "Don't fragment: %s", tree_set(fr & 0x4000));
    tree_bits(o, 2, fr >> 8, 0x20, 8, "More fragments: %s", tree_set(fr & 0x2000));
    tree_bits(o, 1, fr, 0x1fff, 16, "Fragment Offset: %u", (fr & 0x1fff) * 8);
    tree_line(o, 1, "Time to Live: %u", ip->ttl);
    const char *pname = ipproto_name(ip->proto);
    tree_line(o, 1, "Protocol: %s (%u)", pname ? pname : "Unknown", ip->proto);
    checksum_lines(o, "Header Checksum", "Header checksum status", ip->sum, ip->sum_checked,
                   ip->sum_ok, ip->sum_should);
    tree_line(o, 1, "Source Address: %s", s);
    tree_line(o, 1, "Destination Address: %s", d);
    if (ip->opt_len)
        tree_line(o, 1, "Options: (%u bytes), %u option%s", ip->opt_len, ip->nopts,
                  ip->nopts == 1 ? "" : "s");
}

/* Next-header names as Wireshark spells them for IPv6. */
static const char *next_header_name(uint8_t nh)
{
    switch (nh) {
    case 0:
        return "IPv6 Hop-by-Hop Option";
    case 43:
        return "Routing Header for IPv6";
    case 44:
        return "Fragment Header for IPv6";
    case 59:
        return "No Next Header for IPv6";
    case 60:
        return "Destination Options for IPv6";
    default:
        return ipproto_name(nh);
    }
}

static void ipv6_tree(struct sb *o, const struct ipv6 *ip)
{
    char src[ADDR_STRLEN], dst[ADDR_STRLEN];
    const char *s = addr_str(&ip->src, src), *d = addr_str(&ip->dst, dst);
    tree_line(o, 0, "Internet Protocol Version 6, Src: %s, Dst: %s", s, d);
    if (ip->stop <= IP_BAD_VERSION) {
        tree_line(o, 1, "[header cut short or not IPv6]");
        return;
    }
    uint32_t w = ip->flow, tc = (w >> 20) & 0xff;
    char shortn[24], longn[32];
    dscp_names(tc >> 2, shortn, longn, sizeof shortn);
    tree_bits(o, 1, w >> 24, 0xf0, 8, "Version: %u", w >> 28);
    tree_bits(o, 1, w, 0x0ff00000u, 32, "Traffic Class: 0x%02x (DSCP: %s, ECN: %s)", tc, shortn,
              ecn_name(tc & 3));
    tree_bits(o, 2, w, 0x0fc00000u, 32, "Differentiated Services Codepoint: %s (%u)", longn,
              tc >> 2);
    tree_bits(o, 2, w, 0x00300000u, 32, "Explicit Congestion Notification: %s (%u)",
              ecn_long(tc & 3), tc & 3);
    tree_bits(o, 1, w & 0xffffff, 0x0fffff, 24, "Flow Label: 0x%05x", w & 0xfffff);
    tree_line(o, 1, "Payload Length: %u", ip->payload_len);
    const char *nname = next_header_name(ip->next);
    tree_line(o, 1, "Next Header: %s (%u)", nname ? nname : "Unknown", ip->next);
    tree_line(o, 1, "Hop Limit: %u", ip->hlim);
    tree_line(o, 1, "Source Address: %s", s);
    tree_line(o, 1, "Destination Address: %s", d);
    static const char *const ext[] = {"IPv6 Hop-by-Hop Option", "Destination Options for IPv6",
                                      "Routing Header for IPv6", "Fragment Header for IPv6",
                                      "Mobility Header for IPv6"};
    for (int k = 0; k < ip->nexts; k++) {
        const struct ip6_ext *e = &ip->exts[k];
        const char *next = next_header_name(e->next);
        tree_line(o, 1, "%s", e->kind < 5 ? ext[e->kind] : "Extension header");
        tree_line(o, 2, "Next Header: %s (%u)", next ? next : "Unknown", e->next);
        tree_line(o, 2, "Length: %u bytes", e->len);
    }
}

static void udp_tree(struct sb *o, const struct udp *u)
{
    tree_line(o, 0, "User Datagram Protocol, Src Port: %u, Dst Port: %u", u->sport, u->dport);
    tree_line(o, 1, "Source Port: %u", u->sport);
    tree_line(o, 1, "Destination Port: %u", u->dport);
    if (!u->ulen_ok)
        return;
    tree_line(o, 1, "Length: %u", u->ulen);
    checksum_lines(o, "Checksum", "Checksum Status", u->sum, u->sum_checked, u->sum_ok,
                   u->sum_should);
    tree_line(o, 1, "UDP payload (%u byte%s)", u->payload_len, u->payload_len == 1 ? "" : "s");
}

static void arp_tree(struct sb *o, const struct arp *a)
{
    tree_line(o, 0, "Address Resolution Protocol (%s)", a->op == 1 ? "request" : a->op == 2 ? "reply" : "other");
    tree_line(o, 1, "Hardware type: %u", a->hrd);
    tree_line(o, 1, "Protocol type: 0x%04x", a->pro);
    tree_line(o, 1, "Hardware size: %u", a->hln);
    tree_line(o, 1, "Protocol size: %u", a->pln);
    tree_line(o, 1, "Opcode: %u", a->op);
}

void tree_frame(struct tree_printer *tp, const struct frame *f, const struct pkt *p,
                const struct seg_view *v)
{
    struct sb *o = tp->o;
    frame_tree(tp, f);
    char protos[160];
    protocols(protos, sizeof protos, p);
    tree_line(o, 1, "[Protocols in frame: %s]", protos);
    for (int i = 0; i < p->nlayers; i++) {
        const struct layer *l = &p->layers[i];
        switch (l->kind) {
        case LAYER_IPV4:
            ipv4_tree(o, &l->u.ip4);
            break;
        case LAYER_IPV6:
            ipv6_tree(o, &l->u.ip6);
            break;
        case LAYER_UDP:
            udp_tree(o, &l->u.udp);
            break;
        case LAYER_ARP:
            arp_tree(o, &l->u.arp);
            break;
        case LAYER_TCP:
            tree_tcp(o, p, i, i == p->tcp_index ? v : NULL);
            break;
        default:
            link_tree(o, l);
            break;
        }
    }
}
