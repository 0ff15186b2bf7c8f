/*
 * track.c - the tracker: finds each TCP segment's connection, numbers
 * connections the way Wireshark numbers tcp.stream, feeds segments to them
 * (conn.c), reports them when they end, and keeps tcpdump's relative
 * sequence bases.
 *
 * Streams: the first packet of an address/port pair starts a stream; so
 * does a SYN without ACK whose sequence number differs from the base of
 * its direction (port reuse), as Wireshark's analysis keeps it
 * (seq_analysis.h).  The tracker owns the pool of unacknowledged segments
 * that analysis draws on.
 *
 * tcpdump's relative numbers (print-tcp.c): only segments with ACK consult
 * the table; a segment with no entry yet, or with SYN, (re)records the
 * bases (its own seq, and ack - 1 for the peer) and is shown absolute; any
 * other segment with ACK is shown relative.  SACK edges are made relative
 * to the peer's base whenever the table was consulted.
 */
#include "track/track.h"

#include <stdlib.h>

#include "source/frame.h"
#include "track/conn_int.h"
#include "track/flow.h"
#include "track/timewait.h"
#include "track/unacked.h"

#define DEFAULT_MAX_CONNS 200000u
/* Closed connections held for their TIME_WAIT at once (about 30 MB): past
 * this the oldest closed one goes early, so a capture that opens and closes
 * thousands of connections a second stays in constant memory. */
#define MAX_CLOSED_HELD 8192u
/* How long Linux holds TIME_WAIT, and the forgotten TIME_WAITs remembered
 * at once (48 bytes each, 3 MB). */
#define TIME_WAIT_NS 60000000000LL
#define TIMEWAIT_SLOTS 65536u
/* Unacknowledged segments listed at once, over all connections: 24 bytes
 * each, 384 MB at most.  Wireshark's own limit is 10,000 per direction. */
#define MAX_UNACKED_SEGMENTS (16u << 20)

struct tracker {
    struct track_config cfg;
    struct flow_expiry expiry;
    struct flow_table *flows;
    struct unacked_pool *unacked;
    int64_t last_expiry;  /* capture second of the last expiry pass */
    uint64_t next_stream;
    nstime now;           /* latest capture time seen */
    conn_done_fn done;
    void *ctx;
    struct reasm_budget budget; /* reassembly memory */
    struct timewait *timewait;  /* TIME_WAITs of forgotten connections */
};

const char *conn_end_name(enum conn_end e)
{
    static const char *const names[] = {"closed", "reused", "evicted", "idle", "end of input"};
    return (unsigned)e < sizeof names / sizeof names[0] ? names[e] : "?";
}

size_t track_conn_bytes(void) { return flow_entry_bytes(); }

struct tracker *track_new(const struct track_config *cfg, conn_done_fn done, void *ctx)
{
    struct tracker *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cfg = *cfg;
    /* A closed connection is forgotten after 60 s of silence: Linux's
     * TIME_WAIT, which covers the late ACKs and FINs of a close and a port
     * reused too early (sooner when MAX_CLOSED_HELD are closed at once).
     * Beyond the cap, closed ones go first, then open ones, least recent
     * first. */
    t->expiry.idle_closed = 60;
    t->expiry.max_closed = MAX_CLOSED_HELD;
    t->expiry.max_entries = cfg->max_conns ? cfg->max_conns : DEFAULT_MAX_CONNS;
    t->expiry.idle_open = cfg->idle_timeout;
    t->done = done;
    t->ctx = ctx;
    t->budget.limit = cfg->follow_limit;
    t->budget.per_node = cfg->follow_per_node;
    t->flows = flow_table_new();
    t->unacked = unacked_pool_new(MAX_UNACKED_SEGMENTS);
    t->timewait = timewait_new(TIMEWAIT_SLOTS);
    if (!t->flows || !t->unacked || !t->timewait) {
        track_free(t);
        return NULL;
    }
    return t;
}

