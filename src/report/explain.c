/* explain.c - the IPv4, IPv6 and TCP header byte tables (explain.h). */
#include "report/explain.h"

#include <stdarg.h>

#include "report/names.h"

struct table {
    struct sb *o;
    const struct pkt *p;
    uint32_t base; /* frame offset of the header */
};

#define HEX_PER_ROW 8

/* The hex of header bytes [from, to], "--" where not captured. */
static void hex_range(const struct table *t, uint32_t from, uint32_t to, char *buf, size_t n)
{
    size_t at = 0;
    buf[0] = 0;
    for (uint32_t i = from; i <= to && at + 4 < n; i++) {
        uint32_t off = t->base + i;
        if (off < t->p->caplen)
            at += (size_t)snprintf(buf + at, n - at, "%s%02x", i > from ? " " : "", t->p->frame[off]);
        else
            at += (size_t)snprintf(buf + at, n - at, "%s--", i > from ? " " : "");
    }
}

/* One line of the table, without trailing blanks. */
static void emit(const struct table *t, const char *off, const char *hex, const char *bits,
                 const char *field, const char *value, const char *meaning)
{
    char line[400];
    int n = snprintf(line, sizeof line, "    %-7s %-23s %-5s %-22s %-12s %s", off, hex, bits, field,
                     value, meaning);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    while (len && line[len - 1] == ' ')
        len--;
    sb_mem(t->o, line, len);
    sb_ch(t->o, '\n');
}

