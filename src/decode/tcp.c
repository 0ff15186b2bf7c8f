/*
 * tcp.c - TCP header (RFC 9293 3.1), its options, and its checksum.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Source Port          |       Destination Port        |
 *   |                        Sequence Number                        |
 *   |                    Acknowledgment Number                      |
 *   |  Data |     |A|C|E|U|A|P|R|S|F|                               |
 *   | Offset| Rsv |E|W|C|R|C|S|S|Y|I|            Window             |
 *   |           Checksum            |         Urgent Pointer        |
 *   |                    Options                    |    Padding    |
 *
 * The option walk reproduces tcpdump's exactly, quirks included, because
 * the printer must stop where tcpdump stops: each option consumes the data
 * length its kind defines (an MSS option claiming 6 bytes still consumes
 * 2, and the rest is read as further options), and an option ends as
 * "bad" when its data runs past the header and "truncated" when it runs
 * past the captured bytes.
 */
#include "decode/decode_int.h"

#include "base/cksum.h"
#include "decode/mptcp.h"

enum {
    OPT_EOL = 0,
    OPT_NOP = 1,
    OPT_MSS = 2,
    OPT_WSCALE = 3,
    OPT_SACKOK = 4,
    OPT_SACK = 5,
    OPT_ECHO = 6,
    OPT_ECHOREPLY = 7,
    OPT_TIMESTAMP = 8,
    OPT_CC = 11,
    OPT_CCNEW = 12,
    OPT_CCECHO = 13,
    OPT_MD5 = 19,
    OPT_SCPS = 20,
    OPT_UTO = 28,
    OPT_TCPAO = 29,
    OPT_MPTCP = 30,
    OPT_FASTOPEN = 34,
    OPT_EXP2 = 254,
};

/* Data bytes an option kind consumes; len is the option's length byte. */
static uint32_t option_datalen(uint8_t kind, uint8_t len)
{
    switch (kind) {
    case OPT_EOL:
    case OPT_NOP:
    case OPT_SACKOK:
        return 0;
    case OPT_WSCALE:
        return 1;
    case OPT_MSS:
    case OPT_SCPS:
    case OPT_UTO:
        return 2;
    case OPT_ECHO:
    case OPT_ECHOREPLY:
    case OPT_CC:
    case OPT_CCNEW:
    case OPT_CCECHO:
        return 4;
    case OPT_TIMESTAMP:
        return 8;
    case OPT_MD5:
        return 16;
    default:
        return len - 2u;
    }
}

/* Fill the values of an option whose data bytes [0, avail) are readable. */
static void option_values(struct tcp *t, struct tcp_opt *o, struct rd data, uint16_t flags)
{
    switch (o->kind) {
    case OPT_MSS:
        o->v.mss = rd_be16(&data);
        break;
    case OPT_WSCALE:
        o->v.wscale = rd_u8(&data);
        break;
    case OPT_UTO:
        o->v.uto = rd_be16(&data);
        break;
    case OPT_ECHO:
    case OPT_ECHOREPLY:
    case OPT_CC:
    case OPT_CCNEW:
    case OPT_CCECHO:
        o->v.echo = rd_be32(&data);
        break;
    case OPT_TIMESTAMP:
        o->v.ts.val = rd_be32(&data);
        o->v.ts.ecr = rd_be32(&data);
        break;
    case OPT_SCPS:
        o->v.scps.cap = rd_u8(&data);
        o->v.scps.id = rd_u8(&data);
        break;
    case OPT_SACK:
        o->v.sack.n = 0;
        while (rd_left(&data) >= 8 && o->v.sack.n < SACK_MAX_BLOCKS) {
            o->v.sack.edge[o->v.sack.n][0] = rd_be32(&data);
            o->v.sack.edge[o->v.sack.n][1] = rd_be32(&data);
            o->v.sack.n++;
        }
        break;
    case OPT_EXP2:
        o->v.magic = rd_be16(&data);
        break;
    case OPT_MPTCP:
        if (t->nmptcp < TCP_MAX_MPTCP) {
            o->v.mptcp = t->nmptcp;
            mptcp_decode(o->data, o->len, flags, &t->mptcp[t->nmptcp++]);
        } else {
            o->v.mptcp = TCP_MAX_MPTCP;
        }
        break;
    default:
        break;
    }
}

/*
 * Walk the option bytes.  `left` is what the header length leaves for
 * options; `o` runs from the first option to the end of the captured
 * segment.
 */
