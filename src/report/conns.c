/*
 * conns.c - the connection report: a row per connection (table, CSV or
 * JSON), held back into stream order, and the closing summary with the
 * diagnoses a server owner looks for (CLOSE_WAIT, FIN_WAIT_2, TIME_WAIT,
 * unanswered SYNs, resets).
 */
#include "report/conns.h"

#include <stdlib.h>
#include <string.h>

#include "report/json.h"
#include "track/rtt.h"
#include "track/zeek.h"

#define MAX_GROUPS 64 /* (side, port) groups kept for the summary */

struct row {
    uint64_t stream;
    char *text;
};

/* Connections with one side left in one state, grouped by the server port. */
struct group {
    uint8_t side;
    uint16_t port;
    uint64_t count;
    double longest; /* seconds, the longest any of them stayed */
};

struct conns_printer {
    enum conns_format fmt;
    bool live;
    struct sb *out;
    bool header_done;
    uint64_t next;         /* the stream whose row is due */
    struct row *heap;      /* rows held back, a min-heap by stream */
    size_t nheap;
    size_t held_bytes;     /* their text */
    /* totals */
    uint64_t total;
    uint64_t by_handshake[6], by_close[6];
    uint64_t close_wait_total, fin_wait_2_total, syn_only, syn_retrans, rst_after_data;
    uint64_t time_wait[2], reused_tw, evicted, idle;
    struct group close_wait[MAX_GROUPS], fin_wait_2[MAX_GROUPS];
    size_t ncw, nfw;
};

struct conns_printer *conns_new(enum conns_format fmt, bool live, struct sb *out)
{
    struct conns_printer *cp = calloc(1, sizeof *cp);
    if (!cp)
        return NULL;
    cp->fmt = fmt;
    cp->live = live;
    cp->out = out;
    cp->heap = calloc(CONNS_REORDER, sizeof *cp->heap);
    if (!cp->heap) {
        free(cp);
        return NULL;
    }
    return cp;
}

void conns_free(struct conns_printer *cp)
{
    if (!cp)
        return;
    for (size_t i = 0; i < cp->nheap; i++)
        free(cp->heap[i].text);
    free(cp->heap);
    free(cp);
}

/* ---- values ---------------------------------------------------------------- */

static double secs(nstime d) { return (double)d / 1e9; }

static const char *side_name(int side) { return side == CLIENT ? "client" : "server"; }

/* The median RTT of one side in ms: by timestamps, else by SEQ/ACK; -1: none. */
static double rtt_ms(const struct endpoint *e)
{
    const struct rtt_stats *s = e->rtt_ts.count ? &e->rtt_ts : &e->rtt_seq;
    return s->count ? rtt_median(s) * 1000.0 : -1;
}

static void endpoint_text(struct sb *o, const struct endpoint *e)
{
    addr_format(o, &e->addr);
    sb_ch(o, '.');
    sb_u32(o, e->port);
}

/* Pad the text written since `from` to width columns. */
static void pad(struct sb *o, size_t from, size_t width)
{
    for (size_t n = o->len - from; n < width; n++)
        sb_ch(o, ' ');
    sb_ch(o, ' ');
}

/* ---- the three formats ------------------------------------------------------ */

/* v right-aligned in width columns. */
static void u64_right(struct sb *o, uint64_t v, unsigned width)
{
    char digits[24];
    struct sb t;
    sb_init(&t, digits, sizeof digits, NULL);
    sb_u64(&t, v);
    for (size_t i = t.len; i < width; i++)
        sb_ch(o, ' ');
    sb_mem(o, digits, t.len);
}

static const char *const table_header =
    "STREAM CLIENT                SERVER                HANDSHAKE  CLOSE        FIRST  "
    "FINAL CLIENT/SERVER       DURATION   PKTS C/S       BYTES C/S   RTT ms C/S      STATE  "
    "HISTORY\n";

