/*
 * reasm.c - follow-stream reassembly of one connection (reasm.h).
 *
 * The order of decisions is Wireshark's (follow_tcp_tap_listener and
 * check_follow_fragments in packet-tcp.c, 4.0): first the other node's
 * held segments are checked against this segment's ACK; then this node's
 * expected sequence number is set if nothing was delivered yet; then the
 * segment is cut to what is new, delivered or held; after a delivery, held
 * segments are tried in arrival order, the first that starts at or before
 * the expected number going first.
 */
#include "track/reasm.h"

#include <stdlib.h>
#include <string.h>

#include "decode/pkt.h"

struct frag {
    struct frag *next;
    uint64_t frame;
    nstime ts;
    uint32_t seq, len;
    uint8_t data[];
};

struct node {
    bool fin;
    uint32_t fin_seq;    /* sequence number of its FIN */
    uint32_t seq;        /* next expected sequence number */
    uint64_t written;    /* bytes delivered straight from segments (Wireshark's test for "started") */
    uint64_t off;        /* offset of seq in the node's sequence space */
    struct frag *head;   /* held segments, in arrival order */
    size_t held;
    uint8_t *hist;       /* the last delivered bytes, at [offset % hist_cap] */
    uint64_t hist_from;  /* no byte before this offset is in hist */
    struct reasm_counts n;
};

struct reasm {
    struct reasm_budget *budget;
    const struct reasm_sink *sink;
    void *ctx;
    size_t hist_cap;
    uint64_t last_frame; /* the latest segment seen */
    struct node node[2];
};

static bool seq_lt(uint32_t a, uint32_t b) { return (int32_t)(a - b) < 0; }
static bool seq_gt(uint32_t a, uint32_t b) { return (int32_t)(a - b) > 0; }

struct reasm *reasm_new(struct reasm_budget *budget, size_t history, const struct reasm_sink *sink,
                        void *ctx)
{
    struct reasm *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->budget = budget;
    r->sink = sink;
    r->ctx = ctx;
    r->hist_cap = history;
    return r;
}

const struct reasm_counts *reasm_counts(const struct reasm *r, int node)
{
    return &r->node[node].n;
}

/* ---- history: the bytes delivered last, to compare resent ones with ---- */

static void remember(struct reasm *r, struct node *d, const uint8_t *p, uint32_t n)
{
    if (!d->hist && r->hist_cap && r->budget->held + r->hist_cap <= r->budget->limit) {
        d->hist = malloc(r->hist_cap);
        if (d->hist)
            r->budget->held += r->hist_cap;
    }
    if (!d->hist)
        return;
    size_t cap = r->hist_cap;
    uint64_t off = d->off;
    if (n > cap) {
        off += n - cap;
        p += n - cap;
        n = (uint32_t)cap;
    }
    size_t at = off % cap, first = cap - at < n ? cap - at : n;
    memcpy(d->hist + at, p, first);
    memcpy(d->hist, p + first, n - first);
}

/* n bytes starting at sequence number `seq`, all before the expected
 * number, are being dropped as already delivered: compare them. */
static void compare(struct reasm *r, int k, uint64_t frame, uint32_t seq, const uint8_t *p,
                    uint32_t n)
{
    struct node *d = &r->node[k];
    int64_t start = (int64_t)d->off - (int64_t)(uint32_t)(d->seq - seq);
    int64_t lo = (int64_t)d->hist_from;
    if (d->off > r->hist_cap && (int64_t)(d->off - r->hist_cap) > lo)
        lo = (int64_t)(d->off - r->hist_cap);
    uint32_t differ = 0;
    uint64_t first = 0;
    for (uint32_t i = 0; i < n; i++) {
        int64_t o = start + i;
        if (!d->hist || o < lo) {
            d->n.unchecked++;
            continue;
        }
        if (d->hist[(uint64_t)o % r->hist_cap] != p[i] && differ++ == 0)
            first = (uint64_t)o;
    }
    if (differ) {
        d->n.conflicts += differ;
        if (r->sink->conflict)
            r->sink->conflict(r->ctx, k, frame, first, differ);
    }
}

