/*
 * annotate.h - lines under a segment's tcpdump line.
 *
 * --states: what the segment did to its connection, so a learner sees the
 * state diagram happen:
 *	stream 0: new connection, client 10.0.0.1.40001, server 10.0.0.2.5001
 *	client CLOSED -> SYN_SENT
 *
 * --analysis: Wireshark's verdicts in its words, tcplens's, and why they
 * differ when they do:
 *	wireshark: [TCP Out-Of-Order]
 *	tcplens: fast retransmission (3 duplicate ACKs, SACK above it)
 *	note: a retransmission, not out-of-order: ...
 */
#ifndef TCPLENS_REPORT_ANNOTATE_H
#define TCPLENS_REPORT_ANNOTATE_H

#include "base/sb.h"
#include "track/track.h"

void annotate_states(struct sb *o, const struct seg_view *v);
void annotate_analysis(struct sb *o, const struct seg_view *v);

#endif
