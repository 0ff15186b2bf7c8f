/*
 * follow.h - `tcplens follow`: one stream's payload as tshark's
 * `-z follow,tcp,FORMAT,N` prints it (ascii, hex, raw, yaml), or one
 * direction's bytes exactly (bin).
 *
 * Output streams: the header when the stream's first packet is read, each
 * chunk as reassembly delivers it, the footer at the end, so memory does
 * not follow the stream's size.  Resent bytes that differ, data after a
 * FIN and (in bin) missing bytes are told on the notes stream.
 */
#ifndef TCPLENS_REPORT_FOLLOW_H
#define TCPLENS_REPORT_FOLLOW_H

#include <stdint.h>
#include <stdio.h>

#include "base/addr.h"
#include "base/sb.h"
#include "track/track.h"

enum follow_format { FOLLOW_ASCII, FOLLOW_HEX, FOLLOW_RAW, FOLLOW_YAML, FOLLOW_BIN };

/* Which stream: by Wireshark's index, or by its two endpoints (the first
 * stream between them). */
struct follow_select {
    int64_t stream;        /* -1: by endpoints */
    struct addr addr[2];
    uint16_t port[2];
};

/* sel names connection c (by endpoints: in either order). */
bool follow_selects(const struct follow_select *sel, const struct conn *c);

struct follow_printer;

/* bin_side: CLIENT or SERVER, the direction FOLLOW_BIN writes. */
struct follow_printer *follow_new(enum follow_format format, const struct follow_select *sel,
                                  int bin_side, struct sb *out, FILE *notes);
void follow_free(struct follow_printer *fp);

/* The hooks to give the tracker (ctx: the printer). */
extern const struct follow_hooks follow_printer_hooks;

/* The input ended: the footer (and, if no packet matched, the header
 * tshark prints for an empty stream).  Returns false if nothing matched. */
bool follow_end(struct follow_printer *fp);

#endif
