/*
 * line_ip6.c - IPv6 in tcpdump's line: the header with -v, and the
 * extension headers (hop-by-hop and destination options, routing,
 * fragment) with tcpdump's wording for each way they can be broken.
 */
#include "report/line_int.h"

#include <inttypes.h>

#include "decode/ipv6.h"
#include "report/names.h"

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
    if (!line_is_transport(ip->next))
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
        line_other_proto(c, ip->proto, ip->transport_len);
        return false;
    }
    return true;
}