/* ---- delivering ---------------------------------------------------------- */

/* n captured bytes at the expected number; the sequence moves on by
 * `advance` (more than n when the capture cut the segment short). */
static void deliver(struct reasm *r, int k, uint64_t frame, nstime ts, const uint8_t *p,
                    uint32_t n, uint32_t advance)
{
    struct node *d = &r->node[k];
    if (n) {
        r->sink->data(r->ctx, k, frame, ts, d->off, p, n);
        remember(r, d, p, n);
        d->n.delivered += n;
    }
    d->seq += advance;
    d->off += advance;
    if (advance > n) {
        d->n.missing += advance - n;
        d->n.gaps++;
        d->hist_from = d->off;
        if (r->sink->gap)
            r->sink->gap(r->ctx, k, GAP_SNAPLEN, frame, d->off - (advance - n), advance - n);
    }
}

/* The hole before the lowest held segment will not fill. */
static void skip_hole(struct reasm *r, int k, enum reasm_gap why, uint64_t frame, uint32_t lowest)
{
    struct node *d = &r->node[k];
    uint32_t missing = lowest - d->seq;
    if (r->sink->gap)
        r->sink->gap(r->ctx, k, why, frame, d->off, missing);
    d->n.missing += missing;
    d->n.gaps++;
    d->seq = lowest;
    d->off += missing;
    d->hist_from = d->off;
}

static void unhold(struct reasm *r, struct node *d, struct frag **pp)
{
    struct frag *f = *pp;
    *pp = f->next;
    d->held -= f->len;
    r->budget->held -= f->len;
    free(f);
}

/* Apply one held segment, or declare the hole the ACK shows; false when
 * nothing changed (Wireshark's check_follow_fragments). */
static bool apply_held(struct reasm *r, int k, uint32_t ack, uint64_t frame, bool use_ack)
{
    struct node *d = &r->node[k];
    if (!d->head)
        return false;
    uint32_t lowest = d->head->seq;
    for (struct frag **pp = &d->head; *pp; pp = &(*pp)->next) {
        struct frag *f = *pp;
        if (seq_gt(lowest, f->seq))
            lowest = f->seq;
        if (seq_lt(f->seq, d->seq)) {
            uint32_t skip = d->seq - f->seq;
            if (seq_gt(f->seq + f->len, d->seq)) {
                compare(r, k, f->frame, f->seq, f->data, skip);
                deliver(r, k, f->frame, f->ts, f->data + skip, f->len - skip, f->len - skip);
            } else {
                compare(r, k, f->frame, f->seq, f->data, f->len);
            }
            unhold(r, d, pp);
            return true;
        }
        if (f->seq == d->seq) {
            deliver(r, k, f->frame, f->ts, f->data, f->len, f->len);
            unhold(r, d, pp);
            return true;
        }
    }
    if (use_ack && seq_gt(ack, lowest)) {
        skip_hole(r, k, GAP_ACKED, frame, lowest);
        return true;
    }
    return false;
}

static uint32_t lowest_held(const struct node *d)
{
    uint32_t lowest = d->head->seq;
    for (const struct frag *f = d->head->next; f; f = f->next)
        if (seq_gt(lowest, f->seq))
            lowest = f->seq;
    return lowest;
}

/* Give up the lowest hole, and deliver what then fits. */
static void give_up_hole(struct reasm *r, int k, enum reasm_gap why, uint64_t frame)
{
    skip_hole(r, k, why, frame, lowest_held(&r->node[k]));
    while (apply_held(r, k, 0, frame, false))
        ;
}

static bool over_bound(const struct reasm *r, const struct node *d, uint32_t n)
{
    return d->held + n > r->budget->per_node || r->budget->held + n > r->budget->limit;
}

static void place(struct reasm *r, int k, const struct reasm_seg *s, uint32_t seq, uint32_t length,
                  const uint8_t *p, uint32_t n);

