/*
 * link.c - link-layer decoders: Ethernet (with 802.1Q/802.1ad tags), Linux
 * cooked v1/v2, BSD null/loopback and raw IP, and the EtherType dispatch.
 *
 * Lengths follow tcpdump: `length` is what the layer below claims (the
 * capture record's wire length for the outer frame), the window is what was
 * captured, and the link header length is recorded for -x/-X, which dump
 * the frame from the network header on.
 */
#include "decode/decode_int.h"

#define ETH_HDR_LEN 14
#define SLL_HDR_LEN 16
#define SLL2_HDR_LEN 20
#define MAX_ETHERNET_LENGTH_VAL 1500

enum {
    ETHERTYPE_IP = 0x0800,
    ETHERTYPE_ARP = 0x0806,
    ETHERTYPE_REVARP = 0x8035,
    ETHERTYPE_8021Q = 0x8100,
    ETHERTYPE_IPV6 = 0x86dd,
    ETHERTYPE_8021QINQ = 0x88a8,
    ETHERTYPE_8021Q9100 = 0x9100,
    ETHERTYPE_8021Q9200 = 0x9200,
};

static bool is_vlan_tpid(uint16_t t)
{
    return t == ETHERTYPE_8021Q || t == ETHERTYPE_8021QINQ || t == ETHERTYPE_8021Q9100 ||
           t == ETHERTYPE_8021Q9200;
}

/* The outermost link header's length is what -x skips. */
static void set_link_hdr_len(struct dctx *d, const struct layer *l, uint32_t len)
{
    if (l == &d->p->layers[0])
        d->p->link_hdr_len = len;
}

bool decode_ethertype(struct dctx *d, uint16_t type, struct rd r, uint32_t length)
{
    switch (type) {
    case ETHERTYPE_IP:
        decode_ipv4(d, r, length);
        return true;
    case ETHERTYPE_IPV6:
        decode_ipv6(d, r, length);
        return true;
    case ETHERTYPE_ARP:
    case ETHERTYPE_REVARP:
        decode_arp(d, r, length);
        return true;
    default:
        return false;
    }
}

void decode_eth(struct dctx *d, struct rd r, uint32_t length)
{
    struct layer *l = decode_push(d, LAYER_ETH, &r);
    if (!l)
        return;
    struct eth *e = &l->u.eth;
    uint32_t caplen = rd_left(&r);
    e->wire_len = length;
    e->cap_len = caplen;
    e->ntags = 0;
    e->type = 0;
    if (length < caplen) {
        e->stop = ETH_LEN_INVALID;
        pkt_anom(d->p, ANOM_LINK_BAD);
        set_link_hdr_len(d, l, length);
        return;
    }
    if (caplen < ETH_HDR_LEN) {
        e->stop = ETH_SHORT;
        pkt_anom(d->p, ANOM_TRUNCATED);
        set_link_hdr_len(d, l, caplen);
        return;
    }
    rd_copy(&r, e->dst, 6);
    rd_copy(&r, e->src, 6);
    uint16_t type = rd_be16(&r);
    length -= ETH_HDR_LEN;
    uint32_t hdrlen = ETH_HDR_LEN;
    while (is_vlan_tpid(type)) {
        if (!rd_has(&r, 4) || length < 4) {
            e->type = type;
            e->stop = ETH_TAG_SHORT;
            pkt_anom(d->p, ANOM_TRUNCATED);
            set_link_hdr_len(d, l, hdrlen + (rd_left(&r) < length ? rd_left(&r) : length));
            return;
        }
        uint16_t tci = rd_be16(&r);
        if (e->ntags < ETH_MAX_TAGS) {
            e->tags[e->ntags].tpid = type;
            e->tags[e->ntags].tci = tci;
            e->ntags++;
        } else {
            pkt_anom(d->p, ANOM_TOO_DEEP);
        }
        type = rd_be16(&r);
        length -= 4;
        hdrlen += 4;
    }
    e->type = type;
    e->stop = ETH_DONE;
    set_link_hdr_len(d, l, hdrlen);
    if (type <= MAX_ETHERNET_LENGTH_VAL) {
        /* An 802.3 length field: an LLC header follows. */
        uint32_t len = type < length ? type : length;
        decode_llc(d, rd_clamp(&r, len), len);
        return;
    }
    if (!decode_ethertype(d, type, r, length))
        decode_end(d, END_ETHERTYPE, r);
}

