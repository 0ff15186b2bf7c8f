/*
 * retrans_test.c - tcplens's reading of retransmissions and probes beside
 * Wireshark's, on connections written out segment by segment (client ISN
 * 1000, server ISN 5000, 100-byte segments, times in microseconds; the
 * handshake gives an iRTT of 2 ms).  Each script is one situation of
 * docs/analysis.md, with the verdicts worked out by hand from its rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "track/conn_script.h"

#define MS 1000000 /* nanoseconds */

#define HANDSHAKE(sack)                                                                   \
    {'c', S, 1000, 0, 0, .us = 1000, .sack_ok = (sack)},                                  \
        {'s', S | A, 5000, 1001, 0, .us = 2000, .sack_ok = (sack)},                       \
        {'c', A, 1001, 5001, 0, .us = 3000}
#define DATA(seq, at) {'c', A, (seq), 5001, 100, .us = (at)}

#define RUN_VIEWS(script, views)                                                           \
    struct conn c;                                                                        \
    struct seg_view views[SCRIPT_LEN(script)];                                            \
    script_run(&c, script, SCRIPT_LEN(script), 0, views)

/* views[frame - 1] */
#define AT(frame) v[(frame) - 1]

static void fast_after_three_duplicate_acks(void **state)
{
    (void)state;
    static const struct step script[] = {
        HANDSHAKE(false),
        DATA(1001, 10000), DATA(1101, 10100), DATA(1201, 10200), DATA(1301, 10300),
        {'s', A, 5001, 1101, 0, .us = 12000},
        {'s', A, 5001, 1101, 0, .us = 12100},
        {'s', A, 5001, 1101, 0, .us = 12200},
        {'s', A, 5001, 1101, 0, .us = 12300},
        DATA(1101, 12400)};
    RUN_VIEWS(script, v);
    for (int f = 9; f <= 11; f++) {
        assert_true(AT(f).ws.flags & WS_DUPLICATE_ACK);
        assert_int_equal(AT(f).ws.dupack_num, f - 8);
        assert_int_equal(AT(f).ws.dupack_frame, 8);
    }
    assert_int_equal(AT(12).rx.cause, RX_FAST);
    assert_int_equal(AT(12).rx.dupacks, 3);
    assert_int_equal(AT(12).rx.first_frame, 5);
    /* Wireshark agrees: two or more duplicate ACKs for this seq, 0.1 ms before */
    assert_true(AT(12).ws.flags & WS_FAST_RETRANSMISSION);
}

static void fast_after_sack_wireshark_says_out_of_order(void **state)
{
    (void)state;
    static const struct step script[] = {
        HANDSHAKE(true),
        DATA(1001, 10000), DATA(1101, 10100), DATA(1201, 10200),
        {'s', A, 5001, 1001, 0, .us = 12000, SACK1(1101, 1201)},
        DATA(1001, 12100)};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(8).rx.cause, RX_FAST);
    assert_true(AT(8).rx.sack_hole);
    assert_int_equal(AT(8).rx.dupacks, 1);
    /* 1.9 ms after the highest segment, within the 2 ms iRTT */
    assert_int_equal(AT(8).ws.flags, WS_OUT_OF_ORDER);
}

static void rto_and_karn(void **state)
{
    (void)state;
    static const struct step script[] = {
        HANDSHAKE(false), DATA(1001, 10000), DATA(1001, 300000),
        {'s', A, 5001, 1101, 0, .us = 302000}};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(5).rx.cause, RX_RTO);
    assert_int_equal(AT(5).rx.rto, 290 * MS);
    assert_int_equal(AT(5).rx.first_frame, 4);
    assert_int_equal(AT(5).ws.flags, WS_RETRANSMISSION);
    assert_int_equal(AT(5).ws.rto, 290 * MS);
    /* Wireshark's ACK RTT counts from the first copy; Karn takes no sample */
    assert_int_equal(AT(6).ws.acks_frame, 4);
    assert_int_equal(AT(6).ws.ack_rtt, 292 * MS);
    assert_false(AT(6).rx.has_rtt);
    assert_true(AT(6).rx.karn_skipped);
}

