/*
 * tree.h - tcplens -V: each packet as a tree of fields (the caller ends it
 * with a blank line), laid out like
 * Wireshark's packet details (tshark -V): the frame, the link header, IPv4
 * or IPv6 field by field, TCP with its options, timestamps within the
 * stream and Wireshark's SEQ/ACK analysis, then tcplens's own verdicts
 * and the state changes.  With -x (or --explain) the IP and TCP header
 * bytes follow, one row per field (explain.h).
 */
#ifndef TCPLENS_REPORT_TREE_H
#define TCPLENS_REPORT_TREE_H

#include "base/sb.h"
#include "decode/pkt.h"
#include "source/frame.h"
#include "track/track.h"

struct tree_printer;

struct tree_printer *tree_new(struct sb *out);
void tree_free(struct tree_printer *tp);
void tree_frame(struct tree_printer *tp, const struct frame *f, const struct pkt *p,
                const struct seg_view *v);

#endif