static void table_row(struct sb *o, const struct conn *c)
{
    size_t at = o->len;
    sb_u64(o, c->stream);
    pad(o, at, 6);
    at = o->len;
    endpoint_text(o, &c->ep[CLIENT]);
    pad(o, at, 21);
    at = o->len;
    endpoint_text(o, &c->ep[SERVER]);
    pad(o, at, 21);
    at = o->len;
    sb_s(o, handshake_name(c->handshake));
    pad(o, at, 10);
    at = o->len;
    sb_s(o, close_name(c->close));
    pad(o, at, 12);
    at = o->len;
    sb_s(o, c->first_closer >= 0 ? side_name(c->first_closer) : "-");
    pad(o, at, 6);
    at = o->len;
    sb_s(o, tcp_state_name(c->ep[CLIENT].state));
    sb_ch(o, '/');
    sb_s(o, tcp_state_name(c->ep[SERVER].state));
    pad(o, at, 23); /* ESTABLISHED/ESTABLISHED */
    at = o->len;
    sb_fixed(o, secs(c->last - c->first), 3, 8);
    sb_ch(o, 's');
    pad(o, at, 10);
    at = o->len;
    u64_right(o, c->ep[CLIENT].packets, 6);
    sb_ch(o, '/');
    sb_u64(o, c->ep[SERVER].packets);
    pad(o, at, 13);
    at = o->len;
    u64_right(o, c->ep[CLIENT].bytes, 7);
    sb_ch(o, '/');
    sb_u64(o, c->ep[SERVER].bytes);
    pad(o, at, 15);
    at = o->len;
    double rc = rtt_ms(&c->ep[CLIENT]), rs = rtt_ms(&c->ep[SERVER]);
    if (rc >= 0)
        sb_fixed(o, rc, 3, 0);
    else
        sb_ch(o, '-');
    sb_ch(o, '/');
    if (rs >= 0)
        sb_fixed(o, rs, 3, 0);
    else
        sb_ch(o, '-');
    pad(o, at, 15);
    at = o->len;
    sb_s(o, zeek_conn_state(c));
    pad(o, at, 6);
    sb_s(o, c->history[0] ? c->history : "-");
    sb_ch(o, '\n');
}

static const char *const csv_header =
    "stream,client,server,roles,handshake,close,first_closer,client_final,server_final,"
    "duration,client_packets,server_packets,client_bytes,server_bytes,client_retrans_bytes,"
    "server_retrans_bytes,irtt,client_rtt_ms,server_rtt_ms,conn_state,history,end\n";

static void csv_row(struct sb *o, const struct conn *c, enum conn_end why)
{
    sb_u64(o, c->stream);
    sb_ch(o, ',');
    endpoint_text(o, &c->ep[CLIENT]);
    sb_ch(o, ',');
    endpoint_text(o, &c->ep[SERVER]);
    const char *const texts[] = {c->roles_guessed ? "guessed" : "seen",
                                 handshake_name(c->handshake),
                                 close_name(c->close),
                                 c->first_closer >= 0 ? side_name(c->first_closer) : "",
                                 tcp_state_name(c->ep[CLIENT].state),
                                 tcp_state_name(c->ep[SERVER].state)};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        sb_ch(o, ',');
        sb_s(o, texts[i]);
    }
    sb_ch(o, ',');
    sb_fixed(o, secs(c->last - c->first), 6, 0);
    for (int i = 0; i < 3; i++)
        for (int side = 0; side < 2; side++) {
            const struct endpoint *e = &c->ep[side];
            sb_ch(o, ',');
            sb_u64(o, i == 0 ? e->packets : i == 1 ? e->bytes : e->retrans_bytes);
        }
    sb_ch(o, ',');
    if (c->ws.ts_first_rtt)
        sb_fixed(o, secs(c->ws.ts_first_rtt), 6, 0);
    for (int side = 0; side < 2; side++) {
        double r = rtt_ms(&c->ep[side]);
        sb_ch(o, ',');
        if (r >= 0)
            sb_fixed(o, r, 3, 0);
    }
    const char *const tail[] = {zeek_conn_state(c), c->history, conn_end_name(why)};
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++) {
        sb_ch(o, ',');
        sb_s(o, tail[i]);
    }
    sb_ch(o, '\n');
}

static void json_rtt(struct json *j, const char *key, const struct rtt_stats *s)
{
    json_key(j, key);
    json_open(j, '{');
    json_key(j, "count");
    json_u64(j, s->count);
    if (s->count) {
        json_key(j, "min");
        json_seconds(j, s->min);
        json_key(j, "median");
        json_seconds(j, rtt_median(s));
        json_key(j, "max");
        json_seconds(j, s->max);
    }
    json_close(j, '}');
}

