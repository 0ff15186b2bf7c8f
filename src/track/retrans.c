/*
 * retrans.c - the retransmission cause, probes and Karn's RTT samples.
 *
 * Per direction the sender's view: SND.UNA (the highest cumulative ACK),
 * SND.NXT (the highest sequence sent), duplicate ACKs since the last
 * progress, the receiver's latest SACK blocks and window, and the current
 * loss-recovery episode (fast recovery or timeout, each until SND.UNA
 * passes the recovery point; or one tail loss probe until any progress).
 */
#include "track/retrans.h"

#include "base/seq.h"

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10

#define DUPACK_THRESHOLD 3
#define REORDER_DEFAULT 3000000 /* ns: one RTT when none was measured yet */

static uint32_t space(const struct seg *s)
{
    return s->len + ((s->flags & TH_SYN) ? 1u : 0u) + ((s->flags & TH_FIN) ? 1u : 0u);
}

static bool overlaps(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1)
{
    return seq_lt(a0, b1) && seq_lt(b0, a1);
}

/* A probe, which uses no new sequence space and resends nothing. */
static enum rx_probe probe_kind(const struct rx_dir *me, const struct seg *s)
{
    if (s->flags & (TH_SYN | TH_FIN | TH_RST) || s->len > 1)
        return RX_NO_PROBE;
    bool closed = me->peer_win_known && me->peer_win == 0;
    if (closed && me->una_known && s->len == 0 && s->seq == me->snd_una - 1)
        return RX_ZERO_WINDOW_PROBE; /* Linux: an old byte's sequence number, no data */
    if (closed && me->nxt_known && s->len == 1 && s->seq == me->snd_nxt)
        return RX_ZERO_WINDOW_PROBE; /* BSD, Windows: the next byte */
    if (!closed && me->nxt_known && s->seq == me->snd_nxt - 1)
        return RX_KEEP_ALIVE;
    return RX_NO_PROBE;
}

/* Data above `seq` that the receiver has SACKed. */
static bool sack_above(const struct rx_dir *me, uint32_t seq)
{
    for (int i = 0; i < me->nsack; i++)
        if (seq_gt(me->sack_right[i], seq))
            return true;
    return false;
}

static bool all_sacked(const struct rx_dir *me, uint32_t seq, uint32_t end)
{
    for (int i = 0; i < me->nsack; i++)
        if (seq_ge(seq, me->sack_left[i]) && seq_le(end, me->sack_right[i]))
            return true;
    return false;
}

static void start_episode(struct rx_dir *me, enum rx_episode e)
{
    if (me->episode != e)
        me->recovery = me->snd_nxt;
    me->episode = (uint8_t)e;
}

/* Why bytes that were sent before are sent again. */
static enum rx_cause resent_cause(struct rx_dir *me, const struct seg *s, uint32_t end,
                                  bool sack_both)
{
    bool in_episode = seq_lt(s->seq, me->recovery);
    if (me->episode == RX_IN_RTO && in_episode)
        return RX_RTO;
    if (sack_above(me, s->seq) || me->dupacks >= DUPACK_THRESHOLD ||
        (me->episode == RX_IN_FAST && in_episode)) {
        start_episode(me, RX_IN_FAST);
        return RX_FAST;
    }
    if (sack_both && me->episode == RX_OPEN && end == me->snd_nxt) {
        me->episode = RX_PROBED;
        return RX_TLP;
    }
    start_episode(me, RX_IN_RTO);
    return RX_RTO;
}

