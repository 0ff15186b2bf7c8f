/* line_test.c - the line printer on one SYN, whole and cut short, with the
 * options that change its shape.  Every expected line below is what
 * tcpdump 4.99.3 printed for the same bytes (as a raw-IP pcap, with -n -t). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "decode/decode.h"
#include "decode/test_frames.h"
#include "report/line.h"
#include "track/track.h"

static char out[4096];

/* Print syn_frame cut to caplen with cfg; returns the text. */
static const char *print(struct line_config cfg, uint32_t caplen)
{
    static struct pkt pkt;
    struct sb sb;
    sb_init(&sb, out, sizeof out, NULL);
    cfg.time = TIME_NONE;
    struct frame f = test_frame(syn_frame, caplen, sizeof syn_frame);
    struct track_config tc = {.quiet = cfg.quiet};
    struct tracker *tr = track_new(&tc, NULL, NULL);
    struct line_printer *lp = line_new(&cfg, &sb);
    struct seg_view v;
    decode_frame(&f, cfg.verbose ? DECODE_CKSUM : 0, &pkt);
    track_packet(tr, &pkt, &v);
    line_frame(lp, &f, &pkt, &v);
    line_free(lp);
    track_free(tr);
    return sb_str(&sb);
}

#define SYN_TEXT "IP 127.0.0.1.55920 > 127.0.0.1.80: Flags [S], "
#define SYN_OPTS "options [mss 16396,sackOK,TS val 1306300950 ecr 0,nop,wscale 2], length 0\n"

static void default_line(void **state)
{
    (void)state;
    struct line_config cfg = {0};
    assert_string_equal(print(cfg, sizeof syn_frame),
                        SYN_TEXT "seq 928549246, win 32767, " SYN_OPTS);
}

static void verbose_line(void **state)
{
    (void)state;
    struct line_config cfg = {.verbose = 1};
    assert_string_equal(print(cfg, sizeof syn_frame),
                        "IP (tos 0x0, ttl 64, id 7016, offset 0, flags [DF], proto TCP (6), "
                        "length 60)\n    127.0.0.1.55920 > 127.0.0.1.80: Flags [S], cksum 0x1421 "
                        "(correct), seq 928549246, win 32767, " SYN_OPTS);
}

static void quiet_line(void **state)
{
    (void)state;
    struct line_config cfg = {.quiet = true};
    assert_string_equal(print(cfg, sizeof syn_frame),
                        "IP 127.0.0.1.55920 > 127.0.0.1.80: tcp 0\n");
}

static void hex_dump(void **state)
{
    (void)state;
    struct line_config cfg = {.hex = 1};
    assert_string_equal(print(cfg, sizeof syn_frame),
                        SYN_TEXT "seq 928549246, win 32767, " SYN_OPTS
                        "\t0x0000:  4500 003c 1b68 4000 4006 2152 7f00 0001\n"
                        "\t0x0010:  7f00 0001 da70 0050 3758 897e 0000 0000\n"
                        "\t0x0020:  a002 7fff 1421 0000 0204 400c 0402 080a\n"
                        "\t0x0030:  4ddc 9216 0000 0000 0103 0302\n");
}

static void truncated_inside_an_option(void **state)
{
    (void)state;
    struct line_config cfg = {0};
    /* The TS option's kind and length are there, its values are not. */
    assert_string_equal(print(cfg, 48), SYN_TEXT "seq 928549246, win 32767, "
                                        "options [mss 16396,sackOK,TS [|tcp]>\n");
}

static void truncated_before_an_option(void **state)
{
    (void)state;
    struct line_config cfg = {0};
    assert_string_equal(print(cfg, 46), SYN_TEXT "seq 928549246, win 32767, "
                                        "options [mss 16396,sackOK, [|tcp]\n");
}

static void truncated_fixed_header(void **state)
{
    (void)state;
    struct line_config cfg = {.hex = 1};
    assert_string_equal(print(cfg, 30), "IP 127.0.0.1.55920 > 127.0.0.1.80:  [|tcp]\n"
                                        "\t0x0000:  4500 003c 1b68 4000 4006 2152 7f00 0001\n"
                                        "\t0x0010:  7f00 0001 da70 0050 3758 897e 0000\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_line),
        cmocka_unit_test(verbose_line),
        cmocka_unit_test(quiet_line),
        cmocka_unit_test(hex_dump),
        cmocka_unit_test(truncated_inside_an_option),
        cmocka_unit_test(truncated_before_an_option),
        cmocka_unit_test(truncated_fixed_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
