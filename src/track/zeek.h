/*
 * zeek.h - Zeek's view of a TCP connection: the per-endpoint states it
 * keeps, the history letters of conn.log, and conn_state.
 */
#ifndef TCPLENS_TRACK_ZEEK_H
#define TCPLENS_TRACK_ZEEK_H

#include "track/conn_int.h"

enum zeek_state {
    Z_INACTIVE,
    Z_SYN_SENT,
    Z_SYN_ACK_SENT,
    Z_PARTIAL,
    Z_ESTABLISHED,
    Z_CLOSED,
    Z_RESET,
};

void zeek_start(struct conn *c);
/* A segment sent by `side` (CLIENT is Zeek's originator). */
void zeek_segment(struct conn *c, int side, const struct seg *s);
/* "SF", "S0", "REJ", ... */
const char *zeek_conn_state(const struct conn *c);

#endif
