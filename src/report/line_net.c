/*
 * line_net.c - the network part of tcpdump's line: IPv4 (with -v header
 * details), IPv6 and its extension headers, ARP, UDP and the VXLAN/Geneve
 * tunnels inside it, and the short line for any other IP protocol.
 */
#include "report/line_int.h"

#include <inttypes.h>

#include "decode/ipv6.h"
#include "report/names.h"

enum { P_TCP = 6, P_UDP = 17, P_DCCP = 33, P_SCTP = 132, P_ICMPV6 = 58, P_NONE = 59, P_ND = 77 };

static bool is_transport(uint8_t proto)
{
    return proto == P_TCP || proto == P_UDP || proto == P_DCCP || proto == P_SCTP;
}

static bool last_layer(const struct lctx *c, int i) { return i + 1 == c->p->nlayers; }

static const struct addr *ip_src(const struct layer *l)
{
    return l->kind == LAYER_IPV4 ? &l->u.ip4.src : &l->u.ip6.src;
}

static const struct addr *ip_dst(const struct layer *l)
{
    return l->kind == LAYER_IPV4 ? &l->u.ip4.dst : &l->u.ip6.dst;
}

void line_ip_addrs(struct lctx *c, int ip, bool with_colon_space)
{
    const struct layer *l = &c->p->layers[ip];
    addr_format(c->o, ip_src(l));
    sb_s(c->o, " > ");
    addr_format(c->o, ip_dst(l));
    sb_s(c->o, with_colon_space ? ": " : ":");
}

void line_ports(struct lctx *c, int ip, uint8_t proto, uint16_t sport, uint16_t dport)
{
    struct sb *o = c->o;
    const struct layer *l = &c->p->layers[ip];
    bool addrs = line_ip_next_is(c, ip, proto);
    if (addrs) {
        addr_format(o, ip_src(l));
        sb_ch(o, '.');
    }
    sb_u32(o, sport);
    sb_s(o, " > ");
    if (addrs) {
        addr_format(o, ip_dst(l));
        sb_ch(o, '.');
    }
    sb_u32(o, dport);
    sb_s(o, ": ");
}

bool line_ip_next_is(const struct lctx *c, int ip, uint8_t proto)
{
    const struct layer *l = &c->p->layers[ip];
    return (l->kind == LAYER_IPV4 ? l->u.ip4.proto : l->u.ip6.next) == proto;
}

/* Protocols tcpdump has a printer for: tcplens names them (with the
 * length); for the rest it prints tcpdump's own " ip-proto-N LEN". */
static bool tcpdump_decodes(uint8_t proto)
{
    static const uint8_t known[] = {1, 2, 8, 9, 33, 46, 47, 50, 51, 55, 58, 88, 89, 103, 108, 112,
                                    113, 132};
    for (size_t k = 0; k < sizeof known; k++)
        if (known[k] == proto)
            return true;
    return false;
}

static void other_proto(struct lctx *c, uint8_t proto, uint32_t length)
{
    struct sb *o = c->o;
    if (proto == P_NONE) {
        sb_s(o, "no next header");
    } else if (proto == P_ND) {
        sb_printf(o, " nd %u", length);
    } else if (tcpdump_decodes(proto)) {
        sb_s(o, proto == P_ICMPV6 ? "ICMP6" : ipproto_name(proto));
        sb_printf(o, ", length %u", length);
    } else {
        sb_printf(o, " ip-proto-%u %u", proto, length);
    }
}

/* ---- IPv4 ---------------------------------------------------------------- */

static void ip4_flags(struct sb *o, uint16_t off)
{
    const char *sep = "";
    bool any = false;
    if (off & 0x2000) {
        sb_s(o, "+");
        sep = ", ";
        any = true;
    }
    if (off & 0x4000) {
        sb_s(o, sep);
        sb_s(o, "DF");
        sep = ", ";
        any = true;
    }
    if (off & 0x8000) {
        sb_s(o, sep);
        sb_s(o, "rsvd");
        any = true;
    }
    if (!any)
        sb_s(o, "none");
}

