/*
 * tcp_fsm.h - one endpoint's TCP state machine (RFC 9293 figure 5 and its
 * notes), as a passive observer infers it.
 *
 * Every segment on the wire is an event for both endpoints: its sender
 * "sent" it, and the other endpoint "received" it (the observer assumes
 * delivery).  tcp_fsm_step() is a pure function from a state and one
 * event to the states the endpoint passes through; docs/states.md explains
 * the rules and what cannot be seen from the wire.
 */
#ifndef TCPLENS_TRACK_TCP_FSM_H
#define TCPLENS_TRACK_TCP_FSM_H

#include <stdbool.h>
#include <stdint.h>

enum tcp_state {
    TCPS_CLOSED,
    TCPS_LISTEN,
    TCPS_SYN_SENT,
    TCPS_SYN_RCVD,
    TCPS_ESTABLISHED,
    TCPS_FIN_WAIT_1,
    TCPS_FIN_WAIT_2,
    TCPS_CLOSE_WAIT,
    TCPS_CLOSING,
    TCPS_LAST_ACK,
    TCPS_TIME_WAIT,
    TCPS_COUNT
};

/* "ESTABLISHED", "FIN_WAIT_1", ... */
const char *tcp_state_name(enum tcp_state s);

/* One segment, as one endpoint experiences it. */
struct fsm_event {
    bool sent;      /* the endpoint sent it; otherwise it received it */
    uint16_t flags; /* TH_SYN, TH_ACK, TH_FIN, TH_RST of the segment */
    bool acks_syn;  /* received: its ACK covers this endpoint's SYN */
    bool acks_fin;  /* received: its ACK covers this endpoint's FIN */
    bool passive;   /* the endpoint reached SYN_RCVD from LISTEN (RFC 9293 note 1) */
};

/* The states the endpoint enters because of e, in order (at most two, as
 * when a server answers a SYN: LISTEN then SYN_RCVD).  Returns how many;
 * 0 when nothing changes. */
int tcp_fsm_step(enum tcp_state s, const struct fsm_event *e, enum tcp_state out[2]);

/* A state in which the endpoint holds no connection any more (a listener
 * that a RST sent back to LISTEN included). */
static inline bool tcp_state_done(enum tcp_state s)
{
    return s == TCPS_CLOSED || s == TCPS_TIME_WAIT || s == TCPS_LISTEN;
}

#endif
