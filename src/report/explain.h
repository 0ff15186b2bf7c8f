/*
 * explain.h - the IP and TCP header bytes, one row per field: the table
 * people draw by hand from tcpdump -x output.  Each row gives the byte
 * offset within the header, the bytes in hex, for fields smaller than a
 * byte the bit positions (0 is the most significant bit, as in the RFC
 * diagrams), the field, its value and what it means.
 *
 *   offset  bytes        bits  field                  value       meaning
 *   0       45           0-3   version                4           IPv4
 *                        4-7   header length (IHL)    5           5 x 4 = 20 bytes
 *
 * Values come from the decoder; only the hex column shows frame bytes,
 * as the -x dump does.  Bytes that were not captured show as "--".
 */
#ifndef TCPLENS_REPORT_EXPLAIN_H
#define TCPLENS_REPORT_EXPLAIN_H

#include "base/sb.h"
#include "decode/pkt.h"
#include "track/track.h"

void explain_headers(struct sb *o, const struct pkt *p, const struct seg_view *v);

#endif
