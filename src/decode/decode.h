/*
 * decode.h - frame bytes -> struct pkt.
 *
 * decode_frame() never fails and never allocates: whatever it could not
 * read is recorded in the pkt (layer stop states, anomaly bits).  It keeps
 * no state between calls; the pkt refers to the frame's bytes, so it is
 * valid only as long as the frame is.
 */
#ifndef TCPLENS_DECODE_DECODE_H
#define TCPLENS_DECODE_DECODE_H

#include <stdbool.h>

#include "decode/pkt.h"
#include "source/frame.h"

enum decode_flag {
    DECODE_CKSUM = 1 << 0, /* verify checksums: IPv4 header, TCP, UDP */
};

void decode_frame(const struct frame *f, unsigned flags, struct pkt *out);

/* Link types decode_frame() understands. */
bool decode_linktype_supported(int linktype);

#endif
