/*
 * reasm_test.c - follow-stream reassembly, situation by situation; each
 * expected event list was worked out by hand from reasm.h's rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "decode/pkt.h"
#include "track/reasm.h"

/* Every event as one line of text. */
static char events[2048];

static void add(const char *fmt, ...)
{
    size_t n = strlen(events);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(events + n, sizeof events - n, fmt, ap);
    va_end(ap);
}

static void on_data(void *ctx, int node, uint64_t frame, nstime ts, uint64_t off,
                    const uint8_t *p, uint32_t n)
{
    (void)ctx, (void)ts;
    add("data %d f%llu @%llu %.*s;", node, (unsigned long long)frame, (unsigned long long)off,
        (int)n, (const char *)p);
}

static void on_gap(void *ctx, int node, enum reasm_gap why, uint64_t frame, uint64_t off,
                   uint32_t missing)
{
    static const char *const kinds[] = {"acked", "limit", "end", "snaplen"};
    (void)ctx;
    add("gap %d %s f%llu @%llu %u;", node, kinds[why], (unsigned long long)frame,
        (unsigned long long)off, missing);
}

static void on_conflict(void *ctx, int node, uint64_t frame, uint64_t off, uint32_t n)
{
    (void)ctx;
    add("conflict %d f%llu @%llu %u;", node, (unsigned long long)frame, (unsigned long long)off, n);
}

static void on_after_fin(void *ctx, int node, uint64_t frame, uint32_t n)
{
    (void)ctx;
    add("afterfin %d f%llu %u;", node, (unsigned long long)frame, n);
}

static const struct reasm_sink sink = {on_data, on_gap, on_conflict, on_after_fin};
static struct reasm_budget budget;
static uint64_t frame;

static struct reasm *start(size_t per_node)
{
    events[0] = '\0';
    frame = 0;
    budget = (struct reasm_budget){.limit = 1 << 20, .per_node = per_node};
    return reasm_new(&budget, 1024, &sink, NULL);
}

/* A segment from node with relative seq/ack; data is its payload text. */
static void seg(struct reasm *r, int node, uint16_t flags, uint32_t seq, uint32_t ack,
                const char *data)
{
    uint32_t n = (uint32_t)strlen(data);
    struct reasm_seg s = {.node = node, .frame = ++frame, .flags = flags, .seq = seq, .ack = ack,
                          .len = n, .data = (const uint8_t *)data, .caplen = n};
    reasm_segment(r, &s);
}

static void handshake(struct reasm *r)
{
    seg(r, 0, TH_SYN, 0, 0, "");
    seg(r, 1, TH_SYN | TH_ACK, 0, 1, "");
    seg(r, 0, TH_ACK, 1, 1, "");
}

static void done(struct reasm *r, const char *want)
{
    reasm_finish(r);
    reasm_free(r);
    assert_string_equal(events, want);
    assert_int_equal(budget.held, 0);
}

static void in_order(void **state)
{
    (void)state;
    struct reasm *r = start(1 << 16);
    handshake(r);
    seg(r, 0, TH_ACK | TH_PUSH, 1, 1, "hello");
    seg(r, 1, TH_ACK | TH_PUSH, 1, 6, "hi");
    done(r, "data 0 f4 @0 hello;data 1 f5 @0 hi;");
}

static void out_of_order_is_held(void **state)
{
    (void)state;
    struct reasm *r = start(1 << 16);
    handshake(r);
    seg(r, 0, TH_ACK, 6, 1, "xyz");   /* f4: leaves 1..5 open */
    seg(r, 0, TH_ACK, 1, 1, "hello"); /* f5: fills it */
    done(r, "data 0 f5 @0 hello;data 0 f4 @5 xyz;");
}

static void resent_prefix_is_cut(void **state)
{
    (void)state;
    struct reasm *r = start(1 << 16);
    handshake(r);
    seg(r, 0, TH_ACK, 1, 1, "hello");
    seg(r, 0, TH_ACK, 4, 1, "loWORLD"); /* "lo" again, then new bytes */
    seg(r, 0, TH_ACK, 1, 1, "hello");   /* all old: dropped */
    done(r, "data 0 f4 @0 hello;data 0 f5 @5 WORLD;");
}

