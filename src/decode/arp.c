/* arp.c - ARP/RARP (RFC 826): operation and addresses for Ethernet/IPv4. */
#include "decode/decode_int.h"

void decode_arp(struct dctx *d, struct rd r, uint32_t length)
{
    struct layer *l = decode_push(d, LAYER_ARP, &r);
    if (!l)
        return;
    struct arp *a = &l->u.arp;
    a->len = length;
    a->complete = false;
    a->hrd = rd_be16(&r);
    a->pro = rd_be16(&r);
    a->hln = rd_u8(&r);
    a->pln = rd_u8(&r);
    a->op = rd_be16(&r);
    if (r.short_read || a->hln > 16 || a->pln > 16) {
        pkt_anom(d->p, ANOM_TRUNCATED);
        return;
    }
    rd_copy(&r, a->sha, a->hln);
    rd_copy(&r, a->spa, a->pln);
    rd_copy(&r, a->tha, a->hln);
    rd_copy(&r, a->tpa, a->pln);
    a->complete = !r.short_read;
    if (!a->complete)
        pkt_anom(d->p, ANOM_TRUNCATED);
}
