/* addr_test.c - address text against the C library's inet_ntop, which
 * follows the same rules as tcpdump's formatter. */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/addr.h"

static void check_v6(const char *text)
{
    struct addr a = {6, {0}};
    char mine[ADDR_STRLEN], libc[INET6_ADDRSTRLEN];
    assert_int_equal(inet_pton(AF_INET6, text, a.b), 1);
    inet_ntop(AF_INET6, a.b, libc, sizeof libc);
    assert_string_equal(addr_str(&a, mine), libc);
}

static void ipv6_forms(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "::",          "::1",          "fd00::1",      "fe80::1:2",       "2001:db8::",
        "1:0:2::3",    "1::2:0:0:3",   "1:0:0:2:0:0:0:3", "::ffff:10.1.2.3", "::10.1.2.3",
        "1:2:3:4:5:6:7:8", "2604:1380:4091:ce00::b", "0:1::",  "1:0:1:0:1:0:1:0",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_v6(cases[i]);
}

static void ipv4(void **state)
{
    (void)state;
    struct addr a = {4, {10, 0, 0, 255}};
    char buf[ADDR_STRLEN];
    assert_string_equal(addr_str(&a, buf), "10.0.0.255");
}

/* Wireshark's endpoint text (tshark's follow "Node" lines). */
static void with_port(void **state)
{
    (void)state;
    static const struct {
        struct addr a;
        uint16_t port;
        const char *want;
    } cases[] = {
        {{4, {10, 0, 0, 1}}, 8080, "10.0.0.1:8080"},
        {{6, {0xfd, 0, [15] = 2}}, 5001, "[fd00::2]:5001"},
        {{0, {0}}, 0, ":0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        struct sb b;
        sb_init(&b, buf, sizeof buf - 1, NULL);
        addr_port_format(&b, &cases[i].a, cases[i].port);
        buf[b.len] = '\0';
        assert_string_equal(buf, cases[i].want);
    }
}

static void compare(void **state)
{
    (void)state;
    struct addr a = {4, {10, 0, 0, 1}}, b = {4, {10, 0, 0, 2}}, c = {6, {0}};
    assert_true(addr_cmp(&a, &b) < 0);
    assert_true(addr_cmp(&b, &a) > 0);
    assert_int_equal(addr_cmp(&a, &a), 0);
    assert_true(addr_cmp(&a, &c) < 0); /* IPv4 sorts before IPv6 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ipv6_forms),
        cmocka_unit_test(ipv4),
        cmocka_unit_test(with_port),
        cmocka_unit_test(compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
