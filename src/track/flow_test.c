/* flow_test.c - the conversation table: both directions share an entry,
 * tcpdump's endpoint order, and growth without moving entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "track/flow.h"

static struct addr v4(uint8_t last)
{
    struct addr a = {4, {10, 0, 0, last}};
    return a;
}

static void both_directions_share_entry(void **state)
{
    (void)state;
    struct flow_table *t = flow_table_new();
    struct addr a = v4(1), b = v4(2);
    struct flow_key k1, k2;
    bool rev1, rev2;
    flow_key_make(&k1, &a, 40000, &b, 80, &rev1);
    flow_key_make(&k2, &b, 80, &a, 40000, &rev2);
    assert_true(rev1);  /* higher port sends: it is endpoint 1 */
    assert_false(rev2);
    struct flow *f1 = flow_lookup(t, &k1, true);
    struct flow *f2 = flow_lookup(t, &k2, false);
    assert_ptr_equal(f1, f2);
    assert_int_equal(flow_table_count(t), 1);
    flow_table_free(t);
}

static void equal_ports_order_by_address(void **state)
{
    (void)state;
    struct addr a = v4(1), b = v4(2);
    struct flow_key k;
    bool rev;
    flow_key_make(&k, &b, 5000, &a, 5000, &rev);
    assert_true(rev); /* the larger address is endpoint 1 */
    assert_int_equal(k.addr[0].b[3], 1);
}

static void grows_and_keeps_pointers(void **state)
{
    (void)state;
    struct flow_table *t = flow_table_new();
    struct addr a = v4(1), b = v4(2);
    struct flow *first = NULL;
    for (uint32_t i = 0; i < 50000; i++) {
        struct flow_key k;
        bool rev;
        flow_key_make(&k, &a, (uint16_t)(i % 60000 + 1024), &b, (uint16_t)(80 + i / 60000), &rev);
        struct flow *f = flow_lookup(t, &k, true);
        assert_non_null(f);
        f->rel.base[0] = i;
        if (i == 0)
            first = f;
    }
    assert_int_equal(flow_table_count(t), 50000);
    struct flow_key k;
    bool rev;
    flow_key_make(&k, &a, 1024, &b, 80, &rev);
    assert_ptr_equal(flow_lookup(t, &k, false), first);
    assert_int_equal(first->rel.base[0], 0);
    flow_key_make(&k, &a, 1024 + 777, &b, 80, &rev);
    assert_int_equal(flow_lookup(t, &k, false)->rel.base[0], 777);
    flow_table_free(t);
}

/* Insert n flows on ports 1024.., one per second of capture time. */
static void fill(struct flow_table *t, uint32_t n)
{
    struct addr a = v4(1), b = v4(2);
    for (uint32_t i = 0; i < n; i++) {
        struct flow_key k;
        bool rev;
        flow_key_make(&k, &a, (uint16_t)(1024 + i), &b, 80, &rev);
        struct flow *f = flow_lookup(t, &k, true);
        f->rel.base[0] = i;
        flow_touch(t, f, i);
    }
}

static struct flow *find(struct flow_table *t, uint32_t i)
{
    struct addr a = v4(1), b = v4(2);
    struct flow_key k;
    bool rev;
    flow_key_make(&k, &a, (uint16_t)(1024 + i), &b, 80, &rev);
    return flow_lookup(t, &k, false);
}

static void closed_flows_expire_after_quiet_time(void **state)
{
    (void)state;
    struct flow_table *t = flow_table_new();
    fill(t, 3000);
    for (uint32_t i = 0; i < 3000; i += 2)
        flow_close(t, find(t, i)); /* every even one closed; last seen at second i */
    struct flow_expiry policy = {.idle_closed = 240, .max_closed = SIZE_MAX, .max_entries = 1000000};
    size_t dropped = flow_expire(t, 3000, &policy, NULL, NULL);
    /* closed flows last seen before second 3000 - 240 = 2760 are gone */
    assert_int_equal(dropped, 2760 / 2);
    assert_int_equal(flow_table_count(t), 3000 - 2760 / 2);
    for (uint32_t i = 0; i < 3000; i++) {
        struct flow *f = find(t, i);
        bool gone = i % 2 == 0 && i < 2760;
        if (gone) {
            assert_null(f);
        } else {
            assert_non_null(f); /* lookups still reach entries moved by deletions */
            assert_int_equal(f->rel.base[0], i);
        }
    }
    flow_table_free(t);
}