static void drop_reassembly(void *ctx, struct flow *f)
{
    (void)ctx;
    reasm_free(f->conn.reasm);
    f->conn.reasm = NULL;
}

void track_free(struct tracker *t)
{
    if (!t)
        return;
    if (t->flows)
        flow_each(t->flows, drop_reassembly, NULL);
    flow_table_free(t->flows);
    unacked_pool_free(t->unacked);
    timewait_free(t->timewait);
    free(t);
}

static void report(struct tracker *t, struct conn *c, enum conn_end why)
{
    if (c->reported)
        return;
    c->reported = true;
    conn_classify(c);
    if (c->reasm) {
        reasm_finish(c->reasm);
        if (t->cfg.follow->close)
            t->cfg.follow->close(reasm_ctx(c->reasm), c, c->reasm);
        reasm_free(c->reasm);
        c->reasm = NULL;
    }
    if (t->done)
        t->done(t->ctx, c, why, t->now);
}

/* Hand a followed connection's segment to its reassembly: the segments
 * Wireshark's follow tap sees (a whole header and a known length). */
static void follow_segment(struct tracker *t, struct conn *c, const struct tcp *tcp, int side,
                           nstime now, const struct seg_view *v)
{
    if (!v->ws.analyzed || v->ws.header_cut || tcp->doff < 5 || c->reported || c->unfollowed)
        return;
    if (!c->reasm) {
        void *ctx = t->cfg.follow->open(t->cfg.follow_ctx, c);
        c->unfollowed = !ctx;
        if (!ctx)
            return;
        c->reasm = reasm_new(&t->budget, t->cfg.follow_history, t->cfg.follow->sink, ctx);
        if (!c->reasm)
            return;
    }
    struct reasm_seg rs = {
        .node = side ^ (c->flipped ? 1 : 0),
        .frame = v->frame,
        .ts = now,
        .flags = tcp->flags,
        .seq = v->ws.seq_rel,
        .ack = v->ws.ack_rel,
        .len = v->ws.seglen,
        .data = tcp->payload.p,
        .caplen = tcp->payload.len,
    };
    reasm_segment(c->reasm, &rs);
}

/* When the later of the two sides' TIME_WAITs ends; 0: neither holds one. */
static nstime time_wait_until(const struct conn *c)
{
    nstime until = 0;
    for (int i = 0; i < 2; i++)
        if (c->ep[i].state == TCPS_TIME_WAIT && c->ep[i].state_since + TIME_WAIT_NS > until)
            until = c->ep[i].state_since + TIME_WAIT_NS;
    return until;
}

