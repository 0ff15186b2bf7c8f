/*
 * conn_test.c - whole connections, segment by segment: the handshake and
 * close kinds, the first closer, both endpoints' state lists, counters, and
 * Zeek's conn_state and history for the worked scenarios of Zeek's rules
 * (../shared/spec/anchors.md section 2), each written out as the segments
 * a Linux client (port 40000, ISN 1000) and server (port 80, ISN 5000)
 * would send.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "track/conn_script.h"
#include "track/zeek.h"

#define RUN(c, script) script_run(c, script, SCRIPT_LEN(script), 1000000, NULL)

/* The states an endpoint went through, as "SYN_SENT ESTABLISHED ...". */
static const char *states(const struct endpoint *e)
{
    static char buf[256];
    buf[0] = 0;
    for (int i = 0; i < e->nstates; i++) {
        if (i)
            strcat(buf, " ");
        strcat(buf, tcp_state_name((enum tcp_state)e->states[i]));
    }
    return buf;
}

/* Handshake, request of 10 bytes, response of 20: the common opening. */
#define OPENING                                                                              \
    {'c', S, 1000, 0, 0}, {'s', S | A, 5000, 1001, 0}, {'c', A, 1001, 5001, 0},              \
        {'c', P | A, 1001, 5001, 10}, {'s', A, 5001, 1011, 0}, {'s', P | A, 5001, 1011, 20}, \
        {'c', A, 1011, 5021, 0}

static void four_way_close_client_first(void **state)
{
    (void)state;
    static const struct step script[] = {OPENING,
                                         {'c', F | A, 1011, 5021, 0},
                                         {'s', A, 5021, 1012, 0},
                                         {'s', F | A, 5021, 1012, 0},
                                         {'c', A, 1012, 5022, 0}};
    struct conn c;
    RUN(&c, script);
    assert_int_equal(c.handshake, HS_COMPLETE);
    assert_int_equal(c.close, CLOSE_FOUR_WAY);
    assert_int_equal(c.first_closer, CLIENT);
    assert_false(c.roles_guessed);
    assert_string_equal(states(&c.ep[CLIENT]),
                        "SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT");
    assert_string_equal(states(&c.ep[SERVER]),
                        "LISTEN SYN_RCVD ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED");
    assert_true(c.done);
    assert_string_equal(zeek_conn_state(&c), "SF");
    assert_string_equal(c.history, "ShADadFf");
    assert_int_equal(c.ep[CLIENT].bytes, 10);
    assert_int_equal(c.ep[SERVER].bytes, 20);
    assert_int_equal(c.ep[CLIENT].packets, 6);
    assert_int_equal(c.ep[SERVER].packets, 5);
    assert_int_equal(c.ws.ts_first_rtt, 2000000); /* SYN at 1 ms, handshake ACK at 3 ms */
    assert_int_equal(c.second_fin - c.first_fin, 2000000);
}

static void three_way_close(void **state)
{
    (void)state;
    static const struct step script[] = {
        OPENING, {'c', F | A, 1011, 5021, 0}, {'s', F | A, 5021, 1012, 0}, {'c', A, 1012, 5022, 0}};
    struct conn c;
    RUN(&c, script);
    assert_int_equal(c.close, CLOSE_THREE_WAY);
    assert_string_equal(states(&c.ep[CLIENT]), "SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT");
    assert_int_equal(c.ep[SERVER].state, TCPS_CLOSED);
    assert_string_equal(zeek_conn_state(&c), "SF");
    assert_string_equal(c.history, "ShADadFf");
}

static void simultaneous_close(void **state)
{
    (void)state;
    /* the server's FIN does not acknowledge the client's: they crossed */
    static const struct step script[] = {OPENING,
                                         {'c', F | A, 1011, 5021, 0},
                                         {'s', F | A, 5021, 1011, 0},
                                         {'c', A, 1012, 5022, 0},
                                         {'s', A, 5022, 1012, 0}};
    struct conn c;
    RUN(&c, script);
    assert_int_equal(c.close, CLOSE_SIMULTANEOUS);
    assert_string_equal(states(&c.ep[CLIENT]),
                        "SYN_SENT ESTABLISHED FIN_WAIT_1 CLOSING TIME_WAIT");
    assert_string_equal(states(&c.ep[SERVER]),
                        "LISTEN SYN_RCVD ESTABLISHED FIN_WAIT_1 CLOSING TIME_WAIT");
    assert_string_equal(zeek_conn_state(&c), "SF");
    assert_string_equal(c.history, "ShADadFf");
}

