/*
 * track.c - the tracker: looks up each TCP segment's conversation and
 * applies tcpdump's relative-sequence rules (print-tcp.c behaviour):
 *   - only segments with ACK set consult the table;
 *   - a segment with no entry yet, or with SYN set, (re)records the bases
 *     (its own seq, and ack - 1 for the peer) and is shown absolute;
 *   - any other segment with ACK is shown relative to the stored bases.
 * SACK edges are made relative to the peer's base whenever the table was
 * consulted, including on the segment that recorded it.
 */
#include "track/track.h"

#include <stdlib.h>

#include "track/flow.h"

struct tracker {
    struct track_config cfg;
    struct flow_table *flows;
};

struct tracker *track_new(const struct track_config *cfg)
{
    struct tracker *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cfg = *cfg;
    t->flows = flow_table_new();
    if (!t->flows) {
        free(t);
        return NULL;
    }
    return t;
}

void track_free(struct tracker *t)
{
    if (!t)
        return;
    flow_table_free(t->flows);
    free(t);
}

static void ip_endpoints(const struct layer *l, const struct addr **src, const struct addr **dst)
{
    if (l->kind == LAYER_IPV4) {
        *src = &l->u.ip4.src;
        *dst = &l->u.ip4.dst;
    } else {
        *src = &l->u.ip6.src;
        *dst = &l->u.ip6.dst;
    }
}

void track_packet(struct tracker *t, const struct pkt *p, struct seg_view *out)
{
    *out = (struct seg_view){0};
    const struct tcp *tcp = pkt_tcp(p);
    if (!tcp || tcp->stop != TCP_DONE)
        return;
    if (t->cfg.absolute_seq || t->cfg.quiet || !(tcp->flags & TH_ACK))
        return;
    const struct addr *src, *dst;
    ip_endpoints(&p->layers[p->ip_index], &src, &dst);
    struct flow_key key;
    bool rev;
    flow_key_make(&key, src, tcp->sport, dst, tcp->dport, &rev);
    struct flow *f = flow_lookup(t->flows, &key, true);
    if (!f)
        return; /* out of memory: print absolute numbers */
    int me = rev ? 1 : 0;
    if (!f->rel.valid || (tcp->flags & TH_SYN)) {
        f->rel.valid = true;
        f->rel.base[me] = tcp->seq;
        f->rel.base[!me] = tcp->ack - 1;
        out->sack_sub = f->rel.base[!me];
        return;
    }
    out->relative = true;
    out->seq_sub = f->rel.base[me];
    out->ack_sub = f->rel.base[!me];
    out->sack_sub = f->rel.base[!me];
}