static const char *ip4_opt_name(uint8_t code)
{
    switch (code) {
    case 0: return "EOL";
    case 1: return "NOP";
    case 68: return "timestamp";
    case 130: return "security";
    case 7: return "RR";
    case 137: return "SSRR";
    case 131: return "LSRR";
    case 148: return "RA";
    case 82: return "traceroute";
    default: return NULL;
    }
}

static void ip4_hop_addr(struct sb *o, const uint8_t a[4])
{
    struct addr x = {4, {a[0], a[1], a[2], a[3]}};
    addr_format(o, &x);
}

/* tcpdump's ip_printroute; false when a hop was not captured. */
static bool ip4_route(struct sb *o, const struct ipv4 *ip, const struct ip4_opt *op)
{
    if (op->len < 3) {
        sb_printf(o, " [bad length %u]", op->len);
        return true;
    }
    if ((op->len + 1) & 3)
        sb_printf(o, " [bad length %u]", op->len);
    unsigned ptr = op->ptr - 1u;
    if (ptr < 3 || ((ptr + 1) & 3) || ptr > op->len + 1u)
        sb_printf(o, " [bad ptr %u]", op->ptr);
    unsigned l = 3;
    for (int k = 0; k < op->nhops; k++, l += 4) {
        sb_ch(o, ' ');
        ip4_hop_addr(o, ip->hop[op->first_hop + k]);
        if (ptr > l)
            sb_ch(o, ',');
    }
    return !op->hops_trunc;
}

/* tcpdump's ip_printts; false when an entry was not captured. */
static bool ip4_timestamp(struct sb *o, const struct ipv4 *ip, const struct ip4_opt *op)
{
    if (op->len < 4) {
        sb_printf(o, "[bad length %u]", op->len);
        return true;
    }
    sb_s(o, " TS{");
    unsigned type = op->flags & 0x0f;
    unsigned hoplen = type != 0 ? 8 : 4;
    if ((op->len - 4u) & (hoplen - 1))
        sb_printf(o, "[bad length %u]", op->len);
    unsigned ptr = op->ptr - 1u, len = 0;
    if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > op->len + 1u)
        sb_printf(o, "[bad ptr %u]", op->ptr);
    static const char *const types[] = {"TSONLY", "TS+ADDR", NULL, "PRESPEC"};
    if (type > 3 || !types[type]) {
        sb_printf(o, "[bad ts type %u]", type);
    } else {
        sb_s(o, types[type]);
        const char *sep = " ";
        for (len = 4; len < op->len; len += hoplen) {
            if (ptr == len)
                sep = " ^ ";
            int k = (int)((len - 4) / hoplen);
            if (k >= op->nhops)
                return false;
            sb_s(o, sep);
            sb_u32(o, ip->ts[op->first_hop + k]);
            sb_ch(o, '@');
            if (hoplen == 8)
                ip4_hop_addr(o, ip->hop[op->first_hop + k]);
            sep = " ";
        }
    }
    if (ptr == len)
        sb_s(o, " ^ ");
    if (op->flags >> 4)
        sb_printf(o, " [%u hops not recorded]} ", op->flags >> 4);
    else
        sb_ch(o, '}');
    return true;
}

/* The -v options list; false when an option was cut short (tcpdump then
 * prints " [truncated-option]" and stops after the header). */
static bool ip4_options(struct lctx *c, const struct ipv4 *ip)
{
    struct sb *o = c->o;
    for (int k = 0; k < ip->nopts; k++) {
        const struct ip4_opt *op = &ip->opts[k];
        if (k)
            sb_ch(o, ',');
        if (op->status == IP4O_CUT) {
            line_trunc(c, "ip", true);
            return false;
        }
        const char *n = ip4_opt_name(op->code);
        if (n)
            sb_s(o, n);
        else
            sb_printf(o, "unknown %u", op->code);
        if (op->status == IP4O_CUT_LEN) {
            line_trunc(c, "ip", true);
            return false;
        }
        if (op->status == IP4O_BAD_LEN) {
            sb_printf(o, " [bad length %u]", op->len);
            return true;
        }
        if (op->status == IP4O_TRUNC && !op->hops_trunc)
            return false;
        switch (op->code) {
        case 68:
            if (!ip4_timestamp(o, ip, op))
                return false;
            break;
        case 7:
        case 131:
        case 137:
            if (!ip4_route(o, ip, op))
                return false;
            break;
        case 148:
            if (op->len < 4)
                sb_printf(o, " [bad length %u]", op->len);
            else if (op->ra_value != 0)
                sb_printf(o, " value %u", op->ra_value);
            break;
        default:
            break;
        }
    }
    return true;
}