static void client_reset_after_data(void **state)
{
    (void)state;
    static const struct step script[] = {OPENING, {'c', R | A, 1011, 5021, 0}};
    struct conn c;
    RUN(&c, script);
    assert_int_equal(c.close, CLOSE_RESET);
    assert_int_equal(c.rst_by, CLIENT);
    assert_int_equal(c.first_closer, CLIENT);
    assert_int_equal(c.ep[CLIENT].rst_state, TCPS_ESTABLISHED);
    assert_true(c.rst_after_data);
    assert_int_equal(c.ep[CLIENT].state, TCPS_CLOSED);
    assert_int_equal(c.ep[SERVER].state, TCPS_CLOSED);
    assert_string_equal(zeek_conn_state(&c), "RSTO");
    assert_string_equal(c.history, "ShADadR");
}

static void refused(void **state)
{
    (void)state;
    static const struct step script[] = {{'c', S, 1000, 0, 0}, {'s', R | A, 0, 1001, 0}};
    struct conn c;
    RUN(&c, script);
    assert_int_equal(c.handshake, HS_REFUSED);
    assert_int_equal(c.close, CLOSE_RESET);
    assert_int_equal(c.first_closer, SERVER);
    assert_int_equal(c.ep[SERVER].rst_state, TCPS_CLOSED);
    assert_false(c.rst_after_data);
    assert_string_equal(states(&c.ep[CLIENT]), "SYN_SENT CLOSED");
    assert_string_equal(states(&c.ep[SERVER]), ""); /* never seen to listen */
    assert_string_equal(zeek_conn_state(&c), "REJ");
    assert_string_equal(c.history, "Sr");
}

static void unanswered_syns(void **state)
{
    (void)state;
    static const struct step script[] = {
        {'c', S, 1000, 0, 0}, {'c', S, 1000, 0, 0}, {'c', S, 1000, 0, 0}, {'c', S, 1000, 0, 0}};
    struct conn c;
    RUN(&c, script);
    assert_int_equal(c.handshake, HS_SYN_ONLY);
    assert_int_equal(c.close, CLOSE_OPEN);
    assert_int_equal(c.first_closer, -1);
    assert_int_equal(c.ep[CLIENT].syns, 4);
    assert_int_equal(c.ep[CLIENT].state, TCPS_SYN_SENT);
    assert_int_equal(c.ep[SERVER].state, TCPS_CLOSED);
    assert_int_equal(c.ws.ts_first_rtt, 0); /* no iRTT */
    assert_false(c.done);
    assert_string_equal(zeek_conn_state(&c), "S0");
    assert_string_equal(c.history, "S"); /* same ISN: no new letter */
}

static void mid_stream(void **state)
{
    (void)state;
    /* the capture starts with client data; no SYN ever seen */
    static const struct step script[] = {{'c', P | A, 1001, 5001, 10},
                                         {'s', A, 5001, 1011, 0},
                                         {'s', P | A, 5001, 1011, 20},
                                         {'c', A, 1011, 5021, 0}};
    struct conn c;
    RUN(&c, script);
    assert_true(c.roles_guessed);
    assert_int_equal(c.start, START_MIDSTREAM);
    assert_int_equal(c.ep[SERVER].port, 80); /* the lower port */
    assert_int_equal(c.handshake, HS_NOT_SEEN);
    assert_int_equal(c.close, CLOSE_OPEN);
    assert_int_equal(c.ep[CLIENT].state, TCPS_ESTABLISHED);
    assert_int_equal(c.ep[SERVER].state, TCPS_ESTABLISHED);
    assert_string_equal(zeek_conn_state(&c), "OTH");
    assert_string_equal(c.history, "DadA");
}

static void half_close(void **state)
{
    (void)state;
    /* the client closes; the server acknowledges, sends more, never closes */
    static const struct step script[] = {OPENING,
                                         {'c', F | A, 1011, 5021, 0},
                                         {'s', A, 5021, 1012, 0},
                                         {'s', P | A, 5021, 1012, 30},
                                         {'c', A, 1012, 5051, 0}};
    struct conn c;
    RUN(&c, script);
    assert_int_equal(c.close, CLOSE_HALF);
    assert_int_equal(c.first_closer, CLIENT);
    assert_int_equal(c.ep[CLIENT].state, TCPS_FIN_WAIT_2);
    assert_int_equal(c.ep[SERVER].state, TCPS_CLOSE_WAIT);
    assert_int_equal(c.ep[SERVER].bytes, 50);
    assert_false(c.done);
    assert_string_equal(zeek_conn_state(&c), "S2");
    assert_string_equal(c.history, "ShADadF");
}

