/*
 * unacked_test.c - the pool of unacknowledged segments: lists newest
 * first, removal from any place, freed entries reused, the size limit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "track/unacked.h"

/* The frames of l, newest first, as digits ("321"). */
static const char *frames(struct unacked_pool *p, const struct unacked_list *l)
{
    static char buf[64];
    size_t k = 0;
    for (uint32_t n = l->head; n && k + 1 < sizeof buf; n = unacked_at(p, n)->next)
        buf[k++] = (char)('0' + unacked_at(p, n)->frame);
    buf[k] = 0;
    return buf;
}

static void newest_first_and_removal(void **state)
{
    (void)state;
    struct unacked_pool *p = unacked_pool_new(0);
    struct unacked_list l = {0};
    for (uint32_t f = 1; f <= 4; f++)
        assert_true(unacked_push(p, &l, f * 100, f * 100 + 100, f, f));
    assert_string_equal(frames(p, &l), "4321");
    assert_int_equal(l.count, 4);
    uint32_t second = unacked_at(p, l.head)->next; /* frame 3 */
    uint32_t after = unacked_remove(p, &l, l.head, second);
    assert_int_equal(unacked_at(p, after)->frame, 2);
    assert_string_equal(frames(p, &l), "421");
    unacked_remove(p, &l, 0, l.head);
    assert_string_equal(frames(p, &l), "21");
    assert_int_equal(l.count, 2);
    assert_int_equal(unacked_in_use(p), 2);
    unacked_pool_free(p);
}

static void freed_entries_are_reused_across_lists(void **state)
{
    (void)state;
    struct unacked_pool *p = unacked_pool_new(0);
    struct unacked_list a = {0}, b = {0};
    for (uint32_t i = 0; i < 10000; i++)
        assert_true(unacked_push(p, &a, i, i + 1, 1, 0));
    uint32_t highest = 0;
    for (uint32_t n = a.head; n; n = unacked_at(p, n)->next)
        highest = n > highest ? n : highest;
    unacked_clear(p, &a);
    assert_int_equal(a.head, 0);
    assert_int_equal(a.count, 0);
    assert_int_equal(unacked_in_use(p), 0);
    for (uint32_t i = 0; i < 10000; i++)
        assert_true(unacked_push(p, &b, i, i + 1, 2, 0));
    for (uint32_t n = b.head; n; n = unacked_at(p, n)->next)
        assert_true(n <= highest); /* no entry beyond those freed */
    unacked_clear(p, &b);
    unacked_pool_free(p);
}

static void limit_refuses_and_recovers(void **state)
{
    (void)state;
    struct unacked_pool *p = unacked_pool_new(3);
    struct unacked_list l = {0};
    for (uint32_t f = 1; f <= 3; f++)
        assert_true(unacked_push(p, &l, f, f + 1, f, 0));
    assert_false(unacked_push(p, &l, 4, 5, 4, 0));
    assert_string_equal(frames(p, &l), "321");
    unacked_remove(p, &l, 0, l.head);
    assert_true(unacked_push(p, &l, 5, 6, 5, 0));
    assert_string_equal(frames(p, &l), "521");
    unacked_clear(p, &l);
    unacked_pool_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(newest_first_and_removal),
        cmocka_unit_test(freed_entries_are_reused_across_lists),
        cmocka_unit_test(limit_refuses_and_recovers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
