/*
 * conn_script.h - for unit tests: a connection written out as the
 * segments a client (10.0.0.1 port 40000) and a server (10.0.0.2 port 80)
 * send, fed one by one through conn_segment, with what the tracker said
 * about each kept for the test to read.
 */
#ifndef TCPLENS_TRACK_CONN_SCRIPT_H
#define TCPLENS_TRACK_CONN_SCRIPT_H

#include <stddef.h>
#include <string.h>

#include "track/conn_int.h"

#define F TH_FIN
#define S TH_SYN
#define R TH_RST
#define P TH_PUSH
#define A TH_ACK

/* One segment: 'c' from the client, 's' from the server.  The fields
 * after len are optional (designated initialisers): the capture time in
 * microseconds (0: segment i at (i + 1) * gap), the window (WIN(n); 500
 * when not given), SACK permitted on a SYN, and SACK blocks. */
struct step {
    char from;
    uint16_t flags;
    uint32_t seq, ack, len;
    uint32_t us;
    uint16_t win;
    bool win_set;
    bool sack_ok;
    uint8_t nsack;
    uint32_t sack[2][2];
};

/* Scripts list only the fields a step needs. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define WIN(n) .win = (n), .win_set = true
#define SACK1(l, r) .nsack = 1, .sack = {{(l), (r)}}
#define SACK2(l1, r1, l2, r2) .nsack = 2, .sack = {{(l1), (r1)}, {(l2), (r2)}}

/* Run a script through c; views (if not NULL) receives segment i's view
 * at index i.  The pool is freed at the end, c's lists with it. */
static void script_run(struct conn *c, const struct step *steps, size_t n, nstime gap,
                       struct seg_view *views)
{
    struct addr ca = {4, {10, 0, 0, 1}}, sa = {4, {10, 0, 0, 2}};
    struct unacked_pool *pool = unacked_pool_new(0);
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < n; i++) {
        const struct step *st = &steps[i];
        struct seg s = {.now = st->us ? (nstime)st->us * 1000 : (nstime)(i + 1) * gap,
                        .frame = i + 1, .flags = st->flags, .seq = st->seq, .ack = st->ack,
                        .len = st->len, .have_len = true, .win = st->win_set ? st->win : 500,
                        .wscale = -1, .sack_ok = st->sack_ok, .nsack = st->nsack};
        for (int b = 0; b < st->nsack; b++) {
            s.sack_left[b] = st->sack[b][0];
            s.sack_right[b] = st->sack[b][1];
        }
        bool client = st->from == 'c';
        const struct addr *src = client ? &ca : &sa, *dst = client ? &sa : &ca;
        uint16_t sport = client ? 40000 : 80, dport = client ? 80 : 40000;
        if (i == 0)
            conn_start(c, pool, 0, &s, src, sport, dst, dport);
        struct seg_view v = {0};
        conn_segment(c, pool, conn_side(c, src, sport), &s, true, &v);
        if (views)
            views[i] = v;
    }
    conn_classify(c);
    ws_conv_release(&c->ws, pool);
    unacked_pool_free(pool);
}

#define SCRIPT_LEN(script) (sizeof script / sizeof script[0])

#endif
