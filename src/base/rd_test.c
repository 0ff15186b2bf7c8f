/* rd_test.c - the bounds-checked reader: overruns, empty windows,
 * child windows, positions, and the sticky short-read flag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/rd.h"

static const uint8_t six[] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc};

static void reads_in_order(void **state)
{
    (void)state;
    struct rd r = rd_make(six, sizeof six);
    assert_int_equal(rd_be16(&r), 0x1234);
    assert_int_equal(rd_u8(&r), 0x56);
    assert_int_equal(rd_be24(&r), 0x789abc);
    assert_false(r.short_read);
    assert_int_equal(rd_left(&r), 0);
}

static void overrun_gives_zero_and_sticks(void **state)
{
    (void)state;
    struct rd r = rd_make(six, sizeof six);
    rd_skip(&r, 4);
    assert_int_equal(rd_be32(&r), 0); /* only 2 bytes left */
    assert_true(r.short_read);
    assert_int_equal(rd_left(&r), 0);  /* cursor clamped at the end */
    assert_int_equal(rd_u8(&r), 0);
    assert_true(r.short_read);         /* still set: checked once per header */
}

static void empty_window(void **state)
{
    (void)state;
    struct rd r = rd_make(six, 0);
    assert_false(rd_has(&r, 1));
    assert_true(rd_has(&r, 0));
    assert_int_equal(rd_peek(&r, 0), 0);
    assert_true(r.short_read);
    struct bytes b = rd_bytes(&r, 3);
    assert_int_equal(b.len, 0);
}

static void sub_window_is_clamped(void **state)
{
    (void)state;
    struct rd r = rd_make(six, sizeof six);
    rd_skip(&r, 2);
    struct rd c = rd_sub(&r, 10); /* claims 10, only 4 are there */
    assert_int_equal(rd_left(&c), 4);
    assert_int_equal(rd_pos(&c), 2); /* positions stay relative to the frame */
    assert_int_equal(rd_left(&r), 0);
    assert_false(c.short_read);
    struct rd d = rd_sub(&c, 2);
    rd_skip(&d, 1);
    assert_int_equal(rd_pos(&d), 3);
    assert_int_equal(rd_be16(&d), 0); /* a child cannot read its parent's bytes */
    assert_true(d.short_read);
    assert_int_equal(rd_u8(&c), 0x9a); /* the parent moved past the child */
}

static void clamp_keeps_cursor(void **state)
{
    (void)state;
    struct rd r = rd_make(six, sizeof six);
    struct rd c = rd_clamp(&r, 3);
    assert_int_equal(rd_left(&c), 3);
    assert_int_equal(rd_left(&r), 6);
    struct bytes rest = rd_rest(&c);
    assert_int_equal(rest.len, 3);
    assert_int_equal(bytes_at(rest, 2), 0x56);
    assert_int_equal(bytes_at(rest, 3), 0); /* outside the view */
}

static void partial_bytes_view(void **state)
{
    (void)state;
    struct rd r = rd_make(six, sizeof six);
    rd_skip(&r, 5);
    struct bytes b = rd_bytes(&r, 4);
    assert_int_equal(b.len, 1);
    assert_int_equal(b.p[0], 0xbc);
    assert_true(r.short_read);
}

static void little_endian(void **state)
{
    (void)state;
    static const uint8_t af_inet_le[] = {0x02, 0x00, 0x00, 0x00}; /* BSD AF_INET, little-endian */
    struct rd r = rd_make(af_inet_le, 4);
    assert_int_equal(rd_le32(&r), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_in_order),      cmocka_unit_test(overrun_gives_zero_and_sticks),
        cmocka_unit_test(empty_window),        cmocka_unit_test(sub_window_is_clamped),
        cmocka_unit_test(clamp_keeps_cursor),  cmocka_unit_test(partial_bytes_view),
        cmocka_unit_test(little_endian),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