static void json_endpoint_obj(struct json *j, const char *key, const struct endpoint *e)
{
    json_key(j, key);
    json_open(j, '{');
    json_key(j, "ip");
    json_addr(j, &e->addr);
    json_key(j, "port");
    json_u64(j, e->port);
    json_close(j, '}');
}

/* key: {"client": fn(CLIENT), "server": fn(SERVER)} */
typedef void (*side_fn)(struct json *j, const struct conn *c, int side);

static void json_sides(struct json *j, const char *key, const struct conn *c, side_fn fn)
{
    json_key(j, key);
    json_open(j, '{');
    for (int side = 0; side < 2; side++) {
        json_key(j, side_name(side));
        fn(j, c, side);
    }
    json_close(j, '}');
}

static void side_states(struct json *j, const struct conn *c, int side)
{
    json_open(j, '[');
    for (int k = 0; k < c->ep[side].nstates; k++)
        json_str(j, tcp_state_name(c->ep[side].states[k]));
    json_close(j, ']');
}

static void side_final(struct json *j, const struct conn *c, int side)
{
    json_str(j, tcp_state_name(c->ep[side].state));
}

static void side_options(struct json *j, const struct conn *c, int side)
{
    const struct endpoint *e = &c->ep[side];
    json_open(j, '{');
    json_key(j, "mss");
    if (e->mss)
        json_u64(j, e->mss);
    else
        json_null(j);
    json_key(j, "wscale");
    if (e->wscale >= 0)
        json_u64(j, (uint64_t)e->wscale);
    else
        json_null(j);
    json_key(j, "sack_permitted");
    json_bool(j, e->sack_ok);
    json_key(j, "timestamps");
    json_bool(j, e->timestamps);
    json_close(j, '}');
}

static void side_rtt(struct json *j, const struct conn *c, int side)
{
    json_open(j, '{');
    json_rtt(j, "timestamps", &c->ep[side].rtt_ts);
    json_rtt(j, "seq_ack", &c->ep[side].rtt_seq);
    json_close(j, '}');
}

static void side_packets(struct json *j, const struct conn *c, int side)
{
    json_u64(j, c->ep[side].packets);
}

static void side_bytes(struct json *j, const struct conn *c, int side)
{
    json_u64(j, c->ep[side].bytes);
}

static void side_retrans(struct json *j, const struct conn *c, int side)
{
    json_open(j, '{');
    json_key(j, "packets");
    json_u64(j, c->ep[side].retrans_packets);
    json_key(j, "bytes");
    json_u64(j, c->ep[side].retrans_bytes);
    json_close(j, '}');
}

static void side_syns(struct json *j, const struct conn *c, int side)
{
    json_u64(j, c->ep[side].syns);
}

static void json_diagnoses(struct json *j, const struct conn *c, nstime now);

