/* decode.c - decode_frame(): link-type dispatch and the layer stack. */
#include "decode/decode_int.h"

#include "base/cksum.h"

struct layer *decode_push(struct dctx *d, enum layer_kind kind, const struct rd *r)
{
    struct pkt *p = d->p;
    if (p->nlayers >= PKT_MAX_LAYERS) {
        pkt_anom(p, ANOM_TOO_DEEP);
        p->end = END_TOO_DEEP;
        p->rest = rd_rest(r);
        return NULL;
    }
    struct layer *l = &p->layers[p->nlayers++];
    l->kind = (uint8_t)kind;
    l->off = rd_pos(r);
    return l;
}

void decode_end(struct dctx *d, enum pkt_end why, struct rd r)
{
    d->p->end = (uint8_t)why;
    d->p->rest = rd_rest(&r);
}

bool decode_linktype_supported(int linktype)
{
    switch (linktype) {
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP:
    case LINKTYPE_ETHERNET:
    case LINKTYPE_RAW:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
    case LINKTYPE_LINUX_SLL:
    case LINKTYPE_LINUX_SLL2:
        return true;
    default:
        return false;
    }
}

void decode_frame(const struct frame *f, unsigned flags, struct pkt *out)
{
    out->num = f->num;
    out->ts_sec = f->ts_sec;
    out->ts_nsec = f->ts_nsec;
    out->caplen = f->caplen;
    out->wirelen = f->wirelen;
    out->linktype = f->linktype;
    out->frame = f->data;
    out->link_hdr_len = 0;
    out->nlayers = 0;
    out->end = END_DONE;
    out->rest.p = f->data;
    out->rest.len = 0;
    out->tcp_index = -1;
    out->ip_index = -1;
    out->anomalies = 0;

    struct dctx d = {out, flags};
    struct rd r = rd_make(f->data, f->caplen);
    switch (f->linktype) {
    case LINKTYPE_ETHERNET:
        decode_eth(&d, r, f->wirelen);
        break;
    case LINKTYPE_LINUX_SLL:
        decode_sll(&d, r, f->wirelen, false);
        break;
    case LINKTYPE_LINUX_SLL2:
        decode_sll(&d, r, f->wirelen, true);
        break;
    case LINKTYPE_NULL:
        decode_null(&d, r, f->wirelen, false);
        break;
    case LINKTYPE_LOOP:
        decode_null(&d, r, f->wirelen, true);
        break;
    case LINKTYPE_RAW:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
        decode_ip_any(&d, r, f->wirelen);
        break;
    default:
        decode_end(&d, END_UNKNOWN_LINK, r);
        break;
    }
}

uint64_t decode_pseudo_sum(const struct pkt *p, int ip, uint8_t proto, uint32_t len)
{
    const struct layer *l = &p->layers[ip];
    uint64_t sum = 0;
    struct bytes src, dst;
    if (l->kind == LAYER_IPV4) {
        src.p = l->u.ip4.src.b;
        dst.p = l->u.ip4.final_dst.b;
        src.len = dst.len = 4;
        sum = cksum_add(cksum_add(sum, src), dst);
        sum = cksum_add16(sum, proto);
        sum = cksum_add16(sum, (uint16_t)len);
    } else {
        src.p = l->u.ip6.src.b;
        dst.p = l->u.ip6.final_dst.b;
        src.len = dst.len = 16;
        sum = cksum_add(cksum_add(sum, src), dst);
        sum = cksum_add16(sum, (uint16_t)(len >> 16));
        sum = cksum_add16(sum, (uint16_t)len);
        sum = cksum_add16(sum, proto);
    }
    return sum;
}

enum { PROTO_IPV4 = 4, PROTO_TCP = 6, PROTO_UDP = 17, PROTO_DCCP = 33, PROTO_IPV6 = 41,
       PROTO_SCTP = 132 };

/* SCTP and DCCP: the two ports at the start of the header, nothing more. */
static void decode_ports(struct dctx *d, uint8_t proto, struct rd r, uint32_t length)
{
    struct layer *l = decode_push(d, LAYER_PORTS, &r);
    if (!l)
        return;
    struct ports *pt = &l->u.ports;
    pt->proto = proto;
    pt->length = length;
    pt->sport = rd_be16(&r);
    pt->dport = rd_be16(&r);
    pt->ok = !r.short_read;
    if (!pt->ok)
        pkt_anom(d->p, ANOM_TRUNCATED);
    decode_end(d, END_IP_PROTO, r);
}

void decode_ip_payload(struct dctx *d, uint8_t proto, struct rd r, uint32_t length, int ip,
                       bool fragmented)
{
    switch (proto) {
    case PROTO_TCP:
        decode_tcp(d, r, length, ip, fragmented);
        break;
    case PROTO_UDP:
        decode_udp(d, r, length, ip, fragmented);
        break;
    case PROTO_IPV4: /* IP in IP: the inner datagram is decoded like an outer one */
        decode_ipv4(d, r, length);
        break;
    case PROTO_IPV6:
        decode_ipv6(d, r, length);
        break;
    case PROTO_SCTP:
    case PROTO_DCCP:
        decode_ports(d, proto, r, length);
        break;
    default:
        decode_end(d, END_IP_PROTO, r);
        break;
    }
}
