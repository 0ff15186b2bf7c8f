/* cksum_test.c - the Internet checksum against RFC 1071's worked example
 * and a real IPv4 header. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/cksum.h"

static void rfc1071_example(void **state)
{
    (void)state;
    /* RFC 1071 section 3: these bytes sum (one's complement) to 0xddf2. */
    static const uint8_t data[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    struct bytes b = {data, sizeof data};
    assert_int_equal(cksum_finish(cksum_add(0, b)), (uint16_t)~0xddf2);
}

static void ipv4_header_verifies(void **state)
{
    (void)state;
    /* 127.0.0.1 -> 127.0.0.1 SYN header from tcpdump's print-flags.pcap,
     * checksum field 0x2152 included: a correct header sums to zero. */
    static const uint8_t ip[] = {
        0x45, 0x00, 0x00, 0x3c, 0x1b, 0x68, 0x40, 0x00, 0x40, 0x06,
        0x21, 0x52, /* checksum */
        0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00, 0x00, 0x01,
    };
    struct bytes b = {ip, sizeof ip};
    assert_int_equal(cksum_finish(cksum_add(0, b)), 0);
}

static void should_be_value(void **state)
{
    (void)state;
    /* Same header with a wrong checksum field (0x0000): the value that
     * should have been there is the original 0x2152. */
    static const uint8_t ip[] = {
        0x45, 0x00, 0x00, 0x3c, 0x1b, 0x68, 0x40, 0x00, 0x40, 0x06,
        0x00, 0x00, /* checksum zeroed */
        0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00, 0x00, 0x01,
    };
    struct bytes b = {ip, sizeof ip};
    uint16_t computed = cksum_finish(cksum_add(0, b));
    assert_int_not_equal(computed, 0);
    assert_int_equal(cksum_shouldbe(0x0000, computed), 0x2152);
}

static void odd_length_pads_with_zero(void **state)
{
    (void)state;
    static const uint8_t odd[] = {0x12, 0x34, 0x56};
    static const uint8_t even[] = {0x12, 0x34, 0x56, 0x00};
    struct bytes a = {odd, 3}, b = {even, 4};
    assert_int_equal(cksum_finish(cksum_add(0, a)), cksum_finish(cksum_add(0, b)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc1071_example),
        cmocka_unit_test(ipv4_header_verifies),
        cmocka_unit_test(should_be_value),
        cmocka_unit_test(odd_length_pads_with_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