void decode_sll(struct dctx *d, struct rd r, uint32_t length, bool v2)
{
    struct layer *l = decode_push(d, v2 ? LAYER_SLL2 : LAYER_SLL, &r);
    if (!l)
        return;
    struct sll *s = &l->u.sll;
    uint32_t hdr = v2 ? SLL2_HDR_LEN : SLL_HDR_LEN;
    s->wire_len = length;
    s->ntags = 0;
    s->tag_short = false;
    s->hdr_short = !rd_has(&r, hdr);
    if (s->hdr_short) {
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    if (v2) {
        s->proto = rd_be16(&r);
        rd_skip(&r, 2);
        s->ifindex = rd_be32(&r);
        s->hatype = rd_be16(&r);
        s->pkttype = rd_u8(&r);
        s->halen = rd_u8(&r);
    } else {
        s->pkttype = rd_be16(&r);
        s->hatype = rd_be16(&r);
        s->halen = rd_be16(&r);
        s->ifindex = 0;
    }
    rd_copy(&r, s->addr, 8);
    if (!v2)
        s->proto = rd_be16(&r);
    length -= hdr;
    uint32_t hdrlen = hdr;
    uint16_t type = s->proto;
    s->type = type;
    if (s->hatype == 803) { /* radiotap inside: not decoded */
        set_link_hdr_len(d, l, hdrlen);
        decode_end(d, END_ETHERTYPE, r);
        return;
    }
    while (type == ETHERTYPE_8021Q) {
        if (!rd_has(&r, 4)) {
            s->tag_short = true;
            pkt_anom(d->p, ANOM_TRUNCATED);
            set_link_hdr_len(d, l, hdrlen + rd_left(&r));
            return;
        }
        uint16_t tci = rd_be16(&r);
        if (s->ntags < ETH_MAX_TAGS) {
            s->tags[s->ntags].tpid = type;
            s->tags[s->ntags].tci = tci;
            s->ntags++;
        }
        type = rd_be16(&r);
        if (type <= MAX_ETHERNET_LENGTH_VAL)
            type = 4; /* LINUX_SLL_P_802_2 */
        length -= 4;
        hdrlen += 4;
    }
    s->type = type;
    set_link_hdr_len(d, l, hdrlen);
    if (type <= MAX_ETHERNET_LENGTH_VAL || !decode_ethertype(d, type, r, length))
        decode_end(d, END_ETHERTYPE, r);
}

enum { BSD_AF_INET = 2, BSD_AF_INET6_BSD = 24, BSD_AF_INET6_FREEBSD = 28, BSD_AF_INET6_DARWIN = 30 };

void decode_null(struct dctx *d, struct rd r, uint32_t length, bool network_order)
{
    (void)network_order; /* tcpdump reads DLT_LOOP like DLT_NULL: either order */
    struct layer *l = decode_push(d, LAYER_NULL, &r);
    if (!l)
        return;
    l->u.null.wire_len = length;
    l->u.null.hdr_short = !rd_has(&r, 4);
    if (l->u.null.hdr_short) {
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    uint32_t family = rd_le32(&r);
    if (family & 0xffff0000u)
        family = (family >> 24) | ((family >> 8) & 0xff00u) | ((family << 8) & 0xff0000u) |
                 (family << 24);
    l->u.null.family = family;
    set_link_hdr_len(d, l, 4);
    length -= 4;
    switch (family) {
    case BSD_AF_INET:
        decode_ipv4(d, r, length);
        break;
    case BSD_AF_INET6_BSD:
    case BSD_AF_INET6_FREEBSD:
    case BSD_AF_INET6_DARWIN:
        decode_ipv6(d, r, length);
        break;
    default:
        decode_end(d, END_ETHERTYPE, r);
        break;
    }
}

void decode_ip_any(struct dctx *d, struct rd r, uint32_t length)
{
    struct layer *l = decode_push(d, LAYER_RAW, &r);
    if (!l)
        return;
    struct raw *w = &l->u.raw;
    w->wire_len = length;
    w->version = rd_peek(&r, 0) >> 4;
    if (length < 1) {
        w->stop = RAW_EMPTY;
    } else if (r.short_read) {
        w->stop = RAW_SHORT;
        pkt_anom(d->p, ANOM_TRUNCATED);
    } else if (w->version == 4) {
        w->stop = RAW_DONE;
        decode_ipv4(d, r, length);
    } else if (w->version == 6) {
        w->stop = RAW_DONE;
        decode_ipv6(d, r, length);
    } else {
        w->stop = RAW_BAD_VERSION;
        pkt_anom(d->p, ANOM_IP_BAD_VERSION);
    }
}
