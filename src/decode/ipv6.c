/*
 * ipv6.c - IPv6 header (RFC 8200) and its extension headers: hop-by-hop
 * and destination options (with the RFC 2675 jumbo payload), routing
 * (types 0, 2 and 4), fragment; then the hand-off to the transport layer.
 *
 * The walk follows tcpdump's rules so the printer can say what tcpdump says:
 * a payload length of 0 is allowed only with a valid jumbo option, a
 * hop-by-hop header must come first and only once, and nothing after a
 * non-first fragment is decoded.
 */
#include "decode/decode_int.h"
#include "decode/ipv6.h"

enum {
    NH_HOPOPTS = 0,
    NH_TCP = 6,
    NH_UDP = 17,
    NH_ROUTING = 43,
    NH_FRAGMENT = 44,
    NH_DSTOPTS = 60,
    NH_MOBILITY_OLD = 62,
    NH_DCCP = 33,
    NH_SCTP = 132,
    NH_MOBILITY = 135,
};

enum { OPT_PAD1 = 0, OPT_PADN = 1, OPT_RTALERT = 5, OPT_JUMBO = 0xc2, OPT_HOMEADDR = 0xc9 };

/* Minimum bytes left for each option type, and the exact data length for
 * the fixed-size ones (0 = any). */
static void opt_sizes(uint8_t type, uint32_t *min, uint32_t *exact)
{
    *exact = 0;
    switch (type) {
    case OPT_RTALERT:
        *min = 4, *exact = 2;
        break;
    case OPT_JUMBO:
        *min = 6, *exact = 4;
        break;
    case OPT_HOMEADDR:
        *min = 18;
        break;
    default:
        *min = 2;
        break;
    }
}

static enum jumbo_verdict judge_jumbo(const struct ip6_opt_iter *it, uint32_t v)
{
    if (it->seen_jumbo)
        return JUMBO_SEEN;
    if (!it->hbh)
        return JUMBO_NOT_HBH;
    if (it->payload_len != 0)
        return JUMBO_PLEN_SET;
    return v < 65536 ? JUMBO_TOO_SMALL : JUMBO_VALID;
}

struct ip6_opt_iter ip6_opt_iter_make(const struct ip6_ext *x, uint16_t payload_len)
{
    struct ip6_opt_iter it = {x->opts, 0, x->kind == EXT_HBH, payload_len, false};
    return it;
}

bool ip6_opt_next(struct ip6_opt_iter *it, struct ip6_opt *op)
{
    uint32_t len = it->opts.len, i = it->pos;
    if (i >= len)
        return false;
    struct rd o = rd_make(it->opts.p, len);
    memset(op, 0, sizeof *op);
    op->type = rd_peek(&o, i);
    uint32_t optlen = 1;
    if (op->type != OPT_PAD1) {
        if (i + 1 >= len)
            op->verdict = O6_CUT;
        else
            op->len = rd_peek(&o, i + 1), optlen = op->len + 2u;
    }
    if (op->verdict == O6_OK && i + optlen > len)
        op->verdict = O6_CUT;
    if (op->verdict == O6_OK && op->type != OPT_PAD1) {
        uint32_t min, exact;
        opt_sizes(op->type, &min, &exact);
        if (len - i < min)
            op->verdict = O6_TRUNC;
        else if ((exact && op->len != exact) || (op->type == OPT_HOMEADDR && op->len < 16))
            op->verdict = O6_BAD_LEN;
    }
    if (op->verdict == O6_OK) {
        rd_skip(&o, i + 2);
        if (op->type == OPT_RTALERT) {
            op->value = rd_be16(&o);
        } else if (op->type == OPT_JUMBO) {
            op->value = rd_be32(&o);
            op->jumbo = (uint8_t)judge_jumbo(it, op->value);
            it->seen_jumbo = true;
        } else if (op->type == OPT_HOMEADDR) {
            op->home.family = 6;
            rd_copy(&o, op->home.b, 16);
        }
    }
    /* a failed option ends the walk after it has been returned */
    it->pos = op->verdict == O6_OK ? i + optlen : len;
    return true;
}

/* Options header (hop-by-hop or destination). Returns its length, 0 to stop. */
static uint32_t options_header(struct pkt *p, struct ipv6 *ip, struct ip6_ext *x, struct rd r)
{
    uint8_t lenbyte = rd_peek(&r, 1);
    if (r.short_read) {
        ip->ext_stop = EXT6_TRUNC;
        pkt_anom(p, ANOM_TRUNCATED);
        return 0;
    }
    x->len_known = true;
    x->len = (lenbyte + 1u) << 3;
    x->complete = rd_has(&r, x->len);
    if (!x->complete) {
        ip->ext_stop = EXT6_TRUNC;
        pkt_anom(p, ANOM_TRUNCATED);
        return 0;
    }
    struct rd o = rd_clamp(&r, x->len);
    rd_skip(&o, 2);
    x->opts = rd_rest(&o);
    struct ip6_opt_iter it = ip6_opt_iter_make(x, ip->payload_len);
    struct ip6_opt op;
    while (ip6_opt_next(&it, &op)) {
        if (op.verdict != O6_OK)
            x->opts_bad = true;
        else if (op.type == OPT_JUMBO && op.jumbo == JUMBO_VALID)
            ip->jumbo_len = op.value;
    }
    if (x->opts_bad) {
        pkt_anom(p, ANOM_IP6_EXT_BAD);
        /* tcpdump walks destination options only with -v: only a bad
         * hop-by-hop header stops decoding */
        if (x->kind == EXT_HBH) {
            ip->ext_stop = EXT6_OPT_BAD;
            return 0;
        }
    }
    return x->len;
}

