/*
 * tcp_fsm.c - RFC 9293 figure 5 from the wire.
 *
 * Sending a segment:
 *   RST                       any -> CLOSED (the resetting side keeps nothing)
 *   SYN                       CLOSED, LISTEN -> SYN_SENT          (active open)
 *   SYN,ACK                   CLOSED -> LISTEN -> SYN_RCVD        (passive open)
 *                             LISTEN, SYN_SENT -> SYN_RCVD
 *   FIN                       ESTABLISHED, SYN_RCVD -> FIN_WAIT_1 (active close)
 *                             CLOSE_WAIT -> LAST_ACK              (passive close)
 * Receiving a segment, its acknowledgment first, then its SYN or FIN:
 *   RST                       SYN_RCVD after a passive open -> LISTEN (note 1)
 *                             any other open state -> CLOSED
 *   SYN                       LISTEN -> SYN_RCVD; SYN_SENT -> SYN_RCVD (simultaneous open)
 *   SYN,ACK of our SYN        SYN_SENT, SYN_RCVD -> ESTABLISHED
 *   ACK of our SYN            SYN_RCVD -> ESTABLISHED
 *   ACK of our FIN            FIN_WAIT_1 -> FIN_WAIT_2; CLOSING -> TIME_WAIT;
 *                             LAST_ACK -> CLOSED
 *   FIN                       ESTABLISHED -> CLOSE_WAIT; FIN_WAIT_2 -> TIME_WAIT;
 *                             FIN_WAIT_1 -> CLOSING (simultaneous close), or
 *                             FIN_WAIT_1 -> TIME_WAIT when the FIN also
 *                             acknowledges ours (note 2)
 * Anything else (retransmissions included) changes nothing.
 */
#include "track/tcp_fsm.h"

#define F_FIN 0x01
#define F_SYN 0x02
#define F_RST 0x04
#define F_ACK 0x10

const char *tcp_state_name(enum tcp_state s)
{
    static const char *const names[TCPS_COUNT] = {
        "CLOSED",     "LISTEN",     "SYN_SENT",   "SYN_RCVD", "ESTABLISHED", "FIN_WAIT_1",
        "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING",    "LAST_ACK", "TIME_WAIT",
    };
    return (unsigned)s < TCPS_COUNT ? names[s] : "?";
}

static int one(enum tcp_state out[2], enum tcp_state s)
{
    out[0] = s;
    return 1;
}

static int sent(enum tcp_state s, const struct fsm_event *e, enum tcp_state out[2])
{
    uint16_t f = e->flags;
    if (f & F_RST)
        return s == TCPS_CLOSED ? 0 : one(out, TCPS_CLOSED);
    if ((f & (F_SYN | F_ACK)) == F_SYN)
        return s == TCPS_CLOSED || s == TCPS_LISTEN ? one(out, TCPS_SYN_SENT) : 0;
    if (f & F_SYN) {
        if (s == TCPS_CLOSED) {
            out[0] = TCPS_LISTEN;
            out[1] = TCPS_SYN_RCVD;
            return 2;
        }
        return s == TCPS_LISTEN || s == TCPS_SYN_SENT ? one(out, TCPS_SYN_RCVD) : 0;
    }
    if (f & F_FIN) {
        if (s == TCPS_ESTABLISHED || s == TCPS_SYN_RCVD)
            return one(out, TCPS_FIN_WAIT_1);
        if (s == TCPS_CLOSE_WAIT)
            return one(out, TCPS_LAST_ACK);
    }
    return 0;
}

/* The acknowledgment part of a received segment. */
static enum tcp_state acked(enum tcp_state s, const struct fsm_event *e)
{
    if (!(e->flags & F_ACK))
        return s;
    if (e->acks_syn && (s == TCPS_SYN_RCVD || (s == TCPS_SYN_SENT && (e->flags & F_SYN))))
        return TCPS_ESTABLISHED;
    if (e->acks_fin) {
        switch (s) {
        case TCPS_FIN_WAIT_1:
            return (e->flags & F_FIN) ? s : TCPS_FIN_WAIT_2; /* FIN too: note 2, below */
        case TCPS_CLOSING:
            return TCPS_TIME_WAIT;
        case TCPS_LAST_ACK:
            return TCPS_CLOSED;
        default:
            break;
        }
    }
    return s;
}

/* The SYN or FIN part of a received segment. */
static enum tcp_state control(enum tcp_state s, const struct fsm_event *e)
{
    uint16_t f = e->flags;
    if ((f & (F_SYN | F_ACK)) == F_SYN && (s == TCPS_LISTEN || s == TCPS_SYN_SENT))
        return TCPS_SYN_RCVD;
    if (!(f & F_FIN))
        return s;
    switch (s) {
    case TCPS_ESTABLISHED:
    case TCPS_SYN_RCVD:
        return TCPS_CLOSE_WAIT;
    case TCPS_FIN_WAIT_1:
        return e->acks_fin ? TCPS_TIME_WAIT : TCPS_CLOSING;
    case TCPS_FIN_WAIT_2:
        return TCPS_TIME_WAIT;
    default:
        return s;
    }
}

static int received(enum tcp_state s, const struct fsm_event *e, enum tcp_state out[2])
{
    if (e->flags & F_RST) {
        if (s == TCPS_SYN_RCVD && e->passive)
            return one(out, TCPS_LISTEN);
        return s == TCPS_CLOSED || s == TCPS_LISTEN ? 0 : one(out, TCPS_CLOSED);
    }
    int n = 0;
    enum tcp_state a = acked(s, e);
    if (a != s)
        out[n++] = a;
    enum tcp_state c = control(a, e);
    if (c != a)
        out[n++] = c;
    return n;
}

int tcp_fsm_step(enum tcp_state s, const struct fsm_event *e, enum tcp_state out[2])
{
    return e->sent ? sent(s, e, out) : received(s, e, out);
}
