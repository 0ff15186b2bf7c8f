/*
 * pkt_json.h - tcplens --json: one JSON object per packet, with the TCP
 * header, Wireshark's SEQ/ACK analysis, tcplens's retransmission cause
 * and the state changes the segment caused.  docs/json.md lists every key.
 */
#ifndef TCPLENS_REPORT_PKT_JSON_H
#define TCPLENS_REPORT_PKT_JSON_H

#include "base/sb.h"
#include "decode/pkt.h"
#include "track/track.h"

void pkt_json(struct sb *o, const struct pkt *p, const struct seg_view *v);

#endif
