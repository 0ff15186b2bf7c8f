/*
 * udp.c - UDP header (RFC 768) and the two tunnels tcpdump follows by port:
 * VXLAN (RFC 7348, port 4789) and Geneve (RFC 8926, port 6081), whose
 * payload is a whole inner frame decoded like an outer one.
 */
#include "decode/decode_int.h"

#include "base/cksum.h"

#define VXLAN_PORT 4789
#define GENEVE_PORT 6081
#define ETHERTYPE_TEB 0x6558

static void decode_vxlan(struct dctx *d, struct rd r, uint32_t len)
{
    struct layer *l = decode_push(d, LAYER_VXLAN, &r);
    if (!l)
        return;
    struct vxlan *v = &l->u.vxlan;
    v->len = len;
    v->cap = (uint8_t)(rd_left(&r) < 8 ? rd_left(&r) : 8);
    if (len < 8)
        return;
    v->flags = rd_u8(&r);
    rd_skip(&r, 3);
    v->vni = rd_be24(&r);
    rd_skip(&r, 1);
    if (r.short_read) {
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    decode_eth(d, r, len - 8);
}

static void decode_geneve(struct dctx *d, struct rd r, uint32_t len)
{
    struct layer *l = decode_push(d, LAYER_GENEVE, &r);
    if (!l)
        return;
    struct geneve *g = &l->u.geneve;
    g->len = len;
    if (len < 8) {
        g->stop = GENEVE_SHORT;
        return;
    }
    if (!rd_has(&r, 8)) {
        g->stop = GENEVE_TRUNC;
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    g->ver_opt = rd_u8(&r);
    g->flags = rd_u8(&r);
    g->proto = rd_be16(&r);
    g->vni = rd_be24(&r);
    g->reserved = rd_u8(&r);
    g->opts_len = (g->ver_opt & 0x3fu) * 4u;
    len -= 8;
    if (g->ver_opt >> 6) {
        g->stop = GENEVE_BAD_VERSION;
        return;
    }
    if (len < g->opts_len) {
        g->stop = GENEVE_OPTS_LONG;
        return;
    }
    if (!rd_has(&r, g->opts_len)) {
        g->stop = GENEVE_OPTS_TRUNC;
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    g->opts = rd_bytes(&r, g->opts_len);
    len -= g->opts_len;
    g->stop = GENEVE_DONE;
    if (!decode_ethertype(d, g->proto, r, len)) {
        if (g->proto == ETHERTYPE_TEB)
            decode_eth(d, r, len);
        else
            decode_end(d, END_ETHERTYPE, r);
    }
}

void decode_udp(struct dctx *d, struct rd r, uint32_t length, int ip, bool fragmented)
{
    struct layer *l = decode_push(d, LAYER_UDP, &r);
    if (!l)
        return;
    struct udp *u = &l->u.udp;
    u->length = length;
    u->fragmented = fragmented;
    u->ports_ok = rd_has(&r, 4);
    u->ulen_ok = false;
    u->sum_checked = u->sum_ok = false;
    u->sum_should = 0;
    u->stop = UDP_PORTS_SHORT;
    if (!u->ports_ok) {
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    struct rd h = r;
    u->sport = rd_be16(&h);
    u->dport = rd_be16(&h);
    if (length < 8) {
        u->stop = UDP_LEN_SHORT;
        pkt_anom(d->p, ANOM_UDP_BAD);
        return;
    }
    u->ulen_ok = rd_has(&r, 6);
    if (!u->ulen_ok) {
        u->stop = UDP_ULEN_SHORT;
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    u->ulen = rd_be16(&h);
    u->sum = rd_be16(&h);
    uint32_t ulen = u->ulen;
    if (ulen == 0 && length > 65535)
        ulen = length;
    if (ulen < 8) {
        u->stop = UDP_ULEN_BAD;
        pkt_anom(d->p, ANOM_UDP_BAD);
        return;
    }
    u->payload_len = length - 8 < ulen - 8 ? length - 8 : ulen - 8;
    if (!rd_has(&r, 8)) {
        u->stop = UDP_HDR_SHORT;
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    u->stop = UDP_DONE;
    struct rd hdr = rd_sub(&r, 8);
    if ((d->flags & DECODE_CKSUM) && !fragmented && rd_has(&r, u->payload_len)) {
        struct rd seg = rd_clamp(&r, u->payload_len);
        uint64_t sum = decode_pseudo_sum(d->p, ip, 17, u->payload_len + 8);
        struct rd no_sum = rd_clamp(&hdr, 6); /* the header up to its checksum */
        sum = cksum_add(cksum_add16(cksum_add(sum, rd_rest(&no_sum)), u->sum), rd_rest(&seg));
        uint16_t c = cksum_finish(sum);
        u->sum_checked = true;
        u->sum_ok = c == 0;
        u->sum_should = cksum_shouldbe(u->sum, c);
    }
    if (u->sport == VXLAN_PORT || u->dport == VXLAN_PORT)
        decode_vxlan(d, r, u->payload_len);
    else if (u->sport == GENEVE_PORT || u->dport == GENEVE_PORT)
        decode_geneve(d, r, u->payload_len);
    else
        decode_end(d, END_UDP_PORT, r);
}
