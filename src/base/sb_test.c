/* sb_test.c - the output buffer: numbers, bounded strings, flushing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/sb.h"

static void numbers(void **state)
{
    (void)state;
    char buf[64];
    struct sb b;
    sb_init(&b, buf, sizeof buf, NULL);
    sb_u32(&b, 0);
    sb_ch(&b, ' ');
    sb_u32(&b, 4294967295u);
    sb_ch(&b, ' ');
    sb_u32w(&b, 42, 6);
    sb_ch(&b, ' ');
    sb_hex(&b, 0xbeef, 0);
    sb_ch(&b, ' ');
    sb_hex(&b, 0x5, 4);
    sb_ch(&b, ' ');
    sb_u64(&b, 18446744073709551615ull);
    assert_string_equal(sb_str(&b), "0 4294967295 000042 beef 0005 18446744073709551615");
    assert_false(b.cut);
}

static void bounded_string_cuts(void **state)
{
    (void)state;
    char buf[8];
    struct sb b;
    sb_init(&b, buf, sizeof buf, NULL);
    sb_s(&b, "abcdefghij");
    assert_true(b.cut);
    assert_string_equal(sb_str(&b), "abcdefg"); /* room kept for the NUL */
}

static void flushes_through_small_buffer(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    char buf[4];
    struct sb b;
    sb_init(&b, buf, sizeof buf, f);
    sb_s(&b, "hello, ");
    sb_printf(&b, "%s %d", "world", 42);
    sb_flush(&b);
    rewind(f);
    char back[32] = "";
    assert_non_null(fgets(back, sizeof back, f));
    assert_string_equal(back, "hello, world 42");
    assert_false(b.failed);
    fclose(f);
}

/* sb_fixed writes what printf("%*.*f") writes: on durations and RTTs made
 * from nanosecond counts (the values tcplens formats), on exact ties where
 * printf rounds to even, and on values too large or negative for the fast
 * path. */
static void fixed_matches_printf(void **state)
{
    (void)state;
    static const double special[] = {0, 0.125, 0.375, 2.5, 0.0005, 1.0005, 0.0015, 999.9995,
                                     1e15, 123456789.123456789, -1.5, 1e300};
    char buf[64], want[64];
    struct sb b;
    uint64_t x = 88172645463325252u;
    for (unsigned i = 0; i < 400000; i++) {
        double v;
        if (i < sizeof special / sizeof special[0]) {
            v = special[i];
        } else {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
            uint64_t ns = x % (i % 3 ? 100000000000u : 10000000u);
            v = i % 2 ? (double)ns / 1e9 : (double)ns / 1e6;
        }
        unsigned decimals = i % 4 == 0 ? 6 : i % 4 == 1 ? 3 : i % 4 == 2 ? 0 : 2;
        unsigned width = i % 5 == 0 ? 8 : 0;
        sb_init(&b, buf, sizeof buf, NULL);
        sb_fixed(&b, v, decimals, width);
        snprintf(want, sizeof want, "%*.*f", (int)width, (int)decimals, v);
        assert_string_equal(sb_str(&b), want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers),
        cmocka_unit_test(fixed_matches_printf),
        cmocka_unit_test(bounded_string_cuts),
        cmocka_unit_test(flushes_through_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