/* The -v header; false when printing stops after it. */
static bool ip4_verbose(struct lctx *c, const struct ipv4 *ip)
{
    struct sb *o = c->o;
    static const char *const ecn[] = {"", ",ECT(1)", ",ECT(0)", ",CE"};
    sb_s(o, "(tos 0x");
    sb_hex(o, ip->tos, 0);
    sb_s(o, ecn[ip->tos & 3]);
    if (ip->ttl >= 1) {
        sb_s(o, ", ttl ");
        sb_u32(o, ip->ttl);
    }
    sb_s(o, ", id ");
    sb_u32(o, ip->id);
    sb_s(o, ", offset ");
    sb_u32(o, (ip->frag & 0x1fffu) * 8u);
    sb_s(o, ", flags [");
    ip4_flags(o, ip->frag);
    sb_s(o, "], proto ");
    const char *n = ipproto_name(ip->proto);
    sb_s(o, n ? n : "unknown");
    sb_s(o, " (");
    sb_u32(o, ip->proto);
    sb_s(o, "), length ");
    sb_u32(o, ip->total_len);
    bool opts_ok = true;
    if (ip->opt_len > 0) {
        sb_s(o, ", options (");
        opts_ok = ip4_options(c, ip);
        if (c->aborted)
            return false;
        if (!opts_ok)
            sb_s(o, " [truncated-option]");
        sb_s(o, ")");
    }
    if (ip->sum_checked && !ip->sum_ok) {
        sb_s(o, ", bad cksum ");
        sb_hex(o, ip->sum, 0);
        sb_s(o, " (->");
        sb_hex(o, ip->sum_should, 0);
        sb_s(o, ")!");
    }
    sb_s(o, ")\n    ");
    return opts_ok;
}

bool line_ipv4(struct lctx *c, int i)
{
    const struct ipv4 *ip = &c->p->layers[i].u.ip4;
    struct sb *o = c->o;
    switch (ip->stop) {
    case IP_EMPTY:
        line_trunc(c, "ip", true);
        return false;
    case IP_BAD_VERSION:
        if (ip->version == 6)
            sb_s(o, "IP6, wrong link-layer encapsulation");
        else {
            sb_s(o, "IP");
            sb_u32(o, ip->version);
        }
        sb_s(o, " (invalid)");
        return false;
    default:
        break;
    }
    if (!c->cfg->link)
        sb_s(o, "IP ");
    switch (ip->stop) {
    case IP_SHORT:
        line_trunc(c, "ip", false);
        return false;
    case IP_LEN_SHORT:
        sb_s(o, "truncated-ip ");
        sb_u32(o, ip->avail_len);
        return false;
    case IP_BAD_HLEN:
        sb_s(o, "bad-hlen ");
        sb_u32(o, ip->ihl * 4u);
        return false;
    default:
        break;
    }
    if (ip->avail_len < ip->total_len) {
        sb_s(o, "truncated-ip - ");
        sb_u32(o, ip->total_len - ip->avail_len);
        sb_s(o, " bytes missing! ");
    }
    if (ip->stop == IP_BAD_LEN) {
        sb_s(o, "bad-len ");
        sb_u32(o, ip->total_len);
        return false;
    }
    if (c->cfg->verbose && !ip4_verbose(c, ip)) {
        if (!c->aborted) {
            line_ip_addrs(c, i, true);
            line_trunc(c, "ip", false);
        }
        return false;
    }
    if (ip->stop == IP_FRAGMENT) {
        line_ip_addrs(c, i, false);
        sb_s(o, " ip-proto-");
        sb_u32(o, ip->proto);
        return false;
    }
    if (!is_transport(ip->proto))
        line_ip_addrs(c, i, true);
    if (ip->stop == IP_HDR_SHORT) {
        uint32_t avail = c->p->caplen - c->p->layers[i].off;
        if (avail > ip->total_len)
            avail = ip->total_len;
        sb_s(o, " [remaining caplen(");
        sb_u32(o, avail);
        sb_s(o, ") < header length(");
        sb_u32(o, ip->ihl * 4u);
        sb_s(o, ")]");
        line_trunc(c, "ip", true);
        return false;
    }
    if (last_layer(c, i) && c->p->end == END_IP_PROTO) {
        other_proto(c, ip->proto, ip->payload_len);
        return false;
    }
    return true;
}

