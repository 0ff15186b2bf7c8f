/*
 * annotate.h - --states: what a segment did to its connection, printed
 * under its tcpdump line, so a learner sees the state diagram happen.
 *
 *	stream 0: new connection, client 10.0.0.1.40001, server 10.0.0.2.5001
 *	client CLOSED -> SYN_SENT
 */
#ifndef TCPLENS_REPORT_ANNOTATE_H
#define TCPLENS_REPORT_ANNOTATE_H

#include "base/sb.h"
#include "track/track.h"

void annotate_states(struct sb *o, const struct seg_view *v);

#endif
