/*
 * conn_int.h - how the tracker feeds one segment to a connection (private
 * to track/).
 */
#ifndef TCPLENS_TRACK_CONN_INT_H
#define TCPLENS_TRACK_CONN_INT_H

#include "decode/pkt.h"
#include "track/conn.h"
#include "track/track.h"

/* Reduce the decoded TCP segment of p. */
void seg_from_tcp(struct seg *s, const struct pkt *p, nstime now);

/* Start stream number `stream` with its first segment, sent by the
 * endpoint at (src, sport); whatever c held before goes back to pool. */
void conn_start(struct conn *c, struct unacked_pool *pool, uint64_t stream, const struct seg *s,
                const struct addr *src, uint16_t sport, const struct addr *dst, uint16_t dport);

/* Account for a segment sent by endpoint `side`: Wireshark's analysis
 * goes to v->ws, the state changes it causes to v->trans, and, with
 * `causes`, tcplens's retransmission cause and probe reading to v->rx. */
void conn_segment(struct conn *c, struct unacked_pool *pool, int side, const struct seg *s,
                  bool causes, struct seg_view *v);

/* Which endpoint (CLIENT or SERVER) sent from (addr, port). */
int conn_side(const struct conn *c, const struct addr *src, uint16_t sport);

/* Settle the handshake and close kinds from what was seen so far. */
void conn_classify(struct conn *c);

#endif