static void walk_options(struct pkt *p, struct tcp *t, struct rd o, uint32_t left,
                         uint16_t flags)
{
    t->nopts = 0;
    t->nmptcp = 0;
    while (left > 0 && t->nopts < TCP_MAX_OPTS) {
        struct tcp_opt *op = &t->opts[t->nopts++];
        op->off = (uint16_t)rd_pos(&o);
        op->avail = 0;
        op->len = 0;
        op->data.p = NULL;
        op->data.len = 0;
        if (!rd_has(&o, 1)) {
            op->kind = 0;
            op->status = OPT_CUT_KIND;
            pkt_anom(p, ANOM_TRUNCATED);
            return;
        }
        op->kind = rd_u8(&o);
        if (op->kind == OPT_EOL || op->kind == OPT_NOP) {
            op->len = 1;
        } else {
            if (!rd_has(&o, 1)) {
                op->status = OPT_CUT_KIND;
                pkt_anom(p, ANOM_TRUNCATED);
                return;
            }
            op->len = rd_u8(&o);
            if (op->len < 2 || op->len > left) {
                op->status = OPT_BAD_LEN;
                pkt_anom(p, ANOM_TCP_BAD_OPT);
                return;
            }
            left--;
        }
        left--;
        uint32_t datalen = option_datalen(op->kind, op->len);
        /* The longest prefix of the data that is both inside the header and
         * captured; which limit cut it decides "bad" versus "truncated". */
        uint32_t room = left < rd_left(&o) ? left : rd_left(&o);
        uint32_t avail = datalen < room ? datalen : room;
        struct rd data = rd_clamp(&o, avail);
        op->avail = (uint8_t)avail;
        op->data = rd_rest(&data);
        /* tcpdump prints an odd-sized SACK or a short TCP-AO as invalid
         * without reading it */
        bool unread = (op->kind == OPT_SACK && datalen % 8) || (op->kind == OPT_TCPAO && datalen < 2);
        op->status = OPT_OK;
        if (!unread && avail < datalen)
            op->status = datalen > left ? OPT_BAD : OPT_TRUNC;
        else if (op->kind == OPT_EXP2 && datalen < 2)
            op->status = OPT_BAD;
        if (op->status == OPT_OK || op->kind == OPT_SACK)
            option_values(t, op, data, flags); /* SACK: the blocks that are there */
        if (op->status == OPT_OK && op->kind == OPT_MPTCP && op->v.mptcp < TCP_MAX_MPTCP &&
            !t->mptcp[op->v.mptcp].valid)
            op->status = OPT_BAD;
        if (op->status != OPT_OK) {
            pkt_anom(p, op->status == OPT_BAD ? ANOM_TCP_BAD_OPT : ANOM_TRUNCATED);
            return;
        }
        rd_skip(&o, datalen);
        left -= datalen;
        if (op->kind == OPT_EOL)
            return;
    }
}

void decode_tcp(struct dctx *d, struct rd r, uint32_t length, int ip, bool fragmented)
{
    struct layer *l = decode_push(d, LAYER_TCP, &r);
    if (!l)
        return;
    struct pkt *p = d->p;
    struct tcp *t = &l->u.tcp;
    p->tcp_index = p->nlayers - 1;
    p->ip_index = ip;
    t->length = length;
    t->fragmented = fragmented;
    t->cksum = CKSUM_UNCHECKED;
    t->nopts = 0;
    t->nmptcp = 0;
    t->payload_len = 0;
    t->payload.p = NULL;
    t->payload.len = 0;
    t->cap_len = rd_left(&r);
    if (!rd_has(&r, 4)) {
        t->stop = TCP_PORTS_SHORT;
        pkt_anom(p, ANOM_TRUNCATED);
        return;
    }
    struct rd h = r;
    t->sport = rd_be16(&h);
    t->dport = rd_be16(&h);
    if (!rd_has(&r, 20)) {
        t->stop = TCP_HDR_SHORT;
        pkt_anom(p, ANOM_TRUNCATED);
        return;
    }
    t->seq = rd_be32(&h);
    t->ack = rd_be32(&h);
    uint8_t b12 = rd_u8(&h);
    t->doff = b12 >> 4;
    t->flags = (uint16_t)((b12 & 0x01) << 8 | rd_u8(&h));
    t->reserved = (b12 >> 1) & 7;
    t->win = rd_be16(&h);
    t->sum = rd_be16(&h);
    t->urp = rd_be16(&h);
    uint32_t hlen = t->doff * 4u;
    if (hlen < 20) {
        t->stop = TCP_BAD_HLEN;
        pkt_anom(p, ANOM_TCP_BAD_HLEN);
        return;
    }
    t->stop = TCP_DONE;
    if (hlen > length) {
        pkt_anom(p, ANOM_TCP_BAD_HLEN);
        return;
    }
    t->payload_len = length - hlen;
    if ((d->flags & DECODE_CKSUM) && !fragmented && rd_has(&r, length)) {
        struct rd seg = rd_clamp(&r, length);
        uint64_t sum = decode_pseudo_sum(p, ip, 6, length);
        uint16_t c = cksum_finish(cksum_add(sum, rd_rest(&seg)));
        t->cksum = c == 0 ? CKSUM_OK : CKSUM_BAD;
        t->sum_should = cksum_shouldbe(t->sum, c);
        uint16_t pseudo = (uint16_t)~cksum_finish(sum), pseudo_inv = cksum_finish(sum);
        /* folded (as Linux leaves it for the NIC) or complemented */
        t->sum_pseudo = c != 0 && (t->sum == pseudo || t->sum == pseudo_inv);
        if (c != 0)
            pkt_anom(p, ANOM_TCP_BAD_CKSUM);
    }
    /* Option bytes are counted against the header length, but the walk may
     * read a length byte past it, as tcpdump does, when it was captured. */
    walk_options(p, t, h, hlen - 20, t->flags);
    struct rd body = r;
    rd_skip(&body, hlen);
    t->payload_off = rd_pos(&body);
    t->payload = rd_bytes(&body, t->payload_len);
}
