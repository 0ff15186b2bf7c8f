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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers),
        cmocka_unit_test(bounded_string_cuts),
        cmocka_unit_test(flushes_through_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
