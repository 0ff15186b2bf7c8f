/*
 * rtt_test.c - RTT samples and their summary: the median (exact up to
 * five samples, P-square beyond), Karn's rule for SEQ/ACK samples, and
 * timestamp samples measured from the first segment that carried a TSval.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "track/rtt.h"

#define MS 1000000 /* nanoseconds */

static void median_of_few_is_exact(void **state)
{
    (void)state;
    struct rtt_stats s = {0};
    assert_true(rtt_median(&s) == 0.0f);
    rtt_add(&s, 3.0f);
    rtt_add(&s, 1.0f);
    rtt_add(&s, 2.0f);
    assert_true(rtt_median(&s) == 2.0f);
    rtt_add(&s, 4.0f);
    assert_true(rtt_median(&s) == 2.5f);
    rtt_add(&s, 0.5f);
    assert_true(rtt_median(&s) == 2.0f);
    assert_true(s.min == 0.5f && s.max == 4.0f);
    assert_int_equal(s.count, 5);
}

static void median_of_many_is_estimated(void **state)
{
    (void)state;
    struct rtt_stats s = {0};
    /* 1..1001 in a scrambled order (a step prime to 1001) */
    for (uint32_t i = 0; i < 1001; i++)
        rtt_add(&s, (float)(1 + (i * 389) % 1001));
    assert_int_equal(s.count, 1001);
    assert_true(s.min == 1.0f && s.max == 1001.0f);
    float m = rtt_median(&s);
    assert_true(m > 501.0f * 0.97f && m < 501.0f * 1.03f);
}

static void seq_ack_samples_follow_karn(void **state)
{
    (void)state;
    struct rtt_track r = {0};
    struct rtt_stats ts = {0}, seq = {0};
    rtt_sent(&r, 0, 100, false, false, 0, 0);
    rtt_sent(&r, 0, 100, true, false, 0, 1000 * MS); /* retransmitted after 1 s */
    rtt_acked(&r, 100, true, false, 0, 1001 * MS, &ts, &seq);
    assert_int_equal(seq.count, 0); /* which copy was acknowledged is unknown */

    rtt_sent(&r, 100, 200, false, false, 0, 2000 * MS);
    rtt_sent(&r, 200, 300, false, false, 0, 2001 * MS);
    rtt_acked(&r, 150, true, false, 0, 2010 * MS, &ts, &seq); /* inside a segment */
    assert_int_equal(seq.count, 0);
    rtt_acked(&r, 300, true, false, 0, 2050 * MS, &ts, &seq); /* covers both */
    assert_int_equal(seq.count, 1);                           /* the one ending at 300 */
    assert_true(seq.min > 0.0489f && seq.min < 0.0491f);
    assert_int_equal(r.nseq, 0);
}

static void timestamp_samples_from_first_carrier(void **state)
{
    (void)state;
    struct rtt_track r = {0};
    struct rtt_stats ts = {0}, seq = {0};
    rtt_sent(&r, 0, 100, false, true, 7, 0);
    rtt_sent(&r, 100, 200, false, true, 7, 1 * MS); /* same TSval: not a new carrier */
    /* a duplicate ACK echoing 7 does not advance: no sample */
    rtt_acked(&r, 0, false, true, 7, 3 * MS, &ts, &seq);
    assert_int_equal(ts.count, 0);
    rtt_acked(&r, 200, true, true, 7, 5 * MS, &ts, &seq);
    assert_int_equal(ts.count, 1);
    assert_true(ts.min > 0.00499f && ts.min < 0.00501f); /* from the first segment */
    assert_int_equal(seq.count, 1);
    assert_true(seq.min > 0.00399f && seq.min < 0.00401f); /* from the segment ending at 200 */
    /* an echo of a TSval never sent gives nothing */
    rtt_sent(&r, 200, 300, false, true, 9, 6 * MS);
    rtt_acked(&r, 300, true, true, 8, 9 * MS, &ts, &seq);
    assert_int_equal(ts.count, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(median_of_few_is_exact),
        cmocka_unit_test(median_of_many_is_estimated),
        cmocka_unit_test(seq_ack_samples_follow_karn),
        cmocka_unit_test(timestamp_samples_from_first_carrier),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