void rx_sent(struct rx_dir *me, struct unacked_pool *pool, const struct unacked_list *sent,
             const struct seg *s, bool sack_both, nstime rtt, struct rx_result *r)
{
    uint32_t end = s->seq + space(s);
    r->probe = (uint8_t)probe_kind(me, s);
    bool resends = space(s) && me->nxt_known && seq_lt(s->seq, me->snd_nxt);
    if (resends && r->probe == RX_NO_PROBE) {
        /* the first transmission of these bytes is the eldest listed copy,
         * the latest the newest */
        nstime first_ts = 0, latest_ts = 0;
        for (uint32_t n = sent->head; n; n = unacked_at(pool, n)->next) {
            const struct unacked *u = unacked_at(pool, n);
            if (overlaps(u->seq, u->nextseq, s->seq, end)) {
                if (!r->first_frame)
                    latest_ts = u->ts;
                r->first_frame = u->frame;
                first_ts = u->ts;
            }
        }
        if (rtt <= 0)
            rtt = REORDER_DEFAULT;
        r->since_copy = r->first_frame ? s->now - latest_ts : 0;
        r->dupacks = me->dupacks;
        r->sack_hole = sack_above(me, s->seq);
        if ((me->una_known && seq_le(end, me->snd_una)) || all_sacked(me, s->seq, end)) {
            r->cause = RX_SPURIOUS;
        } else if (!r->first_frame && s->now - me->last_tx < rtt &&
                   (!me->dupacks || s->now - me->first_dupack < rtt)) {
            /* never seen, and too soon to answer any loss signal: the
             * original, overtaken by the segments after it */
            r->cause = RX_REORDERED;
        } else if (r->first_frame && !r->sack_hole && me->dupacks < DUPACK_THRESHOLD &&
                   me->episode == RX_OPEN && r->since_copy < rtt) {
            r->cause = RX_DUPLICATE; /* too soon for any timer or loss signal */
        } else {
            r->cause = (uint8_t)resent_cause(me, s, end, sack_both);
            if (r->cause == RX_RTO && r->first_frame)
                r->rto = s->now - first_ts;
        }
    }
    if (r->cause && r->cause != RX_REORDERED) {
        me->recent[me->next_recent] = (struct rx_recent){s->seq, end, (uint32_t)s->frame, r->cause};
        me->next_recent = (uint8_t)((me->next_recent + 1) % RX_RECENT);
        if (me->nrecent < RX_RECENT)
            me->nrecent++;
    }
    /* a probe byte is no new data: the window was closed */
    if (space(s) && r->probe == RX_NO_PROBE && (!me->nxt_known || seq_gt(end, me->snd_nxt))) {
        me->snd_nxt = end;
        me->nxt_known = true;
        me->last_tx = s->now;
    }
}

/* The RTT sample this ACK gives, unless the byte whose arrival it answers
 * (the one before the ACK point) was sent more than once: then it cannot
 * tell which copy arrived (Karn's rule). */
static void karn_sample(struct unacked_pool *pool, const struct unacked_list *sent,
                        const struct seg *s, struct rx_result *r)
{
    const struct unacked *match = NULL;
    for (uint32_t n = sent->head; n; n = unacked_at(pool, n)->next) {
        const struct unacked *u = unacked_at(pool, n);
        if (u->nextseq == s->ack)
            match = u; /* the eldest that ends here */
    }
    if (!match)
        return;
    uint32_t last = s->ack - 1;
    for (uint32_t n = sent->head; n; n = unacked_at(pool, n)->next) {
        const struct unacked *u = unacked_at(pool, n);
        if (u != match && seq_le(u->seq, last) && seq_lt(last, u->nextseq)) {
            r->karn_skipped = true;
            return;
        }
    }
    r->has_rtt = true;
    r->rtt = s->now - match->ts;
}

/* A D-SACK (RFC 2883): the first SACK block lies below the ACK, or inside
 * the second block; the receiver got those bytes twice.  The latest
 * retransmission that covers them was not needed. */
static void dsack(const struct rx_dir *peer, const struct seg *s, struct rx_result *r)
{
    if (!s->nsack)
        return;
    uint32_t l = s->sack_left[0], rr = s->sack_right[0];
    bool below = seq_le(rr, s->ack);
    bool inside = s->nsack > 1 && seq_ge(l, s->sack_left[1]) && seq_le(rr, s->sack_right[1]);
    if (!below && !inside)
        return;
    for (int i = 0; i < peer->nrecent; i++) {
        const struct rx_recent *x = &peer->recent[i];
        if (overlaps(x->seq, x->end, l, rr) && x->frame > r->dsack_frame) {
            r->dsack_frame = x->frame;
            r->dsack_cause = x->cause;
        }
    }
}

void rx_feedback(struct rx_dir *peer, struct unacked_pool *pool, const struct unacked_list *sent,
                 const struct seg *s, struct rx_result *r)
{
    if (!(s->flags & TH_ACK))
        return;
    dsack(peer, s, r);
    peer->peer_win = s->win;
    peer->peer_win_known = true;
    if (s->nsack || !(s->flags & (TH_SYN | TH_FIN | TH_RST))) {
        peer->nsack = s->nsack;
        for (int i = 0; i < s->nsack; i++) {
            peer->sack_left[i] = s->sack_left[i];
            peer->sack_right[i] = s->sack_right[i];
        }
    }
    if (!peer->una_known || seq_gt(s->ack, peer->snd_una)) {
        karn_sample(pool, sent, s, r);
        peer->snd_una = s->ack;
        peer->una_known = true;
        peer->dupacks = 0;
        if (peer->episode == RX_PROBED || seq_ge(s->ack, peer->recovery))
            peer->episode = RX_OPEN;
    } else if (s->ack == peer->snd_una && s->len == 0 && !(s->flags & (TH_SYN | TH_FIN | TH_RST)) &&
               peer->nxt_known && seq_gt(peer->snd_nxt, peer->snd_una)) {
        if (peer->dupacks++ == 0)
            peer->first_dupack = s->now;
    }
}