/* ---- IPv6 ---------------------------------------------------------------- */

static void ip6_option(struct lctx *c, const struct ip6_opt *op, bool verbose)
{
    struct sb *o = c->o;
    static const char *const jumbo_note[] = {"", " - already seen", " - not a hop-by-hop option",
                                             " - payload len != 0", " - < 65536"};
    switch (op->type) {
    case 0:
        if (verbose)
            sb_s(o, "(pad1)");
        return;
    case 1:
        if (op->verdict == O6_TRUNC)
            sb_s(o, "(padn: trunc)");
        else if (verbose)
            sb_s(o, "(padn)");
        return;
    case 5:
        if (op->verdict == O6_TRUNC)
            sb_s(o, "(rtalert: trunc)");
        else if (op->verdict == O6_BAD_LEN)
            sb_printf(o, "(rtalert: invalid len %u)", op->len);
        else if (verbose)
            sb_printf(o, "(rtalert: 0x%04x) ", op->value);
        return;
    case 0xc2:
        if (op->verdict == O6_TRUNC)
            sb_s(o, "(jumbo: trunc)");
        else if (op->verdict == O6_BAD_LEN)
            sb_printf(o, "(jumbo: invalid len %u)", op->len);
        else if (verbose)
            sb_printf(o, "(jumbo: %u%s) ", op->value, jumbo_note[op->jumbo]);
        return;
    case 0xc9:
        if (op->verdict == O6_TRUNC)
            sb_s(o, "(homeaddr: trunc)");
        else if (op->verdict == O6_BAD_LEN)
            sb_printf(o, "(homeaddr: invalid len %u)", op->len);
        else if (verbose) {
            sb_s(o, "(homeaddr: ");
            addr_format(o, &op->home);
            sb_s(o, ")");
        }
        return;
    default:
        if (op->verdict == O6_TRUNC)
            sb_printf(o, "(type %u: trunc)", op->type);
        else if (verbose)
            sb_printf(o, "(opt_type 0x%02x: len=%u)", op->type, op->len);
        return;
    }
}

/* Did decoding stop inside this extension header (the last one)? */
static bool stopped_here(const struct ipv6 *ip, bool last)
{
    return last && ip->ext_stop != EXT6_OK && ip->ext_stop != EXT6_LEN_SHORT;
}

static void no_jumbo_note(struct sb *o, const struct ipv6 *ip, bool last)
{
    if (ip->no_jumbo && last)
        sb_s(o, "[No valid Jumbo Payload Hop-by-Hop option found] (invalid)");
}

/* Hop-by-hop or destination options; false when printing stops. */
static bool ip6_options_header(struct lctx *c, const struct ipv6 *ip, const struct ip6_ext *x,
                               bool last)
{
    struct sb *o = c->o;
    bool hbh = x->kind == EXT_HBH;
    const char *proto = hbh ? "hbhopt" : "dstopt";
    if (last && ip->ext_stop == EXT6_TRUNC) {
        line_trunc(c, proto, !x->len_known);
        no_jumbo_note(o, ip, last);
        return false;
    }
    sb_s(o, hbh ? "HBH " : "DSTOPT ");
    bool verbose = c->cfg->verbose > 0;
    if (hbh || verbose) {
        struct ip6_opt_iter it = ip6_opt_iter_make(x, ip->payload_len);
        struct ip6_opt op;
        bool failed = false;
        while (ip6_opt_next(&it, &op)) {
            if (op.verdict != O6_CUT)
                ip6_option(c, &op, verbose);
            failed = op.verdict != O6_OK;
        }
        if (failed)
            line_trunc(c, proto, false);
        else if (verbose && x->opts.len > 0)
            sb_ch(o, ' ');
        no_jumbo_note(o, ip, last);
        if (failed)
            return false;
    }
    return !stopped_here(ip, last);
}

