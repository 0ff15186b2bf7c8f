/*
 * json_test.c - the JSON writer: separators at every level, RFC 8259
 * string escaping, integers and exact nanosecond times of either sign.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "report/json.h"

static char buf[512];
static struct sb out;
static struct json j;

static int setup(void **state)
{
    (void)state;
    sb_init(&out, buf, sizeof buf, NULL);
    json_init(&j, &out);
    return 0;
}

static void nesting_and_separators(void **state)
{
    (void)state;
    json_open(&j, '{');
    json_key(&j, "a");
    json_open(&j, '[');
    json_u64(&j, 1);
    json_null(&j);
    json_bool(&j, true);
    json_close(&j, ']');
    json_key(&j, "b");
    json_open(&j, '{');
    json_close(&j, '}');
    json_close(&j, '}');
    assert_string_equal(sb_str(&out), "{\"a\":[1,null,true],\"b\":{}}");
}

static void strings_are_escaped(void **state)
{
    (void)state;
    json_open(&j, '[');
    json_str(&j, "plain text");
    json_str(&j, "say \"hi\" \\ there");
    json_str(&j, "tab\there\x01");
    json_str(&j, "");
    json_close(&j, ']');
    assert_string_equal(sb_str(&out),
                        "[\"plain text\",\"say \\\"hi\\\" \\\\ there\",\"tab\\u0009here\\u0001\",\"\"]");
}

static void numbers(void **state)
{
    (void)state;
    json_open(&j, '[');
    json_i64(&j, -2);
    json_i64(&j, INT64_MIN);
    json_u64(&j, UINT64_MAX);
    json_nanos(&j, 1795253996945283000LL);
    json_nanos(&j, 50000);
    json_nanos(&j, -1500000000LL);
    json_nanos(&j, 0);
    json_close(&j, ']');
    assert_string_equal(sb_str(&out), "[-2,-9223372036854775808,18446744073709551615,"
                                      "1795253996.945283000,0.000050000,-1.500000000,0.000000000]");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(nesting_and_separators, setup),
        cmocka_unit_test_setup(strings_are_escaped, setup),
        cmocka_unit_test_setup(numbers, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