static void json_row(struct sb *o, const struct conn *c, enum conn_end why, nstime now)
{
    struct json j;
    json_init(&j, o);
    json_open(&j, '{');
    json_key(&j, "stream");
    json_u64(&j, c->stream);
    json_key(&j, "first_frame");
    json_u64(&j, c->first_frame);
    json_key(&j, "end");
    json_str(&j, conn_end_name(why));
    json_endpoint_obj(&j, "client", &c->ep[CLIENT]);
    json_endpoint_obj(&j, "server", &c->ep[SERVER]);
    json_key(&j, "roles");
    json_str(&j, c->roles_guessed ? "guessed" : "seen");
    json_key(&j, "handshake");
    json_str(&j, handshake_name(c->handshake));
    json_key(&j, "close");
    json_str(&j, close_name(c->close));
    json_key(&j, "first_closer");
    if (c->first_closer >= 0)
        json_str(&j, side_name(c->first_closer));
    else
        json_null(&j);
    json_sides(&j, "states", c, side_states);
    json_sides(&j, "final_state", c, side_final);
    json_key(&j, "first_time");
    json_seconds(&j, secs(c->first));
    json_key(&j, "last_time");
    json_seconds(&j, secs(c->last));
    json_key(&j, "duration");
    json_seconds(&j, secs(c->last - c->first));
    json_key(&j, "irtt");
    if (c->ws.ts_first_rtt)
        json_seconds(&j, secs(c->ws.ts_first_rtt));
    else
        json_null(&j);
    json_key(&j, "handshake_timing");
    json_open(&j, '{');
    json_key(&j, "syn_to_synack");
    if (nstime_seen(c->syn_time) && nstime_seen(c->synack_time))
        json_seconds(&j, secs(c->synack_time - c->syn_time));
    else
        json_null(&j);
    json_key(&j, "synack_to_ack");
    if (nstime_seen(c->synack_time) && nstime_seen(c->ack_time))
        json_seconds(&j, secs(c->ack_time - c->synack_time));
    else
        json_null(&j);
    json_close(&j, '}');
    json_sides(&j, "options", c, side_options);
    json_sides(&j, "rtt", c, side_rtt);
    json_key(&j, "conn_state");
    json_str(&j, zeek_conn_state(c));
    json_key(&j, "history");
    json_str(&j, c->history);
    json_sides(&j, "packets", c, side_packets);
    json_sides(&j, "bytes", c, side_bytes);
    json_sides(&j, "retransmissions", c, side_retrans);
    json_sides(&j, "syns", c, side_syns);
    json_key(&j, "half_close");
    if (nstime_seen(c->first_fin))
        json_seconds(&j, secs((nstime_seen(c->second_fin) ? c->second_fin : now) - c->first_fin));
    else
        json_null(&j);
    json_key(&j, "reset");
    if (c->rst_by >= 0) {
        json_open(&j, '{');
        json_key(&j, "by");
        json_str(&j, side_name(c->rst_by));
        json_key(&j, "state");
        json_str(&j, tcp_state_name(c->ep[c->rst_by].rst_state));
        json_key(&j, "after_data");
        json_bool(&j, c->rst_after_data);
        json_close(&j, '}');
    } else {
        json_null(&j);
    }
    json_diagnoses(&j, c, now);
    json_close(&j, '}');
    sb_ch(o, '\n');
}

/* ---- diagnoses ---------------------------------------------------------------- */

enum diag_kind { D_CLOSE_WAIT, D_FIN_WAIT_2, D_TIME_WAIT, D_REUSED_TW, D_SYN_UNANSWERED, D_RST_DATA };

/* Calls fn for each diagnosis of c (side is -1 when it concerns both). */
static void diagnose(const struct conn *c, nstime now,
                     void (*fn)(void *ctx, enum diag_kind k, int side, double value), void *ctx)
{
    for (int side = 0; side < 2; side++) {
        const struct endpoint *e = &c->ep[side];
        if (e->state == TCPS_CLOSE_WAIT)
            fn(ctx, D_CLOSE_WAIT, side, secs(now - e->state_since));
        if (e->state == TCPS_FIN_WAIT_2)
            fn(ctx, D_FIN_WAIT_2, side, secs(now - e->state_since));
        if (e->state == TCPS_TIME_WAIT)
            fn(ctx, D_TIME_WAIT, side, 0);
    }
    if (c->reused_in_time_wait)
        fn(ctx, D_REUSED_TW, -1, 0);
    if (c->handshake == HS_SYN_ONLY)
        fn(ctx, D_SYN_UNANSWERED, CLIENT, c->ep[CLIENT].syns);
    if (c->rst_by >= 0 && c->rst_after_data)
        fn(ctx, D_RST_DATA, c->rst_by, 0);
}

static void diag_text(struct sb *o, enum diag_kind k, int side, double value)
{
    switch (k) {
    case D_CLOSE_WAIT:
        sb_printf(o, "%s left in CLOSE_WAIT for %.3f s up to the last packet seen",
                  side_name(side), value);
        break;
    case D_FIN_WAIT_2:
        sb_printf(o, "%s left in FIN_WAIT_2 for %.3f s up to the last packet seen",
                  side_name(side), value);
        break;
    case D_TIME_WAIT:
        sb_printf(o, "%s holds TIME_WAIT", side_name(side));
        break;
    case D_REUSED_TW:
        sb_s(o, "ports reused while the previous connection's TIME_WAIT held (60 s on Linux)");
        break;
    case D_SYN_UNANSWERED:
        sb_printf(o, "SYN unanswered (%.0f sent)", value);
        break;
    case D_RST_DATA:
        sb_printf(o, "%s reset the connection after data", side_name(side));
        break;
    }
}