static void dropped(void *ctx, struct flow *f, enum flow_gone why)
{
    struct tracker *t = ctx;
    nstime until = time_wait_until(&f->conn);
    if (until > t->now)
        timewait_add(t->timewait, &f->key, f->hash, until);
    report(t, &f->conn,
           f->conn.done ? CONN_CLOSED : why == FLOW_OPEN_IDLE ? CONN_IDLE : CONN_EVICTED);
    ws_conv_release(&f->conn.ws, t->unacked);
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


static void new_stream(struct tracker *t, struct flow *f, const struct seg *s,
                       const struct addr *src, uint16_t sport, const struct addr *dst,
                       uint16_t dport, bool reuse)
{
    /* the previous stream on these ports ended with a side in a TIME_WAIT
     * that Linux would still hold: it is here, or was forgotten early */
    bool in_time_wait = reuse ? s->now < time_wait_until(&f->conn)
                              : (s->flags & TH_SYN) &&
                                    timewait_take(t->timewait, &f->key, f->hash, s->now);
    if (reuse)
        report(t, &f->conn, f->conn.done ? CONN_CLOSED : CONN_REUSED);
    conn_start(&f->conn, t->unacked, t->next_stream++, s, src, sport, dst, dport);
    f->conn.reused_in_time_wait = in_time_wait;
    flow_reopen(t->flows, f);
}

/* tcpdump's relative numbers for this segment. */
static void tcpdump_relative(const struct tracker *t, struct flow *f, bool rev,
                             const struct tcp *tcp, struct seg_view *out)
{
    if (t->cfg.absolute_seq || t->cfg.quiet || !(tcp->flags & TH_ACK))
        return;
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

void track_packet(struct tracker *t, const struct pkt *p, struct seg_view *out)
{
    *out = (struct seg_view){0};
    nstime now = frame_time_ns(p->ts_sec, p->ts_nsec);
    if (now > t->now)
        t->now = now; /* every packet moves the end of the capture */
    const struct tcp *tcp = pkt_tcp(p);
    if (!tcp || tcp->stop != TCP_DONE)
        return;
    if (p->ts_sec != t->last_expiry) {
        /* before the lookup, so a packet cannot revive a stale entry */
        t->last_expiry = p->ts_sec;
        flow_expire(t->flows, p->ts_sec, &t->expiry, dropped, t);
    }
    const struct addr *src, *dst;
    ip_endpoints(&p->layers[p->ip_index], &src, &dst);
    struct flow_key key;
    bool rev;
    flow_key_make(&key, src, tcp->sport, dst, tcp->dport, &rev);
    size_t before = flow_table_count(t->flows);
    struct flow *f = flow_lookup(t->flows, &key, true);
    if (!f)
        return; /* out of memory: neither tracked nor relative */
    struct seg s;
    seg_from_tcp(&s, p, now);
    bool created = flow_table_count(t->flows) > before;
    if (created) {
        /* keep within max_conns at once: the new entry is the most recent */
        flow_touch(t->flows, f, p->ts_sec);
        flow_expire(t->flows, p->ts_sec, &t->expiry, dropped, t);
        new_stream(t, f, &s, src, tcp->sport, dst, tcp->dport, false);
    } else if (ws_check_reuse(&f->conn.ws, conn_side(&f->conn, src, tcp->sport), &s, &out->ws) ==
               WS_NEW_STREAM) {
        new_stream(t, f, &s, src, tcp->sport, dst, tcp->dport, true);
        ws_start_reused(&f->conn.ws, &out->ws);
    }
    struct conn *c = &f->conn;
    int side = conn_side(c, src, tcp->sport);
    flow_touch(t->flows, f, p->ts_sec);
    out->conn = c;
    out->frame = p->num;
    out->side = side;
    conn_segment(c, t->unacked, side, &s, t->cfg.causes, out);
    if (t->cfg.follow)
        follow_segment(t, c, tcp, side, now, out);
    if (c->done) {
        flow_close(t->flows, f);
        if (t->cfg.report_at_close)
            report(t, c, CONN_CLOSED);
    }
    if (pkt_tcp_printed(p))
        tcpdump_relative(t, f, rev, tcp, out);
}

/* ---- the end of the input: the rest in stream order -------------------- */

struct pending {
    struct conn **v;
    size_t n, cap;
};

static void collect(void *ctx, struct flow *f)
{
    struct pending *p = ctx;
    if (f->conn.reported || p->n == p->cap)
        return;
    p->v[p->n++] = &f->conn;
}

static int by_stream(const void *a, const void *b)
{
    const struct conn *x = *(const struct conn *const *)a, *y = *(const struct conn *const *)b;
    return x->stream < y->stream ? -1 : x->stream > y->stream;
}

void track_finish(struct tracker *t)
{
    struct pending p = {NULL, 0, flow_table_count(t->flows)};
    p.v = malloc((p.cap ? p.cap : 1) * sizeof *p.v);
    if (!p.v)
        return;
    flow_each(t->flows, collect, &p);
    qsort(p.v, p.n, sizeof *p.v, by_stream);
    for (size_t i = 0; i < p.n; i++)
        report(t, p.v[i], p.v[i]->done ? CONN_CLOSED : CONN_INPUT);
    free(p.v);
}
