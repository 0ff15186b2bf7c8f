/* link_test.c - link layers: Ethernet with 802.1ad+802.1Q tags, Linux
 * cooked v2, BSD loopback in either byte order, and link header lengths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "decode/decode.h"
#include "decode/test_frames.h"

static struct pkt pkt;

/* Link header h (hlen bytes) in front of syn_frame, decoded as linktype. */
static void decode_with(int linktype, const uint8_t *h, uint32_t hlen)
{
    static uint8_t buf[256];
    memcpy(buf, h, hlen);
    memcpy(buf + hlen, syn_frame, sizeof syn_frame);
    uint32_t n = hlen + (uint32_t)sizeof syn_frame;
    struct frame f = {0, 0, n, n, linktype, 1, buf};
    decode_frame(&f, 0, &pkt);
}

static void ethernet_qinq(void **state)
{
    (void)state;
    static const uint8_t h[] = {
        0x02, 0, 0, 0, 0, 0x02,      /* dst 02:00:00:00:00:02 */
        0x02, 0, 0, 0, 0, 0x01,      /* src 02:00:00:00:00:01 */
        0x88, 0xa8, 0x00, 0xc8,      /* 802.1ad, VLAN 200 */
        0x81, 0x00, 0x20, 0x64,      /* 802.1Q, priority 1, VLAN 100 */
        0x08, 0x00,                  /* IPv4 */
    };
    decode_with(LINKTYPE_ETHERNET, h, sizeof h);
    const struct eth *e = &pkt.layers[0].u.eth;
    assert_int_equal(e->stop, ETH_DONE);
    assert_int_equal(e->ntags, 2);
    assert_int_equal(e->tags[0].tpid, 0x88a8);
    assert_int_equal(e->tags[0].tci & 0xfff, 200);
    assert_int_equal(e->tags[1].tci & 0xfff, 100);
    assert_int_equal(e->tags[1].tci >> 13, 1);
    assert_int_equal(e->type, 0x0800);
    assert_int_equal(pkt.link_hdr_len, 22);
    assert_non_null(pkt_tcp(&pkt));
}

static void ethernet_short(void **state)
{
    (void)state;
    static const uint8_t h[] = {0x02, 0, 0, 0, 0, 0x02, 0x02};
    struct frame f = {0, 0, sizeof h, 60, LINKTYPE_ETHERNET, 1, h};
    decode_frame(&f, 0, &pkt);
    assert_int_equal(pkt.layers[0].u.eth.stop, ETH_SHORT);
    assert_true(pkt_has_anom(&pkt, ANOM_TRUNCATED));
}

static void cooked_v2(void **state)
{
    (void)state;
    static const uint8_t h[] = {
        0x08, 0x00, 0x00, 0x00,      /* protocol IPv4, reserved */
        0x00, 0x00, 0x00, 0x01,      /* interface index 1 */
        0x03, 0x04,                  /* ARPHRD_LOOPBACK (772) */
        0x00, 0x06,                  /* packet type: to us; address length 6 */
        0, 0, 0, 0, 0, 0, 0, 0,      /* address */
    };
    decode_with(LINKTYPE_LINUX_SLL2, h, sizeof h);
    const struct sll *s = &pkt.layers[0].u.sll;
    assert_int_equal(pkt.layers[0].kind, LAYER_SLL2);
    assert_int_equal(s->ifindex, 1);
    assert_int_equal(s->hatype, 772);
    assert_int_equal(s->pkttype, 0);
    assert_int_equal(s->proto, 0x0800);
    assert_int_equal(pkt.link_hdr_len, 20);
    assert_non_null(pkt_tcp(&pkt));
}

static void loopback_either_byte_order(void **state)
{
    (void)state;
    static const uint8_t little[] = {0x02, 0x00, 0x00, 0x00}; /* AF_INET written by x86 */
    static const uint8_t big[] = {0x00, 0x00, 0x00, 0x02};    /* AF_INET written by SPARC */
    decode_with(LINKTYPE_NULL, little, 4);
    assert_int_equal(pkt.layers[0].u.null.family, 2);
    assert_non_null(pkt_tcp(&pkt));
    decode_with(LINKTYPE_NULL, big, 4);
    assert_int_equal(pkt.layers[0].u.null.family, 2);
    assert_non_null(pkt_tcp(&pkt));
}

static void unknown_ethertype_ends_decoding(void **state)
{
    (void)state;
    static const uint8_t h[] = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x88, 0xcc};
    decode_with(LINKTYPE_ETHERNET, h, sizeof h);
    assert_int_equal(pkt.nlayers, 1);
    assert_int_equal(pkt.end, END_ETHERTYPE);
    assert_int_equal(pkt.rest.len, sizeof syn_frame);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ethernet_qinq),
        cmocka_unit_test(ethernet_short),
        cmocka_unit_test(cooked_v2),
        cmocka_unit_test(loopback_either_byte_order),
        cmocka_unit_test(unknown_ethertype_ends_decoding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