static bool ip6_routing(struct lctx *c, const struct ipv6 *ip, const struct ip6_ext *x, bool last)
{
    struct sb *o = c->o;
    if (last && ip->ext_stop == EXT6_TRUNC) {
        line_trunc(c, "rt6", true);
        return false;
    }
    sb_printf(o, "RT6 (len=%u, type=%u", x->rt_len, x->rt_type);
    if (x->rt_type == 0)
        sb_s(o, " [Deprecated]");
    sb_printf(o, ", segleft=%u", x->rt_segleft);
    if (x->rt_type == 4) {
        sb_printf(o, ", last-entry=%u", x->rt_last_ent);
        if (x->rt_flags || c->cfg->verbose)
            sb_printf(o, ", flags=0x%x", x->rt_flags);
        sb_printf(o, ", tag=%x", x->rt_tag);
    } else if (x->rt_type == 0 || x->rt_type == 2) {
        if (x->rt_reserved || c->cfg->verbose)
            sb_printf(o, ", rsv=0x%x", x->rt_reserved);
    } else {
        sb_s(o, " (unknown type) (invalid)");
        return false;
    }
    if (last && ip->ext_stop == EXT6_RT_BAD_LEN) {
        sb_printf(o, " (invalid length %u) (invalid)", x->rt_len);
        return false;
    }
    for (int k = 0; k < x->rt_captured && k < IP6_MAX_RT_ADDRS; k++) {
        sb_printf(o, ", [%d]", k);
        addr_format(o, &x->rt_addrs[k]);
    }
    if (last && ip->ext_stop == EXT6_RT_ADDR_SHORT) {
        line_trunc(c, "rt6", true);
        return false;
    }
    sb_s(o, ") ");
    return true;
}

static bool ip6_fragment(struct lctx *c, const struct ipv6 *ip, const struct ip6_ext *x, bool last)
{
    struct sb *o = c->o;
    bool verbose = c->cfg->verbose > 0;
    if (x->frag_cap < (verbose ? 8 : 4)) {
        line_trunc(c, "frag6", true);
        return false;
    }
    if (verbose)
        sb_printf(o, "frag (0x%08x:%u|%" PRIu64 ")", x->frag_ident, x->frag_offlg & 0xfff8u,
                  x->frag_plen);
    else
        sb_printf(o, "frag (%u|%" PRIu64 ")", x->frag_offlg & 0xfff8u, x->frag_plen);
    if (last && ip->ext_stop == EXT6_FRAG_LATER)
        return false;
    sb_ch(o, ' ');
    return !(last && ip->ext_stop == EXT6_NOTHING_AFTER);
}

