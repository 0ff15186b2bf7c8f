/* ip_test.c - IPv4 and IPv6 decoding: lengths, fragments, source routes,
 * and the IPv6 extension-header walk including jumbo payloads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "decode/decode.h"
#include "decode/ipv6.h"
#include "decode/test_frames.h"

static struct pkt pkt;

static void decode_raw(const uint8_t *data, uint32_t caplen, uint32_t wirelen)
{
    struct frame f = test_frame(data, caplen, wirelen);
    decode_frame(&f, DECODE_CKSUM, &pkt);
}

static const struct ipv4 *ip4(void) { return &pkt.layers[1].u.ip4; }
static const struct ipv6 *ip6(void) { return &pkt.layers[1].u.ip6; }

static void ipv4_fields(void **state)
{
    (void)state;
    decode_raw(syn_frame, sizeof syn_frame, sizeof syn_frame);
    assert_int_equal(pkt.layers[0].kind, LAYER_RAW);
    assert_int_equal(pkt.layers[1].kind, LAYER_IPV4);
    assert_int_equal(ip4()->stop, IP_DONE);
    assert_int_equal(ip4()->ttl, 64);
    assert_int_equal(ip4()->id, 7016);
    assert_int_equal(ip4()->total_len, 60);
    assert_true(ip4()->sum_ok);
    assert_int_equal(pkt.tcp_index, 2);
    assert_int_equal(pkt.ip_index, 1);
}

static void ipv4_later_fragment_has_no_tcp(void **state)
{
    (void)state;
    uint8_t f[sizeof syn_frame];
    memcpy(f, syn_frame, sizeof f);
    f[6] = 0x00, f[7] = 0x10; /* offset 16 (128 bytes), checksum now wrong */
    decode_raw(f, sizeof f, sizeof f);
    assert_int_equal(ip4()->stop, IP_FRAGMENT);
    assert_int_equal(pkt.tcp_index, -1);
    assert_false(ip4()->sum_ok);
}

static void ipv4_first_fragment_skips_checksum(void **state)
{
    (void)state;
    uint8_t f[sizeof syn_frame];
    memcpy(f, syn_frame, sizeof f);
    f[6] = 0x20; /* MF, offset 0 */
    decode_raw(f, sizeof f, sizeof f);
    const struct tcp *t = pkt_tcp(&pkt);
    assert_non_null(t);
    assert_true(t->fragmented);
    assert_int_equal(t->cksum, CKSUM_UNCHECKED);
}

static void ipv4_bad_lengths(void **state)
{
    (void)state;
    uint8_t f[sizeof syn_frame];
    memcpy(f, syn_frame, sizeof f);
    f[0] = 0x44; /* IHL 4 */
    decode_raw(f, sizeof f, sizeof f);
    assert_int_equal(ip4()->stop, IP_BAD_HLEN);
    memcpy(f, syn_frame, sizeof f);
    f[2] = 0, f[3] = 0; /* total length 0 (TSO): tcpdump prints "bad-len 0" ... */
    decode_raw(f, sizeof f, sizeof f);
    assert_int_equal(ip4()->stop, IP_BAD_LEN);
    assert_false(pkt_tcp_printed(&pkt));
    assert_non_null(pkt_tcp(&pkt)); /* ... but the segment is there for the tracker */
    assert_int_equal(pkt_tcp(&pkt)->length, sizeof syn_frame - 20);
    f[2] = 0, f[3] = 10; /* total length 10: shorter than the header, nothing decoded */
    decode_raw(f, sizeof f, sizeof f);
    assert_int_equal(pkt.tcp_index, -1);
}

static void ipv4_loose_source_route_final_destination(void **state)
{
    (void)state;
    static const uint8_t f[] = {
        0x47, 0x00, 0x00, 0x30, /* IHL 7 (28 bytes), total 48 */
        0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x00, 0x00, /* checksum not filled */
        0x0a, 0x00, 0x00, 0x01, /* src 10.0.0.1 */
        0x0a, 0x00, 0x00, 0x02, /* dst 10.0.0.2 (next hop) */
        0x83, 0x07, 0x04,       /* LSRR, length 7, pointer 4 */
        0x0a, 0x00, 0x00, 0x09, /* route: 10.0.0.9, the final destination */
        0x01,                   /* nop: pads to 4 bytes */
        0x00, 0x50, 0x00, 0x51, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0x10, 0x00, 0, 0, 0, 0,
    };
    decode_raw(f, sizeof f, sizeof f);
    assert_int_equal(ip4()->opt_len, 8);
    assert_int_equal(ip4()->final_dst.b[3], 9);
    assert_int_equal(ip4()->dst.b[3], 2);
}

