/*
 * ladder.h - `tcplens ladder`: one connection drawn as the sequence
 * diagram of every TCP textbook.  The client's line is on the left, the
 * server's on the right, one arrow per packet with its time since the
 * stream's first packet, its flags and relative seq/ack/len; each side's
 * new state is written beside its line when the packet changes it, and
 * Wireshark's and tcplens's verdicts go under the arrow they belong to.
 *
 * It fits 80 columns.  Runs of plain segments (no SYN, FIN or RST, no
 * state change, no verdict) beyond a few are summarized in one line
 * unless `full`.  The same rows can go to an SVG file.
 */
#ifndef TCPLENS_REPORT_LADDER_H
#define TCPLENS_REPORT_LADDER_H

#include <stdbool.h>
#include <stdio.h>

#include "base/sb.h"
#include "decode/pkt.h"
#include "report/follow.h"
#include "track/track.h"

struct ladder_config {
    struct follow_select sel; /* the stream */
    bool full;                /* draw every packet */
    bool color;               /* ANSI colours */
    FILE *svg;                /* also write an SVG here (seekable), or NULL */
};

struct ladder;

struct ladder *ladder_new(const struct ladder_config *cfg, struct sb *out);
void ladder_free(struct ladder *l);

/* One packet (any: those of other streams are skipped). */
void ladder_packet(struct ladder *l, const struct pkt *p, const struct seg_view *v);

/* The input ended; false if the stream was never seen or the SVG could
 * not be finished. */
bool ladder_end(struct ladder *l);

#endif
