/* timewait_test.c - remembered TIME_WAITs: found until they end, used up
 * once taken, never reported for another key, and under churn the entry
 * that ends first gives way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "track/timewait.h"

static struct flow_key key(uint16_t client_port)
{
    struct addr a = {.family = 4, .b = {10, 0, 0, 1}}, b = {.family = 4, .b = {10, 0, 0, 2}};
    struct flow_key k;
    bool rev;
    flow_key_make(&k, &a, client_port, &b, 80, &rev);
    return k;
}

static void found_until_it_ends_then_used_up(void **state)
{
    (void)state;
    struct timewait *tw = timewait_new(16);
    struct flow_key k = key(40000), other = key(40001);
    timewait_add(tw, &k, 7, 60);
    assert_false(timewait_take(tw, &other, 7, 10)); /* same hash, other key */
    assert_true(timewait_take(tw, &k, 7, 59));
    assert_false(timewait_take(tw, &k, 7, 59)); /* taken once */
    timewait_add(tw, &k, 7, 60);
    assert_false(timewait_take(tw, &k, 7, 60)); /* over at its end */
    timewait_free(tw);
}

static void sooner_end_gives_way(void **state)
{
    (void)state;
    struct timewait *tw = timewait_new(2); /* hash 1: the two places are slots 1 and 0 */
    struct flow_key a = key(1), b = key(2), c = key(3);
    timewait_add(tw, &a, 1, 100);
    timewait_add(tw, &b, 1, 50);
    timewait_add(tw, &c, 1, 80); /* replaces b, which ends first */
    assert_true(timewait_take(tw, &a, 1, 10));
    assert_false(timewait_take(tw, &b, 1, 10));
    assert_true(timewait_take(tw, &c, 1, 10));
    timewait_add(tw, &a, 1, 100);
    timewait_add(tw, &a, 1, 200); /* the same key again updates its entry */
    assert_true(timewait_take(tw, &a, 1, 150));
    timewait_free(tw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(found_until_it_ends_then_used_up),
        cmocka_unit_test(sooner_end_gives_way),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
