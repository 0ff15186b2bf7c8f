/*
 * verdict.h - a segment's verdicts in words, shared by --analysis, -V and
 * --json: Wireshark's (its Info-column tags), tcplens's (retransmission
 * cause, probe), and, where the two disagree, why.
 */
#ifndef TCPLENS_REPORT_VERDICT_H
#define TCPLENS_REPORT_VERDICT_H

#include <stdbool.h>

#include "base/sb.h"
#include "track/track.h"

/* Wireshark's Info tags, left to right as its Info column shows them:
 * "[TCP ZeroWindowProbeAck] [TCP ZeroWindow]"; false when there are none. */
bool verdict_wireshark(struct sb *o, const struct ws_result *w);

/* "fast", "rto", "tlp", "spurious", "reordered"; NULL for none. */
const char *verdict_cause_name(const struct rx_result *r);
/* "zero_window_probe", "keep_alive"; NULL for none. */
const char *verdict_probe_name(const struct rx_result *r);

/* tcplens's verdict in a phrase: "fast retransmission (3 duplicate ACKs,
 * SACK above it)"; false when there is nothing to say. */
bool verdict_tcplens(struct sb *o, const struct rx_result *r);

/* Each disagreement between the two, as a sentence, to emit(ctx, text). */
void verdict_notes(const struct seg_view *v, void (*emit)(void *ctx, const char *text), void *ctx);

#endif