static void wireshark_measures_rto_from_the_oldest_segment(void **state)
{
    (void)state;
    static const struct step script[] = {HANDSHAKE(false), DATA(1001, 10000), DATA(1101, 20000),
                                         DATA(1101, 400000)};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(6).ws.rto_frame, 4);
    assert_int_equal(AT(6).ws.rto, 390 * MS);
    assert_int_equal(AT(6).rx.cause, RX_RTO);
    assert_int_equal(AT(6).rx.first_frame, 5);
    assert_int_equal(AT(6).rx.rto, 380 * MS);
}

static void karn_sample_from_a_segment_sent_once(void **state)
{
    (void)state;
    static const struct step script[] = {HANDSHAKE(false), DATA(1001, 10000),
                                         {'s', A, 5001, 1101, 0, .us = 12500}};
    RUN_VIEWS(script, v);
    assert_true(AT(5).rx.has_rtt);
    assert_int_equal(AT(5).rx.rtt, 2500000);
    assert_int_equal(AT(5).ws.acks_frame, 4);
}

static void spurious_already_acknowledged(void **state)
{
    (void)state;
    static const struct step script[] = {HANDSHAKE(false), DATA(1001, 10000),
                                         {'s', A, 5001, 1101, 0, .us = 12000}, DATA(1001, 13000)};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(6).rx.cause, RX_SPURIOUS);
    assert_true(AT(6).ws.flags & WS_SPURIOUS_RETRANSMISSION);
}

static void spurious_already_sacked_wireshark_ignores_sack(void **state)
{
    (void)state;
    static const struct step script[] = {
        HANDSHAKE(true),
        DATA(1001, 10000), DATA(1101, 10100), DATA(1201, 10200),
        {'s', A, 5001, 1001, 0, .us = 12000, SACK1(1101, 1301)},
        DATA(1101, 13000)};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(8).rx.cause, RX_SPURIOUS);
    assert_int_equal(AT(8).ws.flags, WS_RETRANSMISSION);
}

static void tail_loss_probe_then_timeout(void **state)
{
    (void)state;
    static const struct step script[] = {
        HANDSHAKE(true), DATA(1001, 10000), DATA(1101, 10100),
        {'s', A, 5001, 1101, 0, .us = 12000},
        DATA(1101, 30000), DATA(1101, 250000)};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(7).rx.cause, RX_TLP);
    assert_int_equal(AT(8).rx.cause, RX_RTO); /* one probe per quiet spell */
    assert_int_equal(AT(8).rx.rto, 250000000 - 10100000);
    assert_int_equal(AT(8).rx.since_copy, 220 * MS);
}

static void no_probe_without_sack(void **state)
{
    (void)state;
    static const struct step script[] = {
        HANDSHAKE(false), DATA(1001, 10000), DATA(1101, 10100),
        {'s', A, 5001, 1101, 0, .us = 12000}, DATA(1101, 30000)};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(7).rx.cause, RX_RTO);
}

static void duplicate_within_one_rtt(void **state)
{
    (void)state;
    static const struct step script[] = {HANDSHAKE(false), DATA(1001, 10000), DATA(1001, 10500)};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(5).rx.cause, RX_DUPLICATE);
    assert_int_equal(AT(5).rx.since_copy, 500000);
    assert_int_equal(AT(5).ws.flags, WS_RETRANSMISSION);
}

static void reordered_original_is_no_retransmission(void **state)
{
    (void)state;
    static const struct step script[] = {HANDSHAKE(false), DATA(1101, 10000), DATA(1001, 10500)};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(4).ws.flags, WS_LOST_SEGMENT);
    assert_int_equal(AT(5).rx.cause, RX_REORDERED);
    assert_int_equal(AT(5).rx.first_frame, 0);
    assert_int_equal(AT(5).ws.flags, WS_OUT_OF_ORDER);
}

