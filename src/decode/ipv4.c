/*
 * ipv4.c - IPv4 header (RFC 791): fields, options, header checksum, and the
 * hand-off to the transport layer.
 *
 * The window handed on is cut to the total length the header claims (the
 * way tcpdump pushes its snapshot end), so TCP never reads Ethernet padding.
 * Only the first fragment carries a transport header.
 */
#include "decode/decode_int.h"

#include "base/cksum.h"

#define IP_MF 0x2000
#define IP_OFFMASK 0x1fff
#define IPOPT_EOL 0
#define IPOPT_NOP 1
#define IPOPT_LSRR 131
#define IPOPT_SSRR 137

/* Final destination of a loose/strict source route, as the TCP/UDP
 * pseudo-header uses it; the header's destination otherwise. */
static void find_final_dst(struct ipv4 *ip, struct rd opts)
{
    ip->final_dst = ip->dst;
    while (rd_left(&opts) > 0) {
        uint8_t code = rd_peek(&opts, 0);
        if (code == IPOPT_EOL)
            return;
        uint32_t len = 1;
        if (code != IPOPT_NOP) {
            len = rd_peek(&opts, 1);
            if (opts.short_read || len < 2 || len > rd_left(&opts))
                return;
        }
        if ((code == IPOPT_LSRR || code == IPOPT_SSRR) && len >= 7) {
            struct rd o = rd_clamp(&opts, len);
            rd_skip(&o, len - 4);
            rd_copy(&o, ip->final_dst.b, 4);
            return;
        }
        rd_skip(&opts, len);
    }
}

void decode_ipv4(struct dctx *d, struct rd r, uint32_t length)
{
    struct layer *l = decode_push(d, LAYER_IPV4, &r);
    if (!l)
        return;
    struct ipv4 *ip = &l->u.ip4;
    int index = d->p->nlayers - 1;
    ip->avail_len = length;
    ip->version = rd_peek(&r, 0) >> 4;
    ip->sum_checked = false;
    ip->opt_len = 0;
    if (r.short_read) {
        ip->stop = IP_EMPTY;
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    if (ip->version != 4) {
        ip->stop = IP_BAD_VERSION;
        pkt_anom(d->p, ANOM_IP_BAD_VERSION);
        return;
    }
    if (!rd_has(&r, 20)) {
        ip->stop = IP_SHORT;
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    struct rd h = r;
    uint8_t vhl = rd_u8(&h);
    ip->ihl = vhl & 0x0f;
    ip->tos = rd_u8(&h);
    ip->total_len = rd_be16(&h);
    ip->id = rd_be16(&h);
    ip->frag = rd_be16(&h);
    ip->ttl = rd_u8(&h);
    ip->proto = rd_u8(&h);
    ip->sum = rd_be16(&h);
    ip->src.family = ip->dst.family = 4;
    memset(ip->src.b + 4, 0, 12);
    memset(ip->dst.b + 4, 0, 12);
    rd_copy(&h, ip->src.b, 4);
    rd_copy(&h, ip->dst.b, 4);
    ip->final_dst = ip->dst;
    if (length < 20) {
        ip->stop = IP_LEN_SHORT;
        pkt_anom(d->p, ANOM_IP_BAD_LEN);
        return;
    }
    uint32_t hlen = ip->ihl * 4u;
    if (hlen < 20) {
        ip->stop = IP_BAD_HLEN;
        pkt_anom(d->p, ANOM_IP_BAD_HLEN);
        return;
    }
    uint32_t len = ip->total_len;
    if (length < len)
        pkt_anom(d->p, ANOM_IP_LEN_MISSING);
    if (len < hlen) {
        ip->stop = IP_BAD_LEN;
        pkt_anom(d->p, ANOM_IP_BAD_LEN);
        return;
    }
    struct rd win = rd_clamp(&r, len); /* the datagram, cut to what was captured */
    ip->payload_len = len - hlen;
    ip->opt_off = rd_pos(&win) + 20;
    ip->opt_len = hlen - 20;
    if (rd_has(&win, hlen)) {
        struct rd opts = rd_clamp(&h, hlen - 20);
        find_final_dst(ip, opts);
        struct rd hdr = rd_clamp(&win, hlen);
        uint16_t c = cksum_finish(cksum_add(0, rd_rest(&hdr)));
        ip->sum_checked = true;
        ip->sum_ok = c == 0;
        ip->sum_should = cksum_shouldbe(ip->sum, c);
        if (!ip->sum_ok)
            pkt_anom(d->p, ANOM_IP_BAD_CKSUM);
    }
    if ((ip->frag & IP_OFFMASK) != 0) {
        ip->stop = IP_FRAGMENT;
        return;
    }
    if (!rd_has(&win, hlen)) {
        ip->stop = IP_HDR_SHORT;
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    ip->stop = IP_DONE;
    rd_skip(&win, hlen);
    decode_ip_payload(d, ip->proto, win, len - hlen, index, (ip->frag & IP_MF) != 0);
}