static void retransmitted_data(void **state)
{
    (void)state;
    /* the request goes out twice before the server acknowledges it */
    static const struct step script[] = {
        {'c', S, 1000, 0, 0},         {'s', S | A, 5000, 1001, 0},  {'c', A, 1001, 5001, 0},
        {'c', P | A, 1001, 5001, 10}, {'c', P | A, 1001, 5001, 10}, {'s', A, 5001, 1011, 0},
        {'s', P | A, 5001, 1011, 20}, {'c', A, 1011, 5021, 0},      {'c', F | A, 1011, 5021, 0},
        {'s', A, 5021, 1012, 0},      {'s', F | A, 5021, 1012, 0},  {'c', A, 1012, 5022, 0}};
    struct conn c;
    RUN(&c, script);
    assert_int_equal(c.ep[CLIENT].retrans_bytes, 10);
    assert_int_equal(c.ep[CLIENT].retrans_packets, 1);
    assert_int_equal(c.ep[CLIENT].bytes, 20); /* payload bytes, retransmissions included */
    assert_int_equal(c.ep[CLIENT].rtt_seq.count, 2); /* the SYN/ACK's ACK and the FIN's ACK */
    assert_string_equal(zeek_conn_state(&c), "SF");
    assert_string_equal(c.history, "ShADTadFf");
}

static void retransmitted_fin(void **state)
{
    (void)state;
    static const struct step script[] = {OPENING,
                                         {'c', F | A, 1011, 5021, 0},
                                         {'c', F | A, 1011, 5021, 0},
                                         {'s', A, 5021, 1012, 0},
                                         {'s', F | A, 5021, 1012, 0},
                                         {'c', A, 1012, 5022, 0}};
    struct conn c;
    RUN(&c, script);
    assert_int_equal(c.close, CLOSE_FOUR_WAY);
    assert_string_equal(states(&c.ep[CLIENT]),
                        "SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT");
    assert_int_equal(c.ep[CLIENT].retrans_packets, 1);
    assert_int_equal(c.ep[CLIENT].retrans_bytes, 0);
    assert_string_equal(c.history, "ShADadFf"); /* same FIN position: no second F */
}

static void simultaneous_open(void **state)
{
    (void)state;
    /* both send a SYN; each answers the other's with a SYN/ACK repeating its ISN */
    static const struct step script[] = {
        {'c', S, 1000, 0, 0},          {'s', S, 5000, 0, 0},         {'c', S | A, 1000, 5001, 0},
        {'s', S | A, 5000, 1001, 0},   {'c', A, 1001, 5001, 0},      {'c', P | A, 1001, 5001, 10},
        {'s', A, 5001, 1011, 0},       {'c', F | A, 1011, 5001, 0},  {'s', F | A, 5001, 1012, 0},
        {'c', A, 1012, 5002, 0}};
    struct conn c;
    RUN(&c, script);
    assert_int_equal(c.handshake, HS_SIMULTANEOUS);
    assert_string_equal(states(&c.ep[CLIENT]),
                        "SYN_SENT SYN_RCVD ESTABLISHED FIN_WAIT_1 TIME_WAIT");
    assert_string_equal(states(&c.ep[SERVER]),
                        "SYN_SENT SYN_RCVD ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED");
    assert_string_equal(c.history, "SsADaFf");
}

static void reset_in_syn_rcvd(void **state)
{
    (void)state;
    /* the client aborts before completing the handshake */
    static const struct step script[] = {
        {'c', S, 1000, 0, 0}, {'s', S | A, 5000, 1001, 0}, {'c', R, 1001, 0, 0}};
    struct conn c;
    RUN(&c, script);
    assert_int_equal(c.handshake, HS_INCOMPLETE);
    assert_int_equal(c.close, CLOSE_RESET);
    assert_int_equal(c.ep[CLIENT].rst_state, TCPS_ESTABLISHED);
    /* RFC 9293 note 1: a passively opened SYN_RCVD goes back to LISTEN */
    assert_string_equal(states(&c.ep[SERVER]), "LISTEN SYN_RCVD LISTEN");
    assert_true(c.done);
}

static void all_stamped_zero(void **state)
{
    (void)state;
    /* a capture whose clock reads 0 throughout: the handshake times count as
     * seen, but Wireshark takes a SYN at time 0 for no SYN, so no iRTT */
    static const struct step script[] = {
        {'c', S, 1000, 0, 0}, {'s', S | A, 5000, 1001, 0}, {'c', A, 1001, 5001, 0}};
    struct conn c;
    script_run(&c, script, 3, 0, NULL);
    assert_int_equal(c.handshake, HS_COMPLETE);
    assert_int_equal(c.ws.ts_first_rtt, 0);
    assert_true(nstime_seen(c.syn_time) && nstime_seen(c.ack_time));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(four_way_close_client_first),
        cmocka_unit_test(three_way_close),
        cmocka_unit_test(simultaneous_close),
        cmocka_unit_test(client_reset_after_data),
        cmocka_unit_test(refused),
        cmocka_unit_test(unanswered_syns),
        cmocka_unit_test(mid_stream),
        cmocka_unit_test(half_close),
        cmocka_unit_test(retransmitted_data),
        cmocka_unit_test(retransmitted_fin),
        cmocka_unit_test(simultaneous_open),
        cmocka_unit_test(reset_in_syn_rcvd),
        cmocka_unit_test(all_stamped_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