bool line_ipv6(struct lctx *c, int i)
{
    const struct ipv6 *ip = &c->p->layers[i].u.ip6;
    struct sb *o = c->o;
    if (ip->stop == IP_SHORT) {
        line_trunc(c, "ip6", false);
        return false;
    }
    if (ip->stop == IP_LEN_SHORT) {
        sb_s(o, "truncated-ip6 ");
        sb_u32(o, ip->avail_len);
        return false;
    }
    if (!c->cfg->link)
        sb_s(o, "IP6 ");
    if (ip->stop == IP_BAD_VERSION) {
        sb_printf(o, "version error: %u != 6", ip->version);
        return false;
    }
    if (ip->payload_len != 0 && ip->avail_len < ip->payload_len + 40u)
        sb_printf(o, "truncated-ip6 - %u bytes missing!", ip->payload_len + 40u - ip->avail_len);
    if (c->cfg->verbose) {
        sb_ch(o, '(');
        if (ip->flow & 0x0ff00000u)
            sb_printf(o, "class 0x%02x, ", (ip->flow & 0x0ff00000u) >> 20);
        if (ip->flow & 0x000fffffu)
            sb_printf(o, "flowlabel 0x%05x, ", ip->flow & 0x000fffffu);
        const char *n = ipproto_name(ip->next);
        sb_printf(o, "hlim %u, next-header %s (%u) payload length: %u) ", ip->hlim,
                  n ? n : "unknown", ip->next, ip->payload_len);
    }
    if (!is_transport(ip->next))
        line_ip_addrs(c, i, true);
    for (int k = 0; k < ip->nexts; k++) {
        const struct ip6_ext *x = &ip->exts[k];
        bool last = k + 1 == ip->nexts && ip->stop == IP_EXT_BAD;
        bool go = true;
        if (last && (ip->ext_stop == EXT6_HBH_TWICE || ip->ext_stop == EXT6_HBH_NOT_FIRST)) {
            sb_s(o, ip->ext_stop == EXT6_HBH_TWICE
                        ? "[The Hop-by-Hop Options header was already found] (invalid)"
                        : "[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)");
            return false;
        }
        switch (x->kind) {
        case EXT_HBH:
        case EXT_DSTOPT:
            go = ip6_options_header(c, ip, x, last);
            break;
        case EXT_ROUTING:
            go = ip6_routing(c, ip, x, last);
            break;
        case EXT_FRAGMENT:
            go = ip6_fragment(c, ip, x, last);
            break;
        default:
            sb_s(o, "mobility");
            go = false;
            break;
        }
        if (!go)
            return false;
    }
    if (ip->stop == IP_EXT_BAD) {
        if (ip->ext_stop == EXT6_LEN_SHORT)
            line_trunc(c, "ip6", false);
        return false;
    }
    uint32_t jumbo_total = ip->jumbo_len + 40u; /* tcpdump's 32-bit sum */
    if (ip->jumbo_len && ip->avail_len < jumbo_total)
        sb_printf(o, "truncated-ip6 - %u bytes missing!", jumbo_total - ip->avail_len);
    if (last_layer(c, i) && c->p->end == END_IP_PROTO) {
        other_proto(c, ip->proto, ip->transport_len);
        return false;
    }
    return true;
}

/* SCTP or DCCP: addresses and ports as tcpdump's printers show them, then
 * the protocol and its length. */
bool line_l4ports(struct lctx *c, int i)
{
    const struct ports *pt = &c->p->layers[i].u.ports;
    if (pt->ok)
        line_ports(c, i - 1, pt->proto, pt->sport, pt->dport);
    else
        line_ip_addrs(c, i - 1, true);
    sb_printf(c->o, "%s, length %u", pt->proto == P_SCTP ? "SCTP" : "DCCP", pt->length);
    return false;
}

/* ---- ARP ----------------------------------------------------------------- */

bool line_arp(struct lctx *c, int i)
{
    const struct arp *a = &c->p->layers[i].u.arp;
    struct sb *o = c->o;
    if (!a->complete) {
        line_trunc(c, "arp", true);
        return false;
    }
    if (!c->cfg->link)
        sb_s(o, "ARP, ");
    bool ipv4 = (a->pro == 0x0800 || a->pro == 0x1000) && a->pln == 4;
    if (!ipv4 || a->hln == 0 || c->cfg->verbose) {
        const char *h = arp_hrd_name(a->hrd);
        const char *p = ethertype_name(a->pro);
        if (h)
            sb_s(o, h);
        else
            sb_printf(o, "Unknown Hardware (%u)", a->hrd);
        sb_printf(o, " (len %u), ", a->hln);
        if (p)
            sb_s(o, p);
        else
            sb_printf(o, "Unknown Protocol (0x%04x)", a->pro);
        sb_printf(o, " (len %u)", a->pln);
        if (!c->cfg->verbose)
            goto out;
    }
    static const char *const ops[] = {"", "Request", "Reply", "Reverse Request", "Reverse Reply"};
    if (c->cfg->verbose)
        sb_s(o, ", ");
    if (a->op >= 1 && a->op <= 4)
        sb_s(o, ops[a->op]);
    else
        sb_printf(o, "Unknown (%u)", a->op);
    sb_ch(o, ' ');
    struct addr spa = {4, {0}}, tpa = {4, {0}};
    memcpy(spa.b, a->spa, 4);
    memcpy(tpa.b, a->tpa, 4);
    if (a->op == 1) {
        sb_s(o, "who-has ");
        if (ipv4)
            addr_format(o, &tpa);
        else
            sb_s(o, "<wrong len>");
        bool tha_set = false;
        for (int k = 0; k < a->hln; k++)
            tha_set |= a->tha[k] != 0;
        if (tha_set) {
            sb_s(o, " (");
            for (int k = 0; k < a->hln; k++)
                sb_printf(o, k ? ":%02x" : "%02x", a->tha[k]);
            sb_ch(o, ')');
        }
        sb_s(o, " tell ");
        if (ipv4)
            addr_format(o, &spa);
        else
            sb_s(o, "<wrong len>");
    } else if (a->op == 2) {
        if (ipv4)
            addr_format(o, &spa);
        else
            sb_s(o, "<wrong len>");
        sb_s(o, " is-at ");
        for (int k = 0; k < a->hln; k++)
            sb_printf(o, k ? ":%02x" : "%02x", a->sha[k]);
    }
out:
    sb_printf(o, ", length %u", a->len);
    return false;
}