static uint32_t routing_header(struct pkt *p, struct ipv6 *ip, struct ip6_ext *x, struct rd r)
{
    struct rd h = r;
    x->next = rd_u8(&h);
    x->rt_len = rd_u8(&h);
    x->rt_type = rd_u8(&h);
    x->rt_segleft = rd_u8(&h);
    x->len = (x->rt_len + 1u) << 3;
    x->rt_naddrs = x->rt_captured = 0;
    if (h.short_read) {
        ip->ext_stop = EXT6_TRUNC;
        pkt_anom(p, ANOM_TRUNCATED);
        return 0;
    }
    if (x->rt_type == 4) {
        x->rt_last_ent = rd_u8(&h);
        x->rt_flags = rd_u8(&h);
        x->rt_tag = rd_be16(&h);
    } else {
        x->rt_reserved = rd_be32(&h);
    }
    if (x->rt_type != 0 && x->rt_type != 2 && x->rt_type != 4) {
        ip->ext_stop = EXT6_RT_UNKNOWN;
        pkt_anom(p, ANOM_IP6_EXT_BAD);
        return 0;
    }
    if (h.short_read) {
        ip->ext_stop = EXT6_TRUNC;
        pkt_anom(p, ANOM_TRUNCATED);
        return 0;
    }
    if (x->rt_len % 2 == 1) {
        ip->ext_stop = EXT6_RT_BAD_LEN;
        pkt_anom(p, ANOM_IP6_EXT_BAD);
        return 0;
    }
    uint32_t n = x->rt_len / 2u;
    x->rt_naddrs = (uint8_t)n;
    if (x->first_rt && x->rt_type == 4 && rd_has(&h, 16)) {
        /* segment routing lists segments in reverse: the final one is first */
        struct rd seg = rd_clamp(&h, 16);
        ip->final_dst.family = 6;
        rd_copy(&seg, ip->final_dst.b, 16);
    }
    for (uint32_t i = 0; i < n; i++) {
        struct addr a = {6, {0}};
        if (!rd_has(&h, 16)) {
            ip->ext_stop = EXT6_RT_ADDR_SHORT;
            pkt_anom(p, ANOM_TRUNCATED);
            return 0;
        }
        rd_copy(&h, a.b, 16);
        if (i < IP6_MAX_RT_ADDRS)
            x->rt_addrs[i] = a;
        x->rt_captured = (uint8_t)(i + 1);
        if (x->first_rt && x->rt_type != 4)
            ip->final_dst = a; /* types 0 and 2: the last address */
    }
    return x->len;
}

static uint32_t fragment_header(struct ipv6 *ip, struct ip6_ext *x, struct rd r, uint32_t off)
{
    struct rd h = r;
    x->len = 8;
    x->frag_cap = (uint8_t)(rd_left(&h) < 8 ? rd_left(&h) : 8);
    x->next = rd_u8(&h);
    rd_skip(&h, 1);
    x->frag_offlg = rd_be16(&h);
    x->frag_ident = rd_be32(&h);
    x->frag_plen = (uint64_t)40 + ip->payload_len - off - 8u;
    ip->fragmented = true;
    if (x->frag_cap < 4) {
        ip->ext_stop = EXT6_TRUNC;
        return 0;
    }
    if ((x->frag_offlg & 0xfff8) != 0) {
        ip->ext_stop = EXT6_FRAG_LATER;
        return 0;
    }
    return 8;
}

