/*
 * seq_analysis.c - Wireshark's SEQ/ACK analysis, check by check in
 * Wireshark's order (docs/analysis.md has the rules in words):
 *
 *   bases; zero-window probe (ends the forward checks); zero window;
 *   previous segment not captured; keep-alive; window update; window full;
 *   keep-alive ACK (ends them); zero-window-probe ACK (ends them);
 *   duplicate ACK; then ACKed unseen segment; then, for segments that use
 *   sequence space, spurious retransmission, fast retransmission,
 *   out-of-order, retransmission; then the bookkeeping, the ACK against
 *   the other direction's unacknowledged segments, and bytes in flight.
 *
 * Sequence comparisons wrap where Wireshark's do (GT_SEQ and friends) and
 * do not where Wireshark compares plainly.
 */
#include "track/seq_analysis.h"

#include <string.h>

#include "base/seq.h"

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PUSH 0x08
#define TH_ACK 0x10

#define MAX_UNACKED 10000            /* per direction, as Wireshark */
#define FAST_RETRANS_WINDOW 20000000 /* ns after the latest duplicate ACK */
#define OOO_DEFAULT 3000000          /* ns, when the iRTT is not known */
#define BIF_LIMIT 2000000000u
#define DUPACK_UNSEEN 0xffffffffu    /* "an ACK beyond unseen data", Wireshark's -1 */
#define SACK_STORED 3                /* Wireshark stores the first three blocks only */

void ws_conv_init(struct ws_conv *w, nstime first)
{
    memset(w, 0, sizeof *w);
    for (int i = 0; i < 2; i++) {
        w->dir[i].win_scale = WS_SCALE_UNKNOWN;
        w->dir[i].window = UINT32_MAX;
        w->dir[i].valid_bif = true;
    }
    w->first_ts = w->prev_ts = first;
}

void ws_conv_release(struct ws_conv *w, struct unacked_pool *pool)
{
    for (int i = 0; i < 2; i++)
        unacked_clear(pool, &w->dir[i].unacked);
}

static void mark_reused(struct ws_result *r)
{
    r->flags |= WS_REUSED_PORTS;
    r->has_ta = true;
}

void ws_start_reused(struct ws_conv *w, struct ws_result *r)
{
    w->completeness = 1; /* as a new conversation that began with a SYN */
    w->reused = true;
    mark_reused(r);
}

enum ws_reuse ws_check_reuse(struct ws_conv *w, int side, const struct seg *s,
                             struct ws_result *r)
{
    struct ws_dir *fwd = &w->dir[side];
    uint16_t syn_ack = s->flags & (TH_SYN | TH_ACK);
    if (!fwd->base_set)
        return WS_SAME_STREAM;
    if (syn_ack == TH_SYN && s->seq == fwd->base_seq) {
        /* the same SYN again: a retransmission, after the highest contiguous data */
        fwd->nextseq = fwd->maxseqtobeacked;
        r->has_ta = true;
        return WS_SAME_STREAM;
    }
    if (s->seq == fwd->base_seq)
        return WS_SAME_STREAM;
    if (syn_ack == TH_SYN)
        return WS_NEW_STREAM;
    if (syn_ack == (TH_SYN | TH_ACK)) {
        fwd->base_seq = s->seq; /* the peer answered a newer SYN */
        mark_reused(r);
    }
    return WS_SAME_STREAM;
}

static void set(struct ws_result *r, uint16_t flag)
{
    r->flags |= flag;
    r->has_ta = true;
}

/* nanoseconds from `since` to `now`, or -1 when the clock went back */
static nstime elapsed(nstime now, nstime since) { return now >= since ? now - since : -1; }

/* The checks on the sender's own sequence and window (Wireshark's
 * "forward" part, up to its finished_fwd label). */
static void forward_checks(struct ws_conv *w, int side, const struct seg *s,
                           struct ws_result *r)
{
    struct ws_dir *fwd = &w->dir[side], *rev = &w->dir[!side];
    bool sfr = (s->flags & (TH_SYN | TH_FIN | TH_RST)) != 0;
    bool repeats = s->len == 0 && s->seq == fwd->nextseq && s->ack == fwd->lastack && !sfr;