static void vmeaning(char *buf, size_t n, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void vmeaning(char *buf, size_t n, const char *fmt, va_list ap)
{
    buf[0] = 0;
    if (fmt)
        vsnprintf(buf, n, fmt, ap);
}

/* A field of header bytes [from, to]; long ones (addresses) wrap their hex
 * over several lines. */
static void row(const struct table *t, uint32_t from, uint32_t to, const char *bits,
                const char *field, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static void row(const struct table *t, uint32_t from, uint32_t to, const char *bits,
                const char *field, const char *value, const char *fmt, ...)
{
    char meaning[200];
    va_list ap;
    va_start(ap, fmt);
    vmeaning(meaning, sizeof meaning, fmt, ap);
    va_end(ap);
    for (uint32_t at = from; at <= to; at += HEX_PER_ROW) {
        char off[16], hex[3 * HEX_PER_ROW + 4];
        uint32_t end = to - at >= HEX_PER_ROW ? at + HEX_PER_ROW - 1 : to;
        if (at == end)
            snprintf(off, sizeof off, "%u", at);
        else
            snprintf(off, sizeof off, "%u-%u", at, end);
        hex_range(t, at, end, hex, sizeof hex);
        bool first = at == from;
        emit(t, off, hex, first ? bits : "", first ? field : "", first ? value : "",
             first ? meaning : "");
    }
}

/* A further field inside the bytes of the row above (a few of its bits). */
static void sub(const struct table *t, const char *bits, const char *field, const char *value,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void sub(const struct table *t, const char *bits, const char *field, const char *value,
                const char *fmt, ...)
{
    char meaning[200];
    va_list ap;
    va_start(ap, fmt);
    vmeaning(meaning, sizeof meaning, fmt, ap);
    va_end(ap);
    emit(t, "", "", bits, field, value, meaning);
}

/* The table's heading: `shown` bytes, the header's own length field
 * claiming `claimed` (they differ when the field is bogus). */
static void title(const struct table *t, const char *name, uint32_t shown, uint32_t claimed)
{
    if (shown == claimed)
        sb_printf(t->o, "%s header bytes (frame offset %u, %u bytes):\n", name, t->base, shown);
    else
        sb_printf(t->o, "%s header bytes (frame offset %u, %u bytes shown; its length field says %u):\n",
                  name, t->base, shown, claimed);
    sb_printf(t->o, "    %-7s %-23s %-5s %-22s %-12s %s\n", "offset", "bytes", "bits", "field",
              "value", "meaning");
}

static const char *u(char *buf, uint64_t v)
{
    snprintf(buf, 24, "%llu", (unsigned long long)v);
    return buf;
}

static void ipv4_table(struct sb *o, const struct pkt *p, const struct layer *l)
{
    const struct ipv4 *ip = &l->u.ip4;
    struct table t = {o, p, l->off};
    char v[24], a[48];
    struct sb as;
    uint32_t hlen = ip->ihl * 4u;
    bool bogus = hlen < 20;
    title(&t, "IPv4", bogus ? 20 : 20 + ip->opt_len, hlen);
    row(&t, 0, 0, "0-3", "version", u(v, ip->version), "%s", ip->version == 4 ? "IPv4" : "not 4!");
    sub(&t, "4-7", "header length (IHL)", u(v, ip->ihl), "%u x 4 = %u bytes%s", ip->ihl, hlen,
        bogus ? ": bogus, the fixed part alone is 20" : "");
    row(&t, 1, 1, "0-5", "DSCP", u(v, ip->tos >> 2), ip->tos >> 2 ? "differentiated service"
                                                                  : "default (best effort)");
    static const char *const ecn[] = {"not ECN-capable", "ECN-capable (ECT(1))",
                                      "ECN-capable (ECT(0))", "congestion experienced"};
    sub(&t, "6-7", "ECN", u(v, ip->tos & 3), "%s", ecn[ip->tos & 3]);
    if (bogus || ip->total_len < hlen)
        row(&t, 2, 3, "", "total length", u(v, ip->total_len), "%s",
            bogus ? "meaningless with a bogus header length" : "bogus: less than the header length");
    else
        row(&t, 2, 3, "", "total length", u(v, ip->total_len), "%u-byte header + %u bytes of payload",
            hlen, ip->total_len - hlen);
    row(&t, 4, 5, "", "identification", u(v, ip->id), "0x%04x, for reassembling fragments", ip->id);
    row(&t, 6, 7, "0", "reserved flag", u(v, ip->frag >> 15), NULL);
    sub(&t, "1", "DF (don't fragment)", u(v, (ip->frag >> 14) & 1), "%s",
        ip->frag & 0x4000 ? "routers must not fragment it" : "may be fragmented");
    sub(&t, "2", "MF (more fragments)", u(v, (ip->frag >> 13) & 1), "%s",
        ip->frag & 0x2000 ? "more fragments follow" : "last (or only) fragment");
    sub(&t, "3-15", "fragment offset", u(v, ip->frag & 0x1fff), "x 8 = byte %u of the datagram",
        (ip->frag & 0x1fff) * 8u);
    row(&t, 8, 8, "", "time to live", u(v, ip->ttl), "hops left");
    const char *pname = ipproto_name(ip->proto);
    row(&t, 9, 9, "", "protocol", u(v, ip->proto), "%s", pname ? pname : "unknown");
    char sum[12];
    snprintf(sum, sizeof sum, "0x%04x", ip->sum);
    if (!ip->sum_checked)
        row(&t, 10, 11, "", "header checksum", sum, "not verified");
    else if (ip->sum_ok)
        row(&t, 10, 11, "", "header checksum", sum, "correct");
    else
        row(&t, 10, 11, "", "header checksum", sum, "incorrect, should be 0x%04x", ip->sum_should);
    sb_init(&as, a, sizeof a, NULL);
    addr_format(&as, &ip->src);
    row(&t, 12, 15, "", "source address", sb_str(&as), NULL);
    sb_init(&as, a, sizeof a, NULL);
    addr_format(&as, &ip->dst);
    row(&t, 16, 19, "", "destination address", sb_str(&as), NULL);
    if (ip->opt_len)
        row(&t, 20, 20 + ip->opt_len - 1, "", "options", u(v, ip->opt_len), "%u option%s",
            ip->nopts, ip->nopts == 1 ? "" : "s");
}

static void ipv6_table(struct sb *o, const struct pkt *p, const struct layer *l)
{
    const struct ipv6 *ip = &l->u.ip6;
    struct table t = {o, p, l->off};
    char v[24], a[64];
    struct sb as;
    uint32_t w = ip->flow;
    title(&t, "IPv6", 40, 40);
    row(&t, 0, 3, "0-3", "version", u(v, w >> 28), "%s", (w >> 28) == 6 ? "IPv6" : "not 6!");
    sub(&t, "4-11", "traffic class", u(v, (w >> 20) & 0xff), "DSCP %u, ECN %u",
        (w >> 22) & 0x3f, (w >> 20) & 3);
    sub(&t, "12-31", "flow label", u(v, w & 0xfffff), "0x%05x", w & 0xfffff);
    row(&t, 4, 5, "", "payload length", u(v, ip->payload_len), "bytes after this 40-byte header");
    const char *next = ipproto_name(ip->next);
    row(&t, 6, 6, "", "next header", u(v, ip->next), "%s", next ? next : "unknown");
    row(&t, 7, 7, "", "hop limit", u(v, ip->hlim), "hops left");
    sb_init(&as, a, sizeof a, NULL);
    addr_format(&as, &ip->src);
    row(&t, 8, 23, "", "source address", "", "%s", sb_str(&as));
    sb_init(&as, a, sizeof a, NULL);
    addr_format(&as, &ip->dst);
    row(&t, 24, 39, "", "destination address", "", "%s", sb_str(&as));
}

static void option_rows(const struct table *t, const struct tcp *tcp)
{
    char v[24];
    for (int k = 0; k < tcp->nopts; k++) {
        const struct tcp_opt *op = &tcp->opts[k];
        uint32_t at = op->off - t->base;
        const char *name = tcp_option_name(op->kind);
        if (op->kind <= 1) {
            row(t, at, at, "", "option kind", u(v, op->kind), "%s", op->kind ? "NOP (padding)" : "EOL (end of options)");
            continue;
        }
        row(t, at, at, "", "option kind", u(v, op->kind), "%s", name && *name ? name : "unknown");
        if (op->status == OPT_CUT_KIND)
            continue;
        row(t, at + 1, at + 1, "", "option length", u(v, op->len), "bytes, kind and length included");
        if (op->status != OPT_OK || op->len <= 2)
            continue;
        uint32_t d = at + 2, end = at + op->len - 1;
        switch (op->kind) {
        case 2:
            row(t, d, end, "", "MSS", u(v, op->v.mss), "largest segment it accepts, in bytes");
            break;
        case 3:
            row(t, d, end, "", "window scale", u(v, op->v.wscale), "its windows count in units of %u",
                1u << (op->v.wscale > 14 ? 14 : op->v.wscale));
            break;
        case 8:
            row(t, d, d + 3, "", "TS value", u(v, op->v.ts.val), "sender's timestamp clock");
            row(t, d + 4, end, "", "TS echo reply", u(v, op->v.ts.ecr), "the peer's latest TS value");
            break;
        case 5:
            for (int b = 0; b < op->v.sack.n; b++) {
                row(t, d + 8u * b, d + 8u * b + 3, "", "SACK left edge", u(v, op->v.sack.edge[b][0]),
                    "first byte received of a block");
                row(t, d + 8u * b + 4, d + 8u * b + 7, "", "SACK right edge",
                    u(v, op->v.sack.edge[b][1]), "byte after that block");
            }
            break;
        default:
            row(t, d, end, "", "option data", "", NULL);
            break;
        }
    }
}

static void tcp_table(struct sb *o, const struct pkt *p, const struct layer *l,
                      const struct seg_view *sv)
{
    const struct tcp *tcp = &l->u.tcp;
    struct table t = {o, p, l->off};
    char v[24];
    const struct ws_result *w = sv && sv->conn ? &sv->ws : NULL;
    uint32_t hlen = tcp->doff * 4u;
    bool too_long = hlen > tcp->length;
    title(&t, "TCP", too_long ? 20 : hlen, hlen);
    row(&t, 0, 1, "", "source port", u(v, tcp->sport), NULL);
    row(&t, 2, 3, "", "destination port", u(v, tcp->dport), NULL);
    if (w && w->analyzed)
        row(&t, 4, 7, "", "sequence number", u(v, tcp->seq), "relative %u", w->seq_rel);
    else
        row(&t, 4, 7, "", "sequence number", u(v, tcp->seq), NULL);
    if (!(tcp->flags & TH_ACK))
        row(&t, 8, 11, "", "acknowledgment number", u(v, tcp->ack), "ignored: no ACK flag");
    else if (w && w->analyzed)
        row(&t, 8, 11, "", "acknowledgment number", u(v, tcp->ack), "relative %u: next byte expected",
            w->ack_rel);
    else
        row(&t, 8, 11, "", "acknowledgment number", u(v, tcp->ack), "next byte expected");
    if (too_long)
        row(&t, 12, 12, "0-3", "data offset", u(v, tcp->doff),
            "%u x 4 = %u-byte header: bogus, longer than the %u-byte segment", tcp->doff, hlen,
            tcp->length);
    else
        row(&t, 12, 12, "0-3", "data offset", u(v, tcp->doff), "%u x 4 = %u-byte header", tcp->doff,
            hlen);
    sub(&t, "4-6", "reserved", u(v, (tcp->flags >> 9) & 7), NULL);
    sub(&t, "7", "AE", u(v, (tcp->flags >> 8) & 1), "accurate ECN (was NS)");
    static const char *const names[8] = {"CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"};
    static const char *const means[8] = {"congestion window reduced", "ECN echo",
                                         "urgent pointer valid", "acknowledgment valid",
                                         "push to the application", "reset the connection",
                                         "synchronize sequence numbers", "no more data from sender"};
    for (int b = 0; b < 8; b++) {
        unsigned set = (tcp->flags >> (7 - b)) & 1;
        char bit[4];
        snprintf(bit, sizeof bit, "%d", b);
        if (b == 0)
            row(&t, 13, 13, bit, names[b], u(v, set), set ? "%s" : NULL, means[b]);
        else
            sub(&t, bit, names[b], u(v, set), set ? "%s" : NULL, means[b]);
    }
    if (w && !(tcp->flags & TH_SYN) && w->win_scale >= 0)
        row(&t, 14, 15, "", "window", u(v, tcp->win), "x %u = %u bytes", 1u << w->win_scale, w->win_calc);
    else
        row(&t, 14, 15, "", "window", u(v, tcp->win), "bytes%s", tcp->flags & TH_SYN ? " (never scaled in a SYN)" : "");
    char sum[12];
    snprintf(sum, sizeof sum, "0x%04x", tcp->sum);
    if (tcp->cksum == CKSUM_OK)
        row(&t, 16, 17, "", "checksum", sum, "correct");
    else if (tcp->cksum == CKSUM_BAD && tcp->sum_pseudo)
        row(&t, 16, 17, "", "checksum", sum, "pseudo-header sum only: left for the network card (offload)");
    else if (tcp->cksum == CKSUM_BAD)
        row(&t, 16, 17, "", "checksum", sum, "incorrect, should be 0x%04x", tcp->sum_should);
    else
        row(&t, 16, 17, "", "checksum", sum, "not verified");
    row(&t, 18, 19, "", "urgent pointer", u(v, tcp->urp), tcp->flags & TH_URG ? "urgent data ends here" : "unused: no URG flag");
    option_rows(&t, tcp);
}

void explain_headers(struct sb *o, const struct pkt *p, const struct seg_view *v)
{
    for (int i = 0; i < p->nlayers; i++) {
        const struct layer *l = &p->layers[i];
        if (l->kind == LAYER_IPV4 && l->u.ip4.stop > IP_BAD_VERSION)
            ipv4_table(o, p, l);
        else if (l->kind == LAYER_IPV6 && l->u.ip6.stop > IP_BAD_VERSION)
            ipv6_table(o, p, l);
        else if (l->kind == LAYER_TCP && l->u.tcp.stop == TCP_DONE)
            tcp_table(o, p, l, i == p->tcp_index ? v : NULL);
    }
}