/* Extension header `nh` at the start of r; returns its length or 0 to stop. */
static uint32_t one_extension(struct dctx *d, struct ipv6 *ip, uint8_t nh, uint8_t prev,
                              struct rd r, uint32_t off)
{
    struct ip6_ext *x = &ip->exts[ip->nexts++];
    memset(x, 0, sizeof *x);
    x->next = rd_peek(&r, 0);
    switch (nh) {
    case NH_HOPOPTS:
        x->kind = EXT_HBH;
        if (prev != 255) {
            bool twice = false;
            for (int i = 0; i + 1 < ip->nexts; i++)
                twice |= ip->exts[i].kind == EXT_HBH;
            ip->ext_stop = twice ? EXT6_HBH_TWICE : EXT6_HBH_NOT_FIRST;
            pkt_anom(d->p, ANOM_IP6_EXT_BAD);
            return 0;
        }
        {
            uint32_t n = options_header(d->p, ip, x, r);
            if (ip->payload_len == 0 && ip->jumbo_len == 0) {
                ip->no_jumbo = true;
                if (ip->ext_stop == EXT6_OK)
                    ip->ext_stop = EXT6_NO_JUMBO;
                pkt_anom(d->p, ANOM_IP6_EXT_BAD);
                return 0;
            }
            return n;
        }
    case NH_DSTOPTS:
        x->kind = EXT_DSTOPT;
        return options_header(d->p, ip, x, r);
    case NH_FRAGMENT:
        x->kind = EXT_FRAGMENT;
        return fragment_header(ip, x, r, off);
    case NH_ROUTING:
        x->kind = EXT_ROUTING;
        x->first_rt = true;
        for (int i = 0; i + 1 < ip->nexts; i++)
            x->first_rt &= ip->exts[i].kind != EXT_ROUTING;
        return routing_header(d->p, ip, x, r);
    default: /* mobility */
        x->kind = EXT_MOBILITY;
        ip->ext_stop = EXT6_MOBILITY;
        return 0;
    }
}

static bool is_extension(uint8_t nh)
{
    return nh == NH_HOPOPTS || nh == NH_DSTOPTS || nh == NH_FRAGMENT || nh == NH_ROUTING ||
           nh == NH_MOBILITY || nh == NH_MOBILITY_OLD;
}

void decode_ipv6(struct dctx *d, struct rd r, uint32_t length)
{
    struct layer *l = decode_push(d, LAYER_IPV6, &r);
    if (!l)
        return;
    struct ipv6 *ip = &l->u.ip6;
    int index = d->p->nlayers - 1;
    ip->avail_len = length;
    ip->nexts = 0;
    ip->ext_stop = EXT6_OK;
    ip->jumbo_len = 0;
    ip->fragmented = false;
    ip->no_jumbo = false;
    ip->transport_len = 0;
    if (!rd_has(&r, 40)) {
        ip->stop = IP_SHORT;
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    struct rd h = r;
    ip->flow = rd_be32(&h);
    ip->version = (uint8_t)(ip->flow >> 28);
    ip->payload_len = rd_be16(&h);
    ip->next = rd_u8(&h);
    ip->hlim = rd_u8(&h);
    ip->src.family = ip->dst.family = 6;
    rd_copy(&h, ip->src.b, 16);
    rd_copy(&h, ip->dst.b, 16);
    ip->final_dst = ip->dst;
    ip->proto = ip->next;
    if (length < 40) {
        ip->stop = IP_LEN_SHORT;
        pkt_anom(d->p, ANOM_IP_BAD_LEN);
        return;
    }
    if (ip->version != 6) {
        ip->stop = IP_BAD_VERSION;
        pkt_anom(d->p, ANOM_IP_BAD_VERSION);
        return;
    }
    uint32_t len;
    if (ip->payload_len != 0) {
        len = ip->payload_len + 40u;
        if (length < len)
            pkt_anom(d->p, ANOM_IP_LEN_MISSING);
    } else {
        len = length + 40u; /* tcpdump's provisional length until a jumbo option */
    }
    struct rd win = rd_clamp(&r, len);
    uint32_t off = 40;
    uint8_t nh = ip->next, prev = 255;
    rd_skip(&win, 40);
    len -= 40;
    while (is_extension(nh)) {
        if (ip->nexts >= IP6_MAX_EXT) {
            pkt_anom(d->p, ANOM_TOO_DEEP);
            ip->stop = IP_EXT_BAD;
            return;
        }
        uint32_t adv = one_extension(d, ip, nh, prev, rd_clamp(&win, len), off);
        if (adv == 8 && nh == NH_FRAGMENT && rd_left(&win) <= 8) {
            ip->ext_stop = EXT6_NOTHING_AFTER; /* tcpdump stops silently here */
            adv = 0;
        }
        if (adv == 0) {
            ip->stop = IP_EXT_BAD;
            return;
        }
        if (len < adv) {
            ip->ext_stop = EXT6_LEN_SHORT;
            ip->stop = IP_EXT_BAD;
            return;
        }
        prev = nh;
        nh = ip->exts[ip->nexts - 1].next;
        rd_skip(&win, adv);
        len -= adv;
        off += adv;
    }
    ip->proto = nh;
    if (ip->jumbo_len) {
        len = ip->jumbo_len + 40u;
        if (len < off) {
            ip->ext_stop = EXT6_LEN_SHORT;
            ip->stop = IP_EXT_BAD;
            return;
        }
        if (length < len)
            pkt_anom(d->p, ANOM_IP_LEN_MISSING);
        len -= off;
        win = rd_clamp(&win, len);
    } else if (ip->payload_len == 0) {
        if (ip->nexts > 0) {
            ip->ext_stop = EXT6_LEN_SHORT;
            ip->stop = IP_EXT_BAD;
            return;
        }
        len = 0;
        win = rd_clamp(&win, 0);
    }
    ip->transport_len = len;
    ip->stop = IP_DONE;
    decode_ip_payload(d, nh, win, len, index, ip->fragmented);
}
