/*
 * rtt.c - RTT sampling by timestamps and by SEQ/ACK (Karn's rule), and a
 * running median: the P-square algorithm with five markers at the
 * minimum, first quartile, median, third quartile and maximum.
 */
#include "track/rtt.h"

#include "base/seq.h"

static void sort5(float *q, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && q[j] < q[j - 1]; j--) {
            float t = q[j];
            q[j] = q[j - 1];
            q[j - 1] = t;
        }
}

/* Piecewise-parabolic prediction of marker i moved by d (+1 or -1). */
static float parabolic(const struct rtt_stats *s, int i, int d)
{
    float qi = s->q[i], qp = s->q[i + 1], qm = s->q[i - 1];
    float ni = (float)s->n[i], np = (float)s->n[i + 1], nm = (float)s->n[i - 1];
    return qi + (float)d / (np - nm) *
                    ((ni - nm + (float)d) * (qp - qi) / (np - ni) +
                     (np - ni - (float)d) * (qi - qm) / (ni - nm));
}

static void p_square(struct rtt_stats *s, float x)
{
    int k;
    if (x < s->q[0]) {
        s->q[0] = x;
        k = 0;
    } else if (x >= s->q[4]) {
        s->q[4] = x;
        k = 3;
    } else {
        for (k = 0; k < 3 && x >= s->q[k + 1]; k++)
            ;
    }
    for (int i = k + 1; i < 5; i++)
        s->n[i]++;
    static const float frac[5] = {0.0f, 0.25f, 0.5f, 0.75f, 1.0f};
    for (int i = 1; i < 4; i++) {
        float want = 1.0f + frac[i] * (float)(s->count - 1);
        float d = want - (float)s->n[i];
        if ((d >= 1.0f && s->n[i + 1] - s->n[i] > 1) || (d <= -1.0f && s->n[i - 1] - s->n[i] < -1)) {
            int step = d > 0 ? 1 : -1;
            float q = parabolic(s, i, step);
            if (!(s->q[i - 1] < q && q < s->q[i + 1]))
                q = s->q[i] + (float)step * (s->q[i + step] - s->q[i]) /
                                  (float)(s->n[i + step] - s->n[i]);
            s->q[i] = q;
            s->n[i] += step;
        }
    }
}

void rtt_add(struct rtt_stats *s, float x)
{
    s->count++;
    if (s->count == 1 || x < s->min)
        s->min = x;
    if (s->count == 1 || x > s->max)
        s->max = x;
    if (s->count <= 5) {
        s->q[s->count - 1] = x;
        sort5(s->q, (int)s->count);
        if (s->count == 5)
            for (int i = 0; i < 5; i++)
                s->n[i] = i + 1;
        return;
    }
    p_square(s, x);
}

float rtt_median(const struct rtt_stats *s)
{
    if (s->count == 0)
        return 0;
    if (s->count >= 5)
        return s->q[2];
    uint32_t m = s->count / 2;
    return s->count % 2 ? s->q[m] : (s->q[m - 1] + s->q[m]) / 2;
}

static float seconds(nstime d) { return (float)((double)d / 1e9); }

/* Drop slot i of an array of n slots, closing the gap. */
#define DROP_SLOT(arr, i, n) \
    for (int k_ = (i) + 1; k_ < (n); k_++) \
        (arr)[k_ - 1] = (arr)[k_]

void rtt_sent(struct rtt_track *r, uint32_t seq, uint32_t end, bool retrans, bool has_ts,
              uint32_t tsval, nstime now)
{
    if (has_ts && (r->nts == 0 || seq_gt(tsval, r->tsval[r->nts - 1]))) {
        if (r->nts == RTT_TS_SLOTS) {
            DROP_SLOT(r->tsval, 0, RTT_TS_SLOTS);
            DROP_SLOT(r->ts_at, 0, RTT_TS_SLOTS);
            r->nts--;
        }
        r->tsval[r->nts] = tsval;
        r->ts_at[r->nts] = now;
        r->nts++;
    }
    if (retrans) {
        /* Karn: an ACK now could be for either copy of these bytes */
        for (int i = 0; i < r->nseq; i++)
            if (seq_gt(r->seq_end[i], seq))
                r->seq_retrans |= (uint8_t)(1u << i);
        return;
    }
    if (r->nseq == RTT_SEQ_SLOTS) {
        DROP_SLOT(r->seq_end, 0, RTT_SEQ_SLOTS);
        DROP_SLOT(r->seq_at, 0, RTT_SEQ_SLOTS);
        r->seq_retrans >>= 1;
        r->nseq--;
    }
    r->seq_end[r->nseq] = end;
    r->seq_at[r->nseq] = now;
    r->seq_retrans &= (uint8_t)~(1u << r->nseq);
    r->nseq++;
}

void rtt_acked(struct rtt_track *r, uint32_t ack, bool advances, bool has_ts, uint32_t tsecr,
               nstime now, struct rtt_stats *by_ts, struct rtt_stats *by_seq)
{
    int keep = 0;
    uint8_t bits = 0;
    for (int i = 0; i < r->nseq; i++) {
        bool resent = (r->seq_retrans >> i) & 1u;
        if (seq_le(r->seq_end[i], ack)) {
            if (r->seq_end[i] == ack && !resent && now >= r->seq_at[i])
                rtt_add(by_seq, seconds(now - r->seq_at[i]));
            continue;
        }
        r->seq_end[keep] = r->seq_end[i];
        r->seq_at[keep] = r->seq_at[i];
        bits |= (uint8_t)(resent << keep);
        keep++;
    }
    r->nseq = (uint8_t)keep;
    r->seq_retrans = bits;
    if (!advances || !has_ts)
        return;
    keep = 0;
    for (int i = 0; i < r->nts; i++) {
        if (seq_le(r->tsval[i], tsecr)) {
            if (r->tsval[i] == tsecr && now >= r->ts_at[i])
                rtt_add(by_ts, seconds(now - r->ts_at[i]));
            continue;
        }
        r->tsval[keep] = r->tsval[i];
        r->ts_at[keep] = r->ts_at[i];
        keep++;
    }
    r->nts = (uint8_t)keep;
}
