/* tcp_test.c - the TCP decoder: header fields, options, checksum, and how
 * the option walk ends on truncated and malformed headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "decode/decode.h"
#include "decode/test_frames.h"

static struct pkt pkt;

static const struct tcp *decode_raw(const uint8_t *data, uint32_t caplen, uint32_t wirelen,
                                    unsigned flags)
{
    struct frame f = test_frame(data, caplen, wirelen);
    decode_frame(&f, flags, &pkt);
    return pkt_tcp(&pkt);
}

static void syn_fields(void **state)
{
    (void)state;
    const struct tcp *t = decode_raw(syn_frame, sizeof syn_frame, sizeof syn_frame, DECODE_CKSUM);
    assert_non_null(t);
    assert_int_equal(t->stop, TCP_DONE);
    assert_int_equal(t->sport, 55920);
    assert_int_equal(t->dport, 80);
    assert_int_equal(t->seq, 928549246u);
    assert_int_equal(t->flags, TH_SYN);
    assert_int_equal(t->win, 32767);
    assert_int_equal(t->doff, 10);
    assert_int_equal(t->payload_len, 0);
    assert_int_equal(t->cksum, CKSUM_OK); /* tcpdump -v: cksum 0x1421 (correct) */
    assert_int_equal(pkt.anomalies, 0);
}

static void syn_options(void **state)
{
    (void)state;
    const struct tcp *t = decode_raw(syn_frame, sizeof syn_frame, sizeof syn_frame, 0);
    assert_int_equal(t->nopts, 5);
    assert_int_equal(t->opts[0].kind, 2);
    assert_int_equal(t->opts[0].v.mss, 16396);
    assert_int_equal(t->opts[1].kind, 4);
    assert_int_equal(t->opts[2].kind, 8);
    assert_int_equal(t->opts[2].v.ts.val, 1306300950u);
    assert_int_equal(t->opts[2].v.ts.ecr, 0);
    assert_int_equal(t->opts[3].kind, 1);
    assert_int_equal(t->opts[4].kind, 3);
    assert_int_equal(t->opts[4].v.wscale, 2);
    for (int i = 0; i < 5; i++)
        assert_int_equal(t->opts[i].status, OPT_OK);
    assert_int_equal(t->cksum, CKSUM_UNCHECKED); /* not asked for */
}

static void bad_checksum_detected(void **state)
{
    (void)state;
    uint8_t f[sizeof syn_frame];
    memcpy(f, syn_frame, sizeof f);
    f[36] = 0x00; /* TCP checksum 0x0021 instead of 0x1421 */
    const struct tcp *t = decode_raw(f, sizeof f, sizeof f, DECODE_CKSUM);
    assert_int_equal(t->cksum, CKSUM_BAD);
    assert_int_equal(t->sum_should, 0x1421);
    assert_true(pkt_has_anom(&pkt, ANOM_TCP_BAD_CKSUM));
}

static void option_data_not_captured(void **state)
{
    (void)state;
    /* 20 IP + 20 TCP + mss(4) + sackOK(2) + TS kind and length (2): the
     * TS values are missing, as with a 48-byte snapshot. */
    const struct tcp *t = decode_raw(syn_frame, 48, sizeof syn_frame, 0);
    assert_int_equal(t->stop, TCP_DONE);
    assert_int_equal(t->nopts, 3);
    assert_int_equal(t->opts[2].kind, 8);
    assert_int_equal(t->opts[2].status, OPT_TRUNC);
    assert_int_equal(t->opts[2].avail, 0);
    assert_true(pkt_has_anom(&pkt, ANOM_TRUNCATED));
    assert_int_equal(t->cksum, CKSUM_UNCHECKED); /* segment not all there */
}

static void option_kind_not_captured(void **state)
{
    (void)state;
    const struct tcp *t = decode_raw(syn_frame, 46, sizeof syn_frame, 0);
    assert_int_equal(t->nopts, 3);
    assert_int_equal(t->opts[2].status, OPT_CUT_KIND);
}

static void header_not_captured(void **state)
{
    (void)state;
    const struct tcp *t = decode_raw(syn_frame, 30, sizeof syn_frame, 0);
    assert_int_equal(t->stop, TCP_HDR_SHORT);
    assert_int_equal(t->sport, 55920); /* ports were there */
    t = decode_raw(syn_frame, 22, sizeof syn_frame, 0);
    assert_int_equal(t->stop, TCP_PORTS_SHORT);
}

static void data_offset_too_small(void **state)
{
    (void)state;
    uint8_t f[sizeof syn_frame];
    memcpy(f, syn_frame, sizeof f);
    f[32] = 0x40; /* doff 4: 16 bytes, less than the fixed header */
    const struct tcp *t = decode_raw(f, sizeof f, sizeof f, 0);
    assert_int_equal(t->stop, TCP_BAD_HLEN);
    assert_true(pkt_has_anom(&pkt, ANOM_TCP_BAD_HLEN));
}

static void mss_with_long_length_consumes_two(void **state)
{
    (void)state;
    uint8_t f[sizeof syn_frame];
    memcpy(f, syn_frame, sizeof f);
    f[41] = 0x06; /* mss claims 6 bytes; tcpdump reads 2 and walks on from there */
    const struct tcp *t = decode_raw(f, sizeof f, sizeof f, 0);
    assert_int_equal(t->opts[0].kind, 2);
    assert_int_equal(t->opts[0].len, 6);
    assert_int_equal(t->opts[0].status, OPT_OK);
    assert_int_equal(t->opts[1].kind, 4); /* the sackOK right after the 2 bytes */
}

static void option_length_past_header(void **state)
{
    (void)state;
    uint8_t f[sizeof syn_frame];
    memcpy(f, syn_frame, sizeof f);
    f[47] = 0x40; /* TS claims 64 bytes; 14 are left in the header */
    const struct tcp *t = decode_raw(f, sizeof f, sizeof f, 0);
    assert_int_equal(t->nopts, 3);
    assert_int_equal(t->opts[2].status, OPT_BAD_LEN);
    assert_true(pkt_has_anom(&pkt, ANOM_TCP_BAD_OPT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(syn_fields),
        cmocka_unit_test(syn_options),
        cmocka_unit_test(bad_checksum_detected),
        cmocka_unit_test(option_data_not_captured),
        cmocka_unit_test(option_kind_not_captured),
        cmocka_unit_test(header_not_captured),
        cmocka_unit_test(data_offset_too_small),
        cmocka_unit_test(mss_with_long_length_consumes_two),
        cmocka_unit_test(option_length_past_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
