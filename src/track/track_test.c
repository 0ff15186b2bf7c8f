/* track_test.c - tcpdump's relative sequence numbers, segment by segment:
 * a SYN is shown absolute, the SYN/ACK records both bases (and is shown
 * absolute), later ACKs are relative, and -S or -q turn it all off. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "track/track.h"

/* A decoded IPv4/TCP packet built directly (the decoder has its own tests). */
static void make(struct pkt *p, bool from_client, uint16_t flags, uint32_t seq, uint32_t ack)
{
    memset(p, 0, sizeof *p);
    p->nlayers = 2;
    p->ip_index = 0;
    p->tcp_index = 1;
    struct ipv4 *ip = &p->layers[0].u.ip4;
    struct addr c = {4, {10, 0, 0, 1}}, s = {4, {10, 0, 0, 2}};
    p->layers[0].kind = LAYER_IPV4;
    ip->stop = IP_DONE;
    ip->src = from_client ? c : s;
    ip->dst = from_client ? s : c;
    struct tcp *t = &p->layers[1].u.tcp;
    p->layers[1].kind = LAYER_TCP;
    t->stop = TCP_DONE;
    t->sport = from_client ? 40000 : 80;
    t->dport = from_client ? 80 : 40000;
    t->flags = flags;
    t->seq = seq;
    t->ack = ack;
}

static void handshake_then_relative(void **state)
{
    (void)state;
    struct track_config cfg = {.absolute_seq = false};
    struct tracker *tr = track_new(&cfg, NULL, NULL);
    struct pkt p;
    struct seg_view v;

    make(&p, true, TH_SYN, 1000, 0);
    track_packet(tr, &p, &v);
    assert_false(v.relative); /* no ACK flag: tcpdump does not look it up */

    make(&p, false, TH_SYN | TH_ACK, 5000, 1001);
    track_packet(tr, &p, &v);
    assert_false(v.relative); /* records the bases, printed absolute */
    assert_int_equal(v.sack_sub, 1000);

    make(&p, true, TH_ACK, 1001, 5001);
    track_packet(tr, &p, &v);
    assert_true(v.relative);
    assert_int_equal(1001 - v.seq_sub, 1);
    assert_int_equal(5001 - v.ack_sub, 1);

    make(&p, false, TH_ACK | TH_PUSH, 5001, 1001);
    track_packet(tr, &p, &v);
    assert_int_equal(5001 - v.seq_sub, 1);
    assert_int_equal(1001 - v.ack_sub, 1);
    assert_int_equal(v.sack_sub, 1000); /* SACK edges are the peer's sequence space */
    track_free(tr);
}

static void mid_stream_start(void **state)
{
    (void)state;
    struct track_config cfg = {.absolute_seq = false};
    struct tracker *tr = track_new(&cfg, NULL, NULL);
    struct pkt p;
    struct seg_view v;
    make(&p, false, TH_ACK, 7000, 3000); /* first packet seen: absolute */
    track_packet(tr, &p, &v);
    assert_false(v.relative);
    make(&p, true, TH_ACK, 3000, 7100);  /* the other side: relative to ack - 1 */
    track_packet(tr, &p, &v);
    assert_true(v.relative);
    assert_int_equal(3000 - v.seq_sub, 1);
    assert_int_equal(7100 - v.ack_sub, 100);
    track_free(tr);
}

static void absolute_and_quiet_keep_nothing(void **state)
{
    (void)state;
    struct track_config abs = {.absolute_seq = true}, quiet = {.quiet = true};
    struct pkt p;
    struct seg_view v;
    struct tracker *t1 = track_new(&abs, NULL, NULL), *t2 = track_new(&quiet, NULL, NULL);
    for (int i = 0; i < 2; i++) {
        make(&p, true, TH_ACK, 3000, 7100);
        track_packet(t1, &p, &v);
        assert_false(v.relative);
        track_packet(t2, &p, &v);
        assert_false(v.relative);
    }
    track_free(t1);
    track_free(t2);
}

static void closed_conversation_forgotten_after_quiet_time(void **state)
{
    (void)state;
    struct track_config cfg = {.absolute_seq = false};
    struct tracker *tr = track_new(&cfg, NULL, NULL);
    struct pkt p;
    struct seg_view v;
    make(&p, false, TH_SYN | TH_ACK, 5000, 1001);
    track_packet(tr, &p, &v);
    make(&p, true, TH_RST | TH_ACK, 1001, 5001);
    p.ts_sec = 10;
    track_packet(tr, &p, &v);
    assert_true(v.relative);
    make(&p, true, TH_ACK, 1001, 5001); /* a stray ACK 50 s later */
    p.ts_sec = 60;
    track_packet(tr, &p, &v);
    assert_true(v.relative);
    make(&p, false, TH_ACK, 6000, 1001); /* 61 s after that: forgotten */
    p.ts_sec = 121;
    track_packet(tr, &p, &v);
    assert_false(v.relative);
    track_free(tr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(handshake_then_relative),
        cmocka_unit_test(mid_stream_start),
        cmocka_unit_test(absolute_and_quiet_keep_nothing),
        cmocka_unit_test(closed_conversation_forgotten_after_quiet_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
