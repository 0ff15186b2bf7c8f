/* cli_test.c - tcpdump's command line: counted letters, long options, the
 * trailing filter, and the errors that stop a run before it starts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"

static enum cli_result parse(struct config *cfg, char err[DIAG_ERRLEN], int argc, char **argv)
{
    return cli_parse(argc, argv, cfg, err);
}

static void counted_letters(void **state)
{
    (void)state;
    char err[DIAG_ERRLEN];
    struct config cfg;
    char *argv[] = {"tcplens", "-vv", "-tttt", "-XX", "-#", "-e", "-r", "f.pcap", NULL};
    assert_int_equal(parse(&cfg, err, 8, argv), CLI_RUN);
    assert_int_equal(cfg.line.verbose, 2);
    assert_int_equal(cfg.line.time, TIME_DATE);
    assert_int_equal(cfg.line.hex_ascii, 2);
    assert_true(cfg.line.number);
    assert_true(cfg.line.link);
    assert_string_equal(cfg.read_file, "f.pcap");
    assert_null(cfg.filter);
    cli_free(&cfg);
}

static void time_formats(void **state)
{
    (void)state;
    static const struct { const char *opt; enum time_format want; } cases[] = {
        {"-t", TIME_NONE}, {"-tt", TIME_EPOCH}, {"-ttt", TIME_DELTA},
        {"-tttt", TIME_DATE}, {"-ttttt", TIME_SINCE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[DIAG_ERRLEN];
        struct config cfg;
        char *argv[] = {"tcplens", (char *)cases[i].opt, NULL};
        assert_int_equal(parse(&cfg, err, 2, argv), CLI_RUN);
        assert_int_equal(cfg.line.time, cases[i].want);
        cli_free(&cfg);
    }
}

static void trailing_filter_joined(void **state)
{
    (void)state;
    char err[DIAG_ERRLEN];
    struct config cfg;
    char *argv[] = {"tcplens", "-n", "-i", "any", "host", "10.0.0.2", "and", "port", "8080", NULL};
    assert_int_equal(parse(&cfg, err, 9, argv), CLI_RUN);
    assert_string_equal(cfg.iface, "any");
    assert_string_equal(cfg.filter, "host 10.0.0.2 and port 8080");
    cli_free(&cfg);
}

static void long_options(void **state)
{
    (void)state;
    char err[DIAG_ERRLEN];
    struct config cfg;
    char *argv[] = {"tcplens", "--nano", "--immediate", "-S", "-w", "o.pcap", "--print", NULL};
    assert_int_equal(parse(&cfg, err, 7, argv), CLI_RUN);
    assert_true(cfg.line.nano);
    assert_true(cfg.immediate);
    assert_true(cfg.absolute_seq);
    assert_true(cfg.print);
    assert_string_equal(cfg.write_file, "o.pcap");
    cli_free(&cfg);
}

static void conns_mode(void **state)
{
    (void)state;
    char err[DIAG_ERRLEN];
    struct config cfg;
    char *argv[] = {"tcplens", "conns",  "--json", "--max-conns", "5", "--idle-timeout",
                    "300",     "-r",     "f.pcap", "port",        "80", NULL};
    assert_int_equal(parse(&cfg, err, 11, argv), CLI_RUN);
    assert_int_equal(cfg.mode, MODE_CONNS);
    assert_int_equal(cfg.conns_out, OUT_JSON);
    assert_int_equal(cfg.max_conns, 5);
    assert_int_equal(cfg.idle_timeout, 300);
    assert_string_equal(cfg.filter, "port 80");
    cli_free(&cfg);
    char *states[] = {"tcplens", "--states", "-r", "f.pcap", NULL};
    assert_int_equal(parse(&cfg, err, 4, states), CLI_RUN);
    assert_true(cfg.states);
    assert_int_equal(cfg.mode, MODE_LINES);
    assert_int_equal(cfg.idle_timeout, 0); /* never, unless asked */
    cli_free(&cfg);
    char *zero[] = {"tcplens", "conns", "--max-conns", "0", NULL};
    assert_int_equal(parse(&cfg, err, 4, zero), CLI_ERROR);
    assert_non_null(strstr(err, "invalid --max-conns '0'"));
    cli_free(&cfg);
    char *word[] = {"tcplens", "conns", "--idle-timeout", "long", NULL};
    assert_int_equal(parse(&cfg, err, 4, word), CLI_ERROR);
    assert_non_null(strstr(err, "invalid --idle-timeout 'long'"));
    cli_free(&cfg);
}

static void errors(void **state)
{
    (void)state;
    char err[DIAG_ERRLEN];
    struct config cfg;
    char *bad_count[] = {"tcplens", "-c", "many", NULL};
    assert_int_equal(parse(&cfg, err, 3, bad_count), CLI_ERROR);
    assert_non_null(strstr(err, "invalid packet count"));
    cli_free(&cfg);
    char *no_arg[] = {"tcplens", "-r", NULL};
    assert_int_equal(parse(&cfg, err, 2, no_arg), CLI_ERROR);
    assert_non_null(strstr(err, "-r needs an argument"));
    cli_free(&cfg);
    char *both[] = {"tcplens", "-r", "f", "-i", "lo", NULL};
    assert_int_equal(parse(&cfg, err, 5, both), CLI_ERROR);
    cli_free(&cfg);
    char *unknown[] = {"tcplens", "-Z", NULL};
    assert_int_equal(parse(&cfg, err, 2, unknown), CLI_ERROR);
    assert_non_null(strstr(err, "unknown option -Z"));
    cli_free(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counted_letters),        cmocka_unit_test(time_formats),
        cmocka_unit_test(trailing_filter_joined), cmocka_unit_test(long_options),
        cmocka_unit_test(conns_mode),             cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