/* Keep a segment that leaves a hole, within the bounds. */
static void hold(struct reasm *r, int k, const struct reasm_seg *s, uint32_t seq, const uint8_t *p,
                 uint32_t n)
{
    struct node *d = &r->node[k];
    struct frag *f = NULL;
    if (!over_bound(r, d, n))
        f = malloc(sizeof *f + n);
    if (!f) {
        if (d->head) {
            give_up_hole(r, k, GAP_LIMIT, s->frame);
            place(r, k, s, seq, n, p, n); /* the segment may fit now */
            return;
        }
        skip_hole(r, k, GAP_LIMIT, s->frame, seq);
        deliver(r, k, s->frame, s->ts, p, n, n);
        return;
    }
    f->next = NULL;
    f->frame = s->frame;
    f->ts = s->ts;
    f->seq = seq;
    f->len = n;
    memcpy(f->data, p, n);
    struct frag **pp = &d->head;
    while (*pp)
        pp = &(*pp)->next;
    *pp = f;
    d->held += n;
    r->budget->held += n;
}

/* Deliver, cut, drop or hold a segment's `length` bytes from `seq`, of
 * which n were captured. */
static void place(struct reasm *r, int k, const struct reasm_seg *s, uint32_t seq, uint32_t length,
                  const uint8_t *p, uint32_t n)
{
    struct node *d = &r->node[k];
    if (seq_lt(seq, d->seq)) {
        uint32_t end = seq + length, skip = d->seq - seq;
        if (!seq_gt(end, d->seq)) {
            compare(r, k, s->frame, seq, p, n);
            return;
        }
        uint32_t cut = n < skip ? n : skip;
        compare(r, k, s->frame, seq, p, cut);
        p += cut;
        n -= cut;
        seq = d->seq;
        length = end - d->seq;
    }
    if (n == 0)
        return;
    if (seq == d->seq) {
        d->written += n;
        deliver(r, k, s->frame, s->ts, p, n, length);
        while (apply_held(r, k, 0, s->frame, false))
            ;
    } else {
        hold(r, k, s, seq, p, n);
    }
}

void reasm_segment(struct reasm *r, const struct reasm_seg *s)
{
    int k = s->node;
    struct node *d = &r->node[k];
    uint32_t seq = s->seq + ((s->flags & TH_SYN) ? 1u : 0u);
    uint32_t length = s->len, n = s->caplen < s->len ? s->caplen : s->len;
    const uint8_t *p = s->data;

    while (apply_held(r, !k, s->ack, s->frame, true))
        ;
    if (d->written == 0 && d->seq == 0)
        d->seq = seq;
    r->last_frame = s->frame;
    if (d->fin && length && seq_gt(seq + length, d->fin_seq)) {
        /* bytes at or after the FIN: no stack delivers them */
        uint32_t keep = seq_lt(seq, d->fin_seq) ? d->fin_seq - seq : 0;
        d->n.after_fin += length - keep;
        if (r->sink->after_fin)
            r->sink->after_fin(r->ctx, k, s->frame, length - keep);
        length = keep;
        if (n > keep)
            n = keep;
    }
    /* a FIN riding on a SYN is no close: stacks drop such a SYN or ignore
     * its FIN, and tshark follows the data after it */
    if ((s->flags & (TH_FIN | TH_SYN)) == TH_FIN && !d->fin) {
        d->fin = true;
        d->fin_seq = seq + length;
    }
    place(r, k, s, seq, length, p, n);
}

void reasm_finish(struct reasm *r)
{
    for (int k = 0; k < 2; k++)
        while (r->node[k].head)
            give_up_hole(r, k, GAP_END, r->last_frame);
}

void *reasm_ctx(const struct reasm *r) { return r->ctx; }

void reasm_free(struct reasm *r)
{
    if (!r)
        return;
    for (int k = 0; k < 2; k++) {
        struct node *d = &r->node[k];
        while (d->head)
            unhold(r, d, &d->head);
        if (d->hist) {
            free(d->hist);
            r->budget->held -= r->hist_cap;
        }
    }
    free(r);
}
