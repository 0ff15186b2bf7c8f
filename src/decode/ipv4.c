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
#define IPOPT_TS 68
#define IPOPT_RR 7
#define IPOPT_LSRR 131
#define IPOPT_SSRR 137
#define IPOPT_RA 148

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

/* Route option hops: 4-byte addresses from offset 3 while below len (the
 * last one may lie past the option; tcpdump reads it if captured). */
static void route_hops(struct ipv4 *ip, struct ip4_opt *op, struct rd at)
{
    rd_skip(&at, 3);
    op->first_hop = ip->nhops;
    for (uint32_t l = 3; l < op->len && ip->nhops < IP4_MAX_HOPS; l += 4) {
        if (!rd_has(&at, 4)) {
            op->hops_trunc = true;
            return;
        }
        rd_copy(&at, ip->hop[ip->nhops++], 4);
        op->nhops++;
    }
}

/* Timestamp option entries (RFC 791): 4-byte stamps, with an address
 * before each one unless the flag says timestamps only. */
static void timestamp_hops(struct ipv4 *ip, struct ip4_opt *op, struct rd at)
{
    uint32_t hoplen = (op->flags & 0x0f) != 0 ? 8 : 4;
    uint8_t type = op->flags & 0x0f;
    op->first_hop = ip->nhops;
    if (type != 0 && type != 1 && type != 3)
        return;
    rd_skip(&at, 4);
    for (uint32_t l = 4; l < op->len && ip->nhops < IP4_MAX_HOPS; l += hoplen) {
        if (!rd_has(&at, hoplen)) {
            op->hops_trunc = true;
            return;
        }
        if (hoplen == 8)
            rd_copy(&at, ip->hop[ip->nhops], 4);
        ip->ts[ip->nhops++] = rd_be32(&at);
        op->nhops++;
    }
}

/* The option list the way tcpdump -v walks it.  `at` starts at the first
 * option and runs to the end of the captured datagram. */
static void walk_options(struct ipv4 *ip, struct rd at, uint32_t left)
{
    ip->nopts = 0;
    ip->nhops = 0;
    while (left > 0 && ip->nopts < IP4_MAX_OPTS) {
        struct ip4_opt *op = &ip->opts[ip->nopts++];
        memset(op, 0, sizeof *op);
        op->status = IP4O_CUT;
        if (!rd_has(&at, 1))
            return;
        op->code = rd_peek(&at, 0);
        op->len = 1;
        if (op->code != IPOPT_NOP && op->code != IPOPT_EOL) {
            if (!rd_has(&at, 2)) {
                op->status = IP4O_CUT_LEN;
                return;
            }
            op->len = rd_peek(&at, 1);
            if (op->len < 2) {
                op->status = IP4O_BAD_LEN;
                return;
            }
        }
        if (op->len > left) {
            op->status = IP4O_BAD_LEN;
            return;
        }
        if (!rd_has(&at, op->len)) {
            op->status = IP4O_TRUNC;
            return;
        }
        op->status = IP4O_OK;
        if (op->len >= 3)
            op->ptr = rd_peek(&at, 2);
        if (op->len >= 4)
            op->flags = rd_peek(&at, 3);
        if (op->code == IPOPT_EOL)
            return;
        if (op->code == IPOPT_RR || op->code == IPOPT_LSRR || op->code == IPOPT_SSRR) {
            if (op->len >= 3)
                route_hops(ip, op, at);
        } else if (op->code == IPOPT_TS) {
            if (op->len >= 4)
                timestamp_hops(ip, op, at);
        } else if (op->code == IPOPT_RA && op->len >= 4) {
            op->ra_value = (uint16_t)(rd_peek(&at, 2) << 8 | rd_peek(&at, 3));
        }
        if (op->hops_trunc) {
            op->status = IP4O_TRUNC;
            return;
        }
        rd_skip(&at, op->len);
        left -= op->len;
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
    ip->sum_checked = ip->sum_ok = false;
    ip->sum_should = 0;
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
    bool tso = false;
    if (len < hlen) {
        ip->stop = IP_BAD_LEN;
        pkt_anom(d->p, ANOM_IP_BAD_LEN);
        if (len != 0)
            return;
        /* Total length 0: a segment handed to the NIC for segmentation
         * (TSO) or a BIG TCP one.  tcpdump 4.99 stops here; the tracker,
         * like Wireshark, takes the length the link layer gives. */
        len = length;
        tso = true;
    }
    struct rd win = rd_clamp(&r, len); /* the datagram, cut to what was captured */
    ip->payload_len = len - hlen;
    ip->opt_off = rd_pos(&win) + 20;
    ip->opt_len = hlen - 20;
    {
        struct rd at = win;
        rd_skip(&at, 20);
        walk_options(ip, at, ip->opt_len);
    }
    if (rd_has(&win, hlen)) {
        struct rd opts = rd_clamp(&h, hlen - 20);
        find_final_dst(ip, opts);
    }
    if ((d->flags & DECODE_CKSUM) && rd_has(&win, hlen)) {
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
    ip->stop = tso ? IP_BAD_LEN : IP_DONE;
    rd_skip(&win, hlen);
    decode_ip_payload(d, ip->proto, win, len - hlen, index, (ip->frag & IP_MF) != 0);
}
