/*
 * track.c - the tracker: looks up each TCP segment's conversation, keeps
 * the table to the conversations that are alive (FINs, RSTs and idle
 * time; see flow.h), and applies tcpdump's relative-sequence rules
 * (print-tcp.c behaviour):
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

/* A closed conversation is forgotten after four minutes of silence (2MSL
 * in RFC 9293); open ones only beyond a million at a time. */
static const struct flow_expiry expiry = {.idle_closed = 240, .max_open = 1000000};

struct tracker {
    struct track_config cfg;
    struct flow_table *flows;
    int64_t last_expiry; /* capture second of the last expiry pass */
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

/* Forget what the expiry policy says to, once per second of capture time
 * (before the packet's own lookup, which must not revive a stale entry). */
static void expire(struct tracker *t, int64_t now)
{
    if (now != t->last_expiry) {
        t->last_expiry = now;
        flow_expire(t->flows, now, &expiry);
    }
}

/* Keep the entry's place in the table: most recent, closed after a RST or
 * a FIN from each side, open again on a new SYN. */
static void lifecycle(struct tracker *t, struct flow *f, int me, uint16_t flags, int64_t now)
{
    if ((flags & TH_SYN) && f->closed) {
        f->fin_seen = 0;
        flow_reopen(t->flows, f);
    }
    flow_touch(t->flows, f, now);
    if (flags & TH_FIN)
        f->fin_seen |= (uint8_t)(1u << me);
    if ((flags & TH_RST) || f->fin_seen == 3)
        flow_close(t->flows, f);
}

void track_packet(struct tracker *t, const struct pkt *p, struct seg_view *out)
{
    *out = (struct seg_view){0};
    const struct tcp *tcp = pkt_tcp(p);
    if (!tcp || tcp->stop != TCP_DONE)
        return;
    if (t->cfg.absolute_seq || t->cfg.quiet)
        return;
    const struct addr *src, *dst;
    ip_endpoints(&p->layers[p->ip_index], &src, &dst);
    struct flow_key key;
    bool rev;
    flow_key_make(&key, src, tcp->sport, dst, tcp->dport, &rev);
    expire(t, p->ts_sec);
    struct flow *f = flow_lookup(t->flows, &key, true);
    if (!f)
        return; /* out of memory: print absolute numbers */
    int me = rev ? 1 : 0;
    lifecycle(t, f, me, tcp->flags, p->ts_sec);
    if (!(tcp->flags & TH_ACK))
        return; /* tcpdump consults its table only for segments with ACK */
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
