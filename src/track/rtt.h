/*
 * rtt.h - round-trip time samples of one direction, two ways:
 *   - TCP timestamps (RFC 7323): an ACK that advances and echoes TSecr = v
 *     measures from the first segment that carried TSval v;
 *   - SEQ/ACK: an ACK for exactly the end of a segment measures from when
 *     that segment was sent, unless it was retransmitted (Karn's rule).
 * Samples go into a running summary whose median is exact up to five
 * samples and a P-square estimate (Jain and Chlamtac, 1985) beyond.
 */
#ifndef TCPLENS_TRACK_RTT_H
#define TCPLENS_TRACK_RTT_H

#include <stdbool.h>
#include <stdint.h>

#include "track/conn.h"

void rtt_add(struct rtt_stats *s, float seconds);
/* Median in seconds (0 with no samples). */
float rtt_median(const struct rtt_stats *s);

/* Data (or SYN/FIN) segment [seq, end) sent at now by this direction;
 * `retrans` when it covers sequence space sent before. */
void rtt_sent(struct rtt_track *r, uint32_t seq, uint32_t end, bool retrans, bool has_ts,
              uint32_t tsval, nstime now);

/* The peer acknowledged `ack` (advancing past what it acknowledged
 * before, when `advances`), echoing tsecr; samples go to the stats. */
void rtt_acked(struct rtt_track *r, uint32_t ack, bool advances, bool has_ts, uint32_t tsecr,
               nstime now, struct rtt_stats *by_ts, struct rtt_stats *by_seq);

#endif