    if (s->len == 1 && s->seq == fwd->nextseq && rev->window == 0) {
        set(r, WS_ZERO_WINDOW_PROBE);
        return;
    }
    if (s->win == 0 && !sfr)
        set(r, WS_ZERO_WINDOW);
    if (fwd->nextseq && seq_gt(s->seq, fwd->nextseq) && !(s->flags & TH_RST)) {
        set(r, WS_LOST_SEGMENT);
        fwd->valid_bif = false; /* until the other side ACKs */
    }
    if (s->len <= 1 && s->seq == fwd->nextseq - 1 && !sfr)
        set(r, WS_KEEP_ALIVE);
    if (repeats && s->win && s->win != fwd->window)
        set(r, WS_WINDOW_UPDATE);
    if (s->len > 0 && rev->win_scale != WS_SCALE_UNKNOWN && !sfr) {
        int shift = rev->is_first_ack || rev->win_scale == WS_SCALE_NOT_USED ? 0 : rev->win_scale;
        if (s->seq + s->len == rev->lastack + (rev->window << shift))
            set(r, WS_WINDOW_FULL);
    }
    if (repeats && s->win && s->win == fwd->window && (rev->lastsegmentflags & WS_KEEP_ALIVE)) {
        set(r, WS_KEEP_ALIVE_ACK);
        return;
    }
    if (repeats && s->win == 0 && s->win == fwd->window &&
        (rev->lastsegmentflags & WS_ZERO_WINDOW_PROBE)) {
        set(r, WS_ZERO_WINDOW_PROBE_ACK);
        return;
    }
    if (repeats && s->win && s->win == fwd->window) {
        fwd->dupacknum = fwd->dupacknum == DUPACK_UNSEEN ? 1 : fwd->dupacknum + 1;
        set(r, WS_DUPLICATE_ACK);
        r->dupack_num = (uint32_t)fwd->dupacknum;
        r->dupack_frame = fwd->lastnondupack;
    }
}

/* This ACK covers sequence space the other direction was never seen to
 * send. */
static void acked_unseen(struct ws_dir *rev, const struct seg *s, struct ws_result *r)
{
    if (!rev->maxseqtobeacked || !seq_gt(s->ack, rev->maxseqtobeacked) || !(s->flags & TH_ACK))
        return;
    r->has_ta = true;
    if (seq_lt(rev->maxseqtobeacked, rev->nextseq)) {
        rev->maxseqtobeacked = rev->nextseq;
        set(r, WS_ACK_LOST_SEGMENT);
    } else {
        if (rev->dupacknum == 0)
            set(r, WS_ACK_LOST_SEGMENT);
        rev->dupacknum = DUPACK_UNSEEN; /* once per loss; passes the fast-retransmission test */
    }
}

/* Retransmission, fast retransmission, spurious retransmission or
 * out-of-order, for a segment that uses sequence space. */
static void retransmission_checks(struct ws_conv *w, struct unacked_pool *pool, int side,
                                  const struct seg *s, struct ws_result *r)
{
    struct ws_dir *fwd = &w->dir[side], *rev = &w->dir[!side];
    bool syn_fin = (s->flags & (TH_SYN | TH_FIN)) != 0;
    if (s->len == 0 && !syn_fin)
        return;
    if (r->flags & WS_KEEP_ALIVE)
        return;
    bool not_advanced = fwd->nextseq && seq_lt(s->seq, fwd->nextseq);
    if (s->len > 1 && fwd->nextseq - 1 == s->seq)
        not_advanced = false; /* new data after a zero-window probe */
    if (s->len > 0 && rev->lastack && seq_le(s->seq + s->len, rev->lastack)) {
        set(r, WS_SPURIOUS_RETRANSMISSION);
        return;
    }
    nstime since_ack = elapsed(s->now, rev->lastacktime);
    if (not_advanced && rev->dupacknum >= 2 && rev->lastack == s->seq && since_ack >= 0 &&
        since_ack < FAST_RETRANS_WINDOW) {
        set(r, WS_FAST_RETRANSMISSION);
        return;
    }
    nstime since_next = elapsed(s->now, fwd->nextseqtime);
    nstime ooo = w->ts_first_rtt ? w->ts_first_rtt : OOO_DEFAULT;
    if (not_advanced && since_next >= 0 && since_next < ooo &&
        fwd->nextseq != s->seq + s->len + (syn_fin ? 1u : 0u)) {
        set(r, WS_OUT_OF_ORDER);
        return;
    }
    if (!not_advanced)
        return;
    set(r, WS_RETRANSMISSION);
    /* the RTO: from the highest segment, then from the eldest unacknowledged */
    r->rto = s->now - fwd->nextseqtime;
    r->rto_frame = fwd->nextseqframe;
    for (uint32_t n = fwd->unacked.head; n; n = unacked_at(pool, n)->next) {
        r->rto = s->now - unacked_at(pool, n)->ts;
        r->rto_frame = unacked_at(pool, n)->frame;
    }
}

