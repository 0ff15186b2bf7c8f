/*
 * tcp_fsm_test.c - the state machine as a table: one row per arrow of
 * RFC 9293 figure 5 (and its notes), then what captures add: retransmitted
 * SYNs and FINs, RSTs in every state, segments that change nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "track/tcp_fsm.h"

#define FIN 0x01
#define SYN 0x02
#define RST 0x04
#define ACK 0x10
#define NONE TCPS_COUNT /* no second state */

enum { SENT = 1, RCVD = 0 };

struct row {
    enum tcp_state from;
    bool sent;
    uint16_t flags;
    bool acks_syn, acks_fin, passive;
    enum tcp_state to1, to2; /* to1 == from and to2 == NONE: no change */
    const char *what;
};

static const struct row rows[] = {
    /* --- figure 5 --- */
    {TCPS_CLOSED, SENT, SYN, 0, 0, 0, TCPS_SYN_SENT, NONE, "active OPEN: snd SYN"},
    {TCPS_LISTEN, RCVD, SYN, 0, 0, 0, TCPS_SYN_RCVD, NONE, "LISTEN rcv SYN"},
    {TCPS_CLOSED, SENT, SYN | ACK, 0, 0, 0, TCPS_LISTEN, TCPS_SYN_RCVD, "answers a SYN: was listening"},
    {TCPS_LISTEN, SENT, SYN | ACK, 0, 0, 0, TCPS_SYN_RCVD, NONE, "LISTEN snd SYN,ACK"},
    {TCPS_LISTEN, SENT, SYN, 0, 0, 0, TCPS_SYN_SENT, NONE, "LISTEN SEND: snd SYN"},
    {TCPS_SYN_SENT, RCVD, SYN, 0, 0, 0, TCPS_SYN_RCVD, NONE, "simultaneous open: rcv SYN"},
    {TCPS_SYN_SENT, RCVD, SYN | ACK, 1, 0, 0, TCPS_ESTABLISHED, NONE, "rcv SYN,ACK of our SYN"},
    {TCPS_SYN_RCVD, RCVD, ACK, 1, 0, 0, TCPS_ESTABLISHED, NONE, "rcv ACK of SYN"},
    {TCPS_SYN_RCVD, SENT, FIN | ACK, 0, 0, 0, TCPS_FIN_WAIT_1, NONE, "SYN_RCVD CLOSE: snd FIN"},
    {TCPS_SYN_RCVD, RCVD, RST, 0, 0, 1, TCPS_LISTEN, NONE, "note 1: RST after passive open"},
    {TCPS_ESTABLISHED, SENT, FIN | ACK, 0, 0, 0, TCPS_FIN_WAIT_1, NONE, "CLOSE: snd FIN"},
    {TCPS_ESTABLISHED, RCVD, FIN | ACK, 0, 0, 0, TCPS_CLOSE_WAIT, NONE, "rcv FIN"},
    {TCPS_FIN_WAIT_1, RCVD, ACK, 0, 1, 0, TCPS_FIN_WAIT_2, NONE, "rcv ACK of FIN"},
    {TCPS_FIN_WAIT_1, RCVD, FIN | ACK, 0, 0, 0, TCPS_CLOSING, NONE, "simultaneous close: rcv FIN"},
    {TCPS_FIN_WAIT_1, RCVD, FIN | ACK, 0, 1, 0, TCPS_TIME_WAIT, NONE, "note 2: FIN acks our FIN"},
    {TCPS_FIN_WAIT_2, RCVD, FIN | ACK, 0, 0, 0, TCPS_TIME_WAIT, NONE, "rcv FIN"},
    {TCPS_CLOSING, RCVD, ACK, 0, 1, 0, TCPS_TIME_WAIT, NONE, "rcv ACK of FIN"},
    {TCPS_CLOSE_WAIT, SENT, FIN | ACK, 0, 0, 0, TCPS_LAST_ACK, NONE, "CLOSE: snd FIN"},
    {TCPS_LAST_ACK, RCVD, ACK, 0, 1, 0, TCPS_CLOSED, NONE, "rcv ACK of FIN"},
    /* --- RSTs (note 3): the sender keeps nothing, the receiver aborts --- */
    {TCPS_SYN_SENT, RCVD, RST | ACK, 1, 0, 0, TCPS_CLOSED, NONE, "refused: RST answers the SYN"},
    {TCPS_SYN_RCVD, RCVD, RST, 0, 0, 0, TCPS_CLOSED, NONE, "RST in SYN_RCVD after active open"},
    {TCPS_ESTABLISHED, RCVD, RST | ACK, 0, 0, 0, TCPS_CLOSED, NONE, "RST in ESTABLISHED"},
    {TCPS_FIN_WAIT_1, RCVD, RST, 0, 0, 0, TCPS_CLOSED, NONE, "RST in FIN_WAIT_1"},
    {TCPS_FIN_WAIT_2, RCVD, RST, 0, 0, 0, TCPS_CLOSED, NONE, "RST in FIN_WAIT_2"},
    {TCPS_CLOSE_WAIT, RCVD, RST, 0, 0, 0, TCPS_CLOSED, NONE, "RST in CLOSE_WAIT"},
    {TCPS_CLOSING, RCVD, RST, 0, 0, 0, TCPS_CLOSED, NONE, "RST in CLOSING"},
    {TCPS_LAST_ACK, RCVD, RST, 0, 0, 0, TCPS_CLOSED, NONE, "RST in LAST_ACK"},
    {TCPS_TIME_WAIT, RCVD, RST, 0, 0, 0, TCPS_CLOSED, NONE, "RST in TIME_WAIT"},
    {TCPS_LISTEN, RCVD, RST, 0, 0, 0, TCPS_LISTEN, NONE, "a listener ignores RSTs"},
    {TCPS_ESTABLISHED, SENT, RST | ACK, 0, 0, 0, TCPS_CLOSED, NONE, "abort: snd RST"},
    {TCPS_CLOSE_WAIT, SENT, RST, 0, 0, 0, TCPS_CLOSED, NONE, "abort from CLOSE_WAIT"},
    {TCPS_CLOSED, SENT, RST | ACK, 0, 0, 0, TCPS_CLOSED, NONE, "closed port answers with RST"},
    /* --- what captures add --- */
    {TCPS_SYN_SENT, SENT, SYN, 0, 0, 0, TCPS_SYN_SENT, NONE, "retransmitted SYN"},
    {TCPS_SYN_RCVD, SENT, SYN | ACK, 0, 0, 0, TCPS_SYN_RCVD, NONE, "retransmitted SYN,ACK"},
    {TCPS_FIN_WAIT_1, SENT, FIN | ACK, 0, 0, 0, TCPS_FIN_WAIT_1, NONE, "retransmitted FIN"},
    {TCPS_LAST_ACK, SENT, FIN | ACK, 0, 0, 0, TCPS_LAST_ACK, NONE, "retransmitted last FIN"},
    {TCPS_CLOSE_WAIT, RCVD, FIN | ACK, 0, 0, 0, TCPS_CLOSE_WAIT, NONE, "retransmitted FIN received"},
    {TCPS_TIME_WAIT, RCVD, FIN | ACK, 0, 0, 0, TCPS_TIME_WAIT, NONE, "FIN again in TIME_WAIT"},
    {TCPS_TIME_WAIT, SENT, ACK, 0, 0, 0, TCPS_TIME_WAIT, NONE, "TIME_WAIT re-acknowledges"},
    {TCPS_ESTABLISHED, RCVD, ACK, 0, 0, 0, TCPS_ESTABLISHED, NONE, "data or ACK"},
    {TCPS_FIN_WAIT_1, RCVD, ACK, 0, 0, 0, TCPS_FIN_WAIT_1, NONE, "ACK below our FIN"},
    {TCPS_SYN_SENT, RCVD, SYN | ACK, 0, 0, 0, TCPS_SYN_SENT, NONE, "SYN,ACK not for our SYN"},
    {TCPS_CLOSED, RCVD, SYN, 0, 0, 0, TCPS_CLOSED, NONE, "SYN to a port not yet known to listen"},
    {TCPS_SYN_RCVD, RCVD, SYN | ACK, 1, 0, 0, TCPS_ESTABLISHED, NONE, "simultaneous open: peer's SYN,ACK"},
    {TCPS_SYN_RCVD, RCVD, FIN | ACK, 1, 0, 0, TCPS_ESTABLISHED, TCPS_CLOSE_WAIT, "handshake ACK carries a FIN"},
    {TCPS_FIN_WAIT_2, RCVD, ACK, 0, 1, 0, TCPS_FIN_WAIT_2, NONE, "duplicate ACK of our FIN"},
};

static void table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        struct fsm_event e = {r->sent, r->flags, r->acks_syn, r->acks_fin, r->passive};
        enum tcp_state out[2] = {NONE, NONE};
        int n = tcp_fsm_step(r->from, &e, out);
        int want = r->to2 != NONE ? 2 : r->to1 != r->from ? 1 : 0;
        if (n != want || (n > 0 && out[0] != r->to1) || (n > 1 && out[1] != r->to2))
            fail_msg("row %zu (%s): %s gave %d states: %s %s", i, r->what,
                     tcp_state_name(r->from), n, n > 0 ? tcp_state_name(out[0]) : "-",
                     n > 1 ? tcp_state_name(out[1]) : "-");
    }
}

static void names(void **state)
{
    (void)state;
    assert_string_equal(tcp_state_name(TCPS_FIN_WAIT_1), "FIN_WAIT_1");
    assert_string_equal(tcp_state_name(TCPS_TIME_WAIT), "TIME_WAIT");
    assert_true(tcp_state_done(TCPS_TIME_WAIT));
    assert_true(tcp_state_done(TCPS_LISTEN));
    assert_false(tcp_state_done(TCPS_LAST_ACK));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(table), cmocka_unit_test(names)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
