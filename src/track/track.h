/*
 * track.h - per-conversation state kept across packets, and what it says
 * about each segment.
 *
 * The tracker is the only stateful stage between decoding and printing.
 * For now it keeps tcpdump's relative sequence bases: the first packet
 * with ACK set in a conversation (or any SYN with ACK) records both sides'
 * initial numbers, and later segments are shown relative to them.
 */
#ifndef TCPLENS_TRACK_TRACK_H
#define TCPLENS_TRACK_TRACK_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/pkt.h"

struct track_config {
    bool absolute_seq; /* -S: never keep or apply bases */
    bool quiet;        /* -q: tcpdump does not look at sequence numbers */
};

/* What the tracker says about one segment, for the printers. */
struct seg_view {
    bool relative;     /* seq_sub and ack_sub apply to seq and ack */
    uint32_t seq_sub;  /* subtract from seq */
    uint32_t ack_sub;  /* subtract from ack */
    uint32_t sack_sub; /* subtract from SACK block edges */
};

struct tracker;

struct tracker *track_new(const struct track_config *cfg);
void track_free(struct tracker *t);

/* Account for one decoded packet; fills *out (zeroed when not TCP). */
void track_packet(struct tracker *t, const struct pkt *p, struct seg_view *out);

#endif