static void linux_zero_window_probe_is_no_keep_alive(void **state)
{
    (void)state;
    static const struct step script[] = {
        HANDSHAKE(false), DATA(1001, 10000),
        {'s', A, 5001, 1101, 0, .us = 12000, WIN(0)},
        {'c', A, 1100, 5001, 0, .us = 200000},
        {'s', A, 5001, 1101, 0, .us = 200100, WIN(0)}};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(5).ws.flags, WS_ZERO_WINDOW);
    assert_int_equal(AT(6).rx.probe, RX_ZERO_WINDOW_PROBE);
    assert_int_equal(AT(6).rx.cause, RX_NONE);
    assert_int_equal(AT(6).ws.flags, WS_KEEP_ALIVE);
    assert_int_equal(AT(7).ws.flags, WS_ZERO_WINDOW);
}

static void one_byte_zero_window_probe(void **state)
{
    (void)state;
    static const struct step script[] = {
        HANDSHAKE(false), DATA(1001, 10000),
        {'s', A, 5001, 1101, 0, .us = 12000, WIN(0)},
        {'c', A, 1101, 5001, 1, .us = 200000},
        {'s', A, 5001, 1101, 0, .us = 200100, WIN(0)}};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(6).rx.probe, RX_ZERO_WINDOW_PROBE);
    assert_int_equal(AT(6).ws.flags, WS_ZERO_WINDOW_PROBE);
    assert_int_equal(AT(7).ws.flags, WS_ZERO_WINDOW | WS_ZERO_WINDOW_PROBE_ACK);
}

static void keep_alive_and_its_ack(void **state)
{
    (void)state;
    static const struct step script[] = {
        HANDSHAKE(false), DATA(1001, 10000), {'s', A, 5001, 1101, 0, .us = 12000},
        {'c', A, 1100, 5001, 0, .us = 1012000}, {'s', A, 5001, 1101, 0, .us = 1012100}};
    RUN_VIEWS(script, v);
    assert_int_equal(AT(6).rx.probe, RX_KEEP_ALIVE);
    assert_int_equal(AT(6).ws.flags, WS_KEEP_ALIVE);
    assert_int_equal(AT(7).ws.flags, WS_KEEP_ALIVE_ACK);
}

static void dsack_names_the_needless_retransmission(void **state)
{
    (void)state;
    static const struct step script[] = {
        HANDSHAKE(true), DATA(1001, 10000), DATA(1001, 300000),
        {'s', A, 5001, 1101, 0, .us = 301000},
        {'s', A, 5001, 1101, 0, .us = 301100, SACK1(1001, 1101)}};
    RUN_VIEWS(script, v);
    /* with SACK on both sides, the first resend of the last segment is a probe */
    assert_int_equal(AT(5).rx.cause, RX_TLP);
    assert_int_equal(AT(6).rx.dsack_frame, 0);
    assert_int_equal(AT(7).rx.dsack_frame, 5);
    assert_int_equal(AT(7).rx.dsack_cause, RX_TLP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fast_after_three_duplicate_acks),
        cmocka_unit_test(fast_after_sack_wireshark_says_out_of_order),
        cmocka_unit_test(rto_and_karn),
        cmocka_unit_test(wireshark_measures_rto_from_the_oldest_segment),
        cmocka_unit_test(karn_sample_from_a_segment_sent_once),
        cmocka_unit_test(spurious_already_acknowledged),
        cmocka_unit_test(spurious_already_sacked_wireshark_ignores_sack),
        cmocka_unit_test(tail_loss_probe_then_timeout),
        cmocka_unit_test(no_probe_without_sack),
        cmocka_unit_test(duplicate_within_one_rtt),
        cmocka_unit_test(reordered_original_is_no_retransmission),
        cmocka_unit_test(linux_zero_window_probe_is_no_keep_alive),
        cmocka_unit_test(one_byte_zero_window_probe),
        cmocka_unit_test(keep_alive_and_its_ack),
        cmocka_unit_test(dsack_names_the_needless_retransmission),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