/* ---- UDP and tunnels -------------------------------------------------------- */

/* tcpdump's udpipaddr_print: addresses with ports only when the IP header's
 * next header is UDP itself. */
static void udp_addrs(struct lctx *c, int ip, const struct udp *u, bool ports)
{
    if (ports)
        line_ports(c, ip, P_UDP, u->sport, u->dport);
    else if (line_ip_next_is(c, ip, P_UDP))
        line_ip_addrs(c, ip, true);
}

static bool line_vxlan(struct lctx *c, int i)
{
    const struct vxlan *v = &c->p->layers[i].u.vxlan;
    struct sb *o = c->o;
    sb_s(o, "VXLAN");
    if (v->len < 8) {
        sb_s(o, " (invalid)");
        return false;
    }
    if (v->cap < 1) {
        line_trunc(c, "vxlan", true);
        return false;
    }
    sb_printf(o, ", flags [%s] (0x%02x), ", (v->flags & 0x08) ? "I" : "invalid", v->flags);
    if (v->cap < 7) {
        line_trunc(c, "vxlan", true);
        return false;
    }
    sb_printf(o, "vni %u\n", v->vni);
    if (v->cap < 8) {
        line_trunc(c, "vxlan", true);
        return false;
    }
    return true;
}

static void geneve_options(struct lctx *c, struct bytes b)
{
    struct sb *o = c->o;
    const char *sep = "";
    uint32_t k = 0;
    while (k + 4 <= b.len) {
        uint16_t cls = (uint16_t)(b.p[k] << 8 | b.p[k + 1]);
        uint8_t type = b.p[k + 2];
        uint32_t len = 4u + (b.p[k + 3] & 0x1fu) * 4u;
        const char *name = cls == 0x0100   ? "Linux"
                           : cls == 0x0101 ? "Open vSwitch"
                           : cls == 0x0102 ? "Open Virtual Networking (OVN)"
                           : cls == 0x0103 ? "In-band Network Telemetry (INT)"
                           : cls == 0x0104 ? "VMware"
                           : cls <= 0x00ff ? "Standard"
                           : cls >= 0xfff0 ? "Experimental"
                                           : "Unknown";
        sb_printf(o, "%sclass %s (0x%x) type 0x%x%s len %u", sep, name, cls, type,
                  type & 0x80 ? "(C)" : "", len);
        sep = ", ";
        if (len > b.len - k) {
            sb_s(o, " [bad length]");
            return;
        }
        if (c->cfg->verbose > 1 && len > 4) {
            sb_s(o, " data");
            for (uint32_t d = 4; d < len; d += 4)
                sb_printf(o, " %02x%02x%02x%02x", b.p[k + d], b.p[k + d + 1], b.p[k + d + 2],
                          b.p[k + d + 3]);
        }
        k += len;
    }
}

