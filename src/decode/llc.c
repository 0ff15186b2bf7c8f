/*
 * llc.c - IEEE 802.2 LLC header after an 802.3 length field: SAPs and the
 * control field (one byte for U frames, two little-endian bytes for I and
 * S frames).  Nothing above LLC is decoded.
 */
#include "decode/decode_int.h"

void decode_llc(struct dctx *d, struct rd r, uint32_t length)
{
    struct layer *l = decode_push(d, LAYER_LLC, &r);
    if (!l)
        return;
    struct llc *c = &l->u.llc;
    c->length = length;
    c->complete = false;
    c->dsap = rd_peek(&r, 0);
    c->ssap = rd_peek(&r, 1);
    uint8_t ctl = rd_peek(&r, 2);
    c->is_u = (ctl & 3) == 3;
    c->hdrlen = c->is_u ? 3 : 4;
    if (rd_left(&r) < c->hdrlen || length < c->hdrlen) {
        pkt_anom(d->p, ANOM_TRUNCATED);
        decode_end(d, END_ETHERTYPE, r);
        return;
    }
    c->control = c->is_u ? ctl : (uint16_t)(ctl | rd_peek(&r, 3) << 8);
    c->complete = true;
    decode_end(d, END_ETHERTYPE, r);
}