/* IPv6, hop-by-hop header with a jumbo option, then a TCP header. */
static const uint8_t jumbo_frame[] = {
    0x60, 0x00, 0x00, 0x00,       /* version 6 */
    0x00, 0x00, 0x00, 0x40,       /* payload length 0, next HBH, hlim 64 */
    0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, /* fd00::1 */
    0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, /* fd00::2 */
    0x06, 0x00,                   /* HBH: next TCP, 8 bytes */
    0xc2, 0x04, 0x00, 0x01, 0x11, 0x70, /* jumbo payload length 70000 */
    0x9c, 0x40, 0x13, 0x89,       /* TCP 40000 > 5001 */
    0, 0, 0, 1, 0, 0, 0, 0,       /* seq 1, ack 0 */
    0x50, 0x18, 0x10, 0x00,       /* doff 5, PSH|ACK, win 4096 */
    0, 0, 0, 0,                   /* checksum, urgent */
};

static void ipv6_jumbo_payload(void **state)
{
    (void)state;
    decode_raw(jumbo_frame, sizeof jumbo_frame, 70040);
    assert_int_equal(ip6()->stop, IP_DONE);
    assert_int_equal(ip6()->nexts, 1);
    assert_int_equal(ip6()->exts[0].kind, EXT_HBH);
    struct ip6_opt_iter it = ip6_opt_iter_make(&ip6()->exts[0], ip6()->payload_len);
    struct ip6_opt op;
    assert_true(ip6_opt_next(&it, &op));
    assert_int_equal(op.type, 0xc2);
    assert_int_equal(op.jumbo, JUMBO_VALID);
    assert_false(ip6_opt_next(&it, &op)); /* the only option */
    assert_int_equal(ip6()->jumbo_len, 70000);
    const struct tcp *t = pkt_tcp(&pkt);
    assert_non_null(t);
    assert_int_equal(t->length, 70000 - 8);   /* jumbo length minus the HBH header */
    assert_int_equal(t->payload_len, 70000 - 8 - 20);
    assert_int_equal(t->payload.len, 0);      /* none of it captured */
}

static void ipv6_zero_length_without_jumbo(void **state)
{
    (void)state;
    uint8_t f[sizeof jumbo_frame];
    memcpy(f, jumbo_frame, sizeof f);
    f[42] = 0x01; /* the jumbo option becomes a PadN */
    decode_raw(f, sizeof f, sizeof f);
    assert_true(ip6()->no_jumbo);
    assert_int_equal(pkt.tcp_index, -1);
}

static void ipv6_fragments(void **state)
{
    (void)state;
    uint8_t f[sizeof jumbo_frame];
    memcpy(f, jumbo_frame, sizeof f);
    f[4] = 0x00, f[5] = 28, f[6] = 44; /* payload 28, next: fragment header */
    /* fragment header: next TCP, offset 0 with M set, ident 0x11700000 */
    const uint8_t frag[8] = {0x06, 0x00, 0x00, 0x01, 0x11, 0x70, 0x00, 0x00};
    memcpy(f + 40, frag, 8);
    decode_raw(f, sizeof f, sizeof f);
    assert_int_equal(ip6()->exts[0].kind, EXT_FRAGMENT);
    assert_true(ip6()->fragmented);
    assert_non_null(pkt_tcp(&pkt));
    f[42] = 0x01, f[43] = 0x01; /* offset 32: a later fragment */
    decode_raw(f, sizeof f, sizeof f);
    assert_int_equal(ip6()->ext_stop, EXT6_FRAG_LATER);
    assert_int_equal(pkt.tcp_index, -1);
}

static void ipv6_header_not_captured(void **state)
{
    (void)state;
    decode_raw(jumbo_frame, 39, sizeof jumbo_frame);
    assert_int_equal(ip6()->stop, IP_SHORT);
    assert_true(pkt_has_anom(&pkt, ANOM_TRUNCATED));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ipv4_fields),
        cmocka_unit_test(ipv4_later_fragment_has_no_tcp),
        cmocka_unit_test(ipv4_first_fragment_skips_checksum),
        cmocka_unit_test(ipv4_bad_lengths),
        cmocka_unit_test(ipv4_loose_source_route_final_destination),
        cmocka_unit_test(ipv6_jumbo_payload),
        cmocka_unit_test(ipv6_zero_length_without_jumbo),
        cmocka_unit_test(ipv6_fragments),
        cmocka_unit_test(ipv6_header_not_captured),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