static void json_diag(void *ctx, enum diag_kind k, int side, double value)
{
    struct json *j = ctx;
    char buf[160];
    struct sb t;
    sb_init(&t, buf, sizeof buf, NULL);
    diag_text(&t, k, side, value);
    json_str(j, sb_str(&t));
}

static void json_diagnoses(struct json *j, const struct conn *c, nstime now)
{
    json_key(j, "diagnoses");
    json_open(j, '[');
    diagnose(c, now, json_diag, j);
    json_close(j, ']');
}

static void count_group(struct group *g, size_t *n, uint8_t side, uint16_t port, double secs)
{
    for (size_t i = 0; i < *n; i++)
        if (g[i].side == side && g[i].port == port) {
            g[i].count++;
            if (secs > g[i].longest)
                g[i].longest = secs;
            return;
        }
    if (*n < MAX_GROUPS)
        g[(*n)++] = (struct group){side, port, 1, secs};
}

struct tally {
    struct conns_printer *cp;
    const struct conn *c;
};

static void tally_diag(void *ctx, enum diag_kind k, int side, double value)
{
    struct tally *t = ctx;
    struct conns_printer *cp = t->cp;
    const struct conn *c = t->c;
    switch (k) {
    case D_CLOSE_WAIT:
        cp->close_wait_total++;
        count_group(cp->close_wait, &cp->ncw, (uint8_t)side, c->ep[SERVER].port, value);
        break;
    case D_FIN_WAIT_2:
        cp->fin_wait_2_total++;
        count_group(cp->fin_wait_2, &cp->nfw, (uint8_t)side, c->ep[SERVER].port, value);
        break;
    case D_TIME_WAIT:
        cp->time_wait[side]++;
        break;
    case D_REUSED_TW:
        cp->reused_tw++;
        break;
    case D_SYN_UNANSWERED:
        cp->syn_only++;
        cp->syn_retrans += (uint64_t)value;
        break;
    case D_RST_DATA:
        cp->rst_after_data++;
        break;
    }
}

/* ---- ordering ------------------------------------------------------------------ */