static void count_reasons(void *ctx, struct flow *f, enum flow_gone why)
{
    (void)f;
    ((size_t *)ctx)[why]++;
}

static void closed_flows_beyond_budget_go_early_oldest_first(void **state)
{
    (void)state;
    struct flow_table *t = flow_table_new();
    fill(t, 100); /* last seen at seconds 0..99 */
    for (uint32_t i = 0; i < 100; i += 2)
        flow_close(t, find(t, i)); /* 50 closed, in order of last use */
    struct flow_expiry policy = {.idle_closed = 240, .max_closed = 20, .max_entries = 1000};
    size_t why[3] = {0};
    /* none is quiet long enough, but 30 closed are too many: 0, 2, ... 58 go */
    assert_int_equal(flow_expire(t, 100, &policy, count_reasons, why), 30);
    assert_int_equal(why[FLOW_CLOSED_QUIET], 30);
    assert_null(find(t, 58));
    assert_non_null(find(t, 60));
    assert_non_null(find(t, 1)); /* open ones are not touched */
    assert_int_equal(flow_table_count(t), 70);
    flow_table_free(t);
}

static void open_flows_capped_least_recent_first(void **state)
{
    (void)state;
    struct flow_table *t = flow_table_new();
    fill(t, 2000);
    flow_touch(t, find(t, 0), 5000); /* the oldest becomes the newest */
    struct flow_expiry policy = {.idle_closed = 240, .max_closed = SIZE_MAX, .max_entries = 500};
    assert_int_equal(flow_expire(t, 5000, &policy, NULL, NULL), 1500);
    assert_non_null(find(t, 0));
    assert_null(find(t, 1));
    assert_null(find(t, 1500));
    assert_non_null(find(t, 1501));
    fill(t, 10); /* freed entries are reused */
    assert_non_null(find(t, 5));
    flow_table_free(t);
}

static void open_flows_expire_when_idle_if_asked(void **state)
{
    (void)state;
    struct flow_table *t = flow_table_new();
    fill(t, 100); /* last seen at seconds 0..99 */
    flow_close(t, find(t, 0));
    struct flow_expiry policy = {
        .idle_closed = 240, .max_closed = SIZE_MAX, .max_entries = 91, .idle_open = 0};
    size_t why[3] = {0};
    /* without an idle timeout only the cap applies: 100 entries, 9 too many;
     * the closed one goes first, then the 8 least recently used open ones */
    assert_int_equal(flow_expire(t, 100, &policy, count_reasons, why), 9);
    assert_int_equal(why[FLOW_OVER_CAP], 9);
    assert_null(find(t, 0));
    assert_null(find(t, 8));
    assert_non_null(find(t, 9));
    flow_close(t, find(t, 99));
    policy.idle_open = 50;
    why[FLOW_OVER_CAP] = 0;
    /* at second 120: open ones last seen before 70 go; the closed one stays */
    assert_int_equal(flow_expire(t, 120, &policy, count_reasons, why), 61);
    assert_int_equal(why[FLOW_OPEN_IDLE], 61);
    assert_int_equal(why[FLOW_CLOSED_QUIET], 0);
    assert_non_null(find(t, 99));
    assert_null(find(t, 69));
    assert_non_null(find(t, 70));
    flow_table_free(t);
}

static void reopened_flow_is_open_again(void **state)
{
    (void)state;
    struct flow_table *t = flow_table_new();
    fill(t, 1);
    struct flow *f = find(t, 0);
    flow_close(t, f);
    flow_reopen(t, f);
    struct flow_expiry policy = {.idle_closed = 0, .max_closed = SIZE_MAX, .max_entries = 10};
    assert_int_equal(flow_expire(t, 1000000, &policy, NULL, NULL), 0);
    assert_ptr_equal(find(t, 0), f);
    flow_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(both_directions_share_entry),
        cmocka_unit_test(equal_ports_order_by_address),
        cmocka_unit_test(grows_and_keeps_pointers),
        cmocka_unit_test(closed_flows_expire_after_quiet_time),
        cmocka_unit_test(closed_flows_beyond_budget_go_early_oldest_first),
        cmocka_unit_test(open_flows_capped_least_recent_first),
        cmocka_unit_test(open_flows_expire_when_idle_if_asked),
        cmocka_unit_test(reopened_flow_is_open_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