static bool line_geneve(struct lctx *c, int i)
{
    const struct geneve *g = &c->p->layers[i].u.geneve;
    struct sb *o = c->o;
    sb_s(o, "Geneve");
    switch (g->stop) {
    case GENEVE_SHORT:
        sb_printf(o, " [length %u < 8] (invalid)", g->len);
        return false;
    case GENEVE_TRUNC:
        line_trunc(c, "geneve", false);
        return false;
    case GENEVE_BAD_VERSION:
        sb_printf(o, " ERROR: unknown-version %u", g->ver_opt >> 6);
        return false;
    default:
        break;
    }
    static const char *const flag_names[] = {"O", "C", "R1", "R2", "R3", "R4", "R5", "R6"};
    sb_s(o, ", Flags [");
    if (!g->flags)
        sb_s(o, "none");
    for (int b = 0; b < 8; b++)
        if (g->flags & (0x80 >> b))
            sb_s(o, flag_names[b]);
    sb_printf(o, "], vni 0x%x", g->vni);
    if (g->reserved)
        sb_printf(o, ", rsvd 0x%x", g->reserved);
    if (c->cfg->link) {
        const char *n = ethertype_name(g->proto);
        sb_printf(o, ", proto %s (0x%04x)", n ? n : "unknown", g->proto);
    }
    if (g->stop == GENEVE_OPTS_LONG) {
        sb_printf(o, " truncated-geneve - %u bytes missing", g->opts_len - (g->len - 8));
        return false;
    }
    if (g->stop == GENEVE_OPTS_TRUNC) {
        line_trunc(c, "geneve", false);
        return false;
    }
    if (g->opts_len > 0) {
        sb_s(o, ", options [");
        if (c->cfg->verbose)
            geneve_options(c, g->opts);
        else
            sb_printf(o, "%u bytes", g->opts_len);
        sb_ch(o, ']');
    }
    sb_s(o, c->cfg->verbose < 1 ? ": " : "\n\t");
    if (last_layer(c, i) && c->p->end == END_ETHERTYPE) {
        sb_printf(o, "geneve-proto-0x%x", g->proto);
        return false;
    }
    return true;
}

bool line_udp(struct lctx *c, int i)
{
    const struct udp *u = &c->p->layers[i].u.udp;
    struct sb *o = c->o;
    int ip = i - 1;
    switch (u->stop) {
    case UDP_PORTS_SHORT:
        udp_addrs(c, ip, u, false);
        line_trunc(c, "udp", false);
        return false;
    case UDP_LEN_SHORT:
        udp_addrs(c, ip, u, true);
        sb_printf(o, "truncated-udp %u", u->length);
        return false;
    case UDP_ULEN_SHORT:
    case UDP_HDR_SHORT:
        udp_addrs(c, ip, u, true);
        line_trunc(c, "udp", false);
        return false;
    case UDP_ULEN_BAD:
        udp_addrs(c, ip, u, true);
        sb_printf(o, "truncated-udplength %u", u->ulen);
        return false;
    default:
        break;
    }
    udp_addrs(c, ip, u, true);
    bool v4 = c->p->layers[ip].kind == LAYER_IPV4;
    if (c->cfg->verbose && (c->cfg->verbose > 1 || !v4)) {
        if (v4 && u->sum == 0)
            sb_s(o, "[no cksum] ");
        else if (u->sum_checked && !u->sum_ok)
            sb_printf(o, "[bad udp cksum 0x%04x -> 0x%04x!] ", u->sum, u->sum_should);
        else if (u->sum_checked)
            sb_s(o, "[udp sum ok] ");
    }
    if (!c->cfg->quiet && !last_layer(c, i)) {
        const struct layer *next = &c->p->layers[i + 1];
        return next->kind == LAYER_VXLAN ? line_vxlan(c, i + 1) : line_geneve(c, i + 1);
    }
    uint32_t ulen = u->ulen == 0 && u->length > 65535 ? u->length : u->ulen;
    if (ulen - 8 > u->length - 8 && !u->fragmented)
        sb_printf(o, "UDP, bad length %u > %u", ulen - 8, u->length - 8);
    else
        sb_printf(o, "UDP, length %u", ulen - 8);
    return false;
}