static void heap_push(struct conns_printer *cp, struct row r)
{
    cp->held_bytes += strlen(r.text);
    size_t i = cp->nheap++;
    cp->heap[i] = r;
    while (i > 0 && cp->heap[(i - 1) / 2].stream > cp->heap[i].stream) {
        struct row t = cp->heap[i];
        cp->heap[i] = cp->heap[(i - 1) / 2];
        cp->heap[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static struct row heap_pop(struct conns_printer *cp)
{
    struct row top = cp->heap[0];
    cp->held_bytes -= strlen(top.text);
    cp->heap[0] = cp->heap[--cp->nheap];
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < cp->nheap && cp->heap[l].stream < cp->heap[m].stream)
            m = l;
        if (r < cp->nheap && cp->heap[r].stream < cp->heap[m].stream)
            m = r;
        if (m == i)
            break;
        struct row t = cp->heap[i];
        cp->heap[i] = cp->heap[m];
        cp->heap[m] = t;
        i = m;
    }
    return top;
}

static void write_row(struct conns_printer *cp, struct row r)
{
    sb_s(cp->out, r.text);
    free(r.text);
    if (r.stream >= cp->next)
        cp->next = r.stream + 1;
}

/* Write held rows that are due (all of them when flushing). */
static void drain(struct conns_printer *cp, bool all)
{
    while (cp->nheap && (all || cp->heap[0].stream <= cp->next || cp->nheap >= CONNS_REORDER ||
                         cp->held_bytes > CONNS_REORDER_BYTES))
        write_row(cp, heap_pop(cp));
}

static void header(struct conns_printer *cp)
{
    if (cp->header_done)
        return;
    cp->header_done = true;
    if (cp->fmt == CONNS_TABLE)
        sb_s(cp->out, table_header);
    else if (cp->fmt == CONNS_CSV)
        sb_s(cp->out, csv_header);
}

void conns_done(void *ctx, const struct conn *c, enum conn_end why, nstime now)
{
    struct conns_printer *cp = ctx;
    header(cp);
    cp->total++;
    cp->by_handshake[c->handshake]++;
    cp->by_close[c->close]++;
    if (why == CONN_EVICTED)
        cp->evicted++;
    if (why == CONN_IDLE)
        cp->idle++;
    struct tally t = {cp, c};
    diagnose(c, now, tally_diag, &t);

    char buf[4096];
    struct sb line;
    sb_init(&line, buf, sizeof buf, NULL);
    if (cp->fmt == CONNS_TABLE)
        table_row(&line, c);
    else if (cp->fmt == CONNS_CSV)
        csv_row(&line, c, why);
    else
        json_row(&line, c, why, now);
    struct row r = {c->stream, strdup(sb_str(&line))};
    if (!r.text)
        return;
    if (cp->live || c->stream < cp->next) {
        write_row(cp, r); /* live, or a late row: no waiting */
        return;
    }
    heap_push(cp, r);
    drain(cp, false);
}

static void summary_groups(struct sb *o, const struct group *g, size_t n, uint64_t total,
                           const char *state)
{
    uint64_t listed = 0;
    for (size_t i = 0; i < n; i++) {
        sb_printf(o, "  %llu connection%s left in %s on %s port %u (%s %.3f s)\n",
                  (unsigned long long)g[i].count, g[i].count == 1 ? "" : "s", state,
                  g[i].side == SERVER ? "server" : "the client side of server", g[i].port,
                  g[i].count == 1 ? "for" : "longest", g[i].longest);
        listed += g[i].count;
    }
    if (listed < total)
        sb_printf(o, "  %llu more left in %s on other ports\n",
                  (unsigned long long)(total - listed), state);
}

static void summary(struct conns_printer *cp)
{
    struct sb *o = cp->out;
    sb_printf(o, "\n%llu connection%s", (unsigned long long)cp->total, cp->total == 1 ? "" : "s");
    const char *sep = ": handshake ";
    for (int k = 0; k < 6; k++)
        if (cp->by_handshake[k]) {
            sb_printf(o, "%s%llu %s", sep, (unsigned long long)cp->by_handshake[k],
                      handshake_name((enum handshake_kind)k));
            sep = ", ";
        }
    sep = "; close ";
    for (int k = 0; k < 6; k++)
        if (cp->by_close[k]) {
            sb_printf(o, "%s%llu %s", sep, (unsigned long long)cp->by_close[k],
                      close_name((enum close_kind)k));
            sep = ", ";
        }
    sb_s(o, "\n");
    summary_groups(o, cp->close_wait, cp->ncw, cp->close_wait_total, "CLOSE_WAIT");
    summary_groups(o, cp->fin_wait_2, cp->nfw, cp->fin_wait_2_total, "FIN_WAIT_2");
    for (int side = 0; side < 2; side++)
        if (cp->time_wait[side])
            sb_printf(o, "  %llu connection%s with the %s holding TIME_WAIT\n",
                      (unsigned long long)cp->time_wait[side], cp->time_wait[side] == 1 ? "" : "s",
                      side_name(side));
    if (cp->reused_tw)
        sb_printf(o, "  %llu connection%s reused ports whose TIME_WAIT still held\n",
                  (unsigned long long)cp->reused_tw, cp->reused_tw == 1 ? "" : "s");
    if (cp->syn_only)
        sb_printf(o, "  %llu connection attempt%s unanswered (%llu SYNs)\n",
                  (unsigned long long)cp->syn_only, cp->syn_only == 1 ? "" : "s",
                  (unsigned long long)cp->syn_retrans);
    if (cp->rst_after_data)
        sb_printf(o, "  %llu connection%s reset after data\n",
                  (unsigned long long)cp->rst_after_data, cp->rst_after_data == 1 ? "" : "s");
    if (cp->evicted)
        sb_printf(o, "  %llu connection%s evicted to stay within --max-conns\n",
                  (unsigned long long)cp->evicted, cp->evicted == 1 ? "" : "s");
    if (cp->idle)
        sb_printf(o, "  %llu connection%s silent for --idle-timeout, reported and forgotten\n",
                  (unsigned long long)cp->idle, cp->idle == 1 ? "" : "s");
}

void conns_finish(struct conns_printer *cp)
{
    header(cp);
    drain(cp, true);
    if (cp->fmt == CONNS_TABLE)
        summary(cp);
}