static void different_resent_bytes_conflict(void **state)
{
    (void)state;
    struct reasm *r = start(1 << 16);
    handshake(r);
    seg(r, 0, TH_ACK, 1, 1, "hello");
    seg(r, 0, TH_ACK, 1, 1, "jelly"); /* bytes 0 and 4 differ; the first copy stays */
    done(r, "data 0 f4 @0 hello;conflict 0 f5 @0 2;");
}

static void ack_beyond_hole_declares_gap(void **state)
{
    (void)state;
    struct reasm *r = start(1 << 16);
    handshake(r);
    seg(r, 0, TH_ACK, 1, 1, "ab");  /* f4: 1..2 */
    seg(r, 0, TH_ACK, 10, 1, "cd"); /* f5: 3..9 never captured */
    seg(r, 1, TH_ACK, 1, 3, "");    /* f6: ACK at the hole: nothing yet */
    seg(r, 1, TH_ACK, 1, 12, "");   /* f7: the receiver had it */
    done(r, "data 0 f4 @0 ab;gap 0 acked f7 @2 7;data 0 f5 @9 cd;");
}

static void data_after_fin_is_ignored(void **state)
{
    (void)state;
    struct reasm *r = start(1 << 16);
    handshake(r);
    seg(r, 0, TH_ACK | TH_FIN, 1, 1, "ab"); /* FIN at 3 */
    seg(r, 0, TH_ACK, 2, 1, "bzz");         /* "b" old, "zz" at 3..4 after the FIN */
    done(r, "data 0 f4 @0 ab;afterfin 0 f5 2;");
}

static void bound_gives_up_lowest_hole(void **state)
{
    (void)state;
    struct reasm *r = start(4);
    handshake(r);
    seg(r, 0, TH_ACK, 5, 1, "efgh"); /* f4: held, 4 bytes: at the bound */
    seg(r, 0, TH_ACK, 12, 1, "lm");  /* f5: no room: 1..4 given up, f4 delivered; f5 held */
    seg(r, 0, TH_ACK, 9, 1, "ijk");  /* f6: fills 9..11 */
    done(r, "gap 0 limit f5 @0 4;data 0 f4 @4 efgh;data 0 f6 @8 ijk;data 0 f5 @11 lm;");
}

static void end_of_input_flushes_held(void **state)
{
    (void)state;
    struct reasm *r = start(1 << 16);
    handshake(r);
    seg(r, 0, TH_ACK, 1, 1, "ab");
    seg(r, 0, TH_ACK, 5, 1, "ef"); /* 3..4 never seen, never acknowledged */
    done(r, "data 0 f4 @0 ab;gap 0 end f5 @2 2;data 0 f5 @4 ef;");
}

static void snaplen_cut_is_a_gap(void **state)
{
    (void)state;
    struct reasm *r = start(1 << 16);
    handshake(r);
    struct reasm_seg s = {.node = 0, .frame = ++frame, .flags = TH_ACK, .seq = 1, .ack = 1,
                          .len = 10, .data = (const uint8_t *)"abcd", .caplen = 4};
    reasm_segment(r, &s);
    seg(r, 0, TH_ACK, 11, 1, "k");
    done(r, "data 0 f4 @0 abcd;gap 0 snaplen f4 @4 6;data 0 f5 @10 k;");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(in_order),
        cmocka_unit_test(out_of_order_is_held),
        cmocka_unit_test(resent_prefix_is_cut),
        cmocka_unit_test(different_resent_bytes_conflict),
        cmocka_unit_test(ack_beyond_hole_declares_gap),
        cmocka_unit_test(data_after_fin_is_ignored),
        cmocka_unit_test(bound_gives_up_lowest_hole),
        cmocka_unit_test(end_of_input_flushes_held),
        cmocka_unit_test(snaplen_cut_is_a_gap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
