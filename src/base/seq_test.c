/* seq_test.c - sequence comparison modulo 2^32 and 64-bit unwrapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/seq.h"

static void ordinary_order(void **state)
{
    (void)state;
    assert_true(seq_lt(1, 2));
    assert_true(seq_le(2, 2));
    assert_false(seq_lt(2, 2));
    assert_true(seq_gt(3, 2));
    assert_int_equal(seq_diff(10, 3), 7);
}

static void wraps_at_2_32(void **state)
{
    (void)state;
    assert_true(seq_lt(0xfffffff0u, 0x10u)); /* 0x10 is 32 bytes later */
    assert_true(seq_gt(0x10u, 0xfffffff0u));
    assert_int_equal(seq_diff(0x10u, 0xfffffff0u), 32);
    assert_int_equal(seq_diff(0xfffffff0u, 0x10u), -32);
}

static void half_space_edge(void **state)
{
    (void)state;
    /* 2^31 apart is "before" by the signed difference; one less is "after". */
    assert_true(seq_lt(0x80000000u, 0));
    assert_true(seq_gt(0x7fffffffu, 0));
}

static void unwrap_near_reference(void **state)
{
    (void)state;
    uint64_t ref = 0x1fffffff0ull; /* just before the second wrap */
    assert_int_equal(seq_unwrap(0x10u, ref), 0x200000010ull);
    assert_int_equal(seq_unwrap(0xffffffe0u, ref), 0x1ffffffe0ull);
    assert_int_equal(seq_unwrap(5u, 0), 5u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ordinary_order),
        cmocka_unit_test(wraps_at_2_32),
        cmocka_unit_test(half_space_edge),
        cmocka_unit_test(unwrap_near_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