/* Remember the segment, raise the highest sequence sent, note its ACK and
 * window. */
static void bookkeeping(struct ws_conv *w, struct unacked_pool *pool, int side,
                        const struct seg *s, struct ws_result *r)
{
    struct ws_dir *fwd = &w->dir[side];
    bool probe = (r->flags & WS_ZERO_WINDOW_PROBE) != 0;
    uint32_t nextseq = s->seq + s->len;
    if ((s->len || (s->flags & (TH_SYN | TH_FIN))) && fwd->unacked.count < MAX_UNACKED) {
        if (s->flags & (TH_SYN | TH_FIN))
            nextseq++;
        unacked_push(pool, &fwd->unacked, s->seq, nextseq, (uint32_t)s->frame, s->now);
    }
    if ((seq_gt(nextseq, fwd->nextseq) || !fwd->nextseq) && !probe) {
        fwd->nextseq = nextseq;
        fwd->nextseqframe = (uint32_t)s->frame;
        fwd->nextseqtime = s->now;
    }
    if ((s->seq == fwd->maxseqtobeacked || !fwd->maxseqtobeacked) && !probe)
        fwd->maxseqtobeacked = fwd->nextseq;
    fwd->window = s->win;
    fwd->lastack = s->ack;
    fwd->lastacktime = s->now;
    fwd->lastsegmentflags = r->has_ta ? r->flags : 0;
}

/* The ACK field against the other direction's unacknowledged segments
 * (newest first: when several end where it points, the eldest wins). */
static void acknowledge(struct ws_dir *rev, struct unacked_pool *pool, const struct seg *s,
                        struct ws_result *r)
{
    uint32_t prev = 0;
    for (uint32_t n = rev->unacked.head; n;) {
        struct unacked *u = unacked_at(pool, n);
        if (s->ack == u->nextseq) {
            r->has_ta = true;
            r->acks_frame = u->frame;
            r->ack_rtt = s->now - u->ts;
        } else if (seq_gt(s->ack, u->seq) && seq_le(s->ack, u->nextseq)) {
            u->seq = s->ack; /* partly acknowledged */
            prev = n;
            n = u->next;
            continue;
        } else if (seq_gt(u->nextseq, s->ack)) {
            prev = n;
            n = u->next;
            continue;
        }
        n = unacked_remove(pool, &rev->unacked, prev, n);
    }
}

/* Bytes in flight after this segment, and bytes sent since the last PSH. */
static void in_flight(struct ws_conv *w, struct unacked_pool *pool, int side,
                      const struct seg *s, struct ws_result *r)
{
    struct ws_dir *fwd = &w->dir[side], *rev = &w->dir[!side];
    if (s->len == 0 || !fwd->unacked.head || !fwd->valid_bif)
        return;
    struct unacked *u = unacked_at(pool, fwd->unacked.head);
    uint32_t first = u->seq - fwd->base_seq, last = u->nextseq - fwd->base_seq;
    for (uint32_t n = fwd->unacked.head; n; n = u->next) {
        u = unacked_at(pool, n);
        if (u->nextseq - fwd->base_seq > last)
            last = u->nextseq - fwd->base_seq;
        if (u->seq - fwd->base_seq < first)
            first = u->seq - fwd->base_seq;
    }
    uint32_t bytes = last - first;
    for (int i = 0; i < rev->nsack; i++)
        bytes -= rev->sack_right[i] - rev->sack_left[i];
    r->has_ta = true;
    if (bytes > 0 && bytes < BIF_LIMIT) {
        r->bytes_in_flight = bytes - ((s->flags & (TH_SYN | TH_FIN)) ? 1u : 0u);
        r->has_bif = r->bytes_in_flight != 0; /* shown when not 0, push bytes with it */
    }
    /* counting restarts after a segment with PSH */
    fwd->push_bytes_sent = fwd->push_set_last ? s->len : fwd->push_bytes_sent + s->len;
    fwd->push_set_last = (s->flags & TH_PUSH) != 0;
    r->push_bytes_sent = fwd->push_bytes_sent;
    r->has_push = r->has_bif;
}

