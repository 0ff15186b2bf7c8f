/*
 * conn.c - one connection, segment by segment: roles, both endpoints' state
 * machines, the handshake and close as they happen, counters,
 * retransmitted bytes, RTT samples; and the handshake and close kinds
 * once it is over.
 */
#include "track/conn_int.h"

#include <string.h>

#include "base/seq.h"
#include "track/rtt.h"
#include "track/zeek.h"

const char *handshake_name(enum handshake_kind k)
{
    static const char *const names[] = {"not-seen", "complete",          "syn-only",
                                        "refused",  "simultaneous-open", "incomplete"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

const char *close_name(enum close_kind k)
{
    static const char *const names[] = {"open",  "four-way",    "three-way",
                                        "simultaneous", "reset", "half-closed"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

/* The segment's length as Wireshark takes it: from the IP length, but no
 * more than the frame holds on the wire (a capture may cut it short, the
 * wire length still counts). */
static void segment_length(struct seg *s, const struct pkt *p, const struct tcp *t)
{
    uint32_t hlen = t->doff * 4u, off = p->layers[p->tcp_index].off;
    uint32_t on_wire = p->wirelen > off ? p->wirelen - off : 0;
    uint32_t length = t->length < on_wire ? t->length : on_wire;
    s->have_len = !t->fragmented && length >= hlen;
    s->header_cut = t->cap_len < hlen;
    s->len = s->have_len ? length - hlen : 0;
}

void seg_from_tcp(struct seg *s, const struct pkt *p, nstime now)
{
    const struct tcp *t = pkt_tcp(p);
    memset(s, 0, sizeof *s);
    s->now = now;
    s->frame = p->num;
    s->flags = t->flags & 0xff;
    s->seq = t->seq;
    s->ack = t->ack;
    segment_length(s, p, t);
    s->win = t->win;
    s->wscale = -1;
    s->bad_cksum = t->cksum == CKSUM_BAD;
    for (int i = 0; i < t->nopts; i++) {
        const struct tcp_opt *o = &t->opts[i];
        if (o->status != OPT_OK)
            break;
        switch (o->kind) {
        case 2:
            s->mss = o->v.mss;
            break;
        case 3:
            s->wscale = (int8_t)(o->v.wscale > 14 ? 14 : o->v.wscale);
            break;
        case 4:
            s->sack_ok = true;
            break;
        case 5:
            for (int b = 0; b < o->v.sack.n && s->nsack < SEG_SACK_MAX; b++, s->nsack++) {
                s->sack_left[s->nsack] = o->v.sack.edge[b][0];
                s->sack_right[s->nsack] = o->v.sack.edge[b][1];
            }
            break;
        case 34:
            s->tfo_cookie = o->len > 2;
            break;
        case 254:
            s->tfo_cookie = o->len > 4 && o->v.magic == 0xf989;
            break;
        case 8:
            s->has_ts = true;
            s->tsval = o->v.ts.val;
            s->tsecr = o->v.ts.ecr;
            break;
        default:
            break;
        }
    }
}

static void enter(struct conn *c, int side, enum tcp_state to, nstime now, struct seg_view *v)
{
    struct endpoint *e = &c->ep[side];
    if (v && v->ntrans < SEG_MAX_TRANS) {
        v->trans[v->ntrans].side = (uint8_t)side;
        v->trans[v->ntrans].from = e->state;
        v->trans[v->ntrans].to = to;
        v->ntrans++;
    }
    if (to == TCPS_SYN_RCVD && e->state == TCPS_LISTEN)
        e->passive = true;
    if (to == TCPS_CLOSING)
        c->passed_closing = true;
    e->state = to;
    e->state_since = now;
    if (e->nstates < CONN_MAX_STATES)
        e->states[e->nstates++] = (uint8_t)to;
    else
        e->states_cut = true;
}

/* Roles: the sender of a SYN without ACK is the client, of a SYN/ACK the
 * server; otherwise the lower port is taken for the server's. */
static int sender_role(const struct seg *s, uint16_t sport, uint16_t dport, bool *guessed)
{
    *guessed = false;
    if ((s->flags & (TH_SYN | TH_ACK)) == TH_SYN)
        return CLIENT;
    if (s->flags & TH_SYN)
        return SERVER;
    *guessed = true;
    return sport < dport ? SERVER : CLIENT;
}

void conn_start(struct conn *c, struct unacked_pool *pool, uint64_t stream, const struct seg *s,
                const struct addr *src, uint16_t sport, const struct addr *dst, uint16_t dport)
{
    ws_conv_release(&c->ws, pool);
    memset(c, 0, sizeof *c);
    ws_conv_init(&c->ws, s->now);
    c->stream = stream;
    c->first_frame = s->frame;
    c->first = c->last = s->now;
    c->first_closer = c->rst_by = -1;
    c->syn_time = c->synack_time = c->ack_time = NSTIME_NONE;
    c->first_fin = c->second_fin = NSTIME_NONE;
    int me = sender_role(s, sport, dport, &c->roles_guessed);
    c->flipped = me == SERVER;
    c->ep[me].addr = *src;
    c->ep[me].port = sport;
    c->ep[!me].addr = *dst;
    c->ep[!me].port = dport;
    for (int i = 0; i < 2; i++) {
        c->ep[i].wscale = -1;
        c->ep[i].state = TCPS_CLOSED;
        c->ep[i].state_since = s->now;
    }
    c->start = START_SYN;
    if ((s->flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) {
        c->start = START_SYNACK;
        enter(c, CLIENT, TCPS_SYN_SENT, s->now, NULL); /* its SYN came before the capture */
    } else if (!(s->flags & TH_SYN)) {
        c->start = START_MIDSTREAM;
        enter(c, CLIENT, TCPS_ESTABLISHED, s->now, NULL); /* assumed */
        enter(c, SERVER, TCPS_ESTABLISHED, s->now, NULL);
    }
    zeek_start(c);
}

int conn_side(const struct conn *c, const struct addr *src, uint16_t sport)
{
    return c->ep[CLIENT].port == sport && addr_cmp(&c->ep[CLIENT].addr, src) == 0 ? CLIENT
                                                                                   : SERVER;
}

/* Sequence space the segment uses: payload, plus one for SYN and FIN. */
static uint32_t seg_space(const struct seg *s)
{
    return s->len + ((s->flags & TH_SYN) ? 1u : 0u) + ((s->flags & TH_FIN) ? 1u : 0u);
}

/* Sender-side bookkeeping; returns true if it resent sequence space. */
static bool sender(struct conn *c, struct endpoint *e, const struct seg *s)
{
    uint32_t end = s->seq + seg_space(s);
    bool retrans = false;
    e->packets++;
    e->bytes += s->len;
    if (s->flags & TH_SYN) {
        e->syns++;
        if (!e->isn_known) {
            e->isn_known = true;
            e->isn = s->seq;
        }
        if (s->mss)
            e->mss = s->mss;
        if (s->wscale >= 0)
            e->wscale = s->wscale;
        e->sack_ok |= s->sack_ok;
        e->timestamps |= s->has_ts;
    }
    if (e->seq_known && seg_space(s) > 0 && seq_lt(s->seq, e->next_seq)) {
        retrans = true;
        uint32_t upto = seq_lt(end, e->next_seq) ? end : e->next_seq;
        uint32_t again = upto - s->seq;
        uint32_t data = again < s->len ? again : s->len;
        e->retrans_bytes += data;
        e->retrans_packets++;
    }
    if (!(s->flags & TH_RST) && (!e->seq_known || seq_gt(end, e->next_seq))) {
        e->seq_known = true;
        e->next_seq = end;
    }
    if ((s->flags & TH_FIN) && !e->fin_sent) {
        e->fin_sent = true;
        e->fin_seq = s->seq + s->len;
        int side = e == &c->ep[CLIENT] ? CLIENT : SERVER;
        if (c->first_closer < 0)
            c->first_closer = side, c->first_fin = s->now;
        else if (!nstime_seen(c->second_fin))
            c->second_fin = s->now;
    }
    if ((s->flags & TH_RST) && !e->rst_sent) {
        e->rst_sent = true;
        e->rst_state = e->state;
        if (c->rst_by < 0) {
            c->rst_by = e == &c->ep[CLIENT] ? CLIENT : SERVER;
            c->rst_after_data = c->ep[CLIENT].bytes + c->ep[SERVER].bytes > 0;
            if (c->first_closer < 0)
                c->first_closer = c->rst_by; /* a reset closes too */
        }
    }
    return retrans;
}

static void handshake_times(struct conn *c, int side, const struct seg *s)
{
    uint16_t syn_ack = s->flags & (TH_SYN | TH_ACK);
    if (syn_ack == TH_SYN) {
        if (!nstime_seen(c->syn_time) && side == CLIENT)
            c->syn_time = s->now;
    } else if (syn_ack == (TH_SYN | TH_ACK)) {
        if (!nstime_seen(c->synack_time))
            c->synack_time = s->now;
    } else if (syn_ack == TH_ACK) {
        if (side == CLIENT && nstime_seen(c->synack_time) && !nstime_seen(c->ack_time) &&
            !(s->flags & TH_RST))
            c->ack_time = s->now;
    }
}

/* Run endpoint `side`'s state machine on a segment it sent or received. */
static void step(struct conn *c, int side, const struct seg *s, bool sent, nstime now,
                 struct seg_view *v)
{
    struct endpoint *e = &c->ep[side], *peer = &c->ep[!side];
    struct fsm_event ev = {sent, s->flags, false, false, e->passive};
    if (!sent && (s->flags & TH_ACK)) {
        ev.acks_syn = !e->isn_known || seq_gt(s->ack, e->isn);
        ev.acks_fin = e->fin_sent && seq_gt(s->ack, e->fin_seq);
    }
    (void)peer;
    enum tcp_state path[2];
    int n = tcp_fsm_step(e->state, &ev, path);
    for (int i = 0; i < n; i++)
        enter(c, side, path[i], now, v);
}

/* A segment whose arrival changes the receiver only in ways the receiver
 * later shows: a FIN, or a SYN without ACK. */
static bool shows_later(const struct seg *s)
{
    return (s->flags & TH_FIN) || (s->flags & (TH_SYN | TH_ACK)) == TH_SYN;
}

/* Hand the receiver `side` the segment held for it. */
static void deliver_held(struct conn *c, int side, nstime now, struct seg_view *v)
{
    if (!c->held_valid[side])
        return;
    c->held_valid[side] = false;
    step(c, side, &c->held[side], false, now, v);
}

/* Does s, sent by `side`, acknowledge the SYN or FIN held for `side`? */
static bool acknowledges_held(const struct conn *c, int side, const struct seg *s)
{
    const struct seg *h = &c->held[side];
    uint32_t upto = h->seq + seg_space(h); /* sequence number after its SYN or FIN */
    return (s->flags & TH_ACK) && seq_ge(s->ack, upto);
}

/*
 * Which segment reaches an endpoint when.  The observer cannot see a
 * segment arrive; it sees the receiver's answer.  A FIN, or a SYN without
 * ACK, is therefore held until its receiver acknowledges it (then it
 * arrived first) or sends its own FIN or SYN without acknowledging it (the
 * two crossed: its own went first).  Segments from one sender arrive in
 * the order sent, so a later segment from the same side delivers the held
 * one first.  Other segments take effect as they are seen.
 */
/* The round trip, as far as this capture point sees it: the iRTT or a
 * direction's median RTT, whichever is longer. */
static nstime round_trip(const struct conn *c)
{
    nstime rtt = c->ws.ts_first_rtt;
    for (int i = 0; i < 2; i++) {
        const struct endpoint *e = &c->ep[i];
        nstime m = (nstime)(rtt_median(e->rtt_ts.count ? &e->rtt_ts : &e->rtt_seq) * 1e9);
        if (m > rtt)
            rtt = m;
    }
    return rtt;
}

void conn_segment(struct conn *c, struct unacked_pool *pool, int side, const struct seg *s,
                  bool causes, struct seg_view *v)
{
    struct endpoint *me = &c->ep[side], *peer = &c->ep[!side];
    /* tcplens's reading first: it looks at the segments listed before this one */
    if (causes) {
        rx_sent(&me->rx, pool, &c->ws.dir[side].unacked, s, me->sack_ok && peer->sack_ok,
                round_trip(c), &v->rx);
        rx_feedback(&peer->rx, pool, &c->ws.dir[!side].unacked, s, &v->rx);
    }
    ws_analyze(&c->ws, pool, side, s, &v->ws);
    if (s->now > c->last)
        c->last = s->now; /* capture clocks can step back */
    zeek_segment(c, side, s);
    /* The endpoints' own view: a FIN riding on a SYN closes nothing (Linux
     * drops such a SYN in LISTEN and ignores the FIN elsewhere), so the
     * states and the close see the segment without it; Wireshark's
     * analysis, Zeek's history and RTT (a reset answering it acknowledges
     * the FIN's sequence number too) keep the flag as sent. */
    struct seg own = *s;
    if ((own.flags & (TH_SYN | TH_FIN)) == (TH_SYN | TH_FIN))
        own.flags &= (uint16_t)~TH_FIN;
    handshake_times(c, side, s);
    bool retrans = sender(c, me, &own);
    if (seg_space(s) > 0)
        rtt_sent(&me->rtt, s->seq, s->seq + seg_space(s), retrans, s->has_ts, s->tsval, s->now);
    s = &own;
    if (s->flags & TH_ACK) {
        bool advances = !me->ack_known || seq_gt(s->ack, me->max_ack);
        rtt_acked(&peer->rtt, s->ack, advances, s->has_ts, s->tsecr, s->now, &peer->rtt_ts,
                  &peer->rtt_seq);
        if (advances) {
            me->ack_known = true;
            me->max_ack = s->ack;
        }
    }
    /* the sender's own state: a held segment it now answers arrived first */
    bool crossed = c->held_valid[side] && shows_later(s) && !acknowledges_held(c, side, s);
    if (c->held_valid[side] && !crossed && acknowledges_held(c, side, s))
        deliver_held(c, side, s->now, v);
    step(c, side, s, true, s->now, v);
    if (crossed)
        deliver_held(c, side, s->now, v);
    /* the receiver: in order after anything held for it */
    deliver_held(c, !side, s->now, v);
    if (shows_later(s)) {
        c->held[!side] = *s;
        c->held_valid[!side] = true;
    } else {
        step(c, !side, s, false, s->now, v);
    }
    bool over = tcp_state_done(me->state) && tcp_state_done(peer->state);
    if (over && (c->rst_by >= 0 || me->fin_sent || peer->fin_sent))
        c->done = true;
}

/* The state list of an endpoint contains s. */
static bool passed(const struct endpoint *e, enum tcp_state s)
{
    for (int i = 0; i < e->nstates; i++)
        if (e->states[i] == s)
            return true;
    return false;
}

/* The endpoint went from a straight to b. */
static bool stepped(const struct endpoint *e, enum tcp_state a, enum tcp_state b)
{
    for (int i = 0; i + 1 < e->nstates; i++)
        if (e->states[i] == a && e->states[i + 1] == b)
            return true;
    return false;
}

static enum handshake_kind handshake_kind(const struct conn *c)
{
    const struct endpoint *cl = &c->ep[CLIENT], *sv = &c->ep[SERVER];
    bool client_syn = nstime_seen(c->syn_time), synack = nstime_seen(c->synack_time);
    bool server_pure_syn = sv->syns > 0 && !synack && passed(sv, TCPS_SYN_SENT);
    if (client_syn && server_pure_syn)
        return HS_SIMULTANEOUS;
    if (client_syn && passed(sv, TCPS_SYN_SENT) && passed(cl, TCPS_SYN_RCVD))
        return HS_SIMULTANEOUS;
    if (!client_syn)
        return synack && nstime_seen(c->ack_time) ? HS_COMPLETE : HS_NOT_SEEN;
    if (synack)
        return nstime_seen(c->ack_time) || passed(sv, TCPS_ESTABLISHED) ? HS_COMPLETE
                                                                          : HS_INCOMPLETE;
    if (sv->rst_sent)
        return HS_REFUSED;
    return HS_SYN_ONLY;
}

static enum close_kind close_kind(const struct conn *c)
{
    const struct endpoint *cl = &c->ep[CLIENT], *sv = &c->ep[SERVER];
    if (cl->fin_sent && sv->fin_sent && c->first_closer >= 0) {
        const struct endpoint *first = &c->ep[c->first_closer];
        if (c->passed_closing)
            return CLOSE_SIMULTANEOUS;
        if (stepped(first, TCPS_FIN_WAIT_1, TCPS_TIME_WAIT))
            return CLOSE_THREE_WAY; /* the second FIN acknowledged the first */
        return CLOSE_FOUR_WAY;
    }
    if (c->rst_by >= 0)
        return CLOSE_RESET;
    if (cl->fin_sent || sv->fin_sent)
        return CLOSE_HALF;
    return CLOSE_OPEN;
}

void conn_classify(struct conn *c)
{
    c->handshake = handshake_kind(c);
    c->close = close_kind(c);
}
