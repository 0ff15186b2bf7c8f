/*
 * line_ip.c - IPv4 in tcpdump's line: the header with -v (options
 * included), truncation and length errors, fragments, and what is shown
 * for protocols above IP that tcplens does not decode.  Shared by the IPv6
 * printer: addresses, ports, the "other protocol" summary.
 */
#include "report/line_int.h"

#include "report/names.h"

bool line_is_transport(uint8_t proto)
{
    return proto == P_TCP || proto == P_UDP || proto == P_DCCP || proto == P_SCTP;
}

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

void line_other_proto(struct lctx *c, uint8_t proto, uint32_t length)
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
    if (!line_is_transport(ip->proto))
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
        line_other_proto(c, ip->proto, ip->payload_len);
        return false;
    }
    return true;
}