static void analyze_sequence(struct ws_conv *w, struct unacked_pool *pool, int side,
                             const struct seg *s, struct ws_result *r)
{
    struct ws_dir *fwd = &w->dir[side], *rev = &w->dir[!side];
    if (!fwd->base_set) {
        if (s->flags & TH_SYN) {
            fwd->base_seq = s->seq;
            fwd->saw |= (s->flags & TH_ACK) ? WS_SAW_SYNACK : WS_SAW_SYN;
        } else {
            fwd->base_seq = s->seq - 1;
        }
        fwd->base_set = true;
    }
    if (!rev->base_set && (s->flags & TH_ACK)) {
        rev->base_seq = s->ack - 1;
        rev->base_set = true;
    }
    if (s->flags & TH_ACK)
        rev->valid_bif = true;
    forward_checks(w, side, s, r);
    if (s->ack != fwd->lastack) {
        fwd->lastnondupack = (uint32_t)s->frame;
        fwd->dupacknum = 0;
    }
    acked_unseen(rev, s, r);
    retransmission_checks(w, pool, side, s, r);
    bookkeeping(w, pool, side, s, r);
    acknowledge(rev, pool, s, r);
    in_flight(w, pool, side, s, r);
}

/* tcp.completeness: in a new stream only a SYN counts. */
static void completeness(struct ws_conv *w, bool first, const struct seg *s)
{
    uint16_t f = s->flags;
    if (first) {
        if ((f & (TH_SYN | TH_ACK)) == TH_SYN)
            w->completeness |= 1 | (s->len > 0 ? 8 : 0);
        return;
    }
    if ((f & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK))
        w->completeness |= 2;
    if ((f & (TH_SYN | TH_ACK)) == TH_ACK)
        w->completeness |= s->len > 0 ? 8 : 4;
    if ((f & (TH_FIN | TH_ACK)) == (TH_FIN | TH_ACK))
        w->completeness |= 16;
    if (f & TH_RST)
        w->completeness |= 32;
}

void ws_analyze(struct ws_conv *w, struct unacked_pool *pool, int side, const struct seg *s,
                struct ws_result *r)
{
    struct ws_dir *fwd = &w->dir[side], *rev = &w->dir[!side];
    r->completeness = w->completeness;
    completeness(w, !w->started && !w->reused, s);
    w->started = true;
    r->since_first = s->now - w->first_ts;
    r->since_prev = s->now - w->prev_ts;
    w->prev_ts = s->now;
    fwd->nsack = 0;
    r->analyzed = s->have_len;
    r->header_cut = s->header_cut;
    r->seglen = s->len;
    if (s->have_len)
        analyze_sequence(w, pool, side, s, r);
    /* relative numbers and the scaled window need the segment length */
    r->seq_rel = s->seq;
    r->ack_rel = s->ack;
    r->win_calc = s->win;
    if (s->have_len) {
        r->seq_rel -= fwd->base_seq;
        if (s->flags & TH_ACK)
            r->ack_rel -= rev->base_seq;
        if (!(s->flags & TH_SYN) && fwd->win_scale >= 0)
            r->win_calc = (uint32_t)s->win << fwd->win_scale;
    }
    r->nxtseq_rel = r->seq_rel + s->len + ((s->flags & (TH_SYN | TH_FIN)) ? 1u : 0u);
    r->win_scale = fwd->win_scale;
    if ((s->flags & (TH_SYN | TH_ACK)) == TH_SYN && s->tfo_cookie && s->have_len && s->len)
        w->tfo_syn_data = true;
    if (s->flags & TH_SYN) {
        if (!(s->flags & TH_ACK))
            w->ts_mru_syn = s->now;
        fwd->is_first_ack = true;
    }
    if ((s->flags & (TH_SYN | TH_ACK)) == TH_ACK) {
        if (w->ts_mru_syn && !w->ts_first_rtt)
            w->ts_first_rtt = s->now - w->ts_mru_syn;
        fwd->is_first_ack = false;
    }
    r->irtt = w->ts_first_rtt;
    /* the options come after the analysis in Wireshark */
    fwd->nsack = s->nsack < SACK_STORED ? s->nsack : SACK_STORED;
    memcpy(fwd->sack_left, s->sack_left, sizeof fwd->sack_left);
    memcpy(fwd->sack_right, s->sack_right, sizeof fwd->sack_right);
    if (s->wscale >= 0)
        fwd->win_scale = s->wscale;
    if (s->flags & TH_SYN) {
        if (fwd->win_scale == WS_SCALE_UNKNOWN)
            fwd->win_scale = rev->win_scale = WS_SCALE_NOT_USED;
        else if ((s->flags & TH_ACK) && rev->win_scale == WS_SCALE_NOT_USED)
            fwd->win_scale = WS_SCALE_NOT_USED;
    }
}
