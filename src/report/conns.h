/*
 * conns.h - `tcplens conns`: one row per connection, in stream order, as
 * an aligned table, CSV, or JSON lines, then a summary of totals and
 * diagnoses.
 *
 * Rows arrive as connections end (track.h's done callback), which is not
 * stream order; from a file they are held back until every earlier stream
 * has been written: at most CONNS_REORDER rows or CONNS_REORDER_BYTES of
 * text.  Past that the earliest held rows go out, and the row of a stream
 * that was still open follows when it ends.  From a live capture every row
 * goes out at once.
 */
#ifndef TCPLENS_REPORT_CONNS_H
#define TCPLENS_REPORT_CONNS_H

#include <stdbool.h>

#include "base/sb.h"
#include "track/track.h"

#define CONNS_REORDER 65536
#define CONNS_REORDER_BYTES (8u << 20)

enum conns_format { CONNS_TABLE, CONNS_CSV, CONNS_JSON };

struct conns_printer;

struct conns_printer *conns_new(enum conns_format fmt, bool live, struct sb *out);
void conns_free(struct conns_printer *cp);

/* The tracker's done callback (ctx is the conns_printer). */
void conns_done(void *ctx, const struct conn *c, enum conn_end why, nstime now);

/* Write what is still held back, then (for the table) the summary. */
void conns_finish(struct conns_printer *cp);

#endif
